// E2E of the kiosk's operator panel (issue 6) in real Chromium with touch emulation and a
// persistent profile: responses taken by touch reach a real endpoint; a 3 s hold in the top-left
// corner opens the panel (touch, then mouse); the PIN is set twice; five wrong PINs lock the pad,
// still locked after a reload, and the right PIN opens it after the delay; the exported CSV's
// rows are the submitted responses; a complaint with callback consent is followed up (contacted,
// resolved, satisfaction), survives a reload and shows in w.stats(). Then: a fleet's preset PIN
// made by `manyi pin-hash` and the keyboard way in (Ctrl+Alt+O), a hostile preset refused; the
// operator database unavailable (said plainly, responses still taken); the 2-minute idle close
// (Playwright's clock, which the widget's Date.now() and timers follow).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../support/static-server.mjs';
import { distReady, DIST, REPO, CHROMIUM, CHROMIUM_ARGS, startEndpoint, collectConsole, waitForMount, waitForNode, waitForSemantics, findNode, screenshot } from './helpers.mjs';
import { revealNode } from '../support/reveal-node.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const S = 'kiosk-operator';
const PIN = '2580';

async function tap(page, id) {
  const n = await revealNode(page, (await waitForNode(page, id)).id);
  await page.touchscreen.tap(n.rect.x + n.rect.width / 2, n.rect.y + n.rect.height / 2);
}

async function typeInto(page, id, text) {
  await tap(page, id);
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-manyi-text-field'));
  await page.keyboard.type(text);
  await waitForNode(page, id, (n) => n.value === text, `${id} = ${text}`);
  await page.evaluate(() => document.querySelector('#app canvas').focus());
}

// A finger held still in the corner (CDP touch events: Playwright's touchscreen only taps).
async function holdCornerByTouch(page, cdp) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 24, y: 30 }] });
  await page.waitForTimeout(3300);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function holdCornerByMouse(page) {
  await page.mouse.move(30, 24);
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
}

async function enterPin(page, digits) {
  for (const d of digits) await tap(page, `pin/${d}`);
  await waitForNode(page, 'pin-entry', (n) => n.value === '*'.repeat(digits.length), `${digits.length} digits typed`);
  await tap(page, 'pin/ok');
}

async function backToFirstScreen(page) {
  return waitForNode(page, 'first-tap/7', () => true, 'the one-tap first screen', 20_000);
}

// The next respondent: "new response" on the thank-you screen (the auto-reset is the kiosk tests').
async function nextRespondent(page) {
  await tap(page, 'new-response');
  return backToFirstScreen(page);
}

// RFC 4180 enough for our exporter: quoted cells, doubled quotes, CRLF or LF.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

