// E2E tests of the embeds: the declarative one-line embed under the strict CSP of
// docs/embedding.md, the JavaScript build when that CSP lacks 'wasm-unsafe-eval' (or there is no
// WebAssembly), floating mode and its
// triggers, unmount() leaving no listener on window/document, and the iframe embed sized by
// postMessage across origins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { distReady, DIST, REPO, launch, startEndpoint, screenshot, revealNode, partitionedStorageLaunch } from './helpers.mjs';
import { startStaticServer } from '../support/static-server.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const SURVEY = '/assets/surveys/default.json';

// The policy documented in docs/embedding.md (its ```csp block, read from the file so the two
// cannot drift apart), with this test's endpoint origin for the example one; wasm: false drops
// 'wasm-unsafe-eval' (the JavaScript build's test).
export function documentedPolicy() {
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'embedding.md'), 'utf8');
  const m = doc.match(/^```csp\n(.+)\n```$/m);
  if (!m) throw new Error('docs/embedding.md has no ```csp block');
  return m[1].trim();
}

export function strictPolicy(endpointOrigin, { wasm = true } = {}) {
  const policy = documentedPolicy();
  if (!policy.includes(" connect-src 'self' https://example.com")) throw new Error('the documented policy has no example endpoint: ' + policy);
  if (!policy.includes(" 'wasm-unsafe-eval'")) throw new Error("the documented policy has no 'wasm-unsafe-eval': " + policy);
  const sent = policy.replace('https://example.com', endpointOrigin);
  return wasm ? sent : sent.replace(" 'wasm-unsafe-eval'", '');
}

// Records CSP violations and manyi:* events from the first script on (an init script is not subject
// to the page's CSP).
function recordPage() {
  window.__violations = [];
  window.__events = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI}`);
  });
  for (const name of ['ready', 'error', 'submit', 'delivered', 'open', 'close', 'fallback', 'complaint']) {
    document.addEventListener('manyi:' + name, (e) => {
      window.__events.push({ name, detail: e.detail ?? null, hasWidget: !!e.target.manyi });
    });
  }
}

async function serve(t, { pages = {}, headers } = {}) {
  // An empty favicon: no 404 in the console, and no <link rel=icon href=data:> for img-src to refuse.
  pages = { '/favicon.ico': { body: '', type: 'image/x-icon' }, ...pages };
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {}, pages, headers });
  t.after(() => web.close());
  return web;
}

// A widget's semantics node by id, through a page expression naming the widget.
async function waitForWidgetNode(page, expr, id, pred = () => true, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const node = await page.evaluate(([expr, id]) => {
      const w = (0, eval)(expr); // eslint-disable-line no-eval
      return w ? w.semantics().find((n) => n.id === id) ?? null : null;
    }, [expr, id]).catch(() => null);
    if (node && pred(node)) return node;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${id} in ${expr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function click(page, node, widget) {
  const n = (await revealNode(page, node.id, { widget })) ?? node;
  await page.mouse.click(n.rect.x + n.rect.width / 2, n.rect.y + n.rect.height / 2);
}

// Choose a grade and submit in the widget named by `expr`.
async function answerAndSubmit(page, expr, grade = 'satisfaction/6') {
  await click(page, await waitForWidgetNode(page, expr, grade), expr);
  await waitForWidgetNode(page, expr, grade, (n) => n.value === 'true');
  await click(page, await waitForWidgetNode(page, expr, 'submit'), expr);
}

function declarativePage(attrs) {
  const list = Object.entries(attrs).map(([k, v]) => `${k}="${v}"`).join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>host</title>
<script type="module" src="/manyi.js"></script></head>
<body><h1>A host page</h1><input id="host-input"><div id="survey" ${list}></div></body></html>`;
}

