// Manyi's service worker: the widget loads with no network (a kiosk in a hall whose Wi-Fi is down
// still starts). build.sh writes BUILD (a hash of every file below) and PRECACHE when it copies
// this file into dist/; a changed build is a changed worker, which the browser installs on the next
// online start (docs/decisions.md D12).
//
// What it never touches: POSTs (responses go to the endpoint, queued in IndexedDB by the widget,
// not here), other origins, and requests outside its scope.
const BUILD = '__MANYI_BUILD__';
const PRECACHE = __MANYI_PRECACHE__;
const CACHE = 'manyi-' + BUILD;
const SCOPE = new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  // cache: 'reload' so the HTTP cache cannot hand an older file to a newer build.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((p) => new Request(new URL(p, SCOPE), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  // Open pages keep the module they already run; they use the new files on their next start.
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('manyi-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Surveys change without a new build: ask the network first, fall back to the copy kept.
function isSurvey(url) {
  return url.pathname.endsWith('.json');
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw err;
  }
}

// Fetched only by the browsers that need them (the JavaScript build, for no WebAssembly or a CSP
// without 'wasm-unsafe-eval'): kept once fetched, so such a kiosk also starts with no network.
const ON_DEMAND = ['manyi-core-js.js'];

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  // Pages are looked up without their query (index.html?survey=...&locale=en is index.html).
  const kept = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
  if (kept) return kept;
  const response = await fetch(request);
  const file = new URL(request.url).pathname.slice(SCOPE.pathname.length);
  if (response.ok && ON_DEMAND.includes(file)) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  event.respondWith(isSurvey(url) ? networkFirst(request) : cacheFirst(request));
});

// The page can ask which build the worker serves (tests, the kiosk's operator panel).
self.addEventListener('message', (event) => {
  if (event.data === 'manyi:build' && event.ports[0]) event.ports[0].postMessage({ build: BUILD, cache: CACHE });
});
