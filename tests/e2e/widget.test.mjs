// E2E tests of the widget as a page neighbour: it draws nothing while idle, validates before it
// stores, and several instances live on one page and unmount cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  distReady, setup, openWidget, semantics, waitForNode, findNode, clickNode, pending, screenshot,
} from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const SURVEY = '/assets/surveys/default.json';

// Counts requestAnimationFrame callbacks; the demo page itself requests none.
function countFrames() {
  window.__rafCalls = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { window.__rafCalls++; cb(t); });
}

test('an idle widget draws no frames, and input draws a few', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, context, console: log } = await setup(t);
  await context.addInitScript(countFrames);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  await waitForNode(page, 'submit');
  await page.waitForTimeout(300); // let the start-up frames run out
  const before = await page.evaluate(() => window.__rafCalls);
  await page.waitForTimeout(10_000);
  const idle = (await page.evaluate(() => window.__rafCalls)) - before;
  assert.equal(idle, 0, 'frames drawn in 10 s of idle');

  const grade = findNode(await semantics(page), 'satisfaction/3');
  await clickNode(page, grade);
  await waitForNode(page, 'satisfaction/3', (n) => n.value === 'true');
  await page.waitForTimeout(300);
  const afterClick = (await page.evaluate(() => window.__rafCalls)) - before;
  assert.ok(afterClick > 0 && afterClick < 20, `a click draws a handful of frames, drew ${afterClick}`);
  log.assertClean(assert);
});

test('submit without the required grade shows a message and stores nothing', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'en' });
  const submit = await waitForNode(page, 'submit');
  await clickNode(page, submit);
  const alert = await waitForNode(page, 'missing');
  assert.equal(alert.role, 'alert');
  assert.match(alert.label, /marked \*/);
  await screenshot(page, 'required', 'missing');
  const p = await pending(page);
  assert.equal(p.total, 0, 'nothing stored');
  assert.equal(ep.postCount, 0, 'nothing posted');
  // Choosing a grade clears the message.
  await clickNode(page, findNode(await semantics(page), 'satisfaction/7'));
  await waitForNode(page, 'satisfaction/7', (n) => n.value === 'true');
  assert.equal(findNode(await semantics(page), 'missing'), undefined, 'message gone after answering');
  log.assertClean(assert);
});

test('two widgets on one page work independently; unmount removes one', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  await waitForNode(page, 'submit');
  const result = await page.evaluate(async (endpointUrl) => {
    const { mount } = await import('./manyi.js');
    const box = document.createElement('div');
    box.id = 'second';
    box.style.height = '420px';
    document.querySelector('main').append(box);
    const w2 = await mount(box, { locale: 'en', endpoint: { url: endpointUrl } });
    window.second = w2;
    await new Promise((resolve) => box.addEventListener('manyi:visible', resolve, { once: true }));
    const labels = w2.semantics().filter((n) => /^satisfaction\/\d+$/.test(n.id)).map((n) => n.label);
    return { canvases: document.querySelectorAll('canvas').length, labels };
  }, ep.url);
  assert.equal(result.canvases, 2);
  assert.equal(result.labels[6], 'very satisfied', 'the second widget has its own locale');
  assert.equal(findNode(await semantics(page), 'satisfaction/7').label, '很满意', 'the first keeps its own');

  // A click on the first widget changes only the first.
  await clickNode(page, findNode(await semantics(page), 'satisfaction/2'));
  await waitForNode(page, 'satisfaction/2', (n) => n.value === 'true');
  const second = await page.evaluate(() => window.second.semantics().find((n) => n.id === 'satisfaction/2').value);
  assert.equal(second, 'false');
  await screenshot(page, 'two-widgets', 'both');

  const after = await page.evaluate(() => {
    window.second.unmount();
    let threw = false;
    try { window.second.semantics(); } catch (e) { threw = true; }
    return { canvases: document.querySelectorAll('canvas').length, threw, children: document.getElementById('second').children.length };
  });
  assert.deepEqual(after, { canvases: 1, threw: true, children: 0 });
  // The first still answers.
  await clickNode(page, findNode(await semantics(page), 'satisfaction/5'));
  await waitForNode(page, 'satisfaction/5', (n) => n.value === 'true');
  log.assertClean(assert);
});

