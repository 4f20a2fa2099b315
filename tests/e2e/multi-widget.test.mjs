// Several widgets on one host page, each with its own endpoint (docs/decisions.md D22): they share
// the origin's journal and store, and each response is delivered to the endpoint of the widget
// that collected it, exactly once, through real clicks, a reload with both queued, and records
// written before endpoint keys existed (a kiosk updated with responses queued).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distReady, DIST, launch, startEndpoint, screenshot, revealNode } from './helpers.mjs';
import { startStaticServer } from '../support/static-server.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';

function hostPage(epA, epB) {
  const widget = (id, ep, locale) =>
    `<div id="${id}" style="flex: 1; height: 620px" data-manyi-survey="/assets/surveys/default.json" data-manyi-endpoint="${ep}" data-manyi-locale="${locale}"></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>two widgets</title>
<script type="module" src="/manyi.js"></script></head>
<body style="margin: 0"><h1 style="margin: 8px; font: 20px sans-serif">Two widgets, two endpoints</h1>
<div style="display: flex; gap: 12px; padding: 0 8px">${widget('a', epA, 'en')}${widget('b', epB, 'zh-CN')}</div>
<script type="module">
  window.__submitted = { a: [], b: [] };
  for (const id of ['a', 'b']) document.getElementById(id).addEventListener('manyi:submit', (e) => window.__submitted[id].push(e.detail.id));
</script></body></html>`;
}

async function setup(t, { userDataDir } = {}) {
  const epA = await startEndpoint();
  const epB = await startEndpoint();
  const pages = { '/favicon.ico': { body: '', type: 'image/x-icon' }, '/two.html': { body: hostPage(epA.url, epB.url), type: 'text/html' } };
  const web = await startStaticServer({ root: DIST, port: 0, log: () => {}, pages });
  const b = await launch(t, { userDataDir });
  t.after(async () => {
    await b.close({ keepProfile: !!userDataDir });
    await epA.close();
    await epB.close();
    await web.close();
  });
  return { epA, epB, web, ...b };
}

const widgetOf = (id) => `document.getElementById('${id}').manyi`;

async function waitForWidgetNode(page, id, nodeId, pred = () => true, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const node = await page.evaluate(([expr, nodeId]) => {
      const w = (0, eval)(expr); // eslint-disable-line no-eval
      return w ? w.semantics().find((n) => n.id === nodeId) ?? null : null;
    }, [widgetOf(id), nodeId]).catch(() => null);
    if (node && pred(node)) return node;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${nodeId} in widget ${id}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function click(page, id, nodeId) {
  const node = await waitForWidgetNode(page, id, nodeId);
  const n = (await revealNode(page, node.id, { widget: widgetOf(id) })) ?? node;
  await page.mouse.click(n.rect.x + n.rect.width / 2, n.rect.y + n.rect.height / 2);
}

// A grade and Submit, by real mouse clicks on the widget's canvas; returns the response id.
async function answerAndSubmit(page, id, grade) {
  await click(page, id, grade);
  await waitForWidgetNode(page, id, grade, (n) => n.value === 'true');
  await click(page, id, 'submit');
  await waitForWidgetNode(page, id, 'reference');
  const ids = await page.evaluate((id) => window.__submitted[id], id);
  assert.equal(ids.length, 1, `widget ${id} stored one response`);
  return ids[0];
}

async function pendingOf(page, id) {
  return page.evaluate((expr) => (0, eval)(expr).pending(), widgetOf(id)); // eslint-disable-line no-eval
}

// What the journal holds for a response: its state and endpoint key.
async function journalRecord(page, responseId) {
  return page.evaluate((responseId) => new Promise((resolve, reject) => {
    const req = indexedDB.open('manyi');
    req.onsuccess = () => {
      const g = req.result.transaction('responses').objectStore('responses').get(responseId);
      g.onsuccess = () => { resolve(g.result ? { state: g.result.state, endpoint: g.result.endpoint ?? null } : null); req.result.close(); };
      g.onerror = () => reject(g.error);
    };
    req.onerror = () => reject(req.error);
  }), responseId);
}

// Every POST that reached an endpoint, by response id.
const postedIds = (ep) => ep.posts.map((p) => p.id);

test('two widgets with two endpoints: each endpoint gets exactly its own response', { skip, timeout: 90_000 }, async (t) => {
  const { page, epA, epB, web, console: log } = await setup(t);
  await page.goto(web.url + 'two.html');
  const idA = await answerAndSubmit(page, 'a', 'satisfaction/6');
  const idB = await answerAndSubmit(page, 'b', 'satisfaction/5');
  assert.notEqual(idA, idB);
  await screenshot(page, 'multi-widget', 'both-thanks');
  await epA.waitFor((ep) => ep.received.length >= 1, 20_000);
  await epB.waitFor((ep) => ep.received.length >= 1, 20_000);
  // Both widgets see both responses delivered (the journal and the store are the origin's).
  for (const id of ['a', 'b']) {
    const deadline = Date.now() + 10_000;
    while ((await pendingOf(page, id)).pending !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await pendingOf(page, id)).delivered, 2, `widget ${id} sees both delivered`);
  }
  await new Promise((r) => setTimeout(r, 1500)); // a wrong or repeated POST would come now
  assert.deepEqual(postedIds(epA), [idA], 'endpoint A got only the response collected for it, once');
  assert.deepEqual(postedIds(epB), [idB], 'endpoint B got only the response collected for it, once');
  assert.equal(JSON.parse(epA.posts[0].raw).answers.satisfaction.value, 6);
  assert.equal(JSON.parse(epB.posts[0].raw).answers.satisfaction.value, 5);
  const [recA, recB] = [await journalRecord(page, idA), await journalRecord(page, idB)];
  assert.equal(recA.state, 'delivered');
  assert.equal(recB.state, 'delivered');
  assert.match(recA.endpoint, /^ep-[0-9a-f]{16}$/);
  assert.match(recB.endpoint, /^ep-[0-9a-f]{16}$/);
  assert.notEqual(recA.endpoint, recB.endpoint);
  log.assertClean(assert);
});

