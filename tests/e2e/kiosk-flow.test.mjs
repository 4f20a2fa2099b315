// E2E of the kiosk's respondent loop (issue 6): one tap on a face on the first screen; a
// dissatisfied tap leads to the complaint form and its reference screen; a satisfied tap ends at
// once; the thank-you goes back to the first screen by itself; an idle survey warns with a
// countdown, "continue" keeps it, then it resets (saving the partial answers when the operator chose
// so); taps right after a response are flagged "burst"; the attract screen comes when nobody
// touches the kiosk. Touch emulation, a real endpoint on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../support/static-server.mjs';
import { distReady, DIST, CHROMIUM, CHROMIUM_ARGS, startEndpoint, collectConsole, waitForMount, waitForNode, waitForSemantics,
  findNode, screenshot } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';

// A finger dragging the page up or down (CDP touch events, as a touch screen sends them).
async function swipe(page, x, fromY, toY) {
  const cdp = await page.context().newCDPSession(page);
  const steps = 8;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: fromY }] });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: fromY + ((toY - fromY) * i) / steps }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

// Scrolls by touch until the node is wholly on screen, then taps its centre.
async function tap(page, id) {
  let n = await waitForNode(page, id);
  const vh = page.viewportSize().height;
  for (let i = 0; i < 20 && (n.rect.y < 0 || n.rect.y + n.rect.height > vh); i++) {
    const up = n.rect.y + n.rect.height > vh;
    await swipe(page, 40, up ? vh * 0.7 : vh * 0.3, up ? vh * 0.3 : vh * 0.7);
    await page.waitForTimeout(150);
    n = await waitForNode(page, id);
  }
  await page.touchscreen.tap(n.rect.x + n.rect.width / 2, n.rect.y + n.rect.height / 2);
}

async function typeInto(page, id, text) {
  await tap(page, id);
  await page.waitForFunction(() => document.activeElement && /TEXTAREA|INPUT/.test(document.activeElement.tagName));
  await page.keyboard.type(text);
  await waitForNode(page, id, (n) => n.value === text, `${id} = ${text}`);
}

const firstScreen = (nodes) => findNode(nodes, 'first-tap/1') && findNode(nodes, 'first-tap/7') && !findNode(nodes, 'reference') ? nodes : null;

