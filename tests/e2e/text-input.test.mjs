// E2E of text entry (issue 5): IME composition through the DevTools protocol, Enter while
// composing, a long paste cut at the field's limit with a message, and characters outside the
// bundled font's subset drawn (by the browser's fonts) once the field is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distReady, setup, openWidget, waitForNode, findNode, semantics, clickNode, screenshot } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const SURVEY = '/assets/surveys/default.json';
const COMPLAINT = '服务态度很差，等了四十分钟';

async function openComment(page) {
  await clickNode(page, await waitForNode(page, 'comment'));
  await page.waitForFunction(() => document.activeElement?.matches?.('[data-manyi-text-field]'), null, { polling: 50, timeout: 5_000 });
}

test('IME composition commits once; Enter while composing does not leave or submit', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  await clickNode(page, await waitForNode(page, 'satisfaction/6'));
  await openComment(page);
  const cdp = await page.context().newCDPSession(page);
  // A pinyin IME: pre-edit text shown in the field, then the chosen characters committed.
  await cdp.send('Input.imeSetComposition', { text: 'fuwutaidu', selectionStart: 9, selectionEnd: 9 });
  assert.equal(await page.evaluate(() => document.activeElement.value), 'fuwutaidu', 'the pre-edit text is shown in place');
  await cdp.send('Input.insertText', { text: COMPLAINT });
  await waitForNode(page, 'comment', (n) => n.value === COMPLAINT, 'the committed text, once (no pinyin left behind)');
  // Enter while composing (choosing a candidate) neither leaves the field nor submits.
  await cdp.send('Input.imeSetComposition', { text: 'zai', selectionStart: 3, selectionEnd: 3 });
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => document.activeElement?.matches?.('[data-manyi-text-field]')), 'still editing after Enter in composition');
  assert.equal(findNode(await semantics(page), 'reference'), undefined, 'nothing submitted');
  await page.evaluate(() => { const f = document.activeElement; f.value = f.value.replace(/zai\n?$/, ''); f.dispatchEvent(new Event('input')); });
  await waitForNode(page, 'comment', (n) => n.value === COMPLAINT);
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.activeElement?.matches?.('[data-manyi-text-field]'));
  await waitForNode(page, 'comment', (n) => n.value === COMPLAINT);
  await screenshot(page, 'text-input', 'ime-committed');
  await clickNode(page, await waitForNode(page, 'submit'));
  const ref = await waitForNode(page, 'reference');
  const got = await ep.waitFor((e) => e.byId.get(ref.value));
  assert.equal(got.body.answers.comment.value, COMPLAINT, 'stored and sent as typed');
  log.assertClean(assert);
});

test('a 5,000-character paste is kept up to the limit, with a message', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  await openComment(page);
  const long = '长'.repeat(5000);
  // A real paste event with clipboard data, as Ctrl+V dispatches it.
  await page.evaluate((text) => {
    const f = document.activeElement;
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    if (f.dispatchEvent(ev)) document.execCommand('insertText', false, text);
  }, long);
  const limit = await page.evaluate(() => document.activeElement.maxLength);
  assert.ok(limit > 0 && limit < 5000, `the comment has a limit (${limit})`);
  await waitForNode(page, 'comment', (n) => n.value.length === limit, `comment cut to ${limit}`);
  const note = await waitForNode(page, 'comment/truncated');
  assert.match(note.label, new RegExp(`超过 ${limit} 字`));
  await screenshot(page, 'text-input', 'paste-truncated');
  log.assertClean(assert);
});

test('characters the bundled font lacks (rare, emoji) are drawn after the field is left', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  await openComment(page);
  const text = '龘靐 𠀀 🙂';
  await page.keyboard.insertText(text);
  await waitForNode(page, 'comment', (n) => n.value === text);
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.activeElement?.matches?.('[data-manyi-text-field]'));
  await page.waitForTimeout(200);
  await screenshot(page, 'text-input', 'fallback-glyphs');
  // Ink of the first two glyph cells of the box: 龘靐 (48 and 29 strokes) drawn from the system's
  // font are dense; ImGui's fallback '?' for a missing glyph is a few dozen pixels.
  const box = findNode(await semantics(page), 'comment').rect;
  const png = await page.screenshot({ clip: { x: box.x + 8, y: box.y + 6, width: 36, height: 24 } });
  const dark = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 3 * 110) n++;
    return n;
  }, png.toString('base64'));
  t.diagnostic(`dark pixels in the first two cells: ${dark}`);
  assert.ok(dark > 150, `the rare characters are drawn, not '?' (${dark} dark pixels)`);
  log.assertClean(assert);
});