test('kiosk operator panel: hidden gesture, PIN and lockout, export, follow-ups', { skip, timeout: 300_000 }, async (t) => {
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  const ep = await startEndpoint();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-operator-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
    hasTouch: true, isMobile: true, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true,
  });
  t.after(async () => { await context.close(); await ep.close(); await web.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  const events = [];
  // Responses follow each other within seconds here: burst flags off, or the scores would leave them out.
  const url = `${web.url}kiosk.html?survey=/assets/surveys/default.json&device=hall-1&attract=0&burst_window_s=0&endpoint=${encodeURIComponent(ep.url)}`;
  const start = async () => {
    await page.goto(url);
    assert.deepEqual(await waitForMount(page), { ok: true });
    await page.evaluate(() => { window.__op = []; window.manyi.on('operator', (e) => window.__op.push(e)); });
  };
  await start();
  const cdp = await page.context().newCDPSession(page);

  // Three respondents by touch: two satisfied taps, one complaint that asks for a callback.
  await backToFirstScreen(page);
  await tap(page, 'first-tap/7');
  await waitForNode(page, 'reference');
  await nextRespondent(page);
  await tap(page, 'first-tap/6');
  await waitForNode(page, 'reference');
  await nextRespondent(page);
  await tap(page, 'first-tap/2');
  await waitForNode(page, 'complaint.type/complaint');
  await tap(page, 'complaint.type/complaint');
  await typeInto(page, 'complaint.description', '排队一个小时');
  await tap(page, 'next');
  await tap(page, 'complaint.callback');
  await typeInto(page, 'complaint.contact/name', '王女士');
  await typeInto(page, 'complaint.contact/phone', '13800138000');
  await tap(page, 'submit');
  const ref = (await waitForNode(page, 'complaint-reference')).value;
  await ep.waitFor((e) => e.received.length >= 3, 30_000);
  assert.equal(ep.received.length, 3);
  await nextRespondent(page);
  // A fourth the endpoint refuses (422): parked, kept with its reason.
  ep.failNext(1, 422);
  await tap(page, 'first-tap/5');
  await waitForNode(page, 'reference');
  await page.waitForFunction(async () => (await window.manyi.pending()).parked === 1);
  await nextRespondent(page);

  // The hidden gesture by touch: the panel asks for a new PIN, twice. The hold pressed nothing.
  await holdCornerByTouch(page, cdp);
  let nodes = await waitForSemantics(page, (n) => (findNode(n, 'pin/5') ? n : null), 'the PIN pad');
  assert.equal(findNode(nodes, 'pin-title').label, '设置运营 PIN');
  for (const k of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'back', 'ok', 'cancel']) assert.equal(findNode(nodes, `pin/${k}`)?.role, 'button', `pin/${k} is a button`);
  assert.equal((await page.evaluate(() => window.manyi.pending())).total, 4, 'the hold did not start a response');
  await tap(page, 'pin/2');
  await tap(page, 'pin/5');
  await waitForNode(page, 'pin-entry', (n) => n.value === '**');
  await screenshot(page, S, '01-pin-pad-set');
  await tap(page, 'pin/8');
  await tap(page, 'pin/0');
  await tap(page, 'pin/ok');
  await waitForNode(page, 'pin-title', (n) => n.label === '再次输入 PIN 以确认');
  await enterPin(page, PIN);
  await waitForNode(page, 'tab/scores', (n) => n.value === 'selected', 'the panel, Scores tab');
  await waitForNode(page, 'dash/complaints/n', (n) => n.value === '1', 'the live dashboard');
  // Live: a response arriving while the panel is open (another tab of the kiosk) updates it.
  const pinSet = await page.evaluate(() => window.__op.find((e) => e.action === 'pin-set'));
  t.diagnostic(`PIN set: ${pinSet.iterations} iterations (sample ${pinSet.sampleMs.toFixed(1)} ms for 10,000; hash ${pinSet.hashMs.toFixed(0)} ms)`);
  assert.ok(pinSet.iterations >= 10000);
  await screenshot(page, S, '02-tab-scores');

  // Delivery: counts, storage, flags.
  await tap(page, 'tab/delivery');
  nodes = await waitForSemantics(page, (n) => (findNode(n, 'delivery-counts') ? n : null), 'the Delivery tab');
  assert.match(findNode(nodes, 'delivery-counts').label, /待发送 0 · 已送达 3 · 被拒收 1 · 共 4/);
  assert.doesNotMatch(findNode(nodes, 'delivery-last-success').label, /从未/);
  assert.ok(nodes.some((n) => n.id.startsWith('parked/') && /422/.test(n.label)), 'the refused response with its reason');
  assert.ok(findNode(nodes, 'storage-state'), 'storage usage and persistence shown');
  assert.ok(findNode(nodes, 'flags-counts'), 'flag counts shown');
  assert.equal(findNode(nodes, 'delivery/sync').role, 'button');
  await screenshot(page, S, '03-tab-delivery');
  // "Retry refused": back in the queue (journal state written), delivered now.
  await tap(page, 'delivery/retry');
  await waitForNode(page, 'delivery-counts', (n) => /已送达 4 · 被拒收 0/.test(n.label), 'the refused response delivered on retry');
  await ep.waitFor((e) => e.received.length >= 4, 15_000);
  const sent = ep.received.map((r) => r.body);

  // Export: the responses CSV downloaded has exactly the submitted responses.
  await tap(page, 'tab/export');
  await waitForNode(page, 'export/responses-csv');
  await screenshot(page, S, '04-tab-export');
  const [download] = await Promise.all([page.waitForEvent('download'), tap(page, 'export/responses-csv')]);
  const csvText = await fsp.readFile(await download.path(), 'utf8');
  // Every response: named by the local days of the first and last (all submitted today).
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
  assert.equal(download.suggestedFilename(), `manyi-manyi-default-responses-${today}_${today}.csv`);
  const rows = parseCsv(csvText.replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
  const header = rows[0];
  const col = (name) => header.indexOf(name);
  const data = rows.slice(1);
  assert.equal(data.length, 4, 'one row per submitted response');
  assert.deepEqual(data.map((r) => r[col('id')]).sort(), sent.map((b) => b.id).sort());
  for (const r of data) {
    const body = sent.find((b) => b.id === r[col('id')]);
    assert.equal(r[col('satisfaction')], String(body.answers.satisfaction.value));
    assert.equal(r[col('device_id')], 'hall-1');
    assert.equal(r[col('mode')], 'kiosk');
    assert.equal(r[col('complaint_reference')], body.complaint ? body.complaint.reference : '');
  }
  assert.equal(data.find((r) => r[col('complaint_reference')] === ref)[col('complaint.contact.phone')], '13800138000');

  // Follow-ups: the complaint with callback consent, marked contacted then resolved, rated 4 of 5.
  await tap(page, 'tab/followups');
  nodes = await waitForSemantics(page, (n) => (findNode(n, `fu/${ref}/title`) ? n : null), 'the follow-up card');
  assert.match(findNode(nodes, `fu/${ref}/contact`).label, /王女士 · 13800138000/);
  assert.equal(findNode(nodes, `fu/${ref}/open`).value, 'selected');
  await tap(page, `fu/${ref}/contacted`);
  await waitForNode(page, `fu/${ref}/contacted`, (n) => n.value === 'selected');
  await tap(page, `fu/${ref}/resolved`);
  await waitForNode(page, `fu/${ref}/resolved`, (n) => n.value === 'selected');
  await tap(page, `fu/${ref}/sat/4`);
  await waitForNode(page, `fu/${ref}/sat/4`, (n) => n.value === 'true');
  await typeInto(page, `fu/${ref}/note`, '已回电致歉');
  await tap(page, `fu/${ref}/save-note`);
  await page.waitForFunction(() => window.__op.some((e) => e.action === 'followup' && e.note === '已回电致歉'));
  await screenshot(page, S, '05-tab-followups');

  // Settings: a device name and a longer idle time, saved; they win over the page's query after a reload.
  await tap(page, 'tab/settings');
  await waitForNode(page, 'settings/idle_timeout_s', (n) => n.value === '45');
  await typeInto(page, 'device_name', 'hall-9');
  await tap(page, 'settings/idle_timeout_s/plus');
  await waitForNode(page, 'settings/idle_timeout_s', (n) => n.value === '50');
  await screenshot(page, S, '06-tab-settings');
  await tap(page, 'settings/save');
  await waitForNode(page, 'settings/message', (n) => n.label === '设置已保存');

  // Closing leaves nothing of the panel on screen.
  await tap(page, 'operator/close');
  nodes = await waitForSemantics(page, (n) => (findNode(n, 'first-tap/7') ? n : null), 'the first screen after closing');
  assert.ok(!nodes.some((n) => /^(pin|tab|fu|operator|delivery|export|settings)[/-]/.test(n.id) || n.id.startsWith('dash/')), 'no panel node left');

  // Reopened with the mouse; five wrong PINs lock the pad with the delay shown.
  await holdCornerByMouse(page);
  await waitForNode(page, 'pin-title', (n) => n.label === '输入运营 PIN');
  for (let i = 1; i <= 5; i++) {
    await enterPin(page, '1111');
    if (i < 5) await waitForNode(page, 'pin-message', (n) => n.label === `PIN 不正确，还可再试 ${5 - i} 次`);
  }
  const locked = await waitForNode(page, 'pin-locked', (n) => /请 (2\d|30) 秒后再试/.test(n.label), 'locked for 30 s');
  assert.equal(locked.role, 'alert');
  assert.equal(findNode(await waitForSemantics(page, (n) => n), 'pin/1').rect.width > 0, true);
  await screenshot(page, S, '07-pin-locked');

  // A reload does not unlock it.
  await start();
  await backToFirstScreen(page);
  await holdCornerByMouse(page);
  const still = await waitForNode(page, 'pin-locked', () => true, 'still locked after a reload');
  const left = Number(still.label.match(/请 (\d+) 秒/)[1]);
  assert.ok(left > 0 && left <= 30, `seconds left: ${left}`);
  await tap(page, 'pin/2'); // the pad takes nothing while locked
  assert.equal((await waitForNode(page, 'pin-entry')).value, '');
  await waitForSemantics(page, (n) => !findNode(n, 'pin-locked') && findNode(n, 'pin/2'), 'the lock runs out', (left + 5) * 1000);
  await enterPin(page, PIN);
  await waitForNode(page, 'tab/scores', (n) => n.value === 'selected', 'the right PIN opens the panel');
  assert.equal((await waitForNode(page, 'operator-title')).label, '运营面板 · hall-9', 'the saved device name over ?device=hall-1');
  await tap(page, 'tab/settings');
  await waitForNode(page, 'settings/idle_timeout_s', (n) => n.value === '50', 'the saved idle time');

  // The follow-up survived the reload, and the scores count it.
  await tap(page, 'tab/followups');
  await waitForNode(page, `fu/${ref}/resolved`, (n) => n.value === 'selected', 'resolved after the reload');
  await waitForNode(page, `fu/${ref}/sat/4`, (n) => n.value === 'true');
  await waitForNode(page, `fu/${ref}/note`, (n) => n.value === '已回电致歉');
  const stats = await page.evaluate(() => window.manyi.stats({ minN: 1 }));
  assert.deepEqual(stats.complaints.follow_up, { open: 0, contacted: 0, resolved: 1 });
  assert.equal(stats.complaints.resolution_index.value, 75);
  events.push(...(await page.evaluate(() => window.__op)));
  const ok = events.find((e) => e.action === 'pin-ok');
  t.diagnostic(`PIN verify in wasm: ${ok.verifyMs.toFixed(0)} ms at ${ok.iterations} iterations`);
  log.assertClean(assert, [/status of 422 \(Unprocessable Entity\)/]); // the refusal the test asked for
});