test('one-line declarative embed under the strict CSP: mounts, answers, delivers, no violation', { skip, timeout: 90_000 }, async (t) => {
  const ep = await startEndpoint();
  t.after(() => ep.close());
  const policy = strictPolicy(new URL(ep.url).origin);
  const web = await serve(t, {
    pages: { '/csp.html': declarativePage({ 'data-manyi-survey': SURVEY, 'data-manyi-endpoint': ep.url, 'data-manyi-locale': 'en', 'data-manyi-theme-accent': '#0a7d4f' }) },
    headers: (p) => (p === '/csp.html' ? { 'Content-Security-Policy': policy } : {}),
  });
  const b = await launch(t);
  t.after(() => b.close());
  const { page } = b;
  await b.context.addInitScript(recordPage);
  const res = await page.goto(web.url + 'csp.html');
  assert.equal(res.headers()['content-security-policy'], policy, 'the page is served with the documented policy');
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'ready'), null, { timeout: 30_000 });
  const ready = await page.evaluate(() => window.__events.find((e) => e.name === 'ready'));
  assert.equal(ready.hasWidget, true, 'element.manyi is set when manyi:ready fires');
  const W = "document.getElementById('survey').manyi";
  assert.equal(await page.evaluate(() => typeof window.manyi), 'undefined', 'no global');
  // A bare <div> got a height of its own (560 px) instead of a 150 px canvas.
  const h = await page.evaluate(() => document.querySelector('#survey canvas').getBoundingClientRect().height);
  assert.equal(h, 560);
  await answerAndSubmit(page, W);
  await ep.waitFor((e) => e.received.length === 1, 20_000);
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'delivered'));
  await screenshot(page, 'embed', 'csp-declarative-submitted');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  assert.deepEqual(await page.evaluate(() => window.__events.filter((e) => e.name === 'fallback')), [], 'no fallback: the usual widget');
  b.console.assertClean(assert);
});

test('a CSP without wasm-unsafe-eval: the JavaScript build of the same widget runs, answers, delivers', { skip, timeout: 120_000 }, async (t) => {
  const ep = await startEndpoint();
  t.after(() => ep.close());
  const policy = strictPolicy(new URL(ep.url).origin, { wasm: false });
  const web = await serve(t, {
    pages: { '/nowasm.html': declarativePage({ 'data-manyi-survey': SURVEY, 'data-manyi-endpoint': ep.url, 'data-manyi-locale': 'zh-CN' }) },
    headers: (p) => (p === '/nowasm.html' ? { 'Content-Security-Policy': policy } : {}),
  });
  const b = await launch(t);
  t.after(() => b.close());
  const { page } = b;
  await b.context.addInitScript(recordPage);
  await page.goto(web.url + 'nowasm.html');
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'ready' || e.name === 'error'), null, { timeout: 60_000 });
  assert.deepEqual(await page.evaluate(() => window.__events.filter((e) => e.name === 'error')), [], 'no error event: the widget runs');
  assert.equal(await page.evaluate(() => document.querySelector('#survey [data-manyi-root]').dataset.manyiFallback), 'js', 'the JavaScript build');
  // The operator is told by an event too, not only the console.
  const fallbacks = await page.evaluate(() => window.__events.filter((e) => e.name === 'fallback').map((e) => e.detail));
  assert.equal(fallbacks.length, 1, 'one manyi:fallback event');
  assert.equal(fallbacks[0].kind, 'js');
  assert.equal(fallbacks[0].reason, 'csp');
  assert.match(fallbacks[0].message, /wasm-unsafe-eval/);
  assert.deepEqual(await page.evaluate(() => document.getElementById('survey').manyi.fallback), fallbacks[0]);
  const W = "document.getElementById('survey').manyi";
  await answerAndSubmit(page, W);
  await ep.waitFor((e) => e.received.length === 1, 30_000);
  assert.equal(ep.received[0].body.answers.satisfaction.value, 6);
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'delivered'), null, { timeout: 30_000 });
  await screenshot(page, 'embed', 'csp-no-wasm-js-build');
  const violations = await page.evaluate(() => window.__violations);
  assert.ok(violations.every((v) => /script-src/.test(v)) && violations.length >= 1, `only the probe's compile was refused: ${violations}`);
  // Expected: the browser's refusal of the probe module, and our operator note (a warning).
  b.console.assertClean(assert, [/WebAssembly|wasm|Content Security Policy|unsafe-eval|\[manyi\]/]);
});

