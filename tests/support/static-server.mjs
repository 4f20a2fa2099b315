#!/usr/bin/env node
// Manyi static file server: dependency-free (Node >= 20, ESM).
//
// CLI:     node tests/support/static-server.mjs --root dist --port 8080 [--host 127.0.0.1]
// Library: import { startStaticServer } from './static-server.mjs';
//          const s = await startStaticServer({ root, port: 0, host: '127.0.0.1' });
//          // -> { url, port, close() }
//
// - Correct MIME types for the widget's build output (wasm, js, fonts, ...).
// - gzip when the request accepts it; each file is compressed once and cached
//   in memory (keyed by path + mtime + size so a rebuild is picked up).
// - Cache-Control: no-cache everywhere (the browser revalidates via ETag).
// - No directory traversal: the decoded path is resolved and must stay under root.
// - Built-in demo receiver: POST /api/responses appends the body as one line to
//   <root>/../build/demo-received.ndjson and answers 200 {"ok":true} (CORS too).
// - For tests: `headers(pathname)` returns extra response headers for a path (a
//   Content-Security-Policy, say), and `pages` serves in-memory pages by path:
//   {'/host.html': '<!doctype html>...'} (text/html) or {'/x.js': {body, type}}.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const gzip = promisify(zlib.gzip);

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.data': 'application/octet-stream',
};

// Already-compressed formats: gzip would only cost CPU.
const NO_GZIP = new Set(['.png', '.jpg', '.jpeg', '.gif', '.ico', '.woff', '.woff2']);
const GZIP_MIN_BYTES = 256;

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type, idempotency-key, authorization',
  'Access-Control-Max-Age': '600',
};

const MAX_POST_BYTES = 1024 * 1024;

function acceptsGzip(req) {
  const ae = req.headers['accept-encoding'];
  if (!ae) return false;
  // Honour an explicit "gzip;q=0".
  for (const part of ae.split(',')) {
    const [name, ...params] = part.trim().split(';').map((s) => s.trim());
    if (name.toLowerCase() === 'gzip' || name === '*') {
      const q = params.find((p) => p.startsWith('q='));
      return !q || Number(q.slice(2)) > 0;
    }
  }
  return false;
}

