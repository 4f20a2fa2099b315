// Bench phase: scoring N stored responses, natively and in wasm in Chromium, on the same data.
//
// The native program (tests/bench/native/score_bench.cpp, seed 42) generates the responses to the
// default survey; it times ComputeScores itself (best of 5, from the score counters and from the
// raw rows alone) and, with --jsonl, prints the same responses as payloads. Those are written into the widget's IndexedDB journal (format:
// src/core/journal_record.cpp; state "delivered" and updated_ms = now, so neither delivery nor the
// retention purge touches them), the widget starts and rebuilds its SQLite from them, and
// `await w.stats()` is timed in the page: ComputeScores + ScoreReportToJson in wasm, the copy to
// JS and JSON.parse, as a caller sees it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { summarize } from './stats.mjs';

const CHUNK = 5000; // records per IndexedDB transaction while prefilling

function nativeBench(repo, survey, n) {
  const exe = path.join(repo, 'build', 'native', 'manyi_score_bench');
  const built = spawnSync('cmake', ['--build', path.join(repo, 'build', 'native'), '--target', 'manyi_score_bench'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error('building manyi_score_bench failed:\n' + built.stdout + built.stderr);
  const run = spawnSync(exe, [survey, String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error('manyi_score_bench failed: ' + run.stderr);
  const line = run.stdout.trim().split('\n').pop();
  const num = (re) => Number((run.stdout.match(re) || [])[1]);
  const jsonl = spawnSync(exe, [survey, String(n), '--jsonl'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (jsonl.status !== 0) throw new Error('manyi_score_bench --jsonl failed: ' + jsonl.stderr);
  return {
    line,
    computeMs: num(/ComputeScores best of 5 ([\d.]+) ms/),
    rawComputeMs: num(/ComputeScores best of 5 [\d.]+ ms \(raw rows ([\d.]+) ms\)/),
    weekComputeMs: num(/one week \(\d+\) ([\d.]+) ms/),
    weekRawComputeMs: num(/one week \(\d+\) [\d.]+ ms \(raw rows ([\d.]+) ms\)/),
    identical: /counters and from the raw rows: identical/.test(run.stdout),
    jsonMs: num(/ScoreReportToJson ([\d.]+) ms/),
    insertMs: num(/insert ([\d.]+) ms/),
    generateMs: num(/generating and encoding the responses alone: ([\d.]+) ms/),
    payloads: jsonl.stdout.split('\n').filter(Boolean),
  };
}

async function prefillPayloads(page, payloads) {
  const t0 = Date.now();
  for (let i = 0; i < payloads.length; i += CHUNK) {
    await page.evaluate(async (lines) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('manyi', 1);
        r.onupgradeneeded = () => { if (!r.result.objectStoreNames.contains('responses')) r.result.createObjectStore('responses', { keyPath: 'id' }); };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction('responses', 'readwrite');
      const st = tx.objectStore('responses');
      const now = Date.now();
      for (const payload of lines) {
        const p = JSON.parse(payload);
        st.put({ id: p.id, payload, state: 'delivered', created_ms: Date.parse(p.created_at || p.submitted_at), updated_ms: now });
      }
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
      db.close();
    }, payloads.slice(i, i + CHUNK));
  }
  return Date.now() - t0;
}

/**
 * n responses; runs timed calls of each query. openContext({persistent}) and url come from run.mjs.
 * Returns {n, native, wasm: {readyMs, prefillMs, responses, all, week, exportCsvMs}}.
 */
export async function scoringPhase({ repo, openContext, url, log, n = 100_000, runs = 5 }) {
  const survey = path.join(repo, 'assets', 'surveys', 'default.json');
  const native = nativeBench(repo, survey, n);
  log(`scoring: native ${native.line}`);
  const s = await openContext({ persistent: true });
  try {
    await s.page.goto(new URL('bench/blank.html', url).href);
    const prefillMs = await prefillPayloads(s.page, native.payloads);
    log(`scoring: ${n} journal records written in ${prefillMs} ms`);
    const t0 = Date.now();
    await s.page.goto(url);
    await s.page.waitForFunction(() => window.manyi || window.manyiError, null, { timeout: 120_000, polling: 100 });
    // stats() waits until the journal is replayed into SQLite; an empty window costs nothing more.
    await s.page.evaluate(() => window.manyi.stats({ to: 1 }));
    const readyMs = Date.now() - t0;
    const pend = await s.page.evaluate(() => window.manyi.pending());
    // The same query as the native bench: everything, local days at UTC+8.
    const timed = (query) => s.page.evaluate(async ({ query, runs }) => {
      const w = window.manyi;
      let report = await w.stats(query); // warm-up, as the native bench does
      const ms = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        report = await w.stats(query);
        ms.push(performance.now() - t);
      }
      return { ms, responses: report.responses, bytes: JSON.stringify(report).length };
    }, { query, runs });
    const all = await timed({ utcOffsetMinutes: 480 });
    // The dashboard's "7 days" on this data: the generated responses span December 2025.
    const week = await timed({ from: '2025-12-24T00:00:00+08:00', to: '2025-12-31T00:00:00+08:00', utcOffsetMinutes: 480 });
    const exportCsvMs = await s.page.evaluate(async () => {
      const t = performance.now();
      const csv = await window.manyi.exportCsv({ kind: 'scores', utcOffsetMinutes: 480 });
      return csv.length ? performance.now() - t : null;
    });
    const wasm = {
      readyMs, prefillMs, stored: pend.total, responses: all.responses, reportBytes: all.bytes,
      all: { ...summarize(all.ms), runs: all.ms }, week: { ...summarize(week.ms), runs: week.ms, responses: week.responses }, exportCsvMs,
    };
    const { payloads, ...nativeFigures } = native;
    return { n, runs, survey: 'assets/surveys/default.json', native: nativeFigures, wasm, errors: s.errors };
  } finally {
    await s.close();
  }
}