test('no WebAssembly at all: the JavaScript build runs the survey', { skip, timeout: 120_000 }, async (t) => {
  const ep = await startEndpoint();
  t.after(() => ep.close());
  const web = await serve(t, { pages: { '/plain.html': declarativePage({ 'data-manyi-survey': SURVEY, 'data-manyi-endpoint': ep.url, 'data-manyi-locale': 'en' }) } });
  const b = await launch(t);
  t.after(() => b.close());
  const { page } = b;
  await b.context.addInitScript(recordPage);
  await b.context.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(web.url + 'plain.html');
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'ready' || e.name === 'error'), null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined');
  assert.equal(await page.evaluate(() => document.querySelector('#survey [data-manyi-root]').dataset.manyiFallback), 'js');
  await answerAndSubmit(page, "document.getElementById('survey').manyi", 'satisfaction/4');
  await ep.waitFor((e) => e.received.length === 1, 30_000);
  assert.equal(ep.received[0].body.answers.satisfaction.value, 4);
  b.console.assertClean(assert, [/WebAssembly|\[manyi\]/]);
});

test('floating mode: button opens the panel, loads lazily, answers, Escape closes, focus returns', { skip, timeout: 90_000 }, async (t) => {
  const ep = await startEndpoint();
  t.after(() => ep.close());
  const policy = strictPolicy(new URL(ep.url).origin);
  const web = await serve(t, {
    pages: { '/float.html': declarativePage({ 'data-manyi-survey': SURVEY, 'data-manyi-endpoint': ep.url, 'data-manyi-locale': 'zh-CN', 'data-manyi-mode': 'floating' }) },
    headers: (p) => (p === '/float.html' ? { 'Content-Security-Policy': policy } : {}),
  });
  const b = await launch(t);
  t.after(() => b.close());
  const { page } = b;
  await b.context.addInitScript(recordPage);
  await page.goto(web.url + 'float.html');
  const button = page.locator('[data-manyi-open]');
  await button.waitFor();
  assert.equal(await button.textContent(), '意见反馈');
  await page.waitForTimeout(1000);
  const before = await page.evaluate(() => ({
    wasm: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length,
    panelVisible: getComputedStyle(document.getElementById('survey').shadowRoot.querySelector('[data-manyi-panel]')).visibility,
  }));
  assert.deepEqual(before, { wasm: 0, panelVisible: 'hidden' }, 'nothing loaded before the visitor reaches the button');
  await screenshot(page, 'embed', 'floating-closed');

  await button.click(); // a real mouse click (moves, presses, releases)
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'ready'), null, { timeout: 30_000 });
  const W = "document.getElementById('survey').manyi";
  await waitForWidgetNode(page, W, 'submit');
  // The survey has the keyboard once loaded.
  assert.equal(await page.evaluate(() => document.getElementById('survey').shadowRoot.activeElement?.tagName), 'CANVAS');
  await screenshot(page, 'embed', 'floating-open');
  await answerAndSubmit(page, W, 'satisfaction/5'); // 6 and 7 are below the panel's fold
  await ep.waitFor((e) => e.received.length === 1, 20_000);
  await waitForWidgetNode(page, W, 'thanks').catch(() => {});
  await screenshot(page, 'embed', 'floating-submitted');

  await page.keyboard.press('Escape');
  const after = await page.evaluate(() => {
    const s = document.getElementById('survey').shadowRoot;
    return {
      visibility: getComputedStyle(s.querySelector('[data-manyi-panel]')).visibility,
      focus: s.activeElement?.hasAttribute('data-manyi-open') ?? false,
      expanded: s.querySelector('[data-manyi-open]').getAttribute('aria-expanded'),
    };
  });
  assert.deepEqual(after, { visibility: 'hidden', focus: true, expanded: 'false' });
  // No style element anywhere in the host's document.
  assert.equal(await page.evaluate(() => document.querySelectorAll('style, link[rel=stylesheet]').length), 0);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  b.console.assertClean(assert);
});

