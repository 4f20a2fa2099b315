// End-to-end test of Chinese line breaking (issue 5): a long Chinese question title on a 320 px
// wide page, wrapped by the core line breaker, must never start a line with ，or 。.
// The check reads the pixels of the title: a line that starts with an ideograph has ink near the
// top of its first glyph cell; a line that starts with ，or 。 has ink only in the lower part
// (both sit at the bottom-left of the em square). ImGui's own wrap fails this check: it cuts a run
// of Chinese at the first character that does not fit, commas included.
//
//   node --test --test-concurrency=1 tests/e2e/line-break.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distReady, startDist, launch, waitForNode, screenshot } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const BODY_EM_PX = 17; // kBodyFontPx in src/ui/fonts.h: question titles

// Runs with commas every 3, 4 and 5 characters: whatever a line holds (unless a multiple of 60
// cells), a cut at the last character that fits lands before a comma on some line. Only
// characters of the bundled surveys are used, so all are in the font subset.
const TITLE = '服务，'.repeat(6) + '态度很差，'.repeat(5) + '等了分钟，'.repeat(5) + '为什么？'.repeat(3) + '感谢您的评价。';

/** Luminance rows of a page region (the browser decodes the PNG; no dependency). */
async function grey(page, rect) {
  const clip = { x: Math.floor(rect.x), y: Math.floor(rect.y), width: Math.ceil(rect.width), height: Math.ceil(rect.height) };
  const png = await page.screenshot({ clip });
  const scratch = await page.context().newPage();
  try {
    const { w, h, data } = await scratch.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const out = [];
      for (let i = 0; i < d.length; i += 4) out.push(Math.round(0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]));
      return { w: c.width, h: c.height, data: out };
    }, png.toString('base64'));
    return { w, h, ink: (x, y) => data[y * w + x] < 150 };
  } finally {
    await scratch.close();
  }
}

/** The ink bands (text lines) of an image: runs of rows with ink, split at blank rows. */
function bands(img) {
  const rows = [];
  for (let y = 0; y < img.h; y++) {
    let any = false;
    for (let x = 0; x < img.w && !any; x++) any = img.ink(x, y);
    rows.push(any);
  }
  const out = [];
  for (let y = 0; y < img.h; y++) {
    if (!rows[y]) continue;
    const top = y;
    while (y < img.h && rows[y]) y++;
    out.push({ top, bottom: y - 1 });
  }
  return out;
}

test('a wrapped Chinese title never starts a line with ，or 。 (320 px page)', { skip, timeout: 120_000 }, async (t) => {
  const web = await startDist();
  const b = await launch(t, { viewport: { width: 320, height: 900 } });
  t.after(async () => {
    await b.close();
    await web.close();
  });
  const { page } = b;
  await page.goto(web.url + '?locale=zh-CN');
  await page.waitForFunction(() => window.manyi || window.manyiError);
  await page.evaluate(async (title) => {
    const survey = await (await fetch('/assets/surveys/default.json')).json();
    survey.questions = [{ id: 'q', type: 'text', required: false, title: { 'zh-CN': title, en: 'Why?' } }];
    delete survey.complaint;
    window.manyi.unmount();
    const { mount } = await import('./manyi.js');
    window.manyi = await mount(document.getElementById('app'), { survey, locale: 'zh-CN' });
  }, TITLE);
  const node = await waitForNode(page, 'q/title', (n) => n.label === TITLE, 'the long title');
  const { file } = await screenshot(page, 'line-break', 'narrow-title');
  t.diagnostic(`screenshot: ${file}`);

  const img = await grey(page, node.rect);
  const lines = bands(img);
  // ImGui lays lines out one font size apart; the title's rect holds whole lines.
  const lineHeight = node.rect.height / lines.length;
  assert.ok(lines.length >= 6, `the title wraps onto many lines (got ${lines.length})`);
  assert.ok(Math.abs(lineHeight - BODY_EM_PX * 1.448) < 2, `line height ${lineHeight} is the body font's`);

  const cell = Math.round(BODY_EM_PX * 0.9);
  const starts = lines.map((band) => {
    // Topmost ink in the first glyph cell of the line, relative to the line's ink top.
    for (let y = band.top; y <= band.bottom; y++)
      for (let x = 0; x < cell && x < img.w; x++) if (img.ink(x, y)) return y - band.top;
    return Infinity;
  });
  t.diagnostic(`first-cell ink offsets per line (px): ${starts.join(', ')}`);
  starts.forEach((off, i) =>
    assert.ok(off < BODY_EM_PX * 0.4, `line ${i + 1} starts with a low mark (，or 。): first-cell ink ${off} px below the line's top`),
  );
  b.console.assertClean(assert);
});
