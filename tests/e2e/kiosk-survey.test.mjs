// The kiosk operator's survey choice (issue 6): the surveys the build ships offered in the panel's
// settings, a new survey URL fetched and parsed before it is saved (a bad one refused with the
// reason), the kiosk restarted on the chosen survey, and a saved survey that later fails to load
// still lets the operator open the panel (corner or Ctrl+Alt+O, PIN) and choose another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../support/static-server.mjs';
import { distReady, DIST, CHROMIUM, CHROMIUM_ARGS, collectConsole, waitForMount, waitForNode, waitForSemantics, findNode, screenshot } from './helpers.mjs';
import { revealNode } from '../support/reveal-node.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const S = 'kiosk-survey';
const PIN = '2580';

// The panel's body scrolls under its tab bar: back to its top (the survey choice is there), so
// that what revealNode finds "in the canvas" is not under the tab bar.
async function panelTop(page) {
  await page.mouse.move(640, 500);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -3000);
  await page.waitForTimeout(200);
}

async function click(page, id) {
  const n = await revealNode(page, (await waitForNode(page, id)).id);
  await page.mouse.click(n.rect.x + n.rect.width / 2, n.rect.y + n.rect.height / 2);
}

async function typeInto(page, id, text) {
  await click(page, id);
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-manyi-text-field'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await waitForNode(page, id, (n) => n.value === text, `${id} = ${text}`);
  await page.evaluate(() => document.querySelector('#app canvas').focus());
}

// Ctrl+Alt+O, then the PIN (set on first use: typed twice), then the settings tab.
async function openSettings(page, { first }) {
  await page.locator('#app canvas').focus();
  await page.keyboard.press('Control+Alt+O');
  await waitForNode(page, 'pin-title', (n) => n.label === (first ? 'Set the operator PIN' : 'Enter the operator PIN'));
  for (let i = 0; i < (first ? 2 : 1); i++) {
    await page.keyboard.type(PIN);
    await waitForNode(page, 'pin-entry', (n) => n.value === '****');
    await page.keyboard.press('Enter');
    if (first && i === 0) await waitForNode(page, 'pin-title', (n) => n.label === 'Enter the PIN again to confirm');
  }
  await waitForNode(page, 'tab/settings');
  await click(page, 'tab/settings');
  return waitForNode(page, 'settings/save');
}

async function savedSettings(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('manyi-kiosk');
    req.onsuccess = () => {
      const g = req.result.transaction('settings').objectStore('settings').get('kiosk');
      g.onsuccess = () => { resolve(g.result ? JSON.parse(g.result.value) : null); req.result.close(); };
      g.onerror = () => reject(g.error);
    };
    req.onerror = () => reject(req.error);
  }));
}

