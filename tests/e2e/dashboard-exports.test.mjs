// The dashboard's survey-version selector and its four export buttons: responses of two versions
// written into the journal before the widget starts, then real clicks on the canvas; the tiles
// must say what stats({version}) says, and each download must be named
// manyi-<survey>-<kind>-<from>_<to>.<ext> (local dates) and hold the selected version's data.
//
//   node --test --test-concurrency=1 tests/e2e/dashboard-exports.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import { distReady, setup, openWidget, waitForNode, findNode, semantics, clickNode, screenshot, writeJournal, parseCsv } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';

// 14 responses of version "1" (grades 7 and 6) and 12 of version "2" (grades 5..2 and NPS 0..10),
// all within the last hour, so "last 7 days" holds every one of them.
function payloads() {
  const out = [];
  const now = Date.now();
  const make = (i, version, grade, nps) => {
    const at = new Date(now - 60_000 - i * 1000).toISOString();
    return JSON.stringify({
      format: 'manyi.response/2', id: crypto.randomUUID(), survey: { id: 'manyi-default', version },
      started_at: at, submitted_at: at, locale: 'zh-CN', mode: 'embed', device_id: '', client_version: '0.1.0',
      answers: { satisfaction: { type: 'rating', value: grade }, recommend: { type: 'nps', value: nps } },
    });
  };
  for (let i = 0; i < 14; i++) out.push(make(i, '1', i % 2 ? 7 : 6, 9 + (i % 2)));
  for (let i = 0; i < 12; i++) out.push(make(100 + i, '2', 5 - (i % 4), i % 11));
  return out;
}

const close = (a, b, tol = 1e-4) => Math.abs(Number(a) - Number(b)) <= tol;

