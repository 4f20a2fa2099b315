// E2E of drafts: a half-filled survey comes back after a reload (as after a crash), the respondent
// can start over, and a submitted response leaves no draft behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distReady, setup, openWidget, semantics, waitForNode, findNode, clickNode, screenshot } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const SURVEY = '/assets/surveys/default.json';

// The widget's drafts, read from its journal database ("manyi", store "drafts").
function readDrafts(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('manyi');
    r.onsuccess = () => {
      const db = r.result;
      const all = db.transaction('drafts').objectStore('drafts').getAll();
      all.onsuccess = () => { db.close(); resolve(all.result); };
      all.onerror = () => reject(all.error);
    };
    r.onerror = () => reject(r.error);
  }));
}

// Moves every draft's saved time back by `ms`, as if the tablet had sat there that long.
function ageDrafts(page, ms) {
  return page.evaluate((ms) => new Promise((resolve, reject) => {
    const r = indexedDB.open('manyi');
    r.onsuccess = () => {
      const db = r.result;
      const tx = db.transaction('drafts', 'readwrite');
      const st = tx.objectStore('drafts');
      const all = st.getAll();
      all.onsuccess = () => {
        for (const rec of all.result) {
          const d = JSON.parse(rec.json);
          d.saved_ms -= ms;
          st.put({ key: rec.key, json: JSON.stringify(d) });
        }
      };
      tx.oncomplete = () => { db.close(); resolve(all.result.length); };
      tx.onerror = () => reject(tx.error);
    };
    r.onerror = () => reject(r.error);
  }), ms);
}

// Drafts are written a moment after each change (an IndexedDB commit the page does not wait for);
// a reload before the commit loses that last change, as a crash would.
async function waitForDraft(page, pred, what) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const drafts = (await readDrafts(page)).map((r) => JSON.parse(r.json));
    if (pred(drafts)) return drafts;
    if (Date.now() > deadline) throw new Error(`draft: timed out waiting for ${what}; drafts ${JSON.stringify(drafts)}`);
    await page.waitForTimeout(50);
  }
}

async function typeComment(page, text) {
  await clickNode(page, await waitForNode(page, 'comment'));
  await page.waitForFunction(() => document.activeElement?.matches?.('[data-manyi-text-field]'), null, { polling: 50, timeout: 5_000 });
  await page.keyboard.type(text);
  await waitForNode(page, 'comment', (n) => n.value === text, 'comment typed');
  await page.keyboard.press('Tab');
}

test('a half-filled survey is restored after a reload; start over clears it; submit leaves no draft', { skip, timeout: 90_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const params = { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' };
  await openWidget(page, web.url, params);
  await clickNode(page, await waitForNode(page, 'satisfaction/2'));
  await waitForNode(page, 'satisfaction/2', (n) => n.value === 'true');
  await clickNode(page, await waitForNode(page, 'recommend/3'));
  await waitForNode(page, 'recommend/3', (n) => n.value === 'true');
  await typeComment(page, '等了四十分钟 🙂');
  await waitForDraft(page, (d) => d.length === 1 && d[0].answers.comment === '等了四十分钟 🙂' && d[0].answers.recommend === 3,
    'the grade, the NPS and the typed comment in the draft');

  // Reload as a crash would leave it: nothing was submitted.
  await openWidget(page, web.url, params);
  await waitForNode(page, 'draft-restored');
  const nodes = await semantics(page);
  assert.equal(findNode(nodes, 'satisfaction/2').value, 'true', 'grade restored');
  assert.equal(findNode(nodes, 'recommend/3').value, 'true', 'NPS restored');
  assert.equal(findNode(nodes, 'comment').value, '等了四十分钟 🙂', 'text (with a character above U+FFFF) restored');
  await screenshot(page, 'drafts', 'restored');

  // Start over: an empty survey, and a reload brings nothing back.
  await clickNode(page, await waitForNode(page, 'start-over'));
  await waitForNode(page, 'satisfaction/2', (n) => n.value !== 'true', 'grade cleared');
  assert.equal(findNode(await semantics(page), 'draft-restored'), undefined);
  await openWidget(page, web.url, params);
  await waitForNode(page, 'submit');
  assert.equal(findNode(await semantics(page), 'draft-restored'), undefined, 'no draft after start over');

  // Answer, reload, submit the restored answers: the endpoint gets them, and no draft is left.
  await clickNode(page, await waitForNode(page, 'satisfaction/6'));
  await waitForNode(page, 'satisfaction/6', (n) => n.value === 'true');
  await waitForDraft(page, (d) => d.length === 1 && d[0].answers.satisfaction === 6, 'grade 6 in the draft');
  await openWidget(page, web.url, params);
  await waitForNode(page, 'draft-restored');
  await clickNode(page, await waitForNode(page, 'submit'));
  const ref = await waitForNode(page, 'reference');
  const got = await ep.waitFor((e) => e.byId.get(ref.value));
  assert.equal(got.body.answers.satisfaction.value, 6, 'the restored grade is what was sent');
  await page.waitForTimeout(200); // the draft's delete is a relaxed write, not awaited by the widget
  assert.deepEqual(await readDrafts(page), [], 'the draft is gone once the response is stored');
  await openWidget(page, web.url, params);
  await waitForNode(page, 'submit');
  assert.equal(findNode(await semantics(page), 'draft-restored'), undefined);
  log.assertClean(assert);
});

test('a kiosk keeps a draft only briefly; an old draft is dropped unseen', { skip, timeout: 60_000 }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const params = { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN', mode: 'kiosk' };
  await openWidget(page, web.url, params);
  // The kiosk's first screen: a neutral grade goes on to the survey with it filled in.
  await clickNode(page, await waitForNode(page, 'first-tap/4'));
  await clickNode(page, await waitForNode(page, 'recommend/3'));
  await waitForNode(page, 'recommend/3', (n) => n.value === 'true');
  await waitForDraft(page, (d) => d.length === 1, 'a draft');
  // Age the stored draft past the kiosk's two minutes, as if the tablet sat there.
  assert.equal(await ageDrafts(page, 3 * 60 * 1000), 1, 'a draft was written');
  await openWidget(page, web.url, params);
  await waitForNode(page, 'first-tap/1'); // a fresh first screen, not the old survey
  const nodes = await semantics(page);
  assert.equal(findNode(nodes, 'draft-restored'), undefined, 'no restore notice');
  assert.equal(findNode(nodes, 'recommend/3'), undefined, 'the previous respondent\'s answers are not shown');
  await page.waitForTimeout(200);
  assert.deepEqual(await readDrafts(page), [], 'the stale draft is deleted');
  log.assertClean(assert);
});
