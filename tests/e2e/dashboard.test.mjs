// The dashboard and stats(): 12 responses of the default survey submitted through the real UI
// (real mouse clicks on the canvas), then stats() checked against hand-computed scores, the
// dashboard's semantics checked against stats(), an export button's download checked against what
// was submitted, and screenshots at tablet and phone sizes (test-artifacts/e2e/dashboard-*.png).
//
//   node --test --test-concurrency=1 tests/e2e/dashboard.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import { distReady, setup, openWidget, waitForNode, findNode, semantics, clickNode, screenshot, writeJournal, parseCsv } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';

// Grade (1..7) and recommend (0..10, null = skipped) of each response. No grade ≤ 3: those lead on
// to the complaint form, which other tests cover.
const RESPONSES = [
  [7, 10], [7, 9], [6, 9], [6, 8], [6, 10], [5, 7], [5, 6], [4, 5], [7, null], [6, 9], [4, 3], [5, 10],
];

// Hand-computed (docs/scores.md):
//   grades 7×3, 6×4, 5×3, 4×2: n 12; index = Σ(g − 1)/6/n × 100 = 56/72 × 100 = 77.7778;
//   mean 68/12 = 5.6667; satisfied (5–7) 10/12; top-2-box (6–7) 7/12.
//   recommend, 11 answers: promoters (9–10) 6, passives (7–8) 2, detractors (0–6) 3;
//   NPS = (6 − 3)/11 × 100 = 27.2727; margin = 1.96·√((P + D − (P − D)²)/n)·100.
const EXPECT = { n: 12, index: 77.7778, mean: 5.6667, satisfied: 10, topBox: 7, npsN: 11, promoters: 6, passives: 2, detractors: 3 };
const P = 6 / 11, Dt = 3 / 11;
const NPS = (P - Dt) * 100;
const MARGIN = 1.96 * Math.sqrt((P + Dt - (P - Dt) ** 2) / 11) * 100;

function wilson(k, n, z = 1.959963984540054) {
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [centre - half, centre + half];
}

const close = (a, b, tol = 1e-3) => Math.abs(Number(a) - Number(b)) <= tol;

