// E2E of the retention purge (issue 9, docs/decisions.md D20): delivered responses past
// `retention_days` (30 by default) leave the device, their scores stay. One persistent profile,
// page loads in a row; the journal is seeded and aged from a same-origin page without the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { distReady, setup, waitForMount, REPO } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const SURVEY = JSON.parse(fs.readFileSync(path.join(REPO, 'assets/surveys/default.json'), 'utf8'));
const DAY = 86_400_000;

// Runs `fn(db, args)` against the journal database from a same-origin page without the widget.
async function withJournal(page, web, fn, args = {}) {
  await page.goto(web.url + 'assets/surveys/default.json');
  return page.evaluate(async ({ src, args }) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('manyi');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
    const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    try {
      return await (0, eval)(src)(db, { done, req, ...args });
    } finally {
      db.close();
    }
  }, { src: fn.toString(), args });
}

// A journal record as the widget writes it (src/core/journal_record.cpp), with a comment (personal
// data) that must leave with the purge.
function record(i, createdMs, state, updatedMs, comment = `secret-${i}`) {
  const id = crypto.randomUUID();
  const payload = JSON.stringify({
    format: 'manyi.response/1', id, survey: { id: SURVEY.id, version: String(SURVEY.version ?? '1') }, locale: 'zh-CN',
    created_at: new Date(createdMs).toISOString(),
    answers: { satisfaction: 1 + (i * 3) % 7, recommend: (i * 5) % 11, comment },
  });
  return { id, payload, state, created_ms: createdMs, updated_ms: updatedMs };
}

