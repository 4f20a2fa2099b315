// The pages of the bench and the server that serves them.
// - prepareBenchPages(): copies the SurveyJS comparison page (web/bench/) and the SurveyJS files it
//   needs (from node_modules, at the versions package-lock.json pins) into dist/bench/, so the bench
//   needs no build.sh step of its own; dist/ is a build output, never in git.
//   `node tests/bench/lib/pages.mjs` does just that (e.g. so that `./build.sh serve` shows
//   /bench/surveyjs.html too).
// - startBenchServer(): tests/support/static-server.mjs over dist/ (gzip -9 as served, no-cache),
//   with two headers added, Cross-Origin-Opener-Policy: same-origin and
//   Cross-Origin-Embedder-Policy: require-corp, on both pages alike: they make the pages
//   cross-origin isolated, which performance.measureUserAgentSpecificMemory() requires.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../support/static-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..', '..');
// MANYI_BENCH_DIST serves another build (e.g. a copy of an older dist/, for before/after figures).
export const DIST = process.env.MANYI_BENCH_DIST ? path.resolve(process.env.MANYI_BENCH_DIST) : path.join(REPO, 'dist');
export const BENCH_DIST = path.join(DIST, 'bench');

// What the SurveyJS page loads, from node_modules: [source, destination under dist/bench/surveyjs/].
export const SURVEYJS_FILES = [
  ['survey-core/survey.core.min.js', 'survey.core.min.js'],
  ['survey-core/survey-core.fontless.min.css', 'survey-core.fontless.min.css'],
  ['survey-core/i18n/simplified-chinese.min.js', 'i18n/simplified-chinese.min.js'],
  ['survey-js-ui/survey-js-ui.min.js', 'survey-js-ui.min.js'],
];

function copyIfChanged(src, dst) {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  const a = fs.readFileSync(src);
  if (fs.existsSync(dst) && Buffer.compare(a, fs.readFileSync(dst)) === 0) return;
  fs.writeFileSync(dst, a);
}

export function prepareBenchPages({ surveyjsJson } = {}) {
  if (!fs.existsSync(path.join(DIST, 'index.html')) || !fs.existsSync(path.join(DIST, 'manyi-core.wasm'))) {
    throw new Error('dist/ is not built: run ./build.sh build first');
  }
  for (const f of fs.readdirSync(path.join(REPO, 'web', 'bench'))) {
    copyIfChanged(path.join(REPO, 'web', 'bench', f), path.join(BENCH_DIST, f));
  }
  for (const [src, dst] of SURVEYJS_FILES) {
    const from = path.join(REPO, 'node_modules', src);
    if (!fs.existsSync(from)) throw new Error(`node_modules/${src} is missing: run npm ci --ignore-scripts`);
    copyIfChanged(from, path.join(BENCH_DIST, 'surveyjs', dst));
  }
  copyIfChanged(surveyjsJson || path.join(REPO, 'tests', 'bench', 'surveyjs-default.json'), path.join(BENCH_DIST, 'surveyjs', 'default.json'));
  // A same-origin empty page: where the bench writes IndexedDB before the widget opens it.
  const blank = path.join(BENCH_DIST, 'blank.html');
  const text = '<!doctype html><meta charset="utf-8"><title>blank</title>\n';
  if (!fs.existsSync(blank) || fs.readFileSync(blank, 'utf8') !== text) fs.writeFileSync(blank, text);
}

export async function startBenchServer() {
  const s = await startStaticServer({ root: DIST, port: 0, log: () => {} });
  const handlers = s.server.listeners('request');
  s.server.removeAllListeners('request');
  s.server.on('request', (req, res) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    for (const h of handlers) h(req, res);
  });
  return s;
}

export function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  prepareBenchPages();
  process.stdout.write(`bench pages ready in ${path.relative(process.cwd(), BENCH_DIST) || BENCH_DIST}/\n`);
}