test('both queued while their endpoints are down, a reload, then online: each delivered to its own', { skip, timeout: 120_000 }, async (t) => {
  const { page, epA, epB, web, console: log } = await setup(t);
  await epA.close();
  await epB.close();
  await page.goto(web.url + 'two.html');
  const idA = await answerAndSubmit(page, 'a', 'satisfaction/7');
  const idB = await answerAndSubmit(page, 'b', 'satisfaction/6');
  assert.equal((await pendingOf(page, 'a')).pending, 2);

  await page.reload();
  for (const id of ['a', 'b']) await waitForWidgetNode(page, id, 'satisfaction/1');
  const deadline = Date.now() + 10_000;
  while ((await pendingOf(page, 'b')).total !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal((await pendingOf(page, 'b')).pending, 2, 'both still queued after the reload');

  await epA.restart();
  await epB.restart();
  await epA.waitFor((ep) => ep.received.length >= 1, 40_000);
  await epB.waitFor((ep) => ep.received.length >= 1, 40_000);
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual([...new Set(postedIds(epA))], [idA], 'endpoint A got only its own');
  assert.deepEqual([...new Set(postedIds(epB))], [idB], 'endpoint B got only its own');
  assert.equal(epA.received.length + epB.received.length, 2);
  log.assertClean(assert, [/ERR_CONNECTION_REFUSED/, /Failed to fetch/]);
});

test('a response queued before endpoint keys (an updated kiosk) is adopted and delivered once', { skip, timeout: 120_000 }, async (t) => {
  const { page, epA, epB, web, console: log } = await setup(t);
  await epA.close();
  await page.goto(web.url + 'two.html');
  const old = await answerAndSubmit(page, 'a', 'satisfaction/5');
  // Made into a record as builds before D22 wrote it: no endpoint key, and no store image (whose
  // schema 4 would hold no key either), so the store is rebuilt from the journal.
  await page.evaluate(async (id) => {
    for (const sel of ['a', 'b']) document.getElementById(sel).manyi.unmount();
    await new Promise((resolve, reject) => {
      const req = indexedDB.open('manyi');
      req.onsuccess = () => {
        const tx = req.result.transaction(['responses', 'sqlite'], 'readwrite');
        const st = tx.objectStore('responses');
        const g = st.get(id);
        g.onsuccess = () => { const rec = g.result; delete rec.endpoint; rec.state = 'pending'; st.put(rec); };
        tx.objectStore('sqlite').clear();
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
  }, old);
  assert.equal((await journalRecord(page, old)).endpoint, null, 'the record has no endpoint key');
  await epA.restart();

  await page.reload();
  await epA.waitFor((ep) => ep.received.length + epB.received.length >= 1, 40_000).catch(() => {});
  await epB.waitFor((ep) => ep.received.length + epA.received.length >= 1, 1_000).catch(() => {});
  await new Promise((r) => setTimeout(r, 2000));
  const posts = [...postedIds(epA), ...postedIds(epB)];
  assert.deepEqual([...new Set(posts)], [old], 'the old response went to one endpoint');
  assert.equal(epA.received.length + epB.received.length, 1, 'to one endpoint only');
  const rec = await journalRecord(page, old);
  assert.equal(rec.state, 'delivered');
  assert.match(rec.endpoint, /^ep-[0-9a-f]{16}$/, 'adopted: the journal now names its endpoint');
  // The widget whose endpoint got it names the same key in its own new responses.
  log.assertClean(assert, [/ERR_CONNECTION_REFUSED/, /Failed to fetch/]);
});
