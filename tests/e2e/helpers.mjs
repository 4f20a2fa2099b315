// Shared code for the end-to-end tests: browser launch, servers, semantics polling,
// real mouse clicks, screenshots and console-error collection.
//
// Browser flags: measured on this machine (Chromium 156, no GPU, headless, root) with a page
// doing canvas.getContext('webgl2') + clear + readPixels. WebGL2 works with NO GL flags at all:
// Chromium falls back to ANGLE on Vulkan SwiftShader ("ANGLE (Google, Vulkan 1.3.0
// (SwiftShader Device (Subzero))...)") on its own. What each candidate flag did:
//   --no-sandbox                  needed: we run as root, Chromium refuses to start sandboxed.
//                                 (Playwright adds it by default too; kept explicit.)
//   --enable-unsafe-swiftshader   needed to opt in to the software fallback: without it WebGL2
//                                 still works today but logs "Automatic fallback to software WebGL
//                                 has been deprecated", and Chromium is removing that fallback.
//                                 (Playwright 1.65 adds it by default too; kept explicit.)
//   --disable-gpu, --use-gl=angle, --use-angle=swiftshader
//                                 not needed: same renderer without them (--use-angle=swiftshader
//                                 only made startup ~2x slower), so they are not passed.
//   --disable-background-networking, --no-first-run, --disable-component-update, --disable-sync
//                                 Playwright's defaults already; not repeated.
//   --disable-quic                irrelevant: everything is plain HTTP/1.1 on loopback.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../support/static-server.mjs';
import { startEndpoint } from '../support/endpoint-server.mjs';

export { startEndpoint };
import { revealNode } from '../support/reveal-node.mjs';
export { revealNode };

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
export const DIST = path.join(REPO, 'dist');
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'e2e');

export const CHROMIUM = process.env.MANYI_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--enable-unsafe-swiftshader'];
export const VIEWPORT = { width: 1000, height: 900 };
export const NODE_TIMEOUT_MS = 10_000;

/**
 * Launch options that put back Chromium's third-party storage partitioning, which Playwright
 * turns off among the features of its one `--disable-features=...` argument: with it off, this
 * Chromium refuses a cross-site iframe its IndexedDB and Web Locks, where browsers as people run
 * them give the frame storage partitioned by the top-level site. The argument is rebuilt from the
 * list in the pinned playwright-core, so the test fails loudly if that list moves.
 */
export function partitionedStorageLaunch() {
  const bundle = fs.readFileSync(path.join(REPO, 'node_modules', 'playwright-core', 'lib', 'coreBundle.js'), 'utf8');
  const m = bundle.match(/disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/);
  if (!m) throw new Error('playwright-core: the disabled-features list was not found');
  const features = [...m[1].matchAll(/^\s*"([A-Za-z0-9]+)",?\s*$/gm)].map((x) => x[1]);
  if (!features.includes('ThirdPartyStoragePartitioning')) throw new Error('playwright-core no longer disables ThirdPartyStoragePartitioning: ' + features.join());
  return {
    ignoreDefaultArgs: ['--disable-features=' + features.join(',')],
    extraArgs: ['--disable-features=' + features.filter((f) => f !== 'ThirdPartyStoragePartitioning').join(',')],
  };
}

export function distReady() {
  return fs.existsSync(path.join(DIST, 'index.html'));
}

/** Static server over dist/ on an ephemeral port (quiet: demo-receiver lines go to the test log). */
export async function startDist() {
  return startStaticServer({ root: DIST, port: 0, log: () => {} });
}

/**
 * A fresh persistent context (own temp profile dir, so IndexedDB survives reloads and
 * relaunches with the same dir). Returns {context, page, userDataDir, console, relaunch, close}.
 */
export async function launch(t, { userDataDir, viewport = VIEWPORT, locale = 'zh-CN', args = [], extraArgs = [], ignoreDefaultArgs = [], reducedMotion } = {}) {
  const dir = userDataDir ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-e2e-profile-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...args, ...extraArgs],
    ignoreDefaultArgs,
    viewport,
    ...(reducedMotion ? { reducedMotion } : {}),
    locale,
    deviceScaleFactor: 1,
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const log = collectConsole(page, t?.name);
  const session = {
    context,
    page,
    userDataDir: dir,
    console: log,
    async close({ keepProfile = false } = {}) {
      await context.close().catch(() => {});
      if (!keepProfile) await fsp.rm(dir, { recursive: true, force: true }).catch(() => {});
    },
  };
  return session;
}

/**
 * Collects console errors, page errors and failed requests of one page.
 * `unexpected(allow)` lists the errors that match none of the allowed regexps.
 */
export function collectConsole(page, label = '') {
  const errors = [];
  const warnings = [];
  const all = [];
  page.on('console', (msg) => {
    const loc = msg.location();
    const text = msg.text();
    const entry = { type: msg.type(), text, url: loc?.url ?? '' };
    all.push(entry);
    if (msg.type() === 'error') errors.push(entry);
    else if (msg.type() === 'warning') warnings.push(entry);
    if (process.env.MANYI_E2E_VERBOSE) process.stderr.write(`[${label} console.${msg.type()}] ${text}\n`);
  });
  page.on('pageerror', (err) => {
    const entry = { type: 'pageerror', text: String(err?.stack ?? err), url: '' };
    all.push(entry);
    errors.push(entry);
    if (process.env.MANYI_E2E_VERBOSE) process.stderr.write(`[${label} pageerror] ${entry.text}\n`);
  });
  page.on('crash', () => errors.push({ type: 'crash', text: 'page crashed', url: '' }));
  return {
    errors,
    warnings,
    all,
    unexpected(allow = []) {
      return errors.filter((e) => !allow.some((re) => re.test(e.text) || re.test(e.url)));
    },
    assertClean(assert, allow = [], what = 'console') {
      const bad = this.unexpected(allow);
      assert.deepEqual(
        bad.map((e) => `${e.type}: ${e.text}${e.url ? ' @ ' + e.url : ''}`),
        [],
        `unexpected ${what} errors`,
      );
    },
  };
}

