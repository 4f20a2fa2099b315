#!/usr/bin/env node
// The bench of issue 7: Manyi side by side with SurveyJS, in one headless Chromium session.
//
//   node tests/bench/run.mjs [--runs N] [--idle-seconds S]   full run: writes BENCHMARKS.md and
//                                                             tests/bench/results/latest.json
//   (--stored 0,1000,20000 chooses the stored-response counts of the Manyi-only figures;
//    --surveyjs-json FILE serves another SurveyJS JSON, e.g. one matching an older dist/ survey)
//   node tests/bench/run.mjs --phases stored --runs 3 [--write]
//                                                             only the listed phases (comparison, idle,
//                                                             stored, backlog, reliability, scoring);
//                                                             results in test-artifacts/bench/; --write
//                                                             merges them into latest.json and BENCHMARKS.md
//   MANYI_BENCH_DIST=DIR node tests/bench/run.mjs ...         serves another build than dist/
//   node tests/bench/run.mjs --smoke                          one iteration of every figure, a few
//                                                             seconds; writes only
//                                                             test-artifacts/bench/smoke.json
//
// It measures; it never fails on a number. It exits non-zero only when the harness itself breaks
// (a page does not load, a probe times out, the browser dies).
//
// Both pages are served by tests/support/static-server.mjs from dist/ on 127.0.0.1 (gzip -9 as
// served), each run in a fresh browser context (cold HTTP cache, empty storage), the two pages
// alternating in ABBA order so that drift hits both alike. What each figure measures, and how, is
// written next to the figure in BENCHMARKS.md (lib/report.mjs).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/helpers.mjs';
import { startEndpoint } from '../support/endpoint-server.mjs';
import { revealNode } from '../support/reveal-node.mjs';
import { prepareBenchPages, startBenchServer, packageVersion, REPO, DIST, SURVEYJS_FILES } from './lib/pages.mjs';
import { summarize, ratio } from './lib/stats.mjs';
import { writeReport } from './lib/report.mjs';
import { scoringPhase } from './lib/scoring.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const INSTRUMENT = path.join(HERE, 'lib', 'instrument.js');

// ---- options -----------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : dflt;
};
const SMOKE = argv.includes('--smoke');
const ALL_PHASES = ['comparison', 'idle', 'deploy', 'stored', 'backlog', 'reliability', 'scoring'];
const phasesArg = argv.indexOf('--phases');
const PHASES = phasesArg >= 0 ? argv[phasesArg + 1].split(',') : ALL_PHASES;
for (const ph of PHASES) if (!ALL_PHASES.includes(ph)) throw new Error(`--phases: unknown phase ${ph} (${ALL_PHASES.join(', ')})`);
const PARTIAL = PHASES.length < ALL_PHASES.length;
const WRITE_PARTIAL = argv.includes('--write');
const runPhase = (name) => PHASES.includes(name);
const RUNS = SMOKE ? 1 : Math.max(1, opt('--runs', 10));
const IDLE_S = SMOKE ? 2 : opt('--idle-seconds', 30);
const storedArg = argv.indexOf('--stored');
const STORED_COUNTS = storedArg >= 0 ? argv[storedArg + 1].split(',').map(Number) : SMOKE ? [100] : [0, 1000, 20000];
const STORED_RUNS = SMOKE ? 1 : RUNS;
const SUBMITS_PER_RUN = SMOKE ? 2 : opt('--submits', 20);   // submits timed in each stored-count run (half of them held taps)
const HOLD_MS = opt('--hold', 80);                           // a held tap: press to release, as a person taps
const BACKLOG = SMOKE ? 200 : opt('--backlog', 10000);     // responses queued offline, then drained
const RELIABILITY = SMOKE ? 0 : opt('--reliability', 1000); // responses through the fault suite (0 = skip)
const SCORING = SMOKE ? 2000 : opt('--scoring', 100000);   // stored responses scored natively and in wasm (0 = skip)
const IDLE_PAGES = SMOKE ? 1 : Math.min(RUNS, 10);
// A stuck harness gives up, but not before a big reliability run could end (~0.5 s per response
// and window on this machine, plus the drain): 40 minutes plus 1 s per reliability response.
const WATCHDOG_MS = SMOKE ? 180_000 : 40 * 60_000 + RELIABILITY * 1000;
const VIEWPORT = { width: 1000, height: 900 };
const COMMENT = '服务很好，谢谢 thanks';