test('the language switch changes every label at once and keeps the answers', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  await clickNode(page, await waitForNode(page, 'satisfaction/5'));
  await waitForNode(page, 'satisfaction/5', (n) => n.value === 'true');
  await clickNode(page, await waitForNode(page, 'locale/en'));
  const grade = await waitForNode(page, 'satisfaction/5', (n) => n.label === 'somewhat satisfied');
  assert.equal(grade.value, 'true', 'the answer survives the switch');
  assert.equal(findNode(await semantics(page), 'locale/en').value, 'true');
  assert.equal(findNode(await semantics(page), 'submit').label, 'Submit');
  await screenshot(page, 'language', 'en');
  log.assertClean(assert);
});

test('kiosk mode asks for persistent storage and reports it with the estimate', { skip, timeout: 60_000 }, async (t) => {
  const { page, web, console: log } = await setup(t, { endpoint: false });
  await page.goto(web.url + '?locale=en');
  await page.waitForFunction(() => window.manyi || window.manyiError);
  const result = await page.evaluate(async () => {
    window.manyi.unmount();
    const { mount } = await import('./manyi.js');
    const el = document.getElementById('app');
    const seen = new Promise((resolve) => el.addEventListener('manyi:storage', (e) => resolve(e.detail), { once: true }));
    window.manyi = await mount(el, { locale: 'en', mode: 'kiosk' });
    return { event: await seen, pending: await window.manyi.pending() };
  });
  assert.equal(typeof result.event.persisted, 'boolean', 'persist() answered');
  assert.ok(result.pending.storage.quota > 0, `quota reported: ${JSON.stringify(result.pending.storage)}`);
  assert.ok(result.pending.storage.usage >= 0);
  assert.equal(result.pending.storage.persisted, result.event.persisted);
  // The kiosk shows it on screen too (for the operator walking past).
  const shown = await waitForNode(page, 'storage-state');
  assert.equal(shown.value, result.event.persisted ? 'persistent' : 'not-persistent');
  assert.match(shown.label, result.event.persisted ? /^Storage: persistent · .+ of .+ used$/ : /^Storage: not persistent.* of .+ used$/);
  await screenshot(page, 'widget', 'kiosk-storage-state');
  log.assertClean(assert, [/did not grant persistent storage/]);
});

test('a press whose focus moves away before the release still clicks (focus loss keeps the pointer)', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  const grade = await waitForNode(page, 'satisfaction/4');
  await page.mouse.move(grade.rect.x + grade.rect.width / 2, grade.rect.y + grade.rect.height / 2);
  await page.mouse.down();
  // Focus leaves the canvas while the button is held, as when another window or a popup takes it.
  await page.evaluate(() => document.getElementById('host-input').focus());
  await page.mouse.up();
  await waitForNode(page, 'satisfaction/4', (n) => n.value === 'true', 'the grade chosen by the press');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'host-input', 'the host keeps its focus');
  log.assertClean(assert);
});

test('scrolled out of view the widget draws nothing; what it was asked to draw shows when it is back', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, context, console: log } = await setup(t);
  await context.addInitScript(countFrames);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  await waitForNode(page, 'submit');
  // The host page goes on below the widget; the reader scrolls far past it.
  await page.evaluate(() => {
    const tall = document.createElement('div');
    tall.style.height = '4000px';
    document.body.appendChild(tall);
    window.scrollTo(0, 3500);
  });
  await page.waitForFunction(() => document.querySelector('#app canvas').getBoundingClientRect().bottom < 0);
  await page.waitForTimeout(300); // the IntersectionObserver's callback
  const before = await page.evaluate(() => window.__rafCalls);
  // Something asks for frames while it is out of view: the operator opens the dashboard from code.
  await page.evaluate(() => window.manyi.showDashboard(true));
  await page.waitForTimeout(1500);
  assert.equal((await page.evaluate(() => window.__rafCalls)) - before, 0, 'no frame drawn out of view');
  await page.evaluate(() => window.scrollTo(0, 0));
  const nodes = await page.waitForFunction(() => window.manyi.semantics().some((n) => /^dash/.test(n.id)), null, { timeout: 10_000 });
  assert.ok(nodes);
  assert.ok((await page.evaluate(() => window.__rafCalls)) - before > 0, 'drawn once back in view');
  log.assertClean(assert);
});
