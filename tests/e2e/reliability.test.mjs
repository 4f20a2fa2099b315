// The reliability suite at test size (issue 9): 100 responses through the real widget in two windows
// while the network flaps and the endpoint drops connections, answers 500/503/429 with Retry-After,
// stalls past the client's timeout and stores-then-drops; the endpoint ends with exactly the
// submitted ids, none missing, none stored twice. `./build.sh bench` runs it at full size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { distReady, startDist, launch, waitForPending } from './helpers.mjs';
import { startFaultEndpoint, mountReliabilityWidget, submitMany, flapNetwork, openSecondWindow, lostClicks } from '../reliability/suite.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const PER_TAB = Number(process.env.MANYI_RELIABILITY_PER_TAB || 50);

test(`${2 * PER_TAB} responses from two windows reach a faulty endpoint exactly once`, { skip, timeout: 600_000 }, async (t) => {
  const web = await startDist();
  const ep = await startFaultEndpoint({ seed: 11, faultRate: 0.45, lateMs: 2500, file: path.join(os.tmpdir(), `manyi-reliability-${process.pid}.ndjson`) });
  const b = await launch(t);
  t.after(async () => { await b.close(); await ep.close(); await web.close(); });
  const endpoint = { url: ep.url, body: 'array', batch_size: 5, timeout_ms: 1500 };
  const tabs = [b.page, await openSecondWindow(b.context, b.page)];
  for (const page of tabs) await mountReliabilityWidget(page, web.url, endpoint);

  const flaps = flapNetwork(b.context);
  const progress = process.env.MANYI_E2E_VERBOSE ? (id) => process.stderr.write(`submitted ${id}\n`) : undefined;
  const submitted = (await Promise.all(tabs.map((page) => submitMany(page, PER_TAB, progress)))).flat();
  if (process.env.MANYI_E2E_VERBOSE) process.stderr.write(`all submitted; endpoint ${ep.store.size}\n`);
  const flips = await flaps.stop();
  assert.equal(new Set(submitted).size, 2 * PER_TAB, 'every submit got its own id');

  // The network is back and the endpoint behaves: everything drains.
  ep.faults = false;
  await Promise.all(tabs.map((page) => page.evaluate(() => window.manyi.sync())));
  await ep.waitFor((e) => e.store.size >= submitted.length, 240_000);
  for (const page of tabs) {
    await waitForPending(page, (p) => p.total === submitted.length && p.delivered === submitted.length && p.pending === 0 && p.parked === 0,
      'every window sees every response delivered', 30_000);
  }
  const stored = [...ep.store.keys()].sort();
  assert.deepEqual(stored, [...submitted].sort(), 'the endpoint holds exactly the submitted set');
  t.diagnostic(`network flips ${flips}; endpoint ${JSON.stringify(ep.stats)}; clicks repeated after being lost: ${lostClicks.count}`);
  assert.ok(ep.stats.requests > submitted.length / endpoint.batch_size, 'the faults cost retries');
  assert.ok(Object.keys(ep.stats.byFault).length >= 5, `most fault kinds happened: ${JSON.stringify(ep.stats.byFault)}`);
});
