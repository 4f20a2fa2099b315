// Start-up of the JavaScript build (wasm2js, for pages without WebAssembly or whose CSP forbids
// compiling it) against the WebAssembly build: time from navigation to the first frame showing the
// survey (the demo page's manyi:visible), fresh profiles, N runs each (default 5). Prints JSON.
//   node tests/bench/fallback-load.mjs [--runs N]
// A measurement, not a test: nothing is asserted (docs/decisions.md D17).
import { launch, startDist } from '../e2e/helpers.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const web = await startDist();
const out = {};
try {
  for (const build of ['wasm', 'js']) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const b = await launch(null);
      // No WebAssembly in the page: the loader takes the JavaScript build.
      if (build === 'js') await b.context.addInitScript(() => { delete window.WebAssembly; });
      await b.page.goto(web.url + '?locale=en&endpoint=http://127.0.0.1:9/');
      await b.page.waitForFunction(() => window.manyiVisibleAt, null, { timeout: 60_000 });
      times.push(await b.page.evaluate(() => window.manyiVisibleAt));
      await b.close();
    }
    times.sort((a, b) => a - b);
    out[build] = { medianMs: Math.round(times[Math.floor(times.length / 2)]), runsMs: times.map(Math.round) };
  }
} finally {
  await web.close();
}
console.log(JSON.stringify(out));
