// An endpoint that misbehaves on purpose, in front of a real store: the reliability suite's
// server (issue 9). Dependency-free, Node >= 20, ESM.
//
//   const ep = await startFaultEndpoint({ seed: 7, faultRate: 0.4, file: '/tmp/store.ndjson' });
//   ep.url                   POST target; bodies: one response object, a JSON array, or NDJSON
//   ep.faults = false        behave from now on (true: misbehave again)
//   ep.store                 Map id -> response: the store, unique on response id
//   ep.stats                 {requests, stored, repeats, byFault: {drop: n, ...}}
//   await ep.waitFor(pred, ms), await ep.close(), await ep.restart()
//
// The store is an append-only NDJSON file plus its index, unique on response id: a repeat of an id
// already stored is acknowledged (200) and not written again, the contract docs/delivery.md asks
// of every endpoint. Faults, drawn per request from a seeded generator so a failing run repeats:
//   drop           destroy the connection before reading the body: nothing stored
//   drop-after     store the items, then destroy the connection: the client sees a network error
//                  and will send them again (the dedup case that matters most)
//   500, 503       nothing stored; 503 with Retry-After: 1
//   429            nothing stored, Retry-After: 1
//   slow           store and answer 200 after 300-1200 ms
//   late           store, then answer 200 after lateMs (longer than the client's timeout: the client
//                  gives up and sends again)
// The items of drop-after and late come back in the client's retry: the store acknowledges them
// as repeats (stats.repeats), which is the "acknowledged twice" case.
import http from 'node:http';
import fs from 'node:fs';
import { EventEmitter } from 'node:events';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type, idempotency-key, authorization, webhook-id, webhook-timestamp, webhook-signature',
  'Access-Control-Max-Age': '600',
};
const FAULTS = ['drop', 'drop-after', '500', '503', '429', 'slow', 'late'];

// mulberry32: small, seeded, good enough to pick faults.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseItems(raw, contentType) {
  const text = raw.trim();
  if (!text) return [];
  if (text.startsWith('[')) return JSON.parse(text);
  if (/ndjson/.test(contentType || '') || text.includes('\n')) return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return [JSON.parse(text)];
}

export async function startFaultEndpoint({ port = 0, seed = 1, faultRate = 0.4, lateMs = 2500, file = null } = {}) {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const random = rng(seed);
  const store = new Map();
  const stats = { requests: 0, stored: 0, repeats: 0, byFault: {} };
  const sockets = new Set();
  let server = null;
  let boundPort = port;
  if (file) fs.writeFileSync(file, '');

  function keep(items) {
    for (const item of items) {
      if (!item || typeof item.id !== 'string') continue;
      if (store.has(item.id)) { stats.repeats++; continue; }
      store.set(item.id, item);
      stats.stored++;
      if (file) fs.appendFileSync(file, JSON.stringify(item) + '\n');
    }
    events.emit('change');
  }

  function answer(res, status, body = '{"ok":true}', extra = {}) {
    if (res.destroyed) return;
    res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extra });
    res.end(body);
  }

  function pickFault() {
    if (!api.faults || random() >= faultRate) return null;
    return FAULTS[Math.floor(random() * FAULTS.length)];
  }

  function handle(req, res) {
    if (req.method === 'OPTIONS') return answer(res, 204, '');
    if (req.method !== 'POST') return answer(res, 404, '{"ok":false}');
    stats.requests++;
    const fault = pickFault();
    if (fault) stats.byFault[fault] = (stats.byFault[fault] || 0) + 1;
    if (fault === 'drop') { req.socket.destroy(); return; }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let items;
      try {
        items = parseItems(raw, req.headers['content-type']);
      } catch (e) {
        return answer(res, 400, JSON.stringify({ ok: false, error: 'not JSON: ' + e.message }));
      }
      if (fault === '500') return answer(res, 500, '{"ok":false}');
      if (fault === '503') return answer(res, 503, '{"ok":false}', { 'Retry-After': '1' });
      if (fault === '429') return answer(res, 429, '{"ok":false}', { 'Retry-After': '1' });
      keep(items);
      if (fault === 'drop-after') { req.socket.destroy(); return; }
      if (fault === 'slow') { setTimeout(() => answer(res, 200), 300 + random() * 900); return; }
      if (fault === 'late') { setTimeout(() => answer(res, 200), lateMs); return; }
      answer(res, 200);
    });
  }

  function listen(p) {
    return new Promise((resolve, reject) => {
      const s = http.createServer(handle);
      s.on('connection', (sock) => { sockets.add(sock); sock.on('close', () => sockets.delete(sock)); });
      s.once('error', reject);
      s.listen(p, '127.0.0.1', () => { server = s; boundPort = s.address().port; resolve(); });
    });
  }

  const api = {
    faults: true,
    store,
    stats,
    get url() { return `http://127.0.0.1:${boundPort}/api/responses`; },
    waitFor(pred, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => { const v = pred(api); if (v) { done(); resolve(v); } };
        const timer = setTimeout(() => { done(); reject(new Error(`fault endpoint: timed out after ${timeoutMs} ms; ${store.size} stored, stats ${JSON.stringify(stats)}`)); }, timeoutMs);
        const done = () => { clearTimeout(timer); events.off('change', check); };
        events.on('change', check);
        check();
      });
    },
    async close() {
      if (!server) return;
      const s = server;
      server = null;
      await new Promise((r) => { s.close(() => r()); for (const sock of sockets) sock.destroy(); });
    },
    async restart() {
      if (server) return;
      for (let i = 0; ; i++) {
        try { await listen(boundPort); return; } catch (e) { if (e.code !== 'EADDRINUSE' || i > 20) throw e; await new Promise((r) => setTimeout(r, 100)); }
      }
    },
  };
  await listen(port);
  return api;
}