test('floating triggers: after N seconds without taking focus, exit intent, host-page open()/close()', { skip, timeout: 90_000 }, async (t) => {
  const web = await serve(t, {
    pages: {
      '/timer.html': declarativePage({ 'data-manyi-survey': SURVEY, 'data-manyi-mode': 'floating', 'data-manyi-open-after': '1', 'data-manyi-locale': 'en', 'data-manyi-endpoint': 'http://127.0.0.1:9/none' }),
      '/exit.html': declarativePage({ 'data-manyi-survey': SURVEY, 'data-manyi-mode': 'floating', 'data-manyi-exit-intent': '', 'data-manyi-locale': 'en', 'data-manyi-endpoint': 'http://127.0.0.1:9/none' }),
    },
  });
  const b = await launch(t);
  t.after(() => b.close());
  const { page } = b;
  await b.context.addInitScript(recordPage);
  const panelVisible = () => page.evaluate(() => getComputedStyle(document.getElementById('survey').shadowRoot.querySelector('[data-manyi-panel]')).visibility === 'visible');

  await page.goto(web.url + 'timer.html');
  await page.click('#host-input');
  await page.keyboard.type('ab');
  assert.equal(await panelVisible(), false);
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'open'), null, { timeout: 5000 });
  assert.equal(await panelVisible(), true, 'opened after 1 s');
  await page.keyboard.type('c');
  assert.equal(await page.evaluate(() => document.getElementById('host-input').value), 'abc', 'the host input kept its keys');
  await screenshot(page, 'embed', 'floating-timer-open');
  await page.evaluate(() => document.getElementById('survey').manyi.close());
  assert.equal(await panelVisible(), false, 'host-page close()');
  await page.evaluate(() => document.getElementById('survey').manyi.open());
  assert.equal(await panelVisible(), true, 'host-page open()');

  await page.goto(web.url + 'exit.html');
  await page.locator('[data-manyi-open]').waitFor();
  await page.mouse.move(500, 400);
  await page.mouse.move(500, 200, { steps: 4 });
  assert.equal(await panelVisible(), false);
  await page.mouse.move(500, -20, { steps: 4 }); // leaves through the top of the viewport
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'open'), null, { timeout: 5000 });
  assert.equal(await panelVisible(), true, 'opened on exit intent');
});

test('unmount() leaves no listener on window, document or visualViewport, and loses its GL contexts', { skip, timeout: 90_000 }, async (t) => {
  const web = await serve(t, {
    pages: { '/bare.html': '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/manyi.js"></script></head><body><div id="a" style="height:400px"></div><div id="b"></div></body></html>' },
  });
  const b = await launch(t);
  t.after(() => b.close());
  const { page } = b;
  await page.goto(web.url + 'bare.html');
  const cdp = await page.context().newCDPSession(page);
  async function listeners() {
    const out = {};
    for (const expr of ['window', 'document', 'window.visualViewport']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: expr });
      const { listeners: l } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      out[expr] = l.map((x) => x.type).sort();
    }
    return out;
  }
  const before = await listeners();
  await page.evaluate(async () => {
    const { mount } = await import('/manyi.js');
    window.wa = await mount(document.getElementById('a'), { locale: 'en', endpoint: 'http://127.0.0.1:9/none' });
    window.wb = await mount(document.getElementById('b'), { locale: 'en', mode: 'floating', exitIntent: true, openAfter: 60, endpoint: 'http://127.0.0.1:9/none' });
    await window.wb.load();
  });
  const during = await listeners();
  assert.ok(during.document.length > before.document.length, `mounted widgets listen on document: ${JSON.stringify(during)}`);
  assert.ok(during.window.includes('online'));
  assert.ok(during.document.includes('mouseout'), 'exit intent');
  const lost = await page.evaluate(() => {
    const canvases = [document.querySelector('#a canvas'), document.getElementById('b').shadowRoot.querySelector('canvas')];
    const gls = canvases.map((c) => c.getContext('webgl2'));
    window.wa.unmount();
    window.wb.unmount();
    return { lost: gls.map((g) => g.isContextLost()), a: document.getElementById('a').children.length, b: document.getElementById('b').shadowRoot.children.length, manyi: 'manyi' in document.getElementById('a') };
  });
  assert.deepEqual(lost, { lost: [true, true], a: 0, b: 0, manyi: false });
  assert.deepEqual(await listeners(), before, 'listeners after unmount are those before mount');
  b.console.assertClean(assert);
});