test('a retention purge deletes old delivered responses and keeps their scores, through a rebuild too', { skip, timeout: 240_000 }, async (t) => {
  const { web, page, context } = await setup(t, { endpoint: false });
  // Nothing listens on port 9: pending responses stay pending.
  const url = `${web.url}?locale=zh-CN&endpoint=${encodeURIComponent('http://127.0.0.1:9/api')}`;
  await context.addInitScript(() => {
    window.__snapshots = [];
    document.addEventListener('manyi:ready', (e) => { window.__ready = e.detail; });
    document.addEventListener('manyi:purge', (e) => { window.__purge = e.detail; });
    document.addEventListener('manyi:snapshot', (e) => { window.__snapshots.push(e.detail); });
  });
  const open = async () => {
    await page.goto(url);
    assert.deepEqual(await waitForMount(page), { ok: true });
    const ready = await (await page.waitForFunction(() => window.__ready, null, { timeout: 30_000 })).jsonValue();
    const purge = await (await page.waitForFunction(() => window.__purge, null, { timeout: 30_000 })).jsonValue();
    return { ready, purge };
  };
  const imageWritten = async (n) => (await page.waitForFunction(
    (n) => window.__snapshots.find((s) => s.ok && s.result === 'written' && s.responses === n), n, { timeout: 30_000 })).jsonValue();
  const now = Date.now();
  const todayUtc = Math.floor(now / DAY) * DAY;
  // The whole store, and whole UTC days: both answered from the counters alone.
  const queries = [{}, { from: todayUtc - 70 * DAY, to: todayUtc + DAY, utcOffsetMinutes: 0 }, { from: todayUtc - 50 * DAY, to: todayUtc - 45 * DAY }];
  const stats = () => page.evaluate(async (queries) => Promise.all(queries.map((q) => window.manyi.stats(q))), queries);

  // 24 delivered 45-60 days ago (delivered recently: kept for now), 3 pending from today.
  let ready = (await open()).ready;
  const old = [];
  for (let i = 0; i < 24; i++) old.push(record(i, now - 45 * DAY - i * 15 * 3_600_000 - i * 61_000, 'delivered', now));
  const recent = [0, 1, 2].map((i) => record(100 + i, now - i * 60_000, 'pending', now, 'kept'));
  await withJournal(page, web, async (db, { done, recs }) => {
    const tx = db.transaction(['responses', 'changes'], 'readwrite');
    for (const r of recs) { tx.objectStore('responses').put(r); tx.objectStore('changes').add(r.id); }
    await done(tx);
  }, { recs: [...old, ...recent] });

  let purge;
  ({ ready, purge } = await open());
  assert.deepEqual({ stored: ready.stored, purged: purge.responses }, { stored: 27, purged: 0 });
  const before = await stats();
  assert.equal(before[0].responses, 27);
  const inDays = old.filter((r) => r.created_ms >= queries[2].from && r.created_ms < queries[2].to).length;
  assert.ok(inDays > 0 && inDays < 24);
  assert.equal(before[2].responses, inDays, 'the old ones in their five whole days');
  await imageWritten(27);

  await t.test('past the retention period, the old delivered responses are purged and the scores stay', async () => {
    // Time passes: their delivery is now 40 days old. No change entry: the clock moved. The
    // image of before the purge is put aside for the catch-up test below.
    await withJournal(page, web, async (db, { done, req, ids, at }) => {
      const tx = db.transaction(['responses', 'sqlite'], 'readwrite');
      const st = tx.objectStore('responses'), sqlite = tx.objectStore('sqlite');
      sqlite.put(await req(sqlite.get('image')), 'before-purge-image');
      sqlite.put(await req(sqlite.get('meta')), 'before-purge-meta');
      for (const id of ids) st.put({ ...(await req(st.get(id))), updated_ms: at });
      await done(tx);
    }, { ids: old.map((r) => r.id), at: now - 40 * DAY });
    ({ ready, purge } = await open());
    assert.equal(ready.stored, 27, 'the purge runs once the store is loaded');
    assert.equal(purge.responses, 24);
    assert.match(purge.aggregates, /^[0-9a-f-]{36}$/);
    assert.deepEqual(await stats(), before, 'same scores after the purge');
    assert.equal((await page.evaluate(() => window.manyi.pending())).total, 3);
    const exported = await page.evaluate(() => window.manyi.exportJson({ kind: 'responses' }));
    assert.ok(!exported.includes('secret-'), 'the purged texts are gone from the responses export');
    assert.deepEqual(JSON.parse(exported).map((r) => r.id).sort(), recent.map((r) => r.id).sort());
    const scoresCsv = await page.evaluate(() => window.manyi.exportCsv({ kind: 'scores' }));
    assert.match(scoresCsv, /27/, 'the scores export still counts them');
    await imageWritten(3);

    const journal = await withJournal(page, web, async (db, { done, req }) => {
      const tx = db.transaction(['responses', 'aggregates'], 'readonly');
      const ids = await req(tx.objectStore('responses').getAllKeys());
      const aggregates = await req(tx.objectStore('aggregates').getAll());
      await done(tx);
      return { ids, aggregates };
    });
    assert.deepEqual(journal.ids.sort(), recent.map((r) => r.id).sort(), 'the purged records are gone from IndexedDB');
    assert.equal(journal.aggregates.length, 1);
    const kept = journal.aggregates[0];
    assert.equal(kept.id, purge.aggregates);
    assert.equal(kept.responses, 24);
    assert.ok(kept.rows.length > 24 * 3, `${kept.rows.length} counter rows`);
    assert.ok(!JSON.stringify(kept).includes('secret-') && !JSON.stringify(kept).includes(old[0].id), 'no text, no response id');
  });

  await t.test('a reload from the image gives the same scores', async () => {
    ({ ready, purge } = await open());
    assert.deepEqual({ store: ready.store, replayed: ready.replayed, stored: ready.stored, purged: purge.responses },
      { store: 'snapshot', replayed: 0, stored: 3, purged: 0 });
    assert.deepEqual(await stats(), before);
  });

  await t.test('an image from before the purge catches up from the change log', async () => {
    // A page that died after the purge's transaction and before its next image: the image of
    // before the purge, and the purge's change entries after its mark.
    await withJournal(page, web, async (db, { done, req, ids }) => {
      const tx = db.transaction(['sqlite', 'changes', 'aggregates'], 'readwrite');
      const st = tx.objectStore('sqlite');
      st.put(await req(st.get('before-purge-image')), 'image');
      st.put(await req(st.get('before-purge-meta')), 'meta');
      const aggregate = (await req(tx.objectStore('aggregates').getAll()))[0];
      for (const id of ids) tx.objectStore('changes').add(id);
      tx.objectStore('changes').add('aggregates/' + aggregate.id);
      await done(tx);
    }, { ids: old.map((r) => r.id) });
    ({ ready, purge } = await open());
    assert.deepEqual({ store: ready.store, replayed: ready.replayed, stored: ready.stored, purged: purge.responses },
      { store: 'snapshot', replayed: 24, stored: 3, purged: 0 });
    assert.deepEqual(await stats(), before);
    await imageWritten(3);
  });

  await t.test('a store rebuilt from the journal alone (no image) gives the same scores', async () => {
    await withJournal(page, web, async (db, { done }) => {
      const tx = db.transaction('sqlite', 'readwrite');
      tx.objectStore('sqlite').clear();
      await done(tx);
    });
    ({ ready, purge } = await open());
    assert.deepEqual({ store: ready.store, reason: ready.reason, stored: ready.stored, purged: purge.responses },
      { store: 'rebuilt', reason: 'missing', stored: 3, purged: 0 });
    assert.deepEqual(await stats(), before, 'the aggregates record rebuilds the same scores');
  });
});

