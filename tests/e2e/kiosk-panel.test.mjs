// The kiosk operator panel's live parts in real Chromium (issue 6): "Sync now" delivers a queued
// response, the panel's counts follow a response stored meanwhile by another tab, the language
// setting changes the survey's language, the attract screen's language switch is a 48 px target
// that switches, and the wake lock is asked for again when the page comes back into view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../support/static-server.mjs';
import { distReady, DIST, CHROMIUM, CHROMIUM_ARGS, startEndpoint, clickNode, collectConsole, waitForMount, waitForNode, waitForSemantics, findNode, screenshot } from './helpers.mjs';
import { revealNode } from '../support/reveal-node.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const S = 'kiosk-panel';
const PIN = '2580';

async function tap(page, id) {
  const n = await revealNode(page, (await waitForNode(page, id)).id);
  await page.touchscreen.tap(n.rect.x + n.rect.width / 2, n.rect.y + n.rect.height / 2);
}

async function openPanel(page, { first }) {
  await page.locator('#app canvas').focus();
  await page.keyboard.press('Control+Alt+O');
  await waitForNode(page, 'pin-title');
  for (let i = 0; i < (first ? 2 : 1); i++) {
    await page.keyboard.type(PIN);
    await waitForNode(page, 'pin-entry', (n) => n.value === '****');
    await page.keyboard.press('Enter');
    if (first && i === 0) await waitForNode(page, 'pin-entry', (n) => n.value === '');
  }
  return waitForNode(page, 'tab/delivery');
}

// [pending, delivered, refused, total] from the Delivery tab's line.
async function deliveryCounts(page, pred = () => true, what = 'the counts') {
  const n = await waitForNode(page, 'delivery-counts', (x) => pred((x.label.match(/\d+/g) || []).map(Number)), what, 20_000);
  return n.label.match(/\d+/g).map(Number);
}