test('the wheel over an inline widget scrolls the widget while it can, then the host page (scroll chaining)', { skip, timeout: 90_000 }, async (t) => {
  const web = await serve(t, {
    pages: { '/tall.html': `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/manyi.js"></script></head>
<body style="margin:0"><div style="height:300px;background:#eef">the host page, above</div>
<div id="w" data-manyi-survey="/assets/surveys/all-types.json" data-manyi-locale="en" data-manyi-height="420"></div>
<div style="height:2000px;background:#efe">the host page, below</div></body></html>` },
  });
  const b = await launch(t);
  t.after(() => b.close());
  const { page } = b;
  await page.goto(web.url + 'tall.html');
  await page.waitForFunction(() => document.getElementById('w').manyi?.semantics().length > 0);
  await page.evaluate(() => window.scrollTo(0, 200));
  const box = await page.evaluate(() => document.querySelector('#w canvas').getBoundingClientRect().toJSON());
  // Where the widget's content is: the first node's top, in the canvas (it moves up as the widget scrolls).
  const contentTop = () => page.evaluate(() => {
    const w = document.getElementById('w').manyi;
    return w.semantics()[0].rect.y - document.querySelector('#w canvas').getBoundingClientRect().top;
  });
  const wheel = async (dy) => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(200); // the widget draws the scrolled frame on the next animation frame
  };
  const scrollY = () => page.evaluate(() => window.scrollY);

  // In the middle of its content the widget scrolls, the page does not.
  const top0 = await contentTop();
  await wheel(200);
  assert.equal(await scrollY(), 200, 'the page did not move');
  const top1 = await contentTop();
  assert.ok(top1 < top0 - 50, `the widget scrolled down (${top0} -> ${top1})`);
  await screenshot(page, 'embed', 'wheel-widget-scrolled');

  // Down to the widget's bottom: then the page takes the wheel.
  let last = top1;
  for (let i = 0; i < 60; i++) {
    await wheel(400);
    const now = await contentTop();
    if (now === last) break;
    last = now;
    assert.equal(await scrollY(), 200, 'the page waits while the widget scrolls');
  }
  await wheel(300);
  assert.ok(await scrollY() > 200, `at the widget's bottom the page scrolls (scrollY ${await scrollY()})`);
  assert.equal(await contentTop(), last, 'the widget stays at its bottom');
  await screenshot(page, 'embed', 'wheel-page-scrolled');

  // Back up: the widget first, to its top, then the page.
  await page.evaluate(() => window.scrollTo(0, 200));
  await wheel(-300);
  assert.equal(await scrollY(), 200, 'going up, the widget scrolls first');
  assert.ok(await contentTop() > last, 'the widget scrolled up');
  for (let i = 0; i < 60 && (await contentTop()) < top0; i++) await wheel(-400);
  assert.equal(await contentTop(), top0, 'the widget is back at its top');
  const before = await scrollY();
  await wheel(-150);
  assert.ok(await scrollY() < before, 'at its top the page scrolls up');
  b.console.assertClean(assert);
});

