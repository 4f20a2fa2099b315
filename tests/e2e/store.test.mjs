// E2E of the store kept between page loads (docs/decisions.md D18): one persistent profile, page
// loads in a row. A reload opens the SQLite store from its image without replaying the journal; an
// image behind the journal (records, delivery states and purges written after it) catches up; an
// image that does not add up, is damaged or is gone is rebuilt from the journal with nothing lost.
// The journal is edited between loads from a page of the same origin without the widget, as
// another tab (its records with change entries) or time passing (no change entry) would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { distReady, setup, waitForMount, waitForNode, clickNode, pending, REPO } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const SURVEY = JSON.parse(fs.readFileSync(path.join(REPO, 'assets/surveys/default.json'), 'utf8'));

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

// A journal record as the widget writes it (src/core/journal_record.cpp).
function record(survey, grade, state, now) {
  const id = crypto.randomUUID();
  const payload = JSON.stringify({
    format: 'manyi.response/1', id, survey: { id: survey.id, version: String(survey.version ?? '1') }, locale: 'zh-CN',
    created_at: new Date(now).toISOString(), answers: { satisfaction: grade },
  });
  return { id, payload, state, created_ms: now, updated_ms: now };
}

test('the store survives reloads, catches up with the journal, and is rebuilt when it cannot', { skip, timeout: 240_000 }, async (t) => {
  const { web, page, context } = await setup(t, { endpoint: false });
  // Nothing listens on port 9: responses stay pending, and pending() reads the SQLite store.
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
    return (await page.waitForFunction(() => window.__ready, null, { timeout: 30_000 })).jsonValue();
  };
  // The image written after the load (the store changed, or was rebuilt): holds `n` responses.
  const imageWritten = async (n) => (await page.waitForFunction(
    (n) => window.__snapshots.find((s) => s.ok && s.result === 'written' && s.responses === n), n, { timeout: 30_000 })).jsonValue();
  const responsesInStore = async () => JSON.parse(await page.evaluate(() => window.manyi.exportJson({ kind: 'responses' })));
  const submit = async (grade) => {
    await clickNode(page, await waitForNode(page, `satisfaction/${grade}`));
    await waitForNode(page, `satisfaction/${grade}`, (n) => n.value === 'true');
    await clickNode(page, await waitForNode(page, 'submit'));
    const ref = await waitForNode(page, 'reference');
    await clickNode(page, await waitForNode(page, 'new-response'));
    await waitForNode(page, 'submit');
    return ref.value;
  };

  // First load: nothing kept yet.
  let ready = await open();
  assert.equal(ready.store, 'rebuilt');
  assert.equal(ready.reason, 'missing');
  const ids = [await submit(6), await submit(5), await submit(7)]; // 3 or less leads on to the complaint form
  const first = await imageWritten(3);
  assert.ok(first.bytes > 4096 && first.mark >= 3, JSON.stringify(first));

  await t.test('a reload opens the store from its image, replaying nothing', async () => {
    ready = await open();
    assert.deepEqual({ store: ready.store, replayed: ready.replayed, stored: ready.stored, pending: ready.pending },
      { store: 'snapshot', replayed: 0, stored: 3, pending: 3 });
    const p = await pending(page);
    assert.equal(p.total, 3);
    assert.deepEqual((await responsesInStore()).map((r) => r.id).sort(), [...ids].sort());
  });

  await t.test('an image behind the journal catches up: new records and a newer delivery state', async () => {
    const added = await withJournal(page, web, async (db, { done, req, recs, deliveredId }) => {
      const tx = db.transaction(['responses', 'changes'], 'readwrite');
      const responses = tx.objectStore('responses'), changes = tx.objectStore('changes');
      for (const r of recs) { responses.put(r); changes.add(r.id); }
      const old = await req(responses.get(deliveredId));
      responses.put({ ...old, state: 'delivered', updated_ms: Date.now() });
      changes.add(deliveredId);
      await done(tx);
      return recs.length;
    }, { recs: [record(SURVEY, 5, 'pending', Date.now()), record(SURVEY, 4, 'pending', Date.now())], deliveredId: ids[0] });
    assert.equal(added, 2);
    ready = await open();
    assert.deepEqual({ store: ready.store, replayed: ready.replayed, stored: ready.stored, pending: ready.pending },
      { store: 'snapshot', replayed: 3, stored: 5, pending: 4 });
    const p = await pending(page);
    assert.deepEqual({ total: p.total, pending: p.pending, delivered: p.delivered }, { total: 5, pending: 4, delivered: 1 },
      'the image said pending; the journal (the truth) says delivered');
    await imageWritten(5);
  });

  await t.test('a purge of a delivered response, once the store is loaded, removes it from the store', async () => {
    // Time passes: its delivery is now older than the retention period (30 days). No change entry:
    // nothing was written, the clock moved.
    await withJournal(page, web, async (db, { done, req, id }) => {
      const tx = db.transaction('responses', 'readwrite');
      const st = tx.objectStore('responses');
      const r = await req(st.get(id));
      st.put({ ...r, updated_ms: Date.now() - 40 * 86400000 });
      await done(tx);
    }, { id: ids[0] });
    ready = await open();
    assert.deepEqual({ store: ready.store, replayed: ready.replayed, stored: ready.stored }, { store: 'snapshot', replayed: 0, stored: 5 });
    // The store drives the purge (docs/decisions.md D20; its scores are tested in retention.test.mjs).
    const purged = await (await page.waitForFunction(() => window.__purge, null, { timeout: 30_000 })).jsonValue();
    assert.equal(purged.responses, 1);
    const p = await pending(page);
    assert.deepEqual({ total: p.total, delivered: p.delivered }, { total: 4, delivered: 0 });
    assert.ok(!(await responsesInStore()).some((r) => r.id === ids[0]), 'the purged response is gone from the store');
    await imageWritten(4);
  });

  await t.test('a record written past the change log does not add up: rebuilt from the journal', async () => {
    await withJournal(page, web, async (db, { done, rec }) => {
      const tx = db.transaction('responses', 'readwrite');
      tx.objectStore('responses').put(rec);
      await done(tx);
    }, { rec: record(SURVEY, 3, 'pending', Date.now()) });
    ready = await open();
    assert.deepEqual({ store: ready.store, reason: ready.reason, replayed: ready.replayed, stored: ready.stored },
      { store: 'rebuilt', reason: 'count', replayed: 5, stored: 5 });
    await imageWritten(5);
  });

  await t.test('a damaged image is rebuilt from the journal with nothing lost', async () => {
    await withJournal(page, web, async (db, { done, req }) => {
      const tx = db.transaction('sqlite', 'readwrite');
      const st = tx.objectStore('sqlite');
      const image = new Uint8Array(await req(st.get('image')));
      image[image.length >> 1] ^= 0x40;
      st.put(image.buffer, 'image');
      await done(tx);
    });
    ready = await open();
    assert.deepEqual({ store: ready.store, reason: ready.reason, stored: ready.stored, pending: ready.pending },
      { store: 'rebuilt', reason: 'damaged', stored: 5, pending: 5 });
    const kept = (await responsesInStore()).map((r) => r.id);
    for (const id of ids.slice(1)) assert.ok(kept.includes(id), `response ${id} kept`);
    await imageWritten(5);
  });

  await t.test('a deleted image is rebuilt; the next load uses the new image', async () => {
    await withJournal(page, web, async (db, { done }) => {
      const tx = db.transaction('sqlite', 'readwrite');
      tx.objectStore('sqlite').clear();
      await done(tx);
    });
    ready = await open();
    assert.deepEqual({ store: ready.store, reason: ready.reason, stored: ready.stored }, { store: 'rebuilt', reason: 'missing', stored: 5 });
    await imageWritten(5);
    ready = await open();
    assert.deepEqual({ store: ready.store, replayed: ready.replayed, stored: ready.stored }, { store: 'snapshot', replayed: 0, stored: 5 });
  });
});