async function kioskContext(t, { locale = 'en' } = {}) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-panel-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
    hasTouch: true, isMobile: true, deviceScaleFactor: 1, locale,
  });
  t.after(async () => { await context.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  return context;
}

test('kiosk panel: sync now delivers a queued response; the counts follow another tab; the language setting', { skip, timeout: 180_000 }, async (t) => {
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  const ep = await startEndpoint();
  t.after(async () => { await ep.close(); await web.close(); });
  const context = await kioskContext(t);
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  const url = `${web.url}kiosk.html?survey=/assets/surveys/default.json&locale=en&attract=0&burst_window_s=0&endpoint=${encodeURIComponent(ep.url)}`;
  await ep.close(); // the endpoint is down: the response waits on the device
  await page.goto(url);
  assert.deepEqual(await waitForMount(page), { ok: true });
  await tap(page, 'first-tap/7');
  const stored = await waitForNode(page, 'reference');
  await page.waitForFunction(() => window.manyi.pending().then((p) => p.pending === 1 && p.total === 1));

  await openPanel(page, { first: true });
  await tap(page, 'tab/delivery');
  assert.deepEqual(await deliveryCounts(page), [1, 0, 0, 1]);
  await screenshot(page, S, '01-queued');
  // The endpoint is back; the operator does not wait for the retry timer.
  await ep.restart();
  await tap(page, 'delivery/sync');
  await ep.waitFor((e) => e.received.length === 1, 20_000);
  assert.equal(ep.received[0].id, stored.value);
  assert.deepEqual(await deliveryCounts(page, (c) => c[0] === 0, 'the panel shows it delivered'), [0, 1, 0, 1]);
  await waitForNode(page, 'delivery-last-success', (n) => !/never/i.test(n.label), 'a last success');
  await screenshot(page, S, '02-synced');

  // Live: a response stored by another tab of this origin shows in the open panel by itself.
  const other = await context.newPage();
  await other.goto(`${web.url}?survey=/assets/surveys/default.json&locale=en&endpoint=${encodeURIComponent(ep.url)}`);
  assert.deepEqual(await waitForMount(other), { ok: true });
  await clickNode(other, await waitForNode(other, 'satisfaction/6'));
  await other.waitForFunction(() => window.manyi.semantics().some((n) => n.id === 'satisfaction/6' && n.value === 'true'));
  await clickNode(other, await waitForNode(other, 'submit'));
  await other.waitForFunction(() => window.manyi.semantics().some((n) => n.id === 'reference'));
  await page.bringToFront();
  const live = await deliveryCounts(page, (c) => c[3] === 2, 'the open panel counts the other tab\'s response');
  assert.equal(live[3], 2);
  await screenshot(page, S, '03-live');
  await other.close();

  // The language setting: the survey speaks it after the panel closes.
  await tap(page, 'tab/settings');
  await tap(page, 'settings/locale/zh-CN');
  await waitForNode(page, 'settings/locale/zh-CN', (n) => n.value === 'true');
  await tap(page, 'settings/save');
  await waitForNode(page, 'settings/message', (n) => /saved|已保存/i.test(n.label), 'saved');
  await tap(page, 'operator/close');
  const first = await waitForNode(page, 'first-tap/7', () => true, 'the first screen', 20_000);
  assert.equal(first.label, '很满意', 'the first screen in the chosen language');
  await screenshot(page, S, '04-language-zh');
  log.assertClean(assert, [/Failed to load resource/, /ERR_CONNECTION_REFUSED/]);
});

test('kiosk attract screen: the language switch is a 48 px target and switches the language', { skip, timeout: 120_000 }, async (t) => {
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  t.after(() => web.close());
  const context = await kioskContext(t, { locale: 'zh-CN' });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  await page.goto(`${web.url}kiosk.html?survey=/assets/surveys/default.json&attract=1&attract_after_s=10&endpoint=${encodeURIComponent(web.url + 'api/responses')}`);
  assert.deepEqual(await waitForMount(page), { ok: true });
  const attract = await waitForNode(page, 'attract', () => true, 'the attract screen', 40_000);
  assert.match(attract.label, /[\u4e00-\u9fff]/, 'in Chinese first');
  const en = await waitForNode(page, 'locale/en');
  assert.ok(en.rect.width >= 48 && en.rect.height >= 48, `a finger-sized target: ${JSON.stringify(en.rect)}`);
  await screenshot(page, S, '05-attract-zh');
  await tap(page, 'locale/en');
  await waitForNode(page, 'locale/en', (n) => n.value === 'true', 'English chosen');
  const after = await waitForSemantics(page, (n) => findNode(n, 'attract') && !/[\u4e00-\u9fff]/.test(findNode(n, 'attract').label) && n, 'the attract screen in English');
  assert.match(findNode(after, 'attract').label, /[A-Za-z]/);
  await screenshot(page, S, '06-attract-en');
  // The language stays for the respondent who starts.
  await tap(page, 'attract');
  const face = await waitForNode(page, 'first-tap/7');
  assert.equal(face.label, 'very satisfied');
  log.assertClean(assert);
});

test('kiosk wake lock: asked for again when the page comes back into view', { skip, timeout: 120_000 }, async (t) => {
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  t.after(() => web.close());
  const context = await kioskContext(t);
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  // Every real request is counted and its sentinel kept (the requests still go to the browser).
  await page.addInitScript(() => {
    window.__wake = [];
    const real = navigator.wakeLock.request.bind(navigator.wakeLock);
    navigator.wakeLock.request = (type) => real(type).then((s) => { window.__wake.push(s); return s; });
  });
  await page.goto(`${web.url}kiosk.html?survey=/assets/surveys/default.json&locale=en&attract=0&endpoint=${encodeURIComponent(web.url + 'api/responses')}`);
  assert.deepEqual(await waitForMount(page), { ok: true });
  await page.waitForFunction(() => window.manyiKiosk?.state.wakeLock === 'held');
  assert.equal(await page.evaluate(() => window.__wake.length), 1);
  // Headless Chromium never hides a page (another tab in front, a minimized window: measured, the
  // page stays "visible"), so the hide is played as the browser plays it: the lock released,
  // visibilityState "hidden", the event; then visible again.
  const state = await page.evaluate(async () => {
    let visibility = 'hidden';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    await window.__wake[0].release();
    document.dispatchEvent(new Event('visibilitychange'));
    const whileHidden = window.manyiKiosk.state.wakeLock;
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    for (let i = 0; i < 50 && window.__wake.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    return { whileHidden, requests: window.__wake.length, now: window.manyiKiosk.state.wakeLock, released: window.__wake[1]?.released };
  });
  assert.deepEqual(state, { whileHidden: 'released', requests: 2, now: 'held', released: false });
  log.assertClean(assert);
});