test('kiosk survey choice: known surveys offered, a bad URL refused, the chosen one runs, a broken saved one still opens the panel', { skip, timeout: 240_000 }, async (t) => {
  const custom = JSON.parse(await fsp.readFile(path.join(DIST, 'assets', 'surveys', 'default.json'), 'utf8'));
  custom.id = 'hall-custom';
  custom.title = { 'zh-CN': '大厅问卷', en: 'Hall survey' };
  const pages = {
    '/favicon.ico': { body: '', type: 'image/x-icon' },
    '/not-a-survey.json': { body: '{"id": "x", "questions": "none"}', type: 'application/json' },
    '/hall.json': { body: JSON.stringify(custom), type: 'application/json' },
  };
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {}, pages });
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-survey-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en',
  });
  t.after(async () => { await context.close(); await web.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  const url = `${web.url}kiosk.html?survey=/assets/surveys/default.json&locale=en&attract=0&endpoint=${encodeURIComponent(web.url + 'api/responses')}`;
  const start = async () => {
    await page.goto(url);
    assert.deepEqual(await waitForMount(page), { ok: true });
    await page.evaluate(() => { window.__op = []; window.manyi.on('operator', (e) => window.__op.push(e)); });
  };
  const surveyId = () => page.evaluate(async () => (await window.manyi.stats()).survey);
  await start();
  await waitForNode(page, 'first-tap/7');
  assert.equal(await surveyId(), 'manyi-default');

  await openSettings(page, { first: true });
  // The surveys the build ships, the running one chosen.
  const defaultUrl = new URL('assets/surveys/default.json', web.url).href;
  const allTypesUrl = new URL('assets/surveys/all-types.json', web.url).href;
  const nodes = await waitForSemantics(page, (n) => (findNode(n, `settings/survey/${allTypesUrl}`) ? n : null), 'the known surveys');
  assert.equal(findNode(nodes, `settings/survey/${defaultUrl}`).value, 'true', 'the running survey is the chosen one');
  assert.equal(findNode(nodes, `settings/survey/${defaultUrl}`).label, 'Service satisfaction');
  assert.match(findNode(nodes, `settings/survey/${allTypesUrl}`).label, /every question type/);
  await screenshot(page, S, '01-choice');

  // A URL that does not load, then one that is not a survey: refused, with the reason, nothing saved.
  await typeInto(page, 'survey_url', '/no-such-survey.json');
  await click(page, 'settings/save');
  let msg = await waitForNode(page, 'settings/message', (n) => /HTTP 404/.test(n.label), 'the 404 said');
  assert.equal(msg.role, 'alert');
  assert.match(msg.label, /Survey not saved/);
  await screenshot(page, S, '02-refused-404');
  await panelTop(page);
  await typeInto(page, 'survey_url', '/not-a-survey.json');
  await click(page, 'settings/save');
  msg = await waitForNode(page, 'settings/message', (n) => /not-a-survey\.json\n.*missing format_version/.test(n.label), 'the parse problem said');
  await screenshot(page, S, '03-refused-parse');
  assert.equal(await savedSettings(page), null, 'nothing saved');
  assert.ok((await page.evaluate(() => window.__op)).filter((e) => e.action === 'survey-refused').length === 2);

  // Choose a shipped survey: saved, the kiosk restarts on it.
  await panelTop(page);
  await click(page, `settings/survey/${allTypesUrl}`);
  await waitForNode(page, `settings/survey/${allTypesUrl}`, (n) => n.value === 'true');
  const reloaded = page.waitForEvent('load');
  await click(page, 'settings/save');
  await reloaded;
  assert.deepEqual(await waitForMount(page), { ok: true });
  await waitForSemantics(page, (n) => n.length > 0, 'the new survey');
  assert.equal(await surveyId(), 'manyi-all-types', 'the kiosk runs the chosen survey');
  assert.equal((await savedSettings(page)).survey_url, allTypesUrl);
  await screenshot(page, S, '04-switched');

  // A survey URL typed by the operator, valid today ...
  await page.evaluate(() => { window.__op = []; window.manyi.on('operator', (e) => window.__op.push(e)); });
  await openSettings(page, { first: false });
  await typeInto(page, 'survey_url', '/hall.json');
  const again = page.waitForEvent('load');
  await click(page, 'settings/save');
  await again;
  assert.deepEqual(await waitForMount(page), { ok: true });
  await waitForSemantics(page, (n) => n.length > 0, 'the hall survey');
  assert.equal(await surveyId(), 'hall-custom');

  // ... gone tomorrow: the kiosk shows why, and the operator can still open the panel and fix it.
  delete pages['/hall.json'];
  await start();
  await waitForNode(page, 'error-title', () => true, 'the error screen');
  assert.ok(log.errors.some((e) => /Could not load the survey from .*hall\.json: HTTP 404/.test(e.text)), 'the reason in the console');
  await screenshot(page, S, '05-saved-survey-gone');
  await openSettings(page, { first: false });
  await screenshot(page, S, '06-panel-without-survey');
  await panelTop(page);
  await click(page, `settings/survey/${defaultUrl}`);
  const fixed = page.waitForEvent('load');
  await click(page, 'settings/save');
  await fixed;
  assert.deepEqual(await waitForMount(page), { ok: true });
  await waitForNode(page, 'first-tap/7');
  assert.equal(await surveyId(), 'manyi-default', 'back on a survey that loads');
  log.assertClean(assert, [/Failed to load resource/, /Could not load the survey/, /404/]);
});