test('a fleet preset PIN (manyi pin-hash) and the keyboard way in; a hostile preset is ignored', { skip, timeout: 120_000 }, async (t) => {
  const record = execFileSync(path.join(REPO, 'build', 'native', 'manyi'), ['pin-hash', '--iterations', '20000'], { input: '4321\n' }).toString().trim();
  assert.match(record, /^pbkdf2-sha256\$20000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-operator-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en',
  });
  t.after(async () => { await context.close(); await web.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  // A host page of the fleet's own, on the widget's origin, mounting a kiosk with the preset.
  const host = (pin) => `<!doctype html><meta charset="utf-8"><body style="margin:0"><div id="app" style="position:fixed;inset:0"></div>
    <script type="module">
      import { mount } from './manyi.js';
      mount(document.getElementById('app'), { mode: 'kiosk', survey: 'assets/surveys/default.json', locale: 'en', operatorPin: ${JSON.stringify(pin)} })
        .then((w) => { window.manyi = w; }, (e) => { window.manyiError = e.message; });
    </script>`;
  let preset = record;
  await page.route(`${web.url}fleet.html`, (route) => route.fulfill({ contentType: 'text/html', body: host(preset) }));
  const open = async () => {
    await page.goto(`${web.url}fleet.html`);
    assert.deepEqual(await waitForMount(page), { ok: true });
    await backToFirstScreen(page);
    await page.locator('#app canvas').focus();
    await page.keyboard.press('Control+Alt+O');
    return waitForNode(page, 'pin-title');
  };
  assert.equal((await open()).label, 'Enter the operator PIN', 'the preset PIN is asked for, not a new one');
  await page.keyboard.type('4321');
  await waitForNode(page, 'pin-entry', (n) => n.value === '****');
  await page.keyboard.press('Enter');
  await waitForNode(page, 'tab/scores', (n) => n.value === 'selected', 'the preset PIN opens the panel');
  assert.equal(await page.evaluate(() => document.querySelector('#app canvas').style.touchAction), 'none', 'a finger scrolls the panel, not the page');
  await screenshot(page, S, '08-keyboard-en');

  // A planted record that would hash for minutes is refused: the panel asks for a new PIN.
  preset = record.replace('$20000$', '$99999999$');
  assert.equal((await open()).label, 'Set the operator PIN');
  log.assertClean(assert, [/operator PIN record ignored: PIN record: iteration count out of range/]);
});

test('the operator database cannot be opened: the panel says so plainly and the kiosk still works', { skip, timeout: 120_000 }, async (t) => {
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-operator-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en',
  });
  t.after(async () => { await context.close(); await web.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  // A newer version of the database already on the device: opening version 1 fails (VersionError).
  await page.route(`${web.url}broken.html`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8">
    <body style="margin:0"><div id="app" style="position:fixed;inset:0"></div>
    <script type="module">
      import { mount } from './manyi.js';
      const r = indexedDB.open('manyi-kiosk', 7);
      r.onsuccess = () => {
        r.result.close();
        mount(document.getElementById('app'), { mode: 'kiosk', survey: 'assets/surveys/default.json', locale: 'en' })
          .then((w) => { window.manyi = w; w.on('error', (e) => { (window.__errors ||= []).push(e); }); }, (e) => { window.manyiError = e.message; });
      };
    </script>` }));
  await page.goto(`${web.url}broken.html`);
  assert.deepEqual(await waitForMount(page), { ok: true });
  await backToFirstScreen(page);
  await page.locator('#app canvas').focus();
  await page.keyboard.press('Control+Alt+O');
  await waitForNode(page, 'pin-title', (n) => n.label === 'Set the operator PIN');
  for (let i = 0; i < 2; i++) {
    await page.keyboard.type('1234');
    await waitForNode(page, 'pin-entry', (n) => n.value === '****');
    await page.keyboard.press('Enter');
    if (i === 0) await waitForNode(page, 'pin-title', (n) => n.label === 'Enter the PIN again to confirm');
  }
  await waitForNode(page, 'tab/scores', (n) => n.value === 'selected');
  await page.keyboard.press('Tab'); // any key: the Delivery tab is reached by touch below
  await page.mouse.click(...(await waitForNode(page, 'tab/delivery').then((n) => [n.rect.x + 20, n.rect.y + 20])));
  const alert = await waitForNode(page, 'operator-storage-error', () => true, 'the storage failure, in the panel');
  assert.equal(alert.role, 'alert');
  assert.match(alert.label, /^the operator database \(IndexedDB "manyi-kiosk"\) is not available: .*\nNot saved \(PIN, lockout\): the operator database is not open$/s);
  await screenshot(page, S, '09-storage-error');
  const errors = await page.evaluate(() => window.__errors);
  assert.ok(errors.some((e) => e.kind === 'operator-storage' && e.what === 'PIN'), JSON.stringify(errors));
  // Responses are another database: the kiosk still takes them.
  await page.mouse.click(...(await waitForNode(page, 'operator/close').then((n) => [n.rect.x + 20, n.rect.y + 20])));
  const seven = await backToFirstScreen(page);
  await page.mouse.click(seven.rect.x + seven.rect.width / 2, seven.rect.y + seven.rect.height / 2);
  await waitForNode(page, 'reference');
  log.assertClean(assert, [/operator data not saved/]);
});

test('two minutes without input close the panel (Playwright clock)', { skip, timeout: 120_000 }, async (t) => {
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-operator-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en',
  });
  t.after(async () => { await context.close(); await web.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  await page.clock.install(); // the widget's clock is Date.now(); its timers are setTimeout
  await page.goto(`${web.url}kiosk.html?survey=/assets/surveys/default.json&locale=en&attract=0&endpoint=${encodeURIComponent(web.url + 'none')}`);
  assert.deepEqual(await waitForMount(page), { ok: true });
  await page.evaluate(() => { window.__op = []; window.manyi.on('operator', (e) => window.__op.push(e)); });
  await backToFirstScreen(page);
  await page.locator('#app canvas').focus();
  await page.keyboard.press('Control+Alt+O');
  await waitForNode(page, 'pin-title', (n) => n.label === 'Set the operator PIN');
  await page.keyboard.type('1');
  await page.clock.fastForward('01:50');
  await waitForNode(page, 'pin-entry', (n) => n.value === '*', 'still open after 1:50');
  await page.clock.fastForward('00:15');
  await waitForSemantics(page, (n) => findNode(n, 'first-tap/7') && !findNode(n, 'pin-entry'), 'closed after 2:05 without input');
  const closed = await page.evaluate(() => window.__op.filter((e) => e.action === 'closed'));
  assert.deepEqual(closed, [{ action: 'closed', reason: 'idle' }]);
  log.assertClean(assert, [/Failed to load resource/]);
});