/** Navigate and wait until the demo page has mounted the widget (or reported why not). */
export async function openWidget(page, base, params = {}) {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  await page.goto(u.href, { waitUntil: 'load' });
  return waitForMount(page);
}

export async function waitForMount(page, timeout = 30_000) {
  const h = await page.waitForFunction(
    () => (window.manyi ? { ok: true } : window.manyiError ? { ok: false, error: String(window.manyiError) } : null),
    null,
    { timeout, polling: 50 },
  );
  return h.jsonValue();
}

export async function semantics(page) {
  return page.evaluate(() => {
    if (!window.manyi) throw new Error('window.manyi is not set' + (window.manyiError ? ': ' + window.manyiError : ''));
    return window.manyi.semantics();
  });
}

/**
 * Poll semantics() until `pred(nodes)` returns something truthy; return it.
 * The widget redraws only on input, so this is how a test waits after a click.
 */
export async function waitForSemantics(page, pred, description, timeout = NODE_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last = [];
  let lastErr = null;
  for (;;) {
    try {
      last = await semantics(page);
      lastErr = null;
      const v = pred(last);
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) {
      const dump = last.map((n) => `${n.role}#${n.id} ${JSON.stringify(n.label)}=${JSON.stringify(n.value)}`).join('\n  ');
      throw new Error(
        `timed out after ${timeout} ms waiting for ${description}` +
          (lastErr ? `\nlast error: ${lastErr.message}` : '') +
          `\nlast semantics (${last.length} nodes):\n  ${dump}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function findNode(nodes, id) {
  return nodes.find((n) => n.id === id);
}

export async function waitForNode(page, id, extra = () => true, description = `node ${id}`, timeout = NODE_TIMEOUT_MS) {
  return waitForSemantics(page, (nodes) => {
    const n = findNode(nodes, id);
    return n && extra(n) ? n : null;
  }, description, timeout);
}

/** A real mouse click at the centre of a node, scrolled into view first with the wheel. */
export async function clickNode(page, node, { widget = 'window.manyi' } = {}) {
  node = (await revealNode(page, node.id, { widget })) ?? node;
  const { x, y, width, height } = node.rect;
  if (!(width > 0 && height > 0)) throw new Error(`node ${node.id} has an empty rect ${JSON.stringify(node.rect)}`);
  await page.mouse.click(x + width / 2, y + height / 2);
}

export async function pending(page) {
  return page.evaluate(() => window.manyi.pending());
}

export async function waitForPending(page, pred, description, timeout = NODE_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await pending(page);
    if (pred(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for pending() ${description}; last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function screenshot(page, test, step) {
  await fsp.mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${test}-${step}.png`);
  const buf = await page.screenshot({ path: file });
  return { file, buf };
}

/**
 * How much is drawn in the widget's canvas: decodes a screenshot of it in a scratch page
 * (the browser is the PNG decoder, no dependency) and counts colours.
 */
export async function canvasInk(page) {
  const canvas = page.locator('#app canvas').first();
  const png = await canvas.screenshot();
  const scratch = await page.context().newPage();
  try {
    return await scratch.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const counts = new Map();
      for (let i = 0; i < d.length; i += 4) {
        const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        counts.set(k, (counts.get(k) || 0) + 1);
      }
      const total = d.length / 4;
      const top = Math.max(...counts.values());
      return { width: c.width, height: c.height, colours: counts.size, nonBackground: 1 - top / total };
    }, png.toString('base64'));
  } finally {
    await scratch.close();
  }
}

/** Common per-test setup: servers + browser, torn down by t.after. */
export async function setup(t, { endpoint = true, userDataDir, ...launchOptions } = {}) {
  const web = await startDist();
  const ep = endpoint ? await startEndpoint() : null;
  const b = await launch(t, { userDataDir, ...launchOptions });
  t.after(async () => {
    await b.close();
    await ep?.close();
    await web.close();
  });
  return { web, ep, ...b };
}

// Writes response payloads (manyi.response/1 JSON lines) into the journal as delivered records,
// from a same-origin page without the widget (it opens the store from them at its next start).
export async function writeJournal(page, lines) {
  await page.evaluate(async (lines) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('manyi');
      r.onupgradeneeded = () => r.result.createObjectStore('responses', { keyPath: 'id' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('responses', 'readwrite');
    const now = Date.now();
    for (const payload of lines) {
      const p = JSON.parse(payload);
      tx.objectStore('responses').put({ id: p.id, payload, state: 'delivered', created_ms: Date.parse(p.submitted_at), updated_ms: now });
    }
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
  }, lines);
}

// RFC 4180 (quoted fields, doubled quotes, CRLF rows) after the BOM every export starts with.
export function parseCsv(text) {
  if (text.charCodeAt(0) !== 0xfeff) throw new Error('CSV does not start with a BOM');
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