async function openKiosk(t, settings) {
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  const ep = await startEndpoint();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-kiosk-flow-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
    hasTouch: true, isMobile: true, deviceScaleFactor: 1, locale: 'zh-CN',
  });
  t.after(async () => { await context.close(); await ep.close(); await web.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  const q = new URLSearchParams({ survey: '/assets/surveys/default.json', device: 'hall-1', endpoint: ep.url, ...settings });
  await page.goto(`${web.url}kiosk.html?${q}`);
  assert.deepEqual(await waitForMount(page), { ok: true });
  await page.evaluate(() => {
    window.__events = [];
    for (const n of ['reset', 'first-tap', 'submit', 'complaint']) document.getElementById('app').addEventListener('manyi:' + n, (e) => window.__events.push({ name: n, detail: e.detail }));
  });
  return { page, ep, log };
}

test('kiosk: a dissatisfied tap leads to the complaint form, its reference, then back to the first screen', { skip, timeout: 120_000 }, async (t) => {
  const { page, ep, log } = await openKiosk(t, { thanks_reset_s: '2', complaint_thanks_reset_s: '5' });
  await waitForSemantics(page, firstScreen, 'the one-tap first screen');
  await screenshot(page, 'kiosk-flow', 'first-screen');
  await tap(page, 'first-tap/2');
  await waitForNode(page, 'complaint.type/complaint');
  await tap(page, 'complaint.type/complaint');
  await tap(page, 'complaint.cause/attitude');
  await typeInto(page, 'complaint.description', '等了四十分钟');
  await tap(page, 'next');
  await waitForNode(page, 'complaint.callback');
  await tap(page, 'complaint.callback');
  await typeInto(page, 'complaint.contact/phone', '13800138000');
  await tap(page, 'submit');
  const ref = await waitForNode(page, 'complaint-reference');
  const countdown = await waitForNode(page, 'kiosk-reset');
  assert.ok(Number(countdown.value) >= 3 && Number(countdown.value) <= 5, `reset shown in ${countdown.value} s`);
  await screenshot(page, 'kiosk-flow', 'complaint-reference');
  const shownAt = Date.now();
  const nodes = await waitForSemantics(page, firstScreen, 'back on the first screen by itself', 15_000);
  const after = Date.now() - shownAt;
  assert.ok(after >= 3000, `the reference stayed longer than a plain thank-you (${after} ms)`);
  // Nothing of the previous respondent: no reference, no text, no contact anywhere on screen.
  const text = JSON.stringify(nodes);
  for (const s of [ref.value, '等了四十分钟', '13800138000']) assert.ok(!text.includes(s), `${s} is gone`);
  assert.equal(await page.evaluate(() => document.activeElement?.value ?? ''), '', 'no text left in a DOM field');
  // Not in the hidden field either, nor in any control of the page (the accessible form).
  const fields = await page.evaluate(() => [...document.querySelectorAll('#app textarea, #app input')].map((f) => f.value).filter((v) => v));
  for (const s of ['等了四十分钟', '13800138000']) assert.ok(!fields.some((v) => v.includes(s)), `${s} is in no DOM field: ${JSON.stringify(fields)}`);
  assert.equal(await page.evaluate(() => document.querySelector('[data-manyi-text-field]').value), '', 'the hidden text field is empty');
  const got = await ep.waitFor((e) => e.received.length === 1 && e, 20_000);
  const body = got.received[0].body;
  assert.equal(body.answers.satisfaction.value, 2);
  assert.equal(body.complaint.origin, 'trigger');
  assert.equal(body.complaint.reference, ref.value);
  assert.equal(body.mode, 'kiosk');
  assert.equal(body.flags, undefined);
  const events = await page.evaluate(() => window.__events);
  assert.ok(events.some((e) => e.name === 'first-tap' && e.detail.outcome === 'complaint'));
  assert.ok(events.some((e) => e.name === 'reset' && e.detail.reason === 'thanks'));
  // The host page hears of the complaint, with the reference the respondent was shown.
  const complaints = events.filter((e) => e.name === 'complaint');
  assert.equal(complaints.length, 1, 'one manyi:complaint event');
  assert.equal(complaints[0].detail.reference, ref.value);
  assert.equal(complaints[0].detail.id, body.id);
  log.assertClean(assert);
});

test('kiosk: satisfied taps end at once; a tap right after a response is flagged burst, not dropped', { skip, timeout: 120_000 }, async (t) => {
  const { page, ep, log } = await openKiosk(t, { thanks_reset_s: '30', burst_window_s: '5' });
  await waitForSemantics(page, firstScreen, 'first screen');
  await tap(page, 'first-tap/6');
  await waitForNode(page, 'reference');
  await screenshot(page, 'kiosk-flow', 'instant-thanks');
  await tap(page, 'new-response');           // the same person again at once
  await waitForSemantics(page, firstScreen, 'first screen again');
  await tap(page, 'first-tap/7');
  await waitForNode(page, 'reference');
  const got = await ep.waitFor((e) => e.received.length === 2 && e, 20_000);
  const bodies = got.received.map((r) => r.body).sort((a, b) => a.submitted_at.localeCompare(b.submitted_at));
  assert.deepEqual(bodies.map((b) => b.answers.satisfaction.value), [6, 7]);
  assert.equal(bodies[0].flags, undefined, 'the first response is not a burst');
  assert.deepEqual(bodies[1].flags, ['burst'], 'the second, seconds later, is flagged');
  assert.deepEqual(Object.keys(bodies[0].answers), ['satisfaction'], 'one tap, one answer');
  // The scores leave the burst out (burst_in_scores is off by default); the operator's responses
  // CSV marks it in its flags column.
  const stats = await page.evaluate(() => window.manyi.stats());
  assert.equal(stats.responses, 2);
  assert.equal(stats.questions.find((q) => q.id === 'satisfaction').n, 1);
  const csv = (await page.evaluate(() => window.manyi.exportCsv({ kind: 'responses' }))).replace(/^\uFEFF/, '').split('\r\n').map((l) => l.split(','));
  const flags = csv[0].indexOf('flags');
  assert.ok(flags > 0, 'a flags column');
  assert.deepEqual(csv.slice(1).filter((r) => r.length > 1).map((r) => [r[csv[0].indexOf('satisfaction')], r[flags]]).sort(), [['6', ''], ['7', 'burst']]);
  log.assertClean(assert);
});

test('kiosk: with burst_in_scores on, a burst counts in the scores', { skip, timeout: 120_000 }, async (t) => {
  const { page, log } = await openKiosk(t, { thanks_reset_s: '30', burst_window_s: '5', burst_in_scores: '1' });
  await waitForSemantics(page, firstScreen, 'first screen');
  await tap(page, 'first-tap/6');
  await waitForNode(page, 'reference');
  await tap(page, 'new-response');
  await waitForSemantics(page, firstScreen, 'first screen again');
  await tap(page, 'first-tap/7');
  await waitForNode(page, 'reference');
  const stats = await page.evaluate(() => window.manyi.stats());
  assert.equal(stats.responses, 2);
  const sat = stats.questions.find((q) => q.id === 'satisfaction');
  assert.equal(sat.n, 2, 'the burst is counted');
  assert.deepEqual(sat.distribution.filter((d) => d.count).map((d) => [d.value, d.count]), [[6, 1], [7, 1]]);
  const payloads = JSON.parse(await page.evaluate(() => window.manyi.exportJson({ kind: 'responses' })));
  assert.deepEqual(payloads.map((p) => p.flags ?? []).sort(), [[], ['burst']], 'and still flagged');
  log.assertClean(assert);
});

test('kiosk: an idle survey warns with a countdown, continue keeps it, then it resets and saves the partial answers', { skip, timeout: 120_000 }, async (t) => {
  const { page, ep, log } = await openKiosk(t, { idle_timeout_s: '10', countdown_s: '5', abandoned: 'save-partial', attract_after_s: '10' });
  await waitForSemantics(page, firstScreen, 'first screen');
  await tap(page, 'first-tap/4');            // neither satisfied nor a complaint: the survey goes on
  await waitForNode(page, 'submit');
  await waitForNode(page, 'satisfaction/4', (n) => n.value === 'true');
  await tap(page, 'recommend/8');
  const warned = await waitForNode(page, 'kiosk-countdown', () => true, 'the idle warning', 20_000);
  assert.ok(Number(warned.value) >= 1 && Number(warned.value) <= 5, `countdown ${warned.value}`);
  await screenshot(page, 'kiosk-flow', 'idle-countdown');
  await tap(page, 'keep-going');
  await waitForSemantics(page, (n) => (!findNode(n, 'kiosk-countdown') && findNode(n, 'submit') ? n : null), 'warning gone, survey kept');
  assert.equal((await waitForNode(page, 'recommend/8')).value, 'true', 'answers kept after continue');
  // Now walk away for good.
  await waitForNode(page, 'kiosk-countdown', () => true, 'the warning again', 20_000);
  const nodes = await waitForSemantics(page, firstScreen, 'reset to the first screen', 20_000);
  assert.equal(findNode(nodes, 'recommend/8'), undefined);
  const got = await ep.waitFor((e) => e.received.length === 1 && e, 20_000);
  const body = got.received[0].body;
  assert.deepEqual(body.flags, ['partial']);
  assert.equal(body.answers.satisfaction.value, 4);
  assert.equal(body.answers.recommend.value, 8);
  const events = await page.evaluate(() => window.__events);
  assert.ok(events.some((e) => e.name === 'reset' && e.detail.reason === 'idle' && e.detail.saved_partial === true));
  // Nobody comes: the attract screen; a tap anywhere brings the faces back.
  await waitForNode(page, 'attract', () => true, 'the attract screen', 20_000);
  await screenshot(page, 'kiosk-flow', 'attract');
  await tap(page, 'attract');
  await waitForSemantics(page, firstScreen, 'first screen after the attract screen');
  log.assertClean(assert);
});

test('kiosk: an idle survey with the default policy is discarded, never sent', { skip, timeout: 90_000 }, async (t) => {
  const { page, ep, log } = await openKiosk(t, { idle_timeout_s: '10', countdown_s: '3' });
  await waitForSemantics(page, firstScreen, 'first screen');
  await tap(page, 'first-tap/4');
  await waitForNode(page, 'submit');
  await waitForSemantics(page, firstScreen, 'reset to the first screen', 25_000);
  const events = await page.evaluate(() => window.__events);
  assert.ok(events.some((e) => e.name === 'reset' && e.detail.reason === 'idle' && e.detail.saved_partial === false));
  await page.waitForTimeout(1500);
  assert.equal(ep.received.length, 0, 'nothing sent');
  assert.equal((await page.evaluate(() => window.manyi.pending())).total ?? 0, 0);
  log.assertClean(assert);
});
