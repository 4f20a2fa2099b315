// E2E of batched, signed delivery against a real receiver on 127.0.0.1: responses stored while
// the endpoint is down go out together in one signed array body once it is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { distReady, setup, openWidget, semantics, waitForNode, findNode, clickNode, waitForPending } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';
const SECRET_BYTES = crypto.randomBytes(24);
const SECRET = 'whsec_' + SECRET_BYTES.toString('base64');

// A receiver that checks Standard Webhooks signatures and answers per-item results. While `down`
// it answers 503 with Retry-After: 300 (the client's cap), so no retry timer can fire before the
// test calls sync(): with a refused connection the full-jitter retries (1 s, 2 s, 4 s...) fired at
// random moments and now and then sent part of the queue just before sync() sent the rest.
function startReceiver(port) {
  const requests = [];
  const state = { down: false, refusedWhileDown: 0 };
  const server = http.createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'content-type, idempotency-key, webhook-id, webhook-timestamp, webhook-signature');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    if (req.method === 'OPTIONS') return res.end();
    if (state.down) {
      state.refusedWhileDown++;
      req.resume();
      res.writeHead(503, { 'Retry-After': '300' });
      return res.end();
    }
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => {
      const id = req.headers['webhook-id'], ts = req.headers['webhook-timestamp'];
      const expected = 'v1,' + crypto.createHmac('sha256', SECRET_BYTES).update(`${id}.${ts}.${body}`).digest('base64');
      const items = JSON.parse(body);
      requests.push({ headers: req.headers, items, signatureOk: req.headers['webhook-signature'] === expected });
      res.setHeader('Content-Type', 'application/json');
      // The second item is refused for good (422): it must be parked, the others delivered.
      res.end(JSON.stringify({ results: items.map((r, i) => ({ id: r.id, status: i === 1 ? 422 : 200 })) }));
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, requests, state, port: server.address().port })));
}

test('responses stored offline go out in one signed batch; per-item refusals are parked', { skip, timeout: 90_000 }, async (t) => {
  const { page, web, console: log } = await setup(t, { endpoint: false });
  // The endpoint is down (503, Retry-After) while the responses are submitted.
  const rx = await startReceiver(0);
  t.after(() => new Promise((r) => rx.server.close(r)));
  rx.state.down = true;
  const port = rx.port;
  const endpoint = { url: `http://127.0.0.1:${port}/batch`, body: 'array', batch_size: 10, signing_secret: SECRET };
  await page.goto(web.url + '?locale=en');
  await page.waitForFunction(() => window.manyi || window.manyiError);
  // Remount with the batch endpoint through the public API.
  await page.evaluate(async (endpoint) => {
    window.manyi.unmount();
    const { mount } = await import('./manyi.js');
    window.manyi = await mount(document.getElementById('app'), { locale: 'en', endpoint });
  }, endpoint);
  const ids = [];
  for (let i = 0; i < 3; i++) {
    await clickNode(page, await waitForNode(page, `satisfaction/${5 + (i % 3)}`));
    await clickNode(page, await waitForNode(page, 'submit'));
    const ref = await waitForNode(page, 'reference');
    ids.push(ref.value);
    await clickNode(page, await waitForNode(page, 'new-response'));
    await waitForNode(page, 'submit');
  }
  await waitForPending(page, (p) => p.pending === 3, '3 pending while the endpoint is down');

  assert.ok(rx.state.refusedWhileDown >= 1, 'the widget tried while the endpoint was down');
  rx.state.down = false;
  await page.evaluate(() => window.manyi.sync());
  const p = await waitForPending(page, (p) => p.pending === 0, 'queue drained', 20_000);
  assert.equal(p.delivered, 2);
  assert.equal(p.parked, 1);
  assert.equal(rx.requests.length, 1, 'one request carried the whole batch');
  const [req] = rx.requests;
  assert.ok(req.signatureOk, 'Standard Webhooks signature verifies');
  assert.deepEqual(req.items.map((r) => r.id), ids, 'oldest first, every id once');
  assert.match(req.headers['idempotency-key'], /^batch-[0-9a-f]{16}$/);
  assert.equal(req.headers['webhook-id'], req.headers['idempotency-key']);
  log.assertClean(assert, [/Failed to load resource/]);
});
