// E2E of text entry on a touch phone (emulated): tapping a text box focuses the DOM field with the
// right inputmode, an on-screen keyboard taking half the screen keeps the field in sight, and a tap
// elsewhere leaves (blurs) it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { distReady, startDist, startEndpoint, CHROMIUM, CHROMIUM_ARGS, collectConsole, openWidget, semantics, waitForNode, waitForSemantics, screenshot } from './helpers.mjs';
import { revealNode } from '../support/reveal-node.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';

async function fieldState(page) {
  return page.evaluate(() => {
    const f = document.querySelector('#app [data-manyi-text-field]');
    const r = f.getBoundingClientRect(), c = document.querySelector('#app canvas').getBoundingClientRect();
    return { focused: document.activeElement === f, shown: f.style.display !== 'none', inputmode: f.getAttribute('inputmode'),
      autocomplete: f.getAttribute('autocomplete'), field: { top: r.top, bottom: r.bottom }, canvas: { top: c.top, bottom: c.bottom } };
  });
}

async function tap(page, node) {
  const shown = (await revealNode(page, node.id)) ?? node;
  await page.touchscreen.tap(shown.rect.x + shown.rect.width / 2, shown.rect.y + shown.rect.height / 2);
}

test('on a touch phone a text box opens the right keyboard, stays in sight above it, and closes', { skip, timeout: 90_000 }, async (t) => {
  const web = await startDist();
  const ep = await startEndpoint();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-mobile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
  });
  t.after(async () => { await context.close(); await ep.close(); await web.close(); await fsp.rm(dir, { recursive: true, force: true }); });
  const page = context.pages()[0];
  const log = collectConsole(page, t.name);
  await openWidget(page, web.url, { survey: '/assets/surveys/default.json', endpoint: ep.url, locale: 'zh-CN' });

  // The complaint form's "order number" box, low on its first page (keypads per field type are
  // checked in survey-types.test.mjs).
  await tap(page, await waitForNode(page, 'complaint-entry'));
  const phone = await waitForNode(page, 'complaint.order');
  await tap(page, phone);
  await page.waitForFunction(() => document.activeElement?.matches?.('[data-manyi-text-field]'), null, { polling: 50, timeout: 5_000 });
  let s = await fieldState(page);
  assert.ok(s.inputmode, 'an inputmode is set');

  // The keyboard comes up and takes half the screen (the page's layout shrinks with it).
  await page.setViewportSize({ width: 390, height: 422 });
  await page.waitForFunction(() => {
    const f = document.querySelector('#app [data-manyi-text-field]').getBoundingClientRect();
    const c = document.querySelector('#app canvas').getBoundingClientRect();
    return f.top >= c.top - 1 && f.bottom <= c.bottom + 1 && c.height < 400;
  }, null, { polling: 50, timeout: 5_000 });
  s = await fieldState(page);
  assert.ok(s.focused && s.shown, 'still editing after the keyboard came up');
  await screenshot(page, 'mobile-input', 'keyboard-half-screen');
  await page.keyboard.insertText('13800138000');
  await waitForNode(page, phone.id, (n) => n.value === '13800138000');

  // A tap on the canvas outside the box leaves the field: the keyboard would close.
  const title = (await semantics(page)).find((n) => n.id === 'title');
  await page.touchscreen.tap(title.rect.x + 4, title.rect.y + title.rect.height / 2);
  await page.waitForFunction(() => document.activeElement !== document.querySelector('#app [data-manyi-text-field]'), null, { polling: 50, timeout: 5_000 });
  s = await fieldState(page);
  assert.ok(!s.focused && !s.shown, 'the field is blurred and hidden');
  await waitForNode(page, phone.id, (n) => n.value === '13800138000', 'the number kept');
  log.assertClean(assert);
});
