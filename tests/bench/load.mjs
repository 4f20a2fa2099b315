// Load, idle and submit figures of the widget in headless Chromium, served gzip'd from 127.0.0.1.
// Prints a Markdown section for BENCHMARKS.md. Measures; never fails on a number.
//   node tests/bench/load.mjs [--runs 10]
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';
import { startStaticServer } from '../support/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const spread = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

function sizes() {
  const files = ['index.html', 'manyi.js', 'manyi-core.js', 'manyi-core.wasm', 'assets/fonts/manyi-ui.otf', 'assets/surveys/default.json'];
  return files.map((f) => {
    const buf = readFileSync(path.join(DIST, f));
    return { file: f, raw: statSync(path.join(DIST, f)).size, gzip: gzipSync(buf, { level: 9 }).length };
  });
}

const server = await startStaticServer({ root: DIST, port: 0 });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
         '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});

// Counts requestAnimationFrame callbacks the page runs: the widget's frames (the demo page has none).
const countFrames = () => {
  window.__rafCalls = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { window.__rafCalls++; cb(t); });
};

const load = [], transferred = [], idleFrames = [], submitMs = [];
for (let i = 0; i < runs; i++) {
  const ctx = await browser.newContext({ viewport: { width: 900, height: 900 } });
  await ctx.addInitScript(countFrames);
  const page = await ctx.newPage();
  let bytes = 0;
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(server.url + '?locale=zh-CN&endpoint=' + encodeURIComponent(server.url + 'api/responses'));
  // The demo page notes when the widget's "visible" event fired: the first frame showing the survey.
  await page.waitForFunction(() => window.manyi && window.manyiVisibleAt, null, { polling: 20 });
  const visibleAt = await page.evaluate(() => window.manyiVisibleAt);
  load.push(visibleAt);
  transferred.push(bytes);
  await page.waitForTimeout(500);
  const before = await page.evaluate(() => window.__rafCalls);
  await page.waitForTimeout(5000);
  idleFrames.push((await page.evaluate(() => window.__rafCalls)) - before);

  // Submit → thank-you: from the pointerup on the submit button to the submit event.
  const sem = await page.evaluate(() => window.manyi.semantics());
  const at = (id) => { const n = sem.find((x) => x.id === id); return [n.rect.x + n.rect.width / 2, n.rect.y + n.rect.height / 2]; };
  await page.mouse.click(...at('satisfaction/6'));
  await page.evaluate(() => {
    window.__submitMs = null;
    const el = document.getElementById('app');
    el.addEventListener('pointerup', () => { window.__t0 = performance.now(); }, { capture: true, once: true });
    el.addEventListener('manyi:submit', () => { window.__submitMs = performance.now() - window.__t0; }, { once: true });
  });
  await page.waitForTimeout(100);
  await page.mouse.click(...at('submit'));
  await page.waitForFunction(() => window.__submitMs !== null);
  submitMs.push(await page.evaluate(() => window.__submitMs));
  await ctx.close();
}
await browser.close();
await server.close();

const chromiumVersion = execFileSync('/usr/bin/chromium', ['--version']).toString().trim();
const s = sizes();
const total = s.reduce((a, f) => a + f.gzip, 0);
console.log(`## Load, idle and submit (tests/bench/load.mjs)

Command: \`./build.sh bench\` · ${new Date().toISOString().slice(0, 10)} · ${chromiumVersion} headless (SwiftShader WebGL2) ·
emscripten 3.1.6 · Node ${process.version} · ${os.cpus().length} cores · ${runs} runs, each in a fresh browser context.

| file | bytes | gzip -9 |
|---|---:|---:|
${s.map((f) => `| ${f.file} | ${f.raw} | ${f.gzip} |`).join('\n')}
| **total** | ${s.reduce((a, f) => a + f.raw, 0)} | **${total}** |

| figure | median | min–max |
|---|---:|---:|
| bytes transferred until the survey is visible (gzip as served, incl. headers) | ${median(transferred)} | ${Math.min(...transferred)}–${Math.max(...transferred)} |
| navigation start → first frame with the survey visible (ms) | ${median(load).toFixed(1)} | ${spread(load)} |
| frames drawn in 5 s idle after load | ${median(idleFrames)} | ${Math.min(...idleFrames)}–${Math.max(...idleFrames)} |
| submit (pointerup) → response durable, thank-you requested (ms) | ${median(submitMs).toFixed(1)} | ${spread(submitMs)} |
`);