function sendText(res, status, text, extra = {}) {
  const body = Buffer.from(text + '\n', 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * Start the server. Resolves once listening.
 * @param {{root: string, port?: number, host?: string, log?: (line: string) => void,
 *          receivedFile?: string}} opts
 */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1', log, receivedFile, headers: extraHeaders, pages = {} } = {}) {
  if (!root) throw new Error('startStaticServer: root is required');
  const rootAbs = path.resolve(root);
  // realpath so a symlinked root (or /tmp on macOS) still compares correctly.
  const rootReal = await fsp.realpath(rootAbs);
  const demoFile = receivedFile ?? path.resolve(rootAbs, '..', 'build', 'demo-received.ndjson');
  const logLine = log ?? ((line) => process.stdout.write(line + '\n'));
  /** @type {Map<string, {key: string, gz: Buffer}>} */
  const gzCache = new Map();

  function insideRoot(p) {
    return p === rootReal || p.startsWith(rootReal + path.sep);
  }

  async function resolveFile(urlPath) {
    let decoded;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return { status: 400 };
    }
    if (decoded.includes('\0')) return { status: 400 };
    // Resolve relative to root; path.join normalises "..", then verify containment.
    const candidate = path.resolve(rootReal, '.' + path.posix.normalize('/' + decoded.replace(/\\/g, '/')));
    if (!insideRoot(candidate)) return { status: 403 };
    let real;
    try {
      real = await fsp.realpath(candidate);
    } catch {
      return { status: 404 };
    }
    if (!insideRoot(real)) return { status: 403 }; // symlink escaping root
    let st = await fsp.stat(real);
    if (st.isDirectory()) {
      if (!urlPath.endsWith('/')) return { redirect: urlPath + '/' };
      const idx = path.join(real, 'index.html');
      try {
        st = await fsp.stat(idx);
      } catch {
        return { status: 404 };
      }
      if (!st.isFile()) return { status: 404 };
      return { file: idx, st };
    }
    if (!st.isFile()) return { status: 404 };
    return { file: real, st };
  }

  async function serveFile(req, res, pathname, search) {
    const r = await resolveFile(pathname);
    if (r.redirect) {
      res.writeHead(301, { Location: r.redirect + search, 'Cache-Control': 'no-cache', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (r.status) {
      const msg = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[r.status];
      sendText(res, r.status, `${r.status} ${msg}: ${pathname}`);
      return;
    }
    const { file, st } = r;
    const ext = path.extname(file).toLowerCase();
    const type = MIME_TYPES[ext] ?? 'application/octet-stream';
    const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const useGzip = !NO_GZIP.has(ext) && st.size >= GZIP_MIN_BYTES && acceptsGzip(req);
    const headers = {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      'Last-Modified': st.mtime.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
      'Vary': 'Accept-Encoding',
      ...(extraHeaders?.(pathname) ?? {}),
    };
    // ETag differs per encoding so caches don't mix representations.
    headers.ETag = useGzip ? etag.slice(0, -1) + '-gz"' : etag;
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').map((s) => s.trim()).includes(headers.ETag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    let body;
    if (useGzip) {
      const key = `${st.size}:${st.mtimeMs}`;
      let entry = gzCache.get(file);
      if (!entry || entry.key !== key) {
        entry = { key, gz: await gzip(await fsp.readFile(file), { level: 9 }) };
        gzCache.set(file, entry);
      }
      body = entry.gz;
      headers['Content-Encoding'] = 'gzip';
    } else {
      body = await fsp.readFile(file);
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function demoReceiver(req, res) {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS_HEADERS, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      sendText(res, 405, '405 Method Not Allowed', { Allow: 'POST, OPTIONS', ...CORS_HEADERS });
      return;
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_POST_BYTES) {
        sendText(res, 413, '413 Payload Too Large', CORS_HEADERS);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    // One line per response: re-serialise valid JSON compactly, otherwise escape newlines.
    let line;
    let id = '-';
    try {
      const obj = JSON.parse(text);
      line = JSON.stringify(obj);
      if (obj && typeof obj.id === 'string') id = obj.id;
    } catch {
      line = JSON.stringify({ invalid_json: text });
    }
    await fsp.mkdir(path.dirname(demoFile), { recursive: true });
    await fsp.appendFile(demoFile, line + '\n');
    logLine(`received response ${id} (${size} bytes) -> ${demoFile}`);
    const body = Buffer.from('{"ok":true}');
    res.writeHead(200, {
      ...CORS_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  const sockets = new Set();
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url ?? '/', 'http://localhost');
      if (u.pathname === '/api/responses') {
        await demoReceiver(req, res);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, '405 Method Not Allowed', { Allow: 'GET, HEAD' });
        return;
      }
      const page = pages[u.pathname];
      if (page !== undefined) {
        const body = Buffer.from(typeof page === 'string' ? page : page.body, 'utf8');
        res.writeHead(200, {
          'Content-Type': (typeof page === 'object' && page.type) || 'text/html; charset=utf-8',
          'Content-Length': body.length,
          'Cache-Control': 'no-store',
          ...(extraHeaders?.(u.pathname) ?? {}),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      await serveFile(req, res, u.pathname, u.search);
    } catch (err) {
      if (!res.headersSent) sendText(res, 500, `500 Internal Server Error: ${err?.message ?? err}`);
      else res.destroy();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}/`;

  let closing = null;
  function close() {
    if (!closing) {
      closing = new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections?.();
        // Give in-flight requests a moment, then drop whatever is left.
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 200).unref();
      });
    }
    return closing;
  }

  return { url, port: actualPort, root: rootReal, close, server };
}

function parseArgs(argv) {
  const out = { root: 'dist', port: 8080, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      v = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const next = () => {
      if (v !== undefined) return v;
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    switch (a) {
      case '--root': out.root = next(); break;
      case '--port': out.port = Number(next()); break;
      case '--host': out.host = next(); break;
      case '-h':
      case '--help':
        process.stdout.write('usage: node static-server.mjs --root DIR [--port 8080] [--host 127.0.0.1]\n');
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error(`bad --port ${out.port}`);
  return out;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`static-server: ${e.message}\n`);
    process.exit(2);
  }
  if (!fs.existsSync(opts.root) || !fs.statSync(opts.root).isDirectory()) {
    process.stderr.write(`static-server: root ${opts.root} is not a directory\n`);
    process.exit(2);
  }
  let srv;
  try {
    srv = await startStaticServer(opts);
  } catch (e) {
    process.stderr.write(`static-server: cannot listen on ${opts.host}:${opts.port}: ${e.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`serving ${opts.root} at ${srv.url}\n`);
  let stopping = false;
  const stop = (sig) => {
    if (stopping) process.exit(130); // second signal: leave now
    stopping = true;
    process.stdout.write(`${sig}: shutting down\n`);
    srv.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
