// E2E of the app itself offline: with the service worker installed, the widget starts with the web
// server gone, takes a response, and a new build is picked up on the next online start without
// losing the queued response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from '../support/static-server.mjs';
import { distReady, DIST, launch, startEndpoint, openWidget, waitForNode, clickNode, waitForPending, screenshot } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';

async function workerBuild(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const ch = new MessageChannel();
    const reply = new Promise((resolve) => { ch.port1.onmessage = (e) => resolve(e.data); });
    reg.active.postMessage('manyi:build', [ch.port2]);
    return { ...(await reply), controlled: !!navigator.serviceWorker.controller, caches: await caches.keys() };
  });
}

async function waitForWorker(page, pred, what) {
  const deadline = Date.now() + 20_000;
  let last;
  for (;;) {
    last = await workerBuild(page).catch((e) => ({ error: e.message }));
    if (pred(last)) return last;
    if (Date.now() > deadline) throw new Error(`service worker: timed out waiting for ${what}; last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('the widget loads and takes responses with no network; a new build replaces the old on the next online start', { skip, timeout: 120_000 }, async (t) => {
  // A copy of dist/, so the test can publish a "new build" into it.
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-offline-'));
  await fsp.cp(DIST, root, { recursive: true });
  let web = await startStaticServer({ root, port: 0, log: () => {} });
  const port = new URL(web.url).port;
  const ep = await startEndpoint();
  const b = await launch(t);
  t.after(async () => {
    await b.close();
    await ep.close();
    await web.close();
    await fsp.rm(root, { recursive: true, force: true });
  });
  const { page } = b;
  const params = { sw: '1', survey: '/assets/surveys/default.json', endpoint: ep.url, locale: 'zh-CN' };

  await openWidget(page, web.url, params);
  const first = await waitForWorker(page, (w) => w.controlled && w.build, 'the first worker to control the page');
  assert.deepEqual(first.caches, ['manyi-' + first.build], 'one cache, of this build');

  // The web server and the endpoint go away, as the hall's network does.
  await web.close();
  await ep.close();
  await openWidget(page, web.url, params);
  await waitForNode(page, 'submit');
  await clickNode(page, await waitForNode(page, 'satisfaction/5'));
  await clickNode(page, await waitForNode(page, 'submit'));
  const ref = await waitForNode(page, 'reference');
  await waitForPending(page, (p) => p.pending === 1, 'the offline response queued');
  await screenshot(page, 'offline', 'thanks-with-no-network');

  // A new build is published; the network comes back.
  const sw = path.join(root, 'manyi-sw.js');
  await fsp.writeFile(sw, (await fsp.readFile(sw, 'utf8')).replace(`const BUILD = '${first.build}'`, "const BUILD = 'next-build'"));
  const html = path.join(root, 'index.html');
  await fsp.writeFile(html, (await fsp.readFile(html, 'utf8')).replace('<head>', '<head><meta name="manyi-test-build" content="next">'));
  web = await startStaticServer({ root, port: Number(port), log: () => {} });
  await ep.restart();

  // The next online start installs the new worker; the page after it runs the new files.
  await openWidget(page, web.url, params);
  const next = await waitForWorker(page, (w) => w.build === 'next-build' && w.caches.length === 1, 'the new build to take over');
  assert.deepEqual(next.caches, ['manyi-next-build'], 'the old build\'s cache is gone');
  await openWidget(page, web.url, params);
  const marker = await page.evaluate(() => document.querySelector('meta[name="manyi-test-build"]')?.content ?? null);
  assert.equal(marker, 'next', 'the page comes from the new build');

  // The response taken offline was not lost in the update: it is delivered now.
  const got = await ep.waitFor((e) => e.byId.get(ref.value), 20_000);
  assert.equal(got.body.answers.satisfaction.value, 5);
  await waitForPending(page, (p) => p.pending === 0 && p.delivered >= 1, 'delivered after the update');
});

test('without WebAssembly the worker keeps the JavaScript build once fetched: the widget starts with no network', { skip, timeout: 120_000 }, async (t) => {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-offline-js-'));
  await fsp.cp(DIST, root, { recursive: true });
  const web = await startStaticServer({ root, port: 0, log: () => {} });
  const ep = await startEndpoint();
  const b = await launch(t);
  t.after(async () => {
    await b.close();
    await ep.close();
    await web.close();
    await fsp.rm(root, { recursive: true, force: true });
  });
  const { page } = b;
  await b.context.addInitScript(() => { delete window.WebAssembly; });
  const params = { sw: '1', survey: '/assets/surveys/default.json', endpoint: ep.url, locale: 'en' };
  await openWidget(page, web.url, params);
  await waitForWorker(page, (w) => w.controlled && w.build, 'the worker to control the page');
  // The first start fetched the JavaScript build before the worker ran; the next one goes through it.
  await openWidget(page, web.url, params);
  await waitForNode(page, 'submit');
  const kept = await page.evaluate(async () => !!(await caches.match(new URL('manyi-core-js.js', location.href).href)));
  assert.ok(kept, 'the JavaScript build is in the worker\'s cache');

  await web.close();
  await ep.close();
  await openWidget(page, web.url, params);
  assert.equal(await page.evaluate(() => document.querySelector('#app [data-manyi-root]').dataset.manyiFallback), 'js', 'the JavaScript build runs');
  await clickNode(page, await waitForNode(page, 'satisfaction/6'));
  await clickNode(page, await waitForNode(page, 'submit'));
  await waitForNode(page, 'reference');
  await waitForPending(page, (p) => p.pending === 1, 'the response queued with no network');
});