// More than one batch (1,000 records each, oldest deliveries first): each batch is its own
// transaction and aggregates record, the next starts when one is done, and the scores of the whole
// store are the same after all of them.
test('a purge of 2,500 old responses runs in batches of 1,000 and keeps the scores', { skip, timeout: 240_000 }, async (t) => {
  const { web, page, context } = await setup(t, { endpoint: false });
  const url = `${web.url}?locale=zh-CN&endpoint=${encodeURIComponent('http://127.0.0.1:9/api')}`;
  await context.addInitScript(() => {
    window.__purges = [];
    document.addEventListener('manyi:ready', (e) => { window.__ready = e.detail; window.__readyAt = performance.now(); });
    document.addEventListener('manyi:purge', (e) => { window.__purges.push({ at: performance.now(), ...e.detail }); });
  });
  const open = async () => {
    await page.goto(url);
    assert.deepEqual(await waitForMount(page), { ok: true });
    return (await page.waitForFunction(() => window.__ready, null, { timeout: 60_000 })).jsonValue();
  };
  const now = Date.now();
  const recs = [];
  for (let i = 0; i < 2500; i++) recs.push(record(i, now - 50 * DAY + i * 60_000, 'delivered', now));
  await open();
  await withJournal(page, web, async (db, { done, recs }) => {
    const tx = db.transaction(['responses', 'changes'], 'readwrite');
    for (const r of recs) { tx.objectStore('responses').put(r); tx.objectStore('changes').add(r.id); }
    await done(tx);
  }, { recs });
  assert.equal((await open()).stored, 2500);
  const before = await page.evaluate(() => window.manyi.stats({}));
  assert.equal(before.responses, 2500);

  // Their deliveries are now 40 days old (oldest first: the first 1,000 are the first purged).
  await withJournal(page, web, async (db, { done, req, ids, now }) => {
    const tx = db.transaction('responses', 'readwrite');
    const st = tx.objectStore('responses');
    for (let i = 0; i < ids.length; i++) st.put({ ...(await req(st.get(ids[i]))), updated_ms: now - 40 * 86_400_000 + i });
    await done(tx);
  }, { ids: recs.map((r) => r.id), now });
  await open();
  const purges = await (await page.waitForFunction(() => {
    const p = window.__purges;
    return p.reduce((n, x) => n + x.responses, 0) >= 2500 ? p : null;
  }, null, { timeout: 120_000 })).jsonValue();
  assert.deepEqual(purges.map((p) => p.responses), [1000, 1000, 500]);
  const readyAt = await page.evaluate(() => window.__readyAt);
  t.diagnostic(`purge of 2,500 in wasm: ready -> batches done at ${purges.map((p) => (p.at - readyAt).toFixed(0)).join(', ')} ms`);
  assert.ok(purges.every((p) => !p.error && /^[0-9a-f-]{36}$/.test(p.aggregates)));
  assert.equal(new Set(purges.map((p) => p.aggregates)).size, 3, 'one aggregates record per batch');
  const after = await page.evaluate(() => window.manyi.stats({}));
  assert.deepEqual(after, before, 'same scores after three batches');
  assert.equal((await page.evaluate(() => window.manyi.pending())).total, 0);
  const left = await withJournal(page, web, async (db, { done, req }) => {
    const tx = db.transaction(['responses', 'aggregates'], 'readonly');
    const n = await req(tx.objectStore('responses').count());
    const a = await req(tx.objectStore('aggregates').count());
    await done(tx);
    return { n, a };
  });
  assert.deepEqual(left, { n: 0, a: 3 });
});