async function submitOne(page, grade, recommend) {
  await clickNode(page, await waitForNode(page, `satisfaction/${grade}`));
  await waitForNode(page, `satisfaction/${grade}`, (n) => n.value === 'true', `grade ${grade} chosen`);
  if (recommend !== null) {
    await clickNode(page, await waitForNode(page, `recommend/${recommend}`));
    await waitForNode(page, `recommend/${recommend}`, (n) => n.value === 'true', `recommend ${recommend} chosen`);
  }
  await clickNode(page, await waitForNode(page, 'submit'));
  // The thank-you screen may still be settling its layout when its button first appears: a click
  // that lands before that is retried (the survey screen coming back is what counts).
  for (let attempt = 0; ; attempt++) {
    await clickNode(page, await waitForNode(page, 'new-response'));
    try {
      await page.waitForFunction(() => window.manyi.semantics().some((n) => n.id === 'submit'), null, { polling: 50, timeout: 2_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  await waitForNode(page, `satisfaction/${grade}`, (n) => n.value !== 'true', 'a fresh survey');
}

function sortedCounts(values) {
  const m = new Map();
  for (const v of values) m.set(v, (m.get(v) || 0) + 1);
  return [...m.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

test('12 responses through the UI: stats(), the dashboard, an export download, screenshots', { skip, timeout: 240_000 }, async (t) => {
  const { page, web, console: log } = await setup(t);
  await page.setViewportSize({ width: 1280, height: 800 });
  const mounted = await openWidget(page, web.url);
  assert.ok(mounted.ok, mounted.error);
  for (const [grade, recommend] of RESPONSES) await submitOne(page, grade, recommend);

  // ---- stats() against the hand-computed figures -----------------------------------------------
  const stats = await page.evaluate(() => window.manyi.stats({ from: new Date(Date.now() - 3600_000).toISOString() }));
  assert.equal(stats.format, 'manyi.scores/1');
  assert.equal(stats.responses, EXPECT.n);
  assert.equal(stats.query.utc_offset_minutes, await page.evaluate(() => 0 - new Date().getTimezoneOffset() + 0), 'browser offset by default');
  const sat = stats.questions.find((q) => q.id === 'satisfaction');
  assert.equal(sat.n, EXPECT.n);
  assert.deepEqual(sat.distribution.map((d) => d.count), [0, 0, 0, 2, 3, 4, 3]);
  assert.ok(close(sat.scores.index.value, EXPECT.index), `index ${sat.scores.index.value}`);
  assert.ok(close(sat.scores.mean.value, EXPECT.mean), `mean ${sat.scores.mean.value}`);
  assert.equal(sat.scores.satisfied.count, EXPECT.satisfied);
  assert.ok(close(sat.scores.satisfied.value, 10 / 12));
  const [lo, hi] = wilson(10, 12);
  assert.ok(close(sat.scores.satisfied.low, lo) && close(sat.scores.satisfied.high, hi), 'Wilson interval of 10/12');
  assert.equal(sat.scores.top_box.count, EXPECT.topBox);
  const rec = stats.questions.find((q) => q.id === 'recommend');
  assert.equal(rec.n, EXPECT.npsN);
  assert.ok(close(rec.scores.nps.value, NPS), `nps ${rec.scores.nps.value} vs ${NPS}`);
  assert.ok(close(rec.scores.nps.margin, MARGIN, 1e-2), `margin ${rec.scores.nps.margin} vs ${MARGIN}`);
  assert.equal(rec.scores.promoters.count, EXPECT.promoters);
  assert.equal(rec.scores.detractors.count, EXPECT.detractors);
  assert.equal(rec.scores.passives, EXPECT.passives);
  // A window that ends before the responses has none; minN above n withholds the scores.
  const empty = await page.evaluate(() => window.manyi.stats({ to: Date.now() - 3600_000 }));
  assert.equal(empty.responses, 0);
  const strict = await page.evaluate(() => window.manyi.stats({ minN: 50 }));
  assert.equal(strict.questions[0].scores.index.insufficient, true);
  assert.equal(strict.questions[0].scores.index.value, null);

  // ---- the dashboard's semantics agree with stats() -----------------------------------------------
  await page.evaluate(() => window.manyi.showDashboard(true));
  const tile = await waitForNode(page, 'dash/tile/responses', (n) => n.value === '12', 'responses tile 12');
  assert.ok(tile.rect.width > 100);
  const nodes = await semantics(page);
  const val = (id) => {
    const n = findNode(nodes, id);
    assert.ok(n, `node ${id}`);
    return n.value;
  };
  assert.ok(close(val('dash/tile/satisfaction/index'), sat.scores.index.value, 1e-4));
  // The index's 95% t interval (docs/scores.md): grades 7×3, 6×4, 5×3, 4×2, s = 1.073087,
  // t(11) = 2.2010 → mean 5.6667 ± 0.6818 → index [66.4143, 89.1413].
  assert.ok(close(sat.scores.index.low, 66.4143, 1e-3) && close(sat.scores.index.high, 89.1413, 1e-3), JSON.stringify(sat.scores.index));
  assert.ok(close(val('dash/tile/satisfaction/index/low'), sat.scores.index.low, 1e-4));
  assert.ok(close(val('dash/tile/satisfaction/index/high'), sat.scores.index.high, 1e-4));
  assert.ok(close(val('dash/tile/satisfaction/rate'), sat.scores.satisfied.value, 1e-4));
  assert.ok(close(val('dash/tile/satisfaction/rate/low'), sat.scores.satisfied.low, 1e-4));
  assert.ok(close(val('dash/tile/satisfaction/rate/high'), sat.scores.satisfied.high, 1e-4));
  assert.equal(val('dash/tile/satisfaction/rate/n'), '12');
  assert.ok(close(val('dash/tile/satisfaction/csat'), sat.scores.top_box.value, 1e-4));
  assert.ok(close(val('dash/tile/recommend/nps'), rec.scores.nps.value, 1e-4));
  assert.ok(close(val('dash/tile/recommend/nps/margin'), rec.scores.nps.margin, 1e-4));
  assert.equal(val('dash/tile/recommend/nps/n'), '11');
  assert.equal(val('dash/min-n'), '10', 'the min n in effect is stated');
  // 12 answers ≥ min n 10: the grade bars show their shares; 11 NPS answers too.
  assert.ok(close(val('dash/dist/satisfaction/7/share'), 3 / 12, 1e-4));
  assert.equal(val('dash/nps-bar/promoters'), '6');
  assert.equal(val('dash/nps-bar/passives'), '2');
  assert.equal(val('dash/nps-bar/detractors'), '3');
  for (const d of sat.distribution) assert.equal(val(`dash/dist/satisfaction/${d.value}`), String(d.count), `bar ${d.value}`);
  for (const d of rec.distribution) assert.equal(val(`dash/dist/recommend/${d.value}`), String(d.count), `nps bar ${d.value}`);
  assert.match(val('dash/trend/satisfaction/index'), /^\d{4}-\d\d-\d\d=77\.7778$/);
  assert.match(val('dash/trend/satisfaction/n'), /^\d{4}-\d\d-\d\d=12$/, 'each trend point has its n');
  assert.equal(val('dash/complaints/n'), '0');
  assert.equal(val('dash/window/7d'), 'true');

  // The window selector recomputes: "today" still holds all 12 (they were just submitted).
  await clickNode(page, findNode(nodes, 'dash/window/today'));
  await waitForNode(page, 'dash/window/today', (n) => n.value === 'true', 'today selected');
  assert.equal((await waitForNode(page, 'dash/tile/responses')).value, '12');

  // A response arriving while the dashboard is shown shows up (throttled to one recompute a second).
  await page.evaluate(() => window.manyi.showDashboard(false));
  await submitOne(page, 7, 10);
  await page.evaluate(() => window.manyi.showDashboard(true));
  await waitForNode(page, 'dash/tile/responses', (n) => n.value === '13', 'responses tile 13');

  // ---- export: a real click on the button, a real browser download --------------------------------
  const button = await waitForNode(page, 'dash/export/responses-csv');
  const [download] = await Promise.all([page.waitForEvent('download'), clickNode(page, button)]);
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
  assert.equal(download.suggestedFilename(), `manyi-manyi-default-responses-${today}_${today}.csv`);
  const csv = parseCsv(await fsp.readFile(await download.path(), 'utf8'));
  const header = csv[0];
  const rows = csv.slice(1);
  assert.equal(rows.length, 13, 'one row per response');
  const col = (name) => rows.map((r) => r[header.indexOf(name)]);
  const submitted = [...RESPONSES, [7, 10]];
  assert.deepEqual(sortedCounts(col('satisfaction')), sortedCounts(submitted.map(([g]) => String(g))));
  assert.deepEqual(sortedCounts(col('recommend')), sortedCounts(submitted.map(([, r]) => (r === null ? '' : String(r)))));
  // The download link lived inside the widget's element and is gone.
  assert.equal(await page.evaluate(() => document.querySelectorAll('a[download]').length), 0);
  // exportCsv / exportJson return the same data as strings.
  const scoresCsv = await page.evaluate(() => window.manyi.exportCsv({ kind: 'scores' }));
  assert.ok(parseCsv(scoresCsv).some((r) => r[0] === 'satisfaction' && r[2] === 'index'), 'scores CSV has the index row');
  const json = JSON.parse(await page.evaluate(() => window.manyi.exportJson({ kind: 'responses' })));
  assert.equal(json.length, 13);

  // ---- screenshots: tablet landscape, then phone ----------------------------------------------------
  await clickNode(page, await waitForNode(page, 'dash/window/all'));
  await waitForNode(page, 'dash/window/all', (n) => n.value === 'true', 'all selected');
  await page.addStyleTag({ content: 'header, .host-form { display: none } main { max-width: none; margin: 0; padding: 0 } #app { height: 100vh; border: 0 }' });
  await waitForNode(page, 'dash/tile/responses', (n) => n.rect.width > 0);
  await page.waitForTimeout(300);
  await screenshot(page, 'dashboard', '1280x800');
  // The rest of the page: the widget scrolls on the wheel.
  const box = await page.locator('#app canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 700);
  await page.waitForTimeout(400);
  await screenshot(page, 'dashboard', '1280x800-scrolled');
  await page.mouse.wheel(0, -5000);
  await page.waitForTimeout(300);
  await page.setViewportSize({ width: 390, height: 844 });
  await waitForNode(page, 'dash/tile/responses', (n) => n.rect.x + n.rect.width <= 390, 'tiles within 390 px');
  await page.waitForTimeout(300);
  await screenshot(page, 'dashboard', '390x844');
  // Nothing drawn past the right edge at phone width.
  for (const n of await semantics(page)) assert.ok(n.rect.x + n.rect.width <= 391, `${n.id} fits: ${JSON.stringify(n.rect)}`);

  log.assertClean(assert, [/api\/responses/]);
});

test('?view=dashboard opens the dashboard at mount', { skip, timeout: 60_000 }, async (t) => {
  const { page, web } = await setup(t);
  await page.setViewportSize({ width: 800, height: 1280 });
  const mounted = await openWidget(page, web.url, { view: 'dashboard', locale: 'en' });
  assert.ok(mounted.ok, mounted.error);
  const n = await waitForNode(page, 'dash/tile/responses', (x) => x.value === '0', 'an empty dashboard');
  assert.equal(n.label, 'Responses');
  const nodes = await semantics(page);
  assert.equal(findNode(nodes, 'dash/tile/satisfaction/index').value, 'insufficient', 'n = 0 is not enough answers');
  assert.equal(findNode(nodes, 'dash/tile/satisfaction/index/n').value, '0');
  assert.ok(!findNode(nodes, 'submit'), 'no survey underneath');
  await screenshot(page, 'dashboard', '800x1280-empty');
  await page.evaluate(() => window.manyi.showDashboard(false));
  await waitForNode(page, 'submit');
});

// 40 deterministic responses to the all-types survey written into the journal before the widget
// starts (the format of src/core/journal_record.cpp): the dashboard's SERVQUAL, KANO, matrix and
// complaint nodes must say what stats() says.
function allTypesPayloads(count) {
  const KANO = ['like', 'must-be', 'neutral', 'live-with', 'dislike'];
  const DIMS = { promise: 'reliability', prompt: 'responsiveness', trust: 'assurance', care: 'empathy', facilities: 'tangibles' };
  const out = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const at = new Date(now - (i % 5) * 86_400_000 - 60_000).toISOString();
    const servqual = {};
    for (const [item, dimension] of Object.entries(DIMS)) {
      const e = 4 + (i % 4), p = 1 + ((i * 3 + item.length) % 7);
      servqual[item] = { expectation: e, perception: p, gap: p - e, dimension };
    }
    const answers = {
      satisfaction: { type: 'rating', value: 1 + (i % 7) },
      stars: { type: 'rating', value: 1 + ((i * 3) % 5) },
      follow_up: { type: 'consent', value: i % 3 === 0 },
      recommend: { type: 'nps', value: i % 11 },
      effort: { type: 'ces', value: 1 + ((i * 5) % 7) },
      channel: { type: 'single', value: ['counter', 'phone', 'online'][i % 3] },
      topics: { type: 'multiple', value: i % 2 ? ['billing', 'repair'] : ['enquiry'] },
      staff: { type: 'matrix', value: { courtesy: 1 + (i % 5), knowledge: 1 + ((i + 2) % 5), speed: 5 } },
      servqual: { type: 'servqual', value: servqual },
      kano: { type: 'kano', value: {
        queue_app: { functional: KANO[i % 5], dysfunctional: KANO[(i * 2) % 5] },
        evening: { functional: 'like', dysfunctional: KANO[(i + 1) % 5] },
      } },
    };
    if (i % 4 === 0) {
      answers['complaint.type'] = { type: 'single', value: i % 8 ? 'complaint' : 'suggestion' };
      answers['complaint.callback'] = { type: 'consent', value: i % 8 === 0 };
    }
    out.push(JSON.stringify({
      format: 'manyi.response/2', id: crypto.randomUUID(), survey: { id: 'manyi-all-types', version: '1' },
      started_at: at, submitted_at: at, locale: 'zh-CN', mode: 'embed', device_id: '', client_version: '0.1.0', answers,
    }));
  }
  return out;
}

test('all-types: SERVQUAL, KANO, matrix and complaints on the dashboard agree with stats()', { skip, timeout: 90_000 }, async (t) => {
  const { page, web } = await setup(t);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(new URL('manyi-sw.js', web.url).href); // same origin, no widget: write the journal first
  await writeJournal(page, allTypesPayloads(40));
  const mounted = await openWidget(page, web.url, { survey: '/assets/surveys/all-types.json', view: 'dashboard', endpoint: 'http://127.0.0.1:9/none' });
  assert.ok(mounted.ok, mounted.error);
  const stats = await page.evaluate(() => window.manyi.stats({ from: Date.now() - 7 * 86_400_000 }));
  assert.equal(stats.responses, 40);
  await waitForNode(page, 'dash/tile/responses', (n) => n.value === '40', 'responses tile 40');
  const nodes = await semantics(page);
  const val = (id) => {
    const n = findNode(nodes, id);
    assert.ok(n, `node ${id}`);
    return n.value;
  };
  const num = (s) => (s.insufficient ? 'insufficient' : s.value);
  const same = (id, want) => assert.ok(want === 'insufficient' ? val(id) === want : close(val(id), want, 1e-4), `${id}: ${val(id)} vs ${want}`);
  const sq = stats.questions.find((q) => q.id === 'servqual').servqual;
  for (const d of sq.dimensions) same(`dash/servqual/servqual/${d.dimension}`, num(d.gap));
  same('dash/servqual/servqual/overall', num(sq.overall));
  for (const f of stats.questions.find((q) => q.id === 'kano').features) {
    assert.equal(val(`dash/kano/kano/${f.id}`), f.category.insufficient ? 'insufficient' : f.category.value, `kano ${f.id}`);
    same(`dash/kano/kano/${f.id}/better`, num(f.better));
    same(`dash/kano/kano/${f.id}/worse`, num(f.worse));
  }
  for (const row of stats.questions.find((q) => q.id === 'staff').rows) same(`dash/dist/staff/${row.id}`, num(row.scores.index));
  assert.equal(val('dash/complaints/n'), String(stats.complaints.n));
  assert.equal(stats.complaints.n, 10);
  for (const ty of stats.complaints.by_type) assert.equal(val(`dash/complaints/type/${ty.value}`), String(ty.count), ty.value);
  assert.equal(val('dash/complaints/open'), String(stats.complaints.follow_up.open));
  const effort = stats.questions.find((q) => q.id === 'effort').scores;
  same('dash/tile/effort/ces', num(effort.mean));
  same('dash/tile/effort/ces/low', effort.mean.low);
  same('dash/tile/effort/ces/easy/low', effort.easy.low);
  same('dash/tile/effort/ces/easy/high', effort.easy.high);
  // Every rating question has its tiles: the 5-point stars its CSAT top-2-box and mean.
  const stars = stats.questions.find((q) => q.id === 'stars').scores;
  same('dash/tile/stars/csat', num(stars.top_box));
  same('dash/tile/stars/csat/low', stars.top_box.low);
  same('dash/tile/stars/mean', num(stars.mean));
  same('dash/tile/stars/mean/high', stars.mean.high);
  same('dash/tile/satisfaction/index', num(stats.questions.find((q) => q.id === 'satisfaction').scores.index));
  // KANO: n and the better / worse intervals; the letters' legend.
  for (const f of stats.questions.find((q) => q.id === 'kano').features) {
    assert.equal(val(`dash/kano/kano/${f.id}/n`), String(f.n));
    if (!f.better.insufficient) {
      same(`dash/kano/kano/${f.id}/better/low`, f.better.low);
      same(`dash/kano/kano/${f.id}/worse/high`, f.worse.high);
    }
  }
  assert.match(val('dash/kano/kano/legend'), /A .+ · O .+ · M .+ · I .+ · R .+ · Q .+ · \*/);
  // Consent questions have their yes / no card.
  const followUp = stats.questions.find((q) => q.id === 'follow_up');
  for (const o of followUp.distribution) assert.equal(val(`dash/dist/follow_up/${o.value}`), String(o.count), `consent ${o.value}`);
  // Complaint callback share with its interval (when not withheld).
  if (!stats.complaints.callback.insufficient) same('dash/complaints/callback/low', stats.complaints.callback.low);
  // Negative SERVQUAL gaps exist in this data and are drawn (checked in the screenshot).
  assert.ok(sq.dimensions.some((d) => !d.gap.insufficient && d.gap.value < 0));
  await screenshot(page, 'dashboard', 'all-types-1280x800');
  // Readable on a 10-inch tablet held upright and on a phone: every node inside the width, and
  // no two tiles overlapping.
  await page.addStyleTag({ content: 'header, .host-form { display: none } main { max-width: none; margin: 0; padding: 0 } #app { height: 100vh; border: 0 }' });
  for (const [w, h] of [[800, 1280], [360, 740]]) {
    await page.setViewportSize({ width: w, height: h });
    await waitForNode(page, 'dash/tile/responses', (n) => n.rect.x + n.rect.width <= w, `tiles within ${w} px`);
    await page.waitForTimeout(300);
    await screenshot(page, 'dashboard', `all-types-${w}x${h}`);
    const all = await semantics(page);
    for (const n of all) assert.ok(n.rect.x + n.rect.width <= w + 1, `${n.id} fits ${w} px: ${JSON.stringify(n.rect)}`);
    const tiles = all.filter((n) => n.role === 'status' && n.id.startsWith('dash/tile/'));
    for (const a of tiles) for (const b of tiles) {
      if (a === b) continue;
      const overlap = a.rect.x < b.rect.x + b.rect.width - 1 && b.rect.x < a.rect.x + a.rect.width - 1 &&
        a.rect.y < b.rect.y + b.rect.height - 1 && b.rect.y < a.rect.y + a.rect.height - 1;
      assert.ok(!overlap, `${a.id} and ${b.id} overlap at ${w} px`);
    }
  }
  // Scrolled to the KANO table at the tablet's upright width.
  await page.setViewportSize({ width: 800, height: 1280 });
  const box = await page.locator('#app canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 5000);
  await page.waitForTimeout(400);
  await screenshot(page, 'dashboard', 'all-types-800x1280-scrolled');
});

test('a response submitted in another tab shows up on an open dashboard', { skip, timeout: 90_000 }, async (t) => {
  const { page, web, context } = await setup(t);
  const mounted = await openWidget(page, web.url, { view: 'dashboard', locale: 'en' });
  assert.ok(mounted.ok, mounted.error);
  await waitForNode(page, 'dash/tile/responses', (n) => n.value === '0', 'an empty dashboard');
  const other = await context.newPage();
  assert.ok((await openWidget(other, web.url)).ok);
  await submitOne(other, 6, 9);
  await submitOne(other, 7, 10);
  // The other tab's broadcast reaches this widget's store; the dashboard recomputes (throttled
  // to once a second) without any input here.
  await waitForNode(page, 'dash/tile/responses', (n) => n.value === '2', 'the dashboard counts both');
  const nodes = await semantics(page);
  assert.equal(findNode(nodes, 'dash/dist/satisfaction/7').value, '1');
  assert.equal(findNode(nodes, 'dash/nps-bar/promoters').value, '2');
});

test('touch: a finger drag scrolls the dashboard and does not press the button it started on', { skip, timeout: 60_000 }, async (t) => {
  const { page, web } = await setup(t);
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok((await openWidget(page, web.url, { view: 'dashboard' })).ok);
  const start = await waitForNode(page, 'dash/window/all', (n) => n.value === 'false');
  assert.equal(await page.evaluate(() => document.querySelector('#app canvas').style.touchAction), 'none');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  // A tap presses.
  const tap = await waitForNode(page, 'dash/window/30d');
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: tap.rect.x + 20, y: tap.rect.y + tap.rect.height / 2 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitForNode(page, 'dash/window/30d', (n) => n.value === 'true', 'a tap selects "30 days"');
  const x = start.rect.x + start.rect.width / 2, y = start.rect.y + start.rect.height / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - i * 20 }] });
    await page.waitForTimeout(30);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const moved = await waitForNode(page, 'dash/window/all', (n) => n.rect.y < start.rect.y - 100, 'the page scrolled up with the finger');
  assert.equal(moved.value, 'false', 'the drag did not press the "all" button');
});
