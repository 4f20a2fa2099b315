// E2E of the kiosk page (issue 6, kiosk part begun): installable (manifest, icons), service worker,
// wake lock asked for, accidental exits blocked (context menu, back), loads with no network, and a
// response taken by touch reaches the endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../support/static-server.mjs';
import { distReady, DIST, CHROMIUM, CHROMIUM_ARGS, startEndpoint, collectConsole, waitForMount, waitForNode, screenshot } from './helpers.mjs';
import { revealNode } from '../support/reveal-node.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';

async function tap(page, id) {
  const n = await revealNode(page, (await waitForNode(page, id)).id);
  await page.touchscreen.tap(n.rect.x + n.rect.width / 2, n.rect.y + n.rect.height / 2);
}

test('the kiosk page: installable, kept awake, hard to leave, loads offline, takes a response by touch', { skip, timeout: 120_000 }, async (t) => {
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  const ep = await startEndpoint();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-kiosk-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
    hasTouch: true, isMobile: true, deviceScaleFactor: 1, locale: 'zh-CN',
  });
  t.after(async () => { await context.close(); await ep.close(); await web.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  const url = `${web.url}kiosk.html?survey=/assets/surveys/default.json&device=hall-3-tablet-2&endpoint=${encodeURIComponent(ep.url)}`;
  await page.goto(url);
  assert.deepEqual(await waitForMount(page), { ok: true });

  // Installable: a manifest with 192 and 512 PNG icons (and a maskable one) that load.
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    const m = await (await fetch(href)).json();
    const icons = await Promise.all(m.icons.map(async (i) => {
      const r = await fetch(new URL(i.src, href));
      const b = await createImageBitmap(await r.blob());
      return { ...i, status: r.status, type: r.headers.get('content-type'), w: b.width, h: b.height };
    }));
    return { ...m, icons };
  });
  assert.equal(manifest.display, 'fullscreen');
  for (const size of [192, 512]) assert.ok(manifest.icons.some((i) => i.w === size && i.h === size && i.status === 200 && /png/.test(i.type)), `a ${size} px PNG icon`);
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));

  // Kept awake (headless Chromium may refuse the lock: what matters is that it was asked for),
  // and the service worker is ready.
  await page.waitForFunction(() => window.manyiKiosk.state.worker === 'ready', null, { timeout: 20_000 });
  const wake = await page.evaluate(() => window.manyiKiosk.state.wakeLock);
  assert.ok(wake === 'held' || wake.startsWith('refused'), `wake lock asked for: ${wake}`);
  t.diagnostic(`wake lock: ${wake}`);

  // Accidental exits: a long press / right click opens no menu; Back stays on the kiosk.
  await page.evaluate(() => window.addEventListener('contextmenu', (e) => { window.__menuBlocked = e.defaultPrevented; }));
  await page.mouse.click(640, 400, { button: 'right' });
  assert.equal(await page.evaluate(() => window.__menuBlocked), true, 'context menu blocked');
  await page.goBack().catch(() => {});
  await page.waitForTimeout(300);
  assert.match(page.url(), /kiosk\.html/, 'Back does not leave the kiosk');

  // The hall's network goes down; the kiosk reloads (a power blip) and still works by touch.
  await web.close();
  await ep.close();
  await page.goto(url);
  assert.deepEqual(await waitForMount(page), { ok: true });
  await tap(page, 'first-tap/7'); // one tap on the first screen: satisfied, so it ends at once
  const ref = await waitForNode(page, 'reference');
  await screenshot(page, 'kiosk', 'thanks-offline');
  await ep.restart();
  const got = await ep.waitFor((e) => e.byId.get(ref.value), 30_000);
  assert.equal(got.body.mode, 'kiosk');
  assert.equal(got.body.device_id, 'hall-3-tablet-2');
  log.assertClean(assert, [/ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|Failed to load resource/]);
});