test('after unmount() a kept widget object only throws; an unloaded floating widget can be mounted again', { skip, timeout: 90_000 }, async (t) => {
  const web = await serve(t, {
    pages: { '/again.html': `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/manyi.js"></script></head><body>
<div id="a" style="height:400px"></div><div id="f" data-manyi-survey="${SURVEY}" data-manyi-mode="floating" data-manyi-locale="en"></div></body></html>` },
  });
  const b = await launch(t);
  t.after(() => b.close());
  const { page } = b;
  await page.goto(web.url + 'again.html');
  await page.locator('[data-manyi-open]').waitFor();
  const cdp = await page.context().newCDPSession(page);
  // Bytes of array-buffer data alive in a heap snapshot (taken after a garbage collection): a
  // module's heap is one 32 MiB buffer. (Runtime.queryObjects hangs here with a live module.)
  async function bufferBytes() {
    const chunks = [];
    const on = (e) => chunks.push(e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', on);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', on);
    const snap = JSON.parse(chunks.join(''));
    const fields = snap.snapshot.meta.node_fields, n = fields.length;
    const nameAt = fields.indexOf('name'), sizeAt = fields.indexOf('self_size');
    let bytes = 0;
    for (let i = 0; i < snap.nodes.length; i += n) if (snap.strings[snap.nodes[i + nameAt]] === 'system / JSArrayBufferData') bytes += snap.nodes[i + sizeAt];
    return bytes;
  }
  await page.evaluate(async () => {
    const { mount } = await import('/manyi.js');
    window.kept = await mount(document.getElementById('a'), { locale: 'en' });
  });
  const mounted = await bufferBytes();
  assert.ok(mounted >= 32 * 1024 * 1024, `the mounted module's heap: ${mounted} bytes`);
  const after = await page.evaluate(async () => {
    window.kept.unmount();
    const threw = [];
    for (const call of [() => window.kept.semantics(), () => window.kept.contentHeight()]) {
      try { call(); } catch (e) { threw.push(e.message); }
    }
    for (const call of [() => window.kept.pending(), () => window.kept.sync(), () => window.kept.stats()]) {
      try { await call(); } catch (e) { threw.push(e.message); }
    }
    return { threw, off: typeof window.kept.on('submit', () => {}) };
  });
  assert.equal(after.threw.length, 5, `every method throws: ${after.threw}`);
  assert.ok(after.threw.every((m) => /unmounted/.test(m)), after.threw.join('; '));
  assert.equal(after.off, 'function');
  const freed = await bufferBytes();
  t.diagnostic(`array-buffer data: ${mounted} bytes mounted, ${freed} after unmount with the widget object kept`);
  assert.ok(freed < 1024 * 1024, `the host keeps the widget object but not the module's heap: ${freed} bytes`);

  // A floating widget unmounted before it ever loaded is mounted again by mountAll().
  const again = await page.evaluate(async () => {
    const el = document.getElementById('f');
    el.manyi.unmount();
    const gone = !el.manyi && el.shadowRoot.children.length === 0;
    const { mountAll } = await import('/manyi.js');
    await mountAll();
    if (!el.manyi) return { gone, remounted: false };
    el.manyi.open();
    await el.manyi.load();
    for (let i = 0; i < 100 && el.manyi.semantics().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    return { gone, remounted: true, nodes: el.manyi.semantics().length };
  });
  assert.equal(again.gone, true);
  assert.equal(again.remounted, true, 'mountAll() mounted it again');
  assert.ok(again.nodes > 0, 'and it loads its survey');
  await screenshot(page, 'embed', 'floating-remounted');
  b.console.assertClean(assert);
});

test('iframe embed from another origin: sized by postMessage, answered and delivered in the frame with partitioned storage', { skip, timeout: 90_000 }, async (t) => {
  const ep = await startEndpoint();
  t.after(() => ep.close());
  // Two origins: the host page on 127.0.0.1, the frame on 127.0.0.2 (the whole 127/8 is loopback;
  // "localhost" resolved to ::1 here, where the server does not listen).
  // The host page is served for real (a page fulfilled by page.route() has no address space, and
  // Chromium's local-network-access checks then refuse its loopback iframe); set once the port is known.
  const hostPages = { '/favicon.ico': { body: '', type: 'image/x-icon' } };
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {}, pages: hostPages });
  t.after(() => web.close());
  const hostOrigin = new URL(web.url).origin;
  const frameWeb = await startStaticServer({
    root: DIST, port: 0, host: '127.0.0.2', log: () => {},
    headers: (p) => (p === '/embed.html' ? {
      'Content-Security-Policy': strictPolicy(new URL(ep.url).origin) + `; frame-ancestors ${hostOrigin}`,
    } : {}),
  });
  t.after(() => frameWeb.close());
  const frameOrigin = new URL(frameWeb.url).origin;
  const src = `${frameOrigin}/embed.html?` + new URLSearchParams({ survey: SURVEY, endpoint: ep.url, locale: 'en', parent: hostOrigin });
  // The parent snippet of docs/embedding.md, with a log of the messages for the test.
  const hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body style="margin:0">
<h1 style="margin:8px;font:20px sans-serif">Host on ${hostOrigin}</h1>
<iframe id="manyi-frame" title="Survey" src="${src}" style="width:100%;height:300px;border:0;display:block"></iframe>
<script>
  window.__msgs = [];
  addEventListener('message', (e) => {
    const frame = document.getElementById('manyi-frame');
    if (e.source !== frame.contentWindow || e.origin !== '${frameOrigin}') return;
    window.__msgs.push(e.data);
    if (e.data && e.data.type === 'manyi:resize') frame.style.height = Math.min(e.data.height, 2000) + 'px';
  });
</script></body></html>`;
  hostPages['/host.html'] = hostPage;
  // Storage partitioned by top-level site, as in browsers people run (helpers.mjs).
  const b = await launch(t, { viewport: { width: 900, height: 1400 }, ...partitionedStorageLaunch() });
  t.after(() => b.close());
  const { page } = b;
  await page.goto(web.url + 'host.html');
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'manyi:resize' && m.height > 300), null, { timeout: 30_000 });
  const frame = page.frames().find((f) => f.url().startsWith(frameOrigin));
  assert.ok(frame, 'the frame is on the other origin');
  const sized = await page.evaluate(() => ({
    reported: window.__msgs.filter((m) => m.type === 'manyi:resize').at(-1).height,
    iframe: document.getElementById('manyi-frame').getBoundingClientRect().height,
  }));
  assert.ok(sized.reported > 300, `the survey is taller than the initial 300 px: ${sized.reported}`);
  assert.equal(sized.iframe, sized.reported, 'the parent resized the iframe to the reported height');
  // The frame's widget no longer needs to scroll: its whole page fits.
  const fits = await frame.evaluate(() => {
    const c = document.querySelector('canvas').getBoundingClientRect().height;
    return { canvas: c, content: window.manyi.contentHeight() };
  });
  assert.ok(fits.content <= fits.canvas + 1, JSON.stringify(fits));

  await screenshot(page, 'embed', 'iframe-sized');
  const msgs = await page.evaluate(() => window.__msgs.map((m) => m.type));
  assert.ok(msgs.includes('manyi:ready'), msgs.join());
  // Answered with real clicks at the frame's widgets (frame semantics are in the frame's
  // viewport: offset by the iframe's place in the page), stored in the frame's own partitioned
  // IndexedDB, delivered to the endpoint, and the parent told.
  const frameNodes = () => frame.evaluate(() => window.manyi.semantics());
  const clickInFrame = async (id) => {
    let n = null;
    for (let i = 0; i < 100 && !n; i++) { n = (await frameNodes()).find((x) => x.id === id); if (!n) await page.waitForTimeout(50); }
    assert.ok(n, `frame node ${id}`);
    // The host page scrolls to show it (a tall survey page is taller than the host's viewport).
    const box = await page.evaluate((y) => {
      const top = document.getElementById('manyi-frame').getBoundingClientRect().top + window.scrollY;
      if (top + y < window.scrollY + 40 || top + y > window.scrollY + window.innerHeight - 80) window.scrollTo(0, top + y - window.innerHeight / 2);
      const r = document.getElementById('manyi-frame').getBoundingClientRect();
      return { x: r.left, y: r.top };
    }, n.rect.y);
    await page.waitForTimeout(150); // the frame's widget draws once after the host scrolled
    await page.mouse.click(box.x + n.rect.x + n.rect.width / 2, box.y + n.rect.y + n.rect.height / 2);
  };
  await clickInFrame('satisfaction/6');
  await frame.waitForFunction(() => window.manyi.semantics().some((n) => n.id === 'satisfaction/6' && n.value === 'true'));
  await clickInFrame('submit');
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'manyi:submit'), null, { timeout: 20_000 });
  const id = await page.evaluate(() => window.__msgs.find((m) => m.type === 'manyi:submit').id);
  const got = await ep.waitFor((e) => e.byId.get(id), 20_000);
  assert.equal(got.body.answers.satisfaction.value, 6);
  await page.waitForFunction((rid) => window.__msgs.some((m) => m.type === 'manyi:delivered' && m.id === rid), id, { timeout: 20_000 });
  // The thank-you, drawn in the frame after the parent shrank it to the new height.
  await frame.waitForFunction(() => window.manyi.semantics().some((n) => n.id === 'reference'));
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(300);
  const shot = await screenshot(page, 'embed', 'iframe-thanks');
  void shot;

  // A complaint from the next respondent: the parent is told its reference by postMessage. Each
  // page is clicked once the parent has sized the frame to it (a click below a frame not yet
  // grown would miss it).
  const sizedClick = async (id) => {
    for (let i = 0; i < 100; i++) {
      const [content, frameHeight] = [await frame.evaluate(() => window.manyi.contentHeight()),
        await page.evaluate(() => document.getElementById('manyi-frame').getBoundingClientRect().height)];
      if (frameHeight >= Math.min(content, 2000) - 1) break;
      await page.waitForTimeout(50);
    }
    await clickInFrame(id);
  };
  await clickInFrame('new-response');
  await sizedClick('satisfaction/2');
  await frame.waitForFunction(() => window.manyi.semantics().some((n) => n.id === 'satisfaction/2' && n.value === 'true'));
  await page.waitForTimeout(300);
  await sizedClick('next');
  await sizedClick('complaint.type/complaint');
  await sizedClick('complaint.cause/attitude');
  await sizedClick('complaint.description');
  await frame.waitForFunction(() => document.activeElement?.hasAttribute('data-manyi-text-field'));
  await page.keyboard.type('窗口只开了一个');
  await frame.waitForFunction(() => window.manyi.semantics().some((n) => n.id === 'complaint.description' && n.value === '窗口只开了一个'));
  await frame.evaluate(() => document.querySelector('canvas').focus());
  await page.waitForTimeout(300);
  await sizedClick('next');
  await sizedClick('submit');
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === 'manyi:complaint'), null, { timeout: 20_000 });
  const complaint = await page.evaluate(() => window.__msgs.find((m) => m.type === 'manyi:complaint'));
  const shown = await frame.evaluate(() => window.manyi.semantics().find((n) => n.id === 'complaint-reference')?.value);
  assert.equal(complaint.reference, shown, 'the parent gets the reference the respondent sees');
  const cid = complaint.id;
  assert.ok(await page.evaluate((cid) => window.__msgs.some((m) => m.type === 'manyi:submit' && m.id === cid), cid), 'the same response as its submit');
  const delivered = await ep.waitFor((e) => e.byId.get(cid), 20_000);
  assert.equal(delivered.body.complaint.reference, shown);
  await screenshot(page, 'embed', 'iframe-complaint');
  b.console.assertClean(assert);
});