test('version selector: the tiles follow the chosen version; each export button downloads its data', { skip, timeout: 120_000 }, async (t) => {
  const { page, web, console: log } = await setup(t);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(new URL('manyi-sw.js', web.url).href); // same origin, no widget: write the journal first
  await writeJournal(page, payloads());
  const mounted = await openWidget(page, web.url, { view: 'dashboard', locale: 'en', endpoint: 'http://127.0.0.1:9/none' });
  assert.ok(mounted.ok, mounted.error);
  await waitForNode(page, 'dash/tile/responses', (n) => n.value === '26', 'all 26 responses');
  const all = await page.evaluate(() => window.manyi.stats({ from: Date.now() - 86_400_000 }));
  assert.deepEqual(all.versions.map((v) => [v.version, v.responses]), [['1', 14], ['2', 12]]);

  // The selector offers "all versions" and both versions; "all" is selected.
  assert.equal((await waitForNode(page, 'dash/version/all')).value, 'true');
  assert.equal((await waitForNode(page, 'dash/version/1')).value, 'false');
  await clickNode(page, await waitForNode(page, 'dash/version/2'));
  await waitForNode(page, 'dash/version/2', (n) => n.value === 'true', 'version 2 selected');
  await waitForNode(page, 'dash/tile/responses', (n) => n.value === '12', 'version 2 has 12');
  const v2 = await page.evaluate(() => window.manyi.stats({ version: '2' }));
  assert.equal(v2.responses, 12);
  const sat = v2.questions.find((q) => q.id === 'satisfaction');
  const rec = v2.questions.find((q) => q.id === 'recommend');
  let nodes = await semantics(page);
  const val = (id) => {
    const n = findNode(nodes, id);
    assert.ok(n, `node ${id}`);
    return n.value;
  };
  assert.equal(val('dash/tile/satisfaction/index/n'), String(sat.scores.index.n));
  assert.equal(val('dash/tile/satisfaction/index/n'), '12');
  assert.ok(close(val('dash/tile/satisfaction/index'), sat.scores.index.value));
  assert.ok(close(val('dash/tile/satisfaction/rate'), sat.scores.satisfied.value));
  assert.equal(val('dash/tile/recommend/nps/n'), String(rec.scores.nps.n));
  assert.ok(close(val('dash/tile/recommend/nps'), rec.scores.nps.value));
  for (const d of sat.distribution) assert.equal(val(`dash/dist/satisfaction/${d.value}`), String(d.count));
  await screenshot(page, 'dashboard-exports', 'version-2-1280x800');

  // ---- the four export buttons, with version 2 selected and the default "last 7 days" ---------
  const local = (ms) => page.evaluate((ms) => new Date(ms).toLocaleDateString('sv'), ms);
  const today = await local(Date.now());
  const weekStart = await page.evaluate(() => { const d = new Date(); d.setDate(d.getDate() - 6); return d.toLocaleDateString('sv'); });
  const expectName = (kind, ext) => `manyi-manyi-default-${kind}-${weekStart}_${today}.${ext}`;
  const download = async (id) => {
    const [d] = await Promise.all([page.waitForEvent('download'), clickNode(page, await waitForNode(page, id))]);
    return { name: d.suggestedFilename(), text: await fsp.readFile(await d.path(), 'utf8') };
  };

  const scoresCsv = await download('dash/export/scores-csv');
  assert.equal(scoresCsv.name, expectName('scores', 'csv'));
  const sc = parseCsv(scoresCsv.text);
  assert.deepEqual(sc[0], ['question', 'part', 'score', 'n', 'count', 'value', 'low', 'high', 'status']);
  assert.deepEqual(sc.find((r) => r[1] === 'responses').slice(2, 5), ['count', '12', '12']);
  const indexRow = sc.find((r) => r[0] === 'satisfaction' && r[2] === 'index');
  assert.ok(close(indexRow[5], sat.scores.index.value) && close(indexRow[6], sat.scores.index.low), indexRow.join(','));

  const scoresJson = await download('dash/export/scores-json');
  assert.equal(scoresJson.name, expectName('scores', 'json'));
  const report = JSON.parse(scoresJson.text);
  assert.equal(report.format, 'manyi.scores/1');
  assert.equal(report.responses, 12);
  assert.equal(report.query.version, '2');

  const responsesCsv = await download('dash/export/responses-csv');
  assert.equal(responsesCsv.name, expectName('responses', 'csv'));
  const rc = parseCsv(responsesCsv.text);
  const versionCol = rc[0].indexOf('survey_version');
  assert.equal(rc.length - 1, 12, 'one row per version-2 response');
  assert.ok(rc.slice(1).every((r) => r[versionCol] === '2'));

  const responsesJson = await download('dash/export/responses-json');
  assert.equal(responsesJson.name, expectName('responses', 'json'));
  const payloadsOut = JSON.parse(responsesJson.text);
  assert.equal(payloadsOut.length, 12);
  assert.ok(payloadsOut.every((p) => p.survey.version === '2' && p.format === 'manyi.response/2'));
  assert.deepEqual(payloadsOut.map((p) => p.answers.satisfaction.value).sort(), sat.distribution.flatMap((d) => Array(d.count).fill(d.value)).sort());

  // w.download() names its file the same way: "all" is the first and last response's local days.
  const [d] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.manyi.download('responses', 'json', { version: '1' }))]);
  assert.equal(d.suggestedFilename(), `manyi-manyi-default-responses-${today}_${today}.json`);
  assert.equal(JSON.parse(await fsp.readFile(await d.path(), 'utf8')).length, 14);

  // Back to every version.
  await clickNode(page, await waitForNode(page, 'dash/version/all'));
  await waitForNode(page, 'dash/tile/responses', (n) => n.value === '26', 'all versions again');
  nodes = await semantics(page);
  assert.equal(findNode(nodes, 'dash/version/all').value, 'true');
  log.assertClean(assert, [/127\.0\.0\.1:9/, /ERR_CONNECTION_REFUSED/, /Failed to fetch/, /favicon\.ico/]);
});

test('below min n: bars give counts but no percentages, and the min n is stated', { skip, timeout: 60_000 }, async (t) => {
  const { page, web } = await setup(t);
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto(new URL('manyi-sw.js', web.url).href);
  await writeJournal(page, payloads().slice(14, 17)); // 3 responses of version 2
  const mounted = await openWidget(page, web.url, { view: 'dashboard', locale: 'en', endpoint: 'http://127.0.0.1:9/none' });
  assert.ok(mounted.ok, mounted.error);
  await waitForNode(page, 'dash/tile/responses', (n) => n.value === '3');
  const nodes = await semantics(page);
  assert.equal(findNode(nodes, 'dash/min-n').value, '10');
  assert.match(findNode(nodes, 'dash/min-n').label, /at least 10 answers/);
  assert.equal(findNode(nodes, 'dash/tile/satisfaction/index').value, 'insufficient');
  const bars = nodes.filter((n) => n.id.startsWith('dash/dist/satisfaction/') && n.role === 'bar');
  assert.equal(bars.length, 7);
  assert.equal(bars.reduce((s, b) => s + Number(b.value), 0), 3, 'the counts are shown');
  assert.ok(!nodes.some((n) => n.id.startsWith('dash/dist/') && n.id.endsWith('/share')), 'no share below min n');
  // With minN lowered by stats() nothing changes on screen: the dashboard uses the survey's.
  await screenshot(page, 'dashboard-exports', 'below-min-n-800x1280');
});