const started = Date.now();
const log = (...a) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${a.join(' ')}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const watchdog = setTimeout(() => {
  log(`harness watchdog: still running after ${WATCHDOG_MS / 1000} s, giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

// ---- the survey, as our format has it now ------------------------------------------------------
const ourSurvey = JSON.parse(fs.readFileSync(path.join(DIST, 'assets', 'surveys', 'default.json'), 'utf8'));
const allQuestions = (s) => [
  ...(s.questions || []),
  ...((s.pages || []).flatMap((p) => p.questions || [])),
  ...((s.sections || []).flatMap((p) => p.questions || [])),
];
const ratingQ = allQuestions(ourSurvey).find((q) => q.type === 'rating');
const textQ = allQuestions(ourSurvey).find((q) => q.type === 'text');
if (!ratingQ) throw new Error('dist/assets/surveys/default.json has no rating question');
const GRADE = 6; // "满意" on the seven grades: the answer clicked on both pages
const GRADE_NODE = `${ratingQ.id}/${GRADE}`;

// ---- browser, servers ----------------------------------------------------------------------------
// The default survey version that tests/bench/surveyjs-default.json mirrors: when dist/ serves
// another one, the report says so (the two pages would not show the same survey).
const SURVEYJS_MIRRORS = { id: 'manyi-default', version: '2' };
const sjArg = argv.indexOf('--surveyjs-json');
const SURVEYJS_JSON = sjArg >= 0 ? path.resolve(argv[sjArg + 1]) : undefined;
const surveyMismatch = SURVEYJS_JSON ? null
  : (ourSurvey.id !== SURVEYJS_MIRRORS.id || String(ourSurvey.version) !== SURVEYJS_MIRRORS.version)
    ? `dist/ serves survey ${ourSurvey.id} version ${ourSurvey.version}, tests/bench/surveyjs-default.json mirrors version ${SURVEYJS_MIRRORS.version}: the pages do not show the same survey`
    : null;
if (surveyMismatch) process.stderr.write(`[bench] warning: ${surveyMismatch}\n`);
prepareBenchPages({ surveyjsJson: SURVEYJS_JSON });
const server = await startBenchServer();
const ep = await startEndpoint({ port: 0 });
const BROWSER_ARGS = [...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory'];
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });

const PAGES = {
  manyi: {
    label: 'Manyi',
    url: `${server.url}?locale=zh-CN&endpoint=${encodeURIComponent(ep.url)}`,
  },
  surveyjs: {
    label: 'SurveyJS',
    url: `${server.url}bench/surveyjs.html?locale=zh-CN`,
  },
  kiosk: {
    label: 'Manyi kiosk',
    url: `${server.url}kiosk.html?locale=zh-CN&endpoint=${encodeURIComponent(ep.url)}`,
  },
  floating: {
    label: 'Manyi floating',
    url: `${server.url}bench/floating.html`,
  },
};

// A fresh context + page + CDP session, with the instrumentation and a network tally.
// persistent: a context on its own profile directory, so that IndexedDB is on disk and a "strict"
// commit is a real fsync (a plain context keeps storage in memory).
async function openContext({ persistent = false } = {}) {
  let ctx, dir = null;
  if (persistent) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-bench-profile-'));
    ctx = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS, viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN',
    });
  } else {
    ctx = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN' });
  }
  await ctx.addInitScript({ path: INSTRUMENT });
  const page = persistent ? (ctx.pages()[0] ?? (await ctx.newPage())) : await ctx.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('crash', () => errors.push('page crashed'));
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  // threadTicks: durations are the threads' CPU time, not wall time.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const net = { requests: new Map(), finished: [], failed: [] };
  cdp.on('Network.requestWillBeSent', (e) => net.requests.set(e.requestId, { url: e.request.url, type: e.type }));
  cdp.on('Network.responseReceived', (e) => {
    const r = net.requests.get(e.requestId);
    if (r) { r.mime = e.response.mimeType; r.encoding = e.response.headers['Content-Encoding'] || e.response.headers['content-encoding'] || ''; }
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = net.requests.get(e.requestId) || { url: '?' };
    net.finished.push({ url: r.url, type: r.type, mime: r.mime, encoding: r.encoding, bytes: e.encodedDataLength });
  });
  cdp.on('Network.loadingFailed', (e) => net.failed.push({ url: (net.requests.get(e.requestId) || {}).url, error: e.errorText }));
  const close = async () => {
    await ctx.close().catch(() => {});
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  return { ctx, page, cdp, net, errors, close };
}

async function metrics(cdp) {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

// Navigates and waits until the survey is visible; returns the load figures.
async function load(kind, s) {
  const P = PAGES[kind];
  s.net.finished.length = 0;
  s.net.failed.length = 0;
  s.net.requests.clear();
  await s.page.goto(P.url, { waitUntil: 'commit' });
  const h = await s.page.waitForFunction(
    () => {
      const failed = window.manyiError || window.sjsError;
      if (failed) return { error: String(failed) };
      const v = window.__bench && window.__bench.visible;
      return v && v.rendered !== null ? { ok: true } : null;
    },
    null,
    { polling: 10, timeout: 60_000 },
  );
  const st = await h.jsonValue();
  if (st.error) throw new Error(`${P.label} page failed to load: ${st.error}`);
  const res = s.net.finished.map((f) => ({ ...f }));
  const m = await metrics(s.cdp);
  const page = await s.page.evaluate(() => ({
    visible: window.__bench.visible,
    ownMark: window.manyiVisibleAt ?? window.sjsVisibleAt ?? null,
    ready: window.__bench.ready || null,
    raf: window.__bench.raf,
  }));
  const external = res.filter((r) => !r.url.startsWith(server.url) && !r.url.startsWith('data:'));
  return {
    visibleRenderedMs: page.visible.rendered,
    visibleInFrameMs: page.visible.inFrame,
    pageOwnMarkMs: page.ownMark,
    readyMs: page.ready ? page.ready.at : null,
    readyDetail: page.ready ? page.ready.detail : null,
    bytes: res.reduce((a, r) => a + r.bytes, 0),
    fontBytes: res.filter(isFont).reduce((a, r) => a + r.bytes, 0),
    requests: res.length,
    resources: res,
    external,
    failed: [...s.net.failed],
    taskSecondsToVisible: m.TaskDuration - (m.DevToolsCommandDuration || 0),
    scriptSecondsToVisible: m.ScriptDuration,
    framesToVisible: page.raf,
  };
}

const isFont = (r) => /^font\//.test(r.mime || '') || /\.(otf|ttf|woff2?)(\?|$)/.test(r.url);

// Memory: garbage collected first, then the CDP JS heap, the browser's own per-page measurement
// and the wasm linear memory.
async function memory(s) {
  await s.cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const m = await metrics(s.cdp);
  const inPage = await s.page.evaluate(async () => {
    let ua = null, uaError = null;
    if (typeof performance.measureUserAgentSpecificMemory === 'function' && window.crossOriginIsolated) {
      try {
        const r = await Promise.race([
          performance.measureUserAgentSpecificMemory(),
          new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 10 s')), 10_000)),
        ]);
        const byType = {};
        for (const b of r.breakdown) for (const t of b.types.length ? b.types : ['(unattributed)']) byType[t] = (byType[t] || 0) + b.bytes / Math.max(1, b.types.length);
        ua = { bytes: r.bytes, byType };
      } catch (e) { uaError = String(e.message || e); }
    } else {
      uaError = 'performance.measureUserAgentSpecificMemory unavailable (crossOriginIsolated=' + window.crossOriginIsolated + ')';
    }
    return { ua, uaError, wasm: window.__bench.wasmMemoryStats() };
  });
  return {
    jsHeapUsed: m.JSHeapUsedSize,
    jsHeapTotal: m.JSHeapTotalSize,
    uaBytes: inPage.ua ? inPage.ua.bytes : null,
    uaByType: inPage.ua ? inPage.ua.byType : null,
    uaError: inPage.uaError,
    wasmMemories: inPage.wasm.count,
    wasmBytes: inPage.wasm.count ? inPage.wasm.bytes : null,
    wasmTouchedBytes: inPage.wasm.count ? inPage.wasm.touchedBytes : null,
  };
}

// Waits for the semantics node `id` (with value `want.value`, or a non-empty value if want.nonEmpty).
async function manyiNode(page, id, want = {}, timeout = 15_000) {
  const h = await page.waitForFunction(
    ([id, want]) => {
      if (!window.manyi) return null;
      const n = window.manyi.semantics().find((x) => x.id === id);
      if (!n) return null;
      if (want.value !== undefined && n.value !== want.value) return null;
      if (want.nonEmpty && !n.value) return null;
      return n;
    },
    [id, want],
    { polling: 20, timeout },
  );
  return h.jsonValue();
}
const centre = (r) => [r.x + r.width / 2, r.y + r.height / 2];

// The grade's click target on each page (CSS pixels of the viewport).
async function gradeTarget(kind, page) {
  if (kind === 'manyi') return centre((await manyiNode(page, GRADE_NODE)).rect);
  const box = await page.locator('.sd-rating__item').nth(GRADE - 1).boundingBox();
  return centre(box);
}

// A real mouse click (pointer already resting on the target, so no hover frames are mixed in),
// timed from pointerdown to the first frame showing the change (lib/instrument.js).
// holdMs: the time between press and release (0: the harness's back-to-back press and release).
async function clickLatency(kind, s, [x, y], spec, holdMs = 0) {
  await s.page.mouse.move(x, y);
  await sleep(300);
  await s.page.evaluate((spec) => window.__bench.armLatency(spec), spec);
  await s.page.mouse.down();
  if (holdMs) await sleep(holdMs);
  await s.page.mouse.up();
  const h = await s.page.waitForFunction(() => {
    const L = window.__bench.lat;
    return L && L.rendered !== null ? L : null;
  }, null, { polling: 10, timeout: 15_000 });
  const L = await h.jsonValue();
  await s.page.evaluate(() => { window.__bench.lat = null; });
  return {
    downToChangedMs: L.changed - L.down,
    downToRenderedMs: L.rendered - L.down,
    upToRenderedMs: L.up !== null ? L.rendered - L.up : null,
    downToDurableMs: L.submitAt !== undefined ? L.submitAt - L.down : null,
    // The submit path in three parts: release -> save begun, the strict commit, durable -> painted.
    upToTxStartMs: L.txStart !== undefined && L.up !== null ? L.txStart - L.up : null,
    txMs: L.txStart !== undefined && L.txDone !== undefined ? L.txDone - L.txStart : null,
    txDoneToRenderedMs: L.txDone !== undefined ? L.rendered - L.txDone : null,
    frames: L.frames,
  };
}

async function answerComment(kind, s) {
  if (kind === 'manyi') {
    if (!textQ) return false;
    const n = await manyiNode(s.page, textQ.id);
    await s.page.mouse.click(...centre(n.rect));
    await s.page.waitForSelector('[data-manyi-text-field]', { state: 'visible', timeout: 10_000 });
    await s.page.keyboard.type(COMMENT);
    await manyiNode(s.page, textQ.id, { nonEmpty: true });
  } else {
    await s.page.locator('textarea').first().click();
    await s.page.keyboard.type(COMMENT);
  }
  await sleep(300);
  return true;
}

// ---- figures 1, 2, 4, 5: alternating runs ---------------------------------------------------------
async function comparisonRun(kind) {
  const s = await openContext();
  try {
    const L = await load(kind, s);
    await sleep(500);
    const memLoad = await memory(s);
    const target = await gradeTarget(kind, s.page);
    const spec = kind === 'manyi'
      ? { mode: 'manyi', id: GRADE_NODE, value: 'true' }
      : { mode: 'dom', selector: '.sd-rating__item--selected' };
    const lat = await clickLatency(kind, s, target, spec);
    // The click must have chosen the grade, on both pages.
    const chosen = kind === 'manyi'
      ? (await manyiNode(s.page, GRADE_NODE)).value === 'true'
      : await s.page.evaluate(([id, g]) => window.sjs.data[id] === g, [ratingQ.id, GRADE]);
    if (!chosen) throw new Error(`${kind}: the click did not choose grade ${GRADE}`);
    await answerComment(kind, s);
    const memAnswered = await memory(s);
    if (s.errors.length) log(`${kind}: page errors: ${s.errors.join(' | ')}`);
    return { load: L, latency: lat, memLoad, memAnswered, errors: s.errors };
  } finally {
    await s.close();
  }
}

// ---- figure 3: idle ------------------------------------------------------------------------------------
// IDLE_PAGES pages of each kind, loaded one after the other (alternating), then one common idle
// window for all of them: each page's own CDP counters give its own CPU time.
async function idlePhase() {
  const sessions = [];
  try {
    for (let i = 0; i < IDLE_PAGES; i++) {
      for (const kind of i % 2 ? ['surveyjs', 'manyi'] : ['manyi', 'surveyjs']) {
        const s = await openContext();
        sessions.push({ kind, s });
        await load(kind, s);
      }
    }
    await sleep(1000);
    const before = [];
    for (const { s } of sessions) before.push({ m: await metrics(s.cdp), raf: await s.page.evaluate(() => window.__bench.raf) });
    const t0 = Date.now();
    await sleep(IDLE_S * 1000);
    const out = [];
    for (let i = 0; i < sessions.length; i++) {
      const { kind, s } = sessions[i];
      const m = await metrics(s.cdp);
      const raf = await s.page.evaluate(() => window.__bench.raf);
      const b = before[i];
      const dev = (m.DevToolsCommandDuration || 0) - (b.m.DevToolsCommandDuration || 0);
      out.push({
        kind,
        seconds: (Date.now() - t0) / 1000,
        taskMs: (m.TaskDuration - b.m.TaskDuration - dev) * 1000,
        scriptMs: (m.ScriptDuration - b.m.ScriptDuration) * 1000,
        processCpuMs: (m.ProcessTime - b.m.ProcessTime) * 1000,
        frames: raf - b.raf,
        errors: s.errors,
      });
    }
    return out;
  } finally {
    for (const { s } of sessions) await s.close();
  }
}

// ---- Manyi only: the other deployments' load figures (issue 6) ------------------------------------------
// kiosk.html: navigation -> the first frame with its first screen, rendered (as figure 2).
// Floating mode (web/bench/floating.html, the one-line embed): navigation -> the feedback button laid
// out on the host page; then a tap on it -> the first frame with the survey in the panel, rendered.
// The widget's files are fetched only once the pointer enters the button (or a trigger opens it):
// `hoverMs` 0 is a tap with no hover before it (a touch screen), 300 a mouse that rests on the
// button before the click.
async function floatingOpen(hoverMs) {
  const s = await openContext();
  try {
    await s.page.goto(PAGES.floating.url, { waitUntil: 'commit' });
    const b = await (await s.page.waitForFunction(() => {
      const el = document.getElementById('feedback');
      const button = el && el.shadowRoot && el.shadowRoot.querySelector('button');
      const r = button && button.getBoundingClientRect();
      return r && r.width ? { x: r.x + r.width / 2, y: r.y + r.height / 2, at: performance.now() } : null;
    }, null, { polling: 10, timeout: 30_000 })).jsonValue();
    await s.page.evaluate(() => { window.addEventListener('pointerdown', (e) => { window.__tapAt ??= e.timeStamp; }, true); });
    await s.page.mouse.move(b.x, b.y);
    if (hoverMs) await sleep(hoverMs);
    await s.page.mouse.down();
    await s.page.mouse.up();
    const v = await (await s.page.waitForFunction(() => {
      const failed = window.manyiError;
      if (failed) return { error: String(failed) };
      const v = window.__bench.visible;
      return v && v.rendered !== null ? { rendered: v.rendered, tapAt: window.__tapAt } : null;
    }, null, { polling: 10, timeout: 60_000 })).jsonValue();
    if (v.error) throw new Error('floating page failed: ' + v.error);
    const bytes = s.net.finished.reduce((a, r) => a + r.bytes, 0);
    return { buttonMs: b.at, tapToVisibleMs: v.rendered - v.tapAt, bytes, errors: s.errors };
  } finally {
    await s.close();
  }
}

async function deployPhase() {
  const kiosk = [], floatingTap = [], floatingHover = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await openContext();
    try { kiosk.push({ ...(await load('kiosk', s)), errors: s.errors }); } finally { await s.close(); }
    floatingTap.push(await floatingOpen(0));
    floatingHover.push(await floatingOpen(300));
    log(`deploy run ${i + 1}/${RUNS}: kiosk visible ${kiosk[i].visibleRenderedMs.toFixed(0)} ms; floating button ${floatingTap[i].buttonMs.toFixed(0)} ms, tap -> survey ${floatingTap[i].tapToVisibleMs.toFixed(0)} ms, hover 300 ms + tap -> survey ${floatingHover[i].tapToVisibleMs.toFixed(0)} ms`);
  }
  return {
    runs: RUNS,
    kioskVisibleMs: summarize(kiosk.map((r) => r.visibleRenderedMs)),
    kioskBytes: summarize(kiosk.map((r) => r.bytes)),
    floatingButtonMs: summarize(floatingTap.concat(floatingHover).map((r) => r.buttonMs)),
    floatingTapToVisibleMs: summarize(floatingTap.map((r) => r.tapToVisibleMs)),
    floatingHoverTapToVisibleMs: summarize(floatingHover.map((r) => r.tapToVisibleMs)),
    floatingBytes: summarize(floatingTap.map((r) => r.bytes)),
    errors: [...kiosk.flatMap((r) => r.errors || []), ...floatingTap.flatMap((r) => r.errors), ...floatingHover.flatMap((r) => r.errors)],
  };
}

// ---- Manyi only: start-up and submit at N stored responses -----------------------------------------------
// The journal format (src/core/journal_record.cpp, docs/decisions.md D5): one IndexedDB record per
// response in database "manyi", store "responses", keyPath "id":
// {id, payload: the manyi.response/1 JSON text, state, created_ms, updated_ms}.
// All prefilled records are "delivered", so that start-up does not turn into a backlog drain.
async function prefill(page, n, state = 'delivered') {
  return page.evaluate(async ({ n, state, surveyId, surveyVersion, ratingId, textId }) => {
    const t0 = performance.now();
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('manyi', 1);
      r.onupgradeneeded = () => { if (!r.result.objectStoreNames.contains('responses')) r.result.createObjectStore('responses', { keyPath: 'id' }); };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('responses', 'readwrite');
    const st = tx.objectStore('responses');
    // Recent enough that the retention period (30 days for delivered responses) keeps them all.
    const base = Date.now() - n * 1000 - 3_600_000;
    for (let i = 0; i < n; i++) {
      const id = crypto.randomUUID();
      const created = base + i * 1000;
      const answers = { [ratingId]: 1 + (i % 7) };
      if (textId && i % 3 === 0) answers[textId] = `第${i}条意见：服务很好，等候时间有点长。`;
      const payload = JSON.stringify({
        format: 'manyi.response/1', id, survey: { id: surveyId, version: surveyVersion }, locale: 'zh-CN',
        created_at: new Date(created).toISOString(), answers,
      });
      st.put({ id, payload, state, created_ms: created, updated_ms: created + 5000 });
    }
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
    db.close();
    return performance.now() - t0;
  }, { n, state, surveyId: ourSurvey.id, surveyVersion: String(ourSurvey.version ?? '1'), ratingId: ratingQ.id, textId: textQ ? textQ.id : null });
}

// Clicks through to the submit button (later surveys may have a "next" first) and submits.
async function submitLatency(s, holdMs = 0) {
  for (let step = 0; step < 10; step++) {
    const nodes = await s.page.evaluate(() => window.manyi.semantics());
    const submit = nodes.find((n) => n.id === 'submit');
    if (submit) {
      const shown = await revealNode(s.page, 'submit'); // below the fold on small viewports
      return clickLatency('manyi', s, centre(shown.rect), { mode: 'manyi', id: 'reference' }, holdMs);
    }
    const next = nodes.find((n) => n.role === 'button' && /next|continue/i.test(n.id));
    if (!next) throw new Error('no submit or next button in semantics: ' + nodes.map((n) => n.id).join(', '));
    await s.page.mouse.click(...centre((await revealNode(s.page, next.id)).rect));
    await sleep(300);
  }
  throw new Error('did not reach a submit button');
}

async function storedRun(n) {
  const s = await openContext({ persistent: true });
  try {
    await s.page.goto(server.url + 'bench/blank.html');
    const prefillMs = n ? await prefill(s.page, n) : 0;
    // First start: the store is built from the journal the bench wrote.
    const L = await load('manyi', s);
    const stored = L.readyDetail ? L.readyDetail.stored : null;
    if (stored !== n) log(`warning: ${n} records prefilled, the widget reports ${stored} stored`);
    // A build that keeps its store between loads (docs/decisions.md D18) says how it opened it in
    // the ready event; wait for the image it writes after a rebuild, then reload. Older builds are
    // reloaded too (they replay the journal again), so both are timed on a reload.
    let image = null;
    if (L.readyDetail && L.readyDetail.store) {
      const h = await s.page.waitForFunction(() => window.__bench.snapshots.find((x) => x.ok && x.result === 'written'), null, { timeout: 120_000 });
      image = await h.jsonValue();
    } else {
      await sleep(300);
    }
    const R = await load('manyi', s);
    await sleep(300);
    const submits = [];
    for (let k = 0; k < SUBMITS_PER_RUN; k++) {
      if (k > 0) {
        await s.page.mouse.click(...centre((await manyiNode(s.page, 'new-response')).rect));
        await manyiNode(s.page, 'submit');
        await sleep(200);
      }
      await s.page.mouse.click(...centre((await manyiNode(s.page, GRADE_NODE)).rect));
      await manyiNode(s.page, GRADE_NODE, { value: 'true' });
      await sleep(300);
      // Every other submit is a tap held as a person holds one (HOLD_MS), the others the harness's
      // back-to-back press and release: both under the same conditions.
      const held = k % 2 === 1;
      submits.push({ ...(await submitLatency(s, held ? HOLD_MS : 0)), held });
    }
    // Images written while the submits ran (each after the store was quiet for a while).
    const during = await s.page.evaluate(() => window.__bench.snapshots);
    const instant = submits.filter((x) => !x.held), heldTaps = submits.filter((x) => x.held);
    return {
      n, prefillMs, stored, startupMs: L.visibleRenderedMs, readyMs: L.readyMs, firstStore: L.readyDetail?.store ?? null,
      reloadStartupMs: R.visibleRenderedMs, reloadReadyMs: R.readyMs, reloadStore: R.readyDetail?.store ?? 'rebuilt (every start)',
      reloadReplayed: R.readyDetail?.replayed ?? R.readyDetail?.stored ?? null, reloadStored: R.readyDetail?.stored ?? null,
      image, imagesDuringSubmits: during.length,
      durable: instant.map((x) => x.downToDurableMs), thanks: instant.map((x) => x.downToRenderedMs), thanksFromUp: instant.map((x) => x.upToRenderedMs), frames: instant.map((x) => x.frames),
      upToTxStart: instant.map((x) => x.upToTxStartMs), tx: instant.map((x) => x.txMs), txDoneToRendered: instant.map((x) => x.txDoneToRenderedMs),
      heldFromUp: heldTaps.map((x) => x.upToRenderedMs), heldUpToTxStart: heldTaps.map((x) => x.upToTxStartMs), heldTx: heldTaps.map((x) => x.txMs),
      errors: s.errors,
    };
  } finally {
    await s.close();
  }
}

// The reliability suite at bench size (tests/reliability/suite.mjs): `count` responses through the
// real widget in two windows while the network flaps and the endpoint misbehaves.
async function reliabilityRun(count) {
  const R = await import('../reliability/suite.mjs');
  const ep = await R.startFaultEndpoint({ seed: 5, faultRate: 0.45, lateMs: 2500 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manyi-bench-reliability-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS, viewport: VIEWPORT, locale: 'en' });
  try {
    const first = ctx.pages()[0] ?? (await ctx.newPage());
    const windows = [first, await R.openSecondWindow(ctx, first)];
    const endpoint = { url: ep.url, body: 'array', batch_size: 5, timeout_ms: 1500 };
    for (const page of windows) await R.mountReliabilityWidget(page, server.url, endpoint);
    const t0 = Date.now();
    const flaps = R.flapNetwork(ctx);
    const half = Math.ceil(count / 2);
    const submitted = (await Promise.all(windows.map((page, i) => R.submitMany(page, i === 0 ? half : count - half)))).flat();
    const flips = await flaps.stop();
    const submitMs = Date.now() - t0;
    ep.faults = false;
    await Promise.all(windows.map((page) => page.evaluate(() => window.manyi.sync())));
    await ep.waitFor((e) => e.store.size >= submitted.length, 30 * 60_000);
    const want = new Set(submitted);
    const stored = [...ep.store.keys()];
    return {
      submitted: submitted.length, distinctSubmitted: want.size, stored: stored.length,
      missing: submitted.filter((id) => !ep.store.has(id)).length, unexpected: stored.filter((id) => !want.has(id)).length,
      lostClicksRepeated: R.lostClicks.count,
      repeatsAcknowledged: ep.stats.repeats, requests: ep.stats.requests, faults: ep.stats.byFault, networkFlips: flips,
      submitSeconds: submitMs / 1000, drainSeconds: (Date.now() - t0 - submitMs) / 1000,
    };
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    await ep.close();
  }
}

// A backlog of `count` responses queued while offline, then drained to the loopback endpoint:
// responses per second from the widget's start to the last one stored by the endpoint.
async function backlogRun(count, endpoint) {
  const { startFaultEndpoint } = await import('../support/fault-endpoint.mjs');
  const rx = await startFaultEndpoint({ faultRate: 0 });
  const s = await openContext({ persistent: true });
  try {
    await s.page.goto(server.url + 'bench/blank.html');
    await prefill(s.page, count, 'pending');
    const t0 = Date.now();
    const url = `${server.url}?locale=zh-CN&endpoint=${encodeURIComponent(rx.url)}` + (endpoint.body ? `&body=${endpoint.body}&batch=${endpoint.batch_size}` : '');
    await s.page.goto(url, { waitUntil: 'commit' });
    await rx.waitFor((e) => e.store.size >= count, 30 * 60_000);
    const ms = Date.now() - t0;
    return { count, body: endpoint.body || 'object', batchSize: endpoint.batch_size || 1, ms, perSecond: count / (ms / 1000), requests: rx.stats.requests };
  } finally {
    await s.close();
    await rx.close();
  }
}

// ---- static facts ---------------------------------------------------------------------------------------
function fileSizes(files) {
  return files.map((f) => {
    const buf = fs.readFileSync(path.join(DIST, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
}

function fontFacts() {
  const otf = path.join(DIST, 'assets', 'fonts', 'manyi-ui.otf');
  const out = { file: 'dist/assets/fonts/manyi-ui.otf', raw: fs.statSync(otf).size, gzip: gzipSync(fs.readFileSync(otf), { level: 9 }).length };
  try {
    out.characters = [...fs.readFileSync(path.join(REPO, 'build', 'font-chars.txt'), 'utf8')].length;
  } catch { out.characters = null; }
  try {
    out.glyphs = Number(execFileSync('/usr/bin/python3', ['-c',
      'import sys; from fontTools.ttLib import TTFont; print(TTFont(sys.argv[1])["maxp"].numGlyphs)', otf]).toString().trim());
  } catch { out.glyphs = null; }
  return out;
}

function machine() {
  const emcc = (() => {
    try {
      const first = execFileSync('emcc', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().split('\n')[0];
      const v = first.match(/\) (\d+\.\d+\.\d+)/);
      const deb = (() => { try { return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'emscripten']).toString().trim(); } catch { return ''; } })();
      return `emscripten ${v ? v[1] : first.trim()}${deb ? ` (Debian package ${deb})` : ''}`;
    } catch { return 'unknown'; }
  })();
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: browser.version(),
    chromiumArgs: BROWSER_ARGS,
    emscripten: emcc,
    packages: Object.fromEntries(['survey-core', 'survey-js-ui', 'playwright-core'].map((p) => [p, packageVersion(p)])),
  };
}

// ---- main -------------------------------------------------------------------------------------------------
const results = {
  kind: SMOKE ? 'smoke' : 'full',
  command: `node tests/bench/run.mjs${SMOKE ? ' --smoke' : ` --runs ${RUNS}`}${!SMOKE && IDLE_S !== 30 ? ` --idle-seconds ${IDLE_S}` : ''}`,
  surveyMismatch,
  surveyjsJson: SURVEYJS_JSON ? (path.relative(REPO, SURVEYJS_JSON).startsWith('..') ? SURVEYJS_JSON : path.relative(REPO, SURVEYJS_JSON)) : 'tests/bench/surveyjs-default.json',
  surveyjsJsonOverride: Boolean(SURVEYJS_JSON),
  config: { runs: RUNS, idleSeconds: IDLE_S, idlePages: IDLE_PAGES, storedCounts: STORED_COUNTS, storedRuns: STORED_RUNS, submitsPerRun: SUBMITS_PER_RUN, holdMs: HOLD_MS, backlog: BACKLOG, reliability: RELIABILITY, viewport: VIEWPORT, grade: GRADE, survey: { id: ourSurvey.id, version: ourSurvey.version, rating: ratingQ.id, text: textQ?.id ?? null } },
};
let exitCode = 0;
try {
  results.machine = machine();
  log(`${results.machine.chromium}, ${RUNS} run(s) per page, idle window ${IDLE_S} s`);

  const runs = { manyi: [], surveyjs: [] };
  results.uptimeAtStart = execFileSync('uptime').toString().trim();
  if (!SMOKE && runPhase('comparison')) {
    // One discarded warm-up load of each page: starts the browser's GPU and network services and
    // SwiftShader's shader compiler once, so that the first counted run is not an outlier. Every
    // counted run still uses a fresh context: cold HTTP cache, empty storage.
    for (const kind of ['manyi', 'surveyjs']) {
      const s = await openContext();
      try { await load(kind, s); } finally { await s.close(); }
    }
    log('warm-up done');
  }
  for (let i = 0; i < (runPhase('comparison') ? RUNS : 0); i++) {
    for (const kind of i % 2 ? ['surveyjs', 'manyi'] : ['manyi', 'surveyjs']) {
      const r = await comparisonRun(kind);
      runs[kind].push(r);
      log(`run ${i + 1}/${RUNS} ${kind}: visible ${r.load.visibleRenderedMs.toFixed(0)} ms, ${r.load.bytes} B, click→frame ${r.latency.downToRenderedMs.toFixed(1)} ms`);
    }
  }
  if (runPhase('idle')) log('idle phase');
  const idle = runPhase('idle') ? await idlePhase() : [];
  let deploy = null;
  if (runPhase('deploy')) {
    log('deploy phase: kiosk page, floating mode');
    deploy = await deployPhase();
  }
  if (runPhase('stored')) log('stored-count phase (Manyi)');
  const stored = [];
  // Round-robin over the counts, so that drift hits every count alike.
  for (let i = 0; i < (runPhase('stored') ? STORED_RUNS : 0); i++) {
    for (const n of STORED_COUNTS) {
      const r = await storedRun(n);
      stored.push(r);
      log(`stored ${n} #${i + 1}: prefill ${r.prefillMs.toFixed(0)} ms, start-up ${r.startupMs.toFixed(0)} ms, reload ${r.reloadStartupMs.toFixed(0)} ms (${r.reloadStore}, ${r.reloadReplayed} replayed), image ${r.image ? `${r.image.bytes} B, ${r.image.serializeMs.toFixed(0)}+${r.image.writeMs.toFixed(0)} ms` : '–'}, submit→durable ${r.durable.map((x) => x?.toFixed(0)).join('/')} ms, →thank-you ${r.thanks.map((x) => x.toFixed(0)).join('/')} ms, held tap up→thank-you ${r.heldFromUp.map((x) => x?.toFixed(0)).join('/')} ms; up→save ${r.upToTxStart.map((x) => x?.toFixed(0)).join('/')}, commit ${r.tx.map((x) => x?.toFixed(0)).join('/')}, durable→painted ${r.txDoneToRendered.map((x) => x?.toFixed(0)).join('/')} ms`);
    }
  }
  if (runPhase('backlog')) log('backlog phase (Manyi)');
  const backlog = [];
  for (const endpoint of runPhase('backlog') ? [{}, { body: 'array', batch_size: 50 }] : []) {
    const r = await backlogRun(BACKLOG, endpoint);
    backlog.push(r);
    log(`backlog ${r.count} (${r.body}, batch ${r.batchSize}): ${(r.ms / 1000).toFixed(1)} s, ${r.perSecond.toFixed(0)} responses/s, ${r.requests} requests`);
  }
  let reliability = null;
  if (RELIABILITY > 0 && runPhase('reliability')) {
    log(`reliability phase: ${RELIABILITY} responses through the fault suite`);
    reliability = await reliabilityRun(RELIABILITY);
    log(`reliability: ${JSON.stringify(reliability)}`);
  }

  let scoring = null;
  if (SCORING > 0 && runPhase('scoring')) {
    log(`scoring phase: ${SCORING} stored responses, natively and in wasm`);
    scoring = await scoringPhase({ repo: REPO, openContext, url: PAGES.manyi.url, log, n: SCORING, runs: SMOKE ? 2 : 5 });
    log(`scoring: w.stats() median ${scoring.wasm.all.median.toFixed(0)} ms in wasm, ComputeScores ${scoring.native.computeMs} ms natively`);
  }

  results.uptimeAtEnd = execFileSync('uptime').toString().trim();
  // ---- figures ----
  const storedFigures = () => STORED_COUNTS.map((n) => {
    const rs = stored.filter((r) => r.n === n);
    const images = rs.map((r) => r.image).filter(Boolean);
    return {
      n,
      reportedStored: rs.map((r) => r.stored),
      prefillMs: summarize(rs.map((r) => r.prefillMs)),
      startupMs: summarize(rs.map((r) => r.startupMs)),
      readyMs: summarize(rs.map((r) => r.readyMs)),
      reloadStartupMs: summarize(rs.map((r) => r.reloadStartupMs)),
      reloadReadyMs: summarize(rs.map((r) => r.reloadReadyMs)),
      reloadStore: [...new Set(rs.map((r) => r.reloadStore))].join(', '),
      reloadReplayed: summarize(rs.map((r) => r.reloadReplayed)),
      imageBytes: images.length ? summarize(images.map((x) => x.bytes)) : null,
      imageSerializeMs: images.length ? summarize(images.map((x) => x.serializeMs)) : null,
      imageWriteMs: images.length ? summarize(images.map((x) => x.writeMs)) : null,
      imagesDuringSubmits: rs.map((r) => r.imagesDuringSubmits),
      durableMs: summarize(rs.flatMap((r) => r.durable)),
      thanksMs: summarize(rs.flatMap((r) => r.thanks)),
      thanksFromUpMs: summarize(rs.flatMap((r) => r.thanksFromUp || []).filter((x) => x !== null && x !== undefined)),
      thanksFrames: summarize(rs.flatMap((r) => r.frames)),
      upToTxStartMs: summarize(rs.flatMap((r) => r.upToTxStart || []).filter((x) => x !== null && x !== undefined)),
      txMs: summarize(rs.flatMap((r) => r.tx || []).filter((x) => x !== null && x !== undefined)),
      txDoneToRenderedMs: summarize(rs.flatMap((r) => r.txDoneToRendered || []).filter((x) => x !== null && x !== undefined)),
      heldFromUpMs: summarize(rs.flatMap((r) => r.heldFromUp || []).filter((x) => x !== null && x !== undefined)),
      heldUpToTxStartMs: summarize(rs.flatMap((r) => r.heldUpToTxStart || []).filter((x) => x !== null && x !== undefined)),
      heldTxMs: summarize(rs.flatMap((r) => r.heldTx || []).filter((x) => x !== null && x !== undefined)),
    };
  });
  const idleFigures = () => {
    const idleFig = (f) => {
      const a = summarize(idle.filter((x) => x.kind === 'manyi').map(f));
      const b = summarize(idle.filter((x) => x.kind === 'surveyjs').map(f));
      return { manyi: a, surveyjs: b, ratio: ratio(a, b) };
    };
    return {
      seconds: IDLE_S,
      taskMs: idleFig((x) => x.taskMs),
      scriptMs: idleFig((x) => x.scriptMs),
      processCpuMs: idleFig((x) => x.processCpuMs),
      frames: idleFig((x) => x.frames),
    };
  };
  // Figures 1-5 (the side-by-side pages) and 3 (idle), in a full run or a partial one.
  const comparisonFigures = () => {
    const fig = (kind, f) => summarize(runs[kind].map(f));
    const pair = (f) => {
      const a = fig('manyi', f), b = fig('surveyjs', f);
      return { manyi: a, surveyjs: b, ratio: ratio(a, b) };
    };
    const MB = (x) => (x == null ? null : x / 2 ** 20);
    return {
      bytes: {
        total: pair((r) => r.load.bytes),
        fonts: pair((r) => r.load.fontBytes),
        withoutFonts: pair((r) => r.load.bytes - r.load.fontBytes),
        requests: pair((r) => r.load.requests),
        resources: { manyi: runs.manyi[0].load.resources, surveyjs: runs.surveyjs[0].load.resources },
        external: { manyi: runs.manyi.flatMap((r) => r.load.external), surveyjs: runs.surveyjs.flatMap((r) => r.load.external) },
      },
      visible: {
        rendered: pair((r) => r.load.visibleRenderedMs),
        inFrame: pair((r) => r.load.visibleInFrameMs),
        taskMs: pair((r) => r.load.taskSecondsToVisible * 1000),
        scriptMs: pair((r) => r.load.scriptSecondsToVisible * 1000),
      },
      idle: idleFigures(),
      latency: {
        downToRendered: pair((r) => r.latency.downToRenderedMs),
        upToRendered: pair((r) => r.latency.upToRenderedMs),
        downToChanged: pair((r) => r.latency.downToChangedMs),
        frames: pair((r) => r.latency.frames),
      },
      memory: {
        jsHeapLoad: pair((r) => MB(r.memLoad.jsHeapUsed)),
        jsHeapAnswered: pair((r) => MB(r.memAnswered.jsHeapUsed)),
        uaLoad: pair((r) => MB(r.memLoad.uaBytes)),
        uaAnswered: pair((r) => MB(r.memAnswered.uaBytes)),
        wasmLoad: pair((r) => MB(r.memLoad.wasmBytes)),
        wasmAnswered: pair((r) => MB(r.memAnswered.wasmBytes)),
        wasmTouchedLoad: pair((r) => MB(r.memLoad.wasmTouchedBytes)),
        wasmTouchedAnswered: pair((r) => MB(r.memAnswered.wasmTouchedBytes)),
        // Whole-page estimates: the browser's page memory plus the wasm linear memory it leaves out
        // (touched pages: the estimate; the whole reservation: the bound).
        totalTouchedLoad: pair((r) => MB(r.memLoad.uaBytes == null ? null : r.memLoad.uaBytes + (r.memLoad.wasmTouchedBytes || 0))),
        totalTouchedAnswered: pair((r) => MB(r.memAnswered.uaBytes == null ? null : r.memAnswered.uaBytes + (r.memAnswered.wasmTouchedBytes || 0))),
        totalReservedLoad: pair((r) => MB(r.memLoad.uaBytes == null ? null : r.memLoad.uaBytes + (r.memLoad.wasmBytes || 0))),
        uaByTypeLoad: { manyi: runs.manyi[0].memLoad.uaByType, surveyjs: runs.surveyjs[0].memLoad.uaByType },
        uaError: runs.manyi[0].memLoad.uaError || runs.surveyjs[0].memLoad.uaError || null,
      },
      fonts: {
        manyi: fontFacts(),
        transferred: summarize(runs.manyi.map((r) => r.load.fontBytes)),
        surveyjs: summarize(runs.surveyjs.map((r) => r.load.fontBytes)),
      },
    };
  };
  const sizes = () => ({
    manyi: fileSizes(['index.html', 'manyi.js', 'manyi-core.js', 'manyi-core.wasm', 'assets/fonts/manyi-ui.otf', 'assets/surveys/default.json']),
    surveyjs: fileSizes(['bench/surveyjs.html', ...SURVEYJS_FILES.map(([, d]) => 'bench/surveyjs/' + d), 'bench/surveyjs/default.json']),
  });
  // The side-by-side figures of a partial run: all of 1-5 when it ran the comparison (idle only
  // with the idle phase); none otherwise.
  const comparisonPart = () => {
    if (!runPhase('comparison')) return runPhase('idle') ? { idle: idleFigures() } : {};
    const f = comparisonFigures();
    if (!runPhase('idle')) delete f.idle;
    return f;
  };
  if (PARTIAL) {
    // Only some phases: their figures go to test-artifacts/bench/; with --write, the stored-count
    // figures replace those of latest.json and BENCHMARKS.md is rewritten, saying when and how
    // that section was measured.
    const part = {
      kind: 'partial', phases: PHASES, command: 'node tests/bench/run.mjs ' + argv.join(' '),
      dist: path.relative(REPO, DIST).startsWith('..') ? DIST : path.relative(REPO, DIST) || 'dist',
      date: new Date().toISOString(), uptimeAtStart: results.uptimeAtStart, uptimeAtEnd: results.uptimeAtEnd,
      machine: results.machine, config: results.config,
      figures: { ...comparisonPart(), deploy: runPhase('deploy') ? deploy : undefined, stored: runPhase('stored') ? storedFigures() : undefined, backlog: runPhase('backlog') ? backlog : undefined,
                 reliability: runPhase('reliability') ? reliability : undefined, scoring: runPhase('scoring') ? scoring : undefined },
      raw: { stored }, pageErrors: stored.flatMap((r) => r.errors || []),
    };
    const dir = path.join(REPO, 'test-artifacts', 'bench');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `partial-${PHASES.join('-')}-${part.date.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(part, null, 1) + '\n');
    log(`partial run (${PHASES.join(', ')}) in ${Math.round((Date.now() - started) / 1000)} s: ${path.relative(REPO, file)}`);
    if (WRITE_PARTIAL) {
      const latestFile = path.join(HERE, 'results', 'latest.json');
      const latest = JSON.parse(fs.readFileSync(latestFile, 'utf8'));
      for (const [key, value] of Object.entries(part.figures)) if (value !== undefined) latest.figures[key] = value;
      if (runPhase('comparison')) {
        latest.sizes = sizes();
        latest.raw.runs = runs;
        latest.config.runs = RUNS;
      }
      if (runPhase('idle')) latest.raw.idle = idle;
      if (runPhase('stored')) {
        latest.raw.stored = stored;
        Object.assign(latest.config, { storedCounts: STORED_COUNTS, storedRuns: STORED_RUNS, submitsPerRun: SUBMITS_PER_RUN, holdMs: HOLD_MS });
      }
      latest.partialRuns = [...(latest.partialRuns || []).filter((p) => !p.phases.some((ph) => PHASES.includes(ph))),
        { phases: PHASES, command: part.command, date: part.date, uptimeAtStart: part.uptimeAtStart, uptimeAtEnd: part.uptimeAtEnd, chromium: part.machine.chromium,
          note: process.env.MANYI_BENCH_NOTE || undefined }];
      fs.writeFileSync(latestFile, JSON.stringify(latest, null, 1) + '\n');
      writeReport(latest, path.join(REPO, 'BENCHMARKS.md'));
      log('merged into tests/bench/results/latest.json and BENCHMARKS.md');
    }
  } else {
  results.figures = {
    ...comparisonFigures(),
    stored: storedFigures(),
    backlog,
    reliability,
    scoring,
    deploy,
  };
  results.sizes = sizes();
  results.raw = { runs, idle, stored };
  results.elapsedSeconds = Math.round((Date.now() - started) / 1000);
  const pageErrors = [...runs.manyi, ...runs.surveyjs, ...idle, ...stored].flatMap((r) => r.errors || []);
  results.pageErrors = pageErrors;

  if (SMOKE) {
    const dir = path.join(REPO, 'test-artifacts', 'bench');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'smoke.json'), JSON.stringify(results, null, 1) + '\n');
    log(`smoke ok in ${results.elapsedSeconds} s: Manyi visible ${results.figures.visible.rendered.manyi.median.toFixed(0)} ms, SurveyJS ${results.figures.visible.rendered.surveyjs.median.toFixed(0)} ms (test-artifacts/bench/smoke.json)`);
  } else {
    const dir = path.join(HERE, 'results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, 1) + '\n');
    writeReport(results, path.join(REPO, 'BENCHMARKS.md'));
    log(`done in ${results.elapsedSeconds} s: BENCHMARKS.md, tests/bench/results/latest.json`);
  }
  }
} catch (err) {
  log('harness error: ' + (err.stack || err));
  exitCode = 1;
} finally {
  await browser.close().catch(() => {});
  await ep.close().catch(() => {});
  await server.close().catch(() => {});
  clearTimeout(watchdog);
}
process.exit(exitCode);
