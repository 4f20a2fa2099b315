// A real HTTP endpoint for the end-to-end tests (dependency-free, Node >= 20, ESM).
//
//   const ep = await startEndpoint({ port: 0 });
//   ep.url            -> 'http://127.0.0.1:PORT/api/responses' (POST target for the widget)
//   ep.origin         -> 'http://127.0.0.1:PORT'
//   ep.received       -> [{id, body, headers, at, path}] one entry per distinct response id
//                        (deduplicated like a real receiver; first copy wins)
//   ep.posts          -> every POST, duplicates included: [{id, body, raw, headers, at, path, status}]
//   ep.postCount      -> number of POSTs answered (all of them, duplicates included)
//   ep.byId           -> Map id -> first received entry
//   await ep.waitFor((ep) => ep.received.length === 1, 20000)   // event-driven, no sleeping
//   ep.serve('/bad.json', {status: 200, contentType: 'application/json', body: '{oops'})
//   ep.failNext(2, 503)  -> the next 2 POSTs are answered with 503 (and not stored)
//   await ep.close()     -> stop listening AND destroy open sockets: connections are refused
//   await ep.restart()   -> listen again on the SAME port
//
// CORS: preflight answers Access-Control-Allow-Origin: *, Allow-Headers: content-type,
// idempotency-key, authorization, Allow-Methods: POST, OPTIONS, Max-Age: 600. Every other
// answer (POST, served documents, 404s) carries Access-Control-Allow-Origin: * too.

import http from 'node:http';
import { EventEmitter } from 'node:events';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type, idempotency-key, authorization',
  'Access-Control-Max-Age': '600',
};
const MAX_BODY = 1024 * 1024;

function send(res, status, body, contentType = 'application/json; charset=utf-8', extra = {}) {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
  res.writeHead(status, {
    ...CORS,
    'Content-Type': contentType,
    'Content-Length': buf.length,
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

/**
 * @param {{port?: number, host?: string, path?: string}} [opts]
 */
export async function startEndpoint({ port = 0, host = '127.0.0.1', path: postPath = '/api/responses' } = {}) {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  /** @type {Map<string, {status: number, contentType: string, body: string|Buffer, headers?: object}>} */
  const documents = new Map();
  const byId = new Map();
  const received = [];
  const posts = [];
  const preflights = [];
  let failures = { count: 0, status: 503 };
  let server = null;
  const sockets = new Set();
  let boundPort = port;

  async function handle(req, res) {
    const u = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'OPTIONS') {
      preflights.push({ path: u.pathname, headers: { ...req.headers }, at: Date.now() });
      res.writeHead(204, { ...CORS, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const doc = documents.get(u.pathname);
      if (!doc) {
        send(res, 404, `404 Not Found: ${u.pathname}\n`, 'text/plain; charset=utf-8');
        return;
      }
      send(res, doc.status, doc.body, doc.contentType, doc.headers);
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, '405 Method Not Allowed\n', 'text/plain; charset=utf-8', { Allow: 'GET, POST, OPTIONS' });
      return;
    }
    const chunks = [];
    let size = 0;
    for await (const c of req) {
      size += c.length;
      if (size > MAX_BODY) {
        send(res, 413, '{"ok":false,"error":"too large"}');
        req.destroy();
        return;
      }
      chunks.push(c);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const at = Date.now();
    const headers = { ...req.headers };
    let body = null;
    let parseError = null;
    try {
      body = JSON.parse(raw);
    } catch (e) {
      parseError = e.message;
    }
    const id = body && typeof body === 'object' && typeof body.id === 'string' ? body.id : null;
    const entry = { id, body, raw, headers, at, path: u.pathname, status: 200 };
    if (failures.count > 0) {
      failures.count--;
      entry.status = failures.status;
      posts.push(entry);
      events.emit('change');
      send(res, failures.status, `{"ok":false,"error":"simulated ${failures.status}"}`);
      return;
    }
    if (parseError || !id) {
      entry.status = 400;
      posts.push(entry);
      events.emit('change');
      send(res, 400, JSON.stringify({ ok: false, error: parseError ?? 'missing id' }));
      return;
    }
    posts.push(entry);
    if (!byId.has(id)) {
      const rec = { id, body, headers, at, path: u.pathname };
      byId.set(id, rec);
      received.push(rec);
    }
    events.emit('change');
    send(res, 200, '{"ok":true}');
  }

  function listen(p) {
    return new Promise((resolve, reject) => {
      const s = http.createServer((req, res) => {
        handle(req, res).catch((err) => {
          if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: String(err?.message ?? err) }));
          else res.destroy();
        });
      });
      s.keepAliveTimeout = 2000;
      s.on('connection', (sock) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
      });
      s.once('error', reject);
      s.listen(p, host, () => {
        s.off('error', reject);
        server = s;
        boundPort = s.address().port;
        resolve();
      });
    });
  }

  function close() {
    const s = server;
    server = null;
    if (!s) return Promise.resolve();
    return new Promise((resolve) => {
      s.close(() => resolve());
      // Refuse immediately: drop keep-alive and in-flight connections as well.
      for (const sock of sockets) sock.destroy();
      sockets.clear();
    });
  }

  async function restart() {
    if (server) return;
    // SO_REUSEADDR is set by Node on POSIX, so TIME_WAIT does not block the rebind;
    // retry briefly in case the kernel has not released the port yet.
    let lastErr;
    for (let i = 0; i < 20; i++) {
      try {
        await listen(boundPort);
        return;
      } catch (e) {
        lastErr = e;
        if (e.code !== 'EADDRINUSE') throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw lastErr;
  }

  /**
   * Resolve with the predicate's truthy result as soon as it holds (checked now and on
   * every request); reject after timeoutMs with a description of what was received.
   */
  function waitFor(predicate, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      let timer;
      const check = () => {
        let v;
        try {
          v = predicate(api);
        } catch (e) {
          cleanup();
          reject(e);
          return;
        }
        if (v) {
          cleanup();
          resolve(v);
        }
      };
      const cleanup = () => {
        clearTimeout(timer);
        events.off('change', check);
      };
      events.on('change', check);
      timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `endpoint.waitFor timed out after ${timeoutMs} ms: ${posts.length} POST(s), ` +
              `${received.length} distinct id(s), ${preflights.length} preflight(s); ` +
              `statuses [${posts.map((p) => p.status).join(', ')}]`,
          ),
        );
      }, timeoutMs);
      check();
    });
  }

  const api = {
    get url() {
      return `http://${host}:${boundPort}${postPath}`;
    },
    get origin() {
      return `http://${host}:${boundPort}`;
    },
    get port() {
      return boundPort;
    },
    get listening() {
      return server !== null;
    },
    received,
    posts,
    preflights,
    byId,
    get postCount() {
      return posts.length;
    },
    /** URL of a document registered with serve(). */
    docUrl(p) {
      return `http://${host}:${boundPort}${p}`;
    },
    serve(p, { status = 200, contentType = 'application/json; charset=utf-8', body = '', headers } = {}) {
      if (!p.startsWith('/')) throw new Error('serve(path): path must start with /');
      documents.set(p, { status, contentType, body, headers });
      return api.docUrl(p);
    },
    failNext(count, status = 503) {
      failures = { count, status };
    },
    reset() {
      received.length = 0;
      posts.length = 0;
      preflights.length = 0;
      byId.clear();
    },
    waitFor,
    close,
    restart,
  };

  await listen(port);
  return api;
}
