// Manyi: the ES-module loader and public API of the survey widget.
//
//   import { mount } from './manyi.js';
//   const w = await mount(element, { survey, endpoint: { url, headers }, locale, mode,
//                                    theme: { accent: '#1d64d8', cornerRadius: 10, fontScale: 1.2 },
//                                    highContrast, largeText });
//   w.on('submit', fn); w.semantics(); await w.pending(); await w.sync(); w.unmount();
//   await w.stats({ from, to }); w.showDashboard(true); await w.download('scores', 'csv');
//
// Each mount() instantiates its own wasm module on its own canvas, so several widgets can live on
// one page. The loader fetches the survey and the font while the wasm compiles. It adds no global
// CSS and no globals: everything it creates lives inside `element` (styles are set through CSSOM,
// which a Content-Security-Policy without 'unsafe-inline' still allows; docs/embedding.md).
//
// Declarative embed: importing this module mounts every element with a data-manyi-survey
// attribute (see mountAll below); mode 'floating' puts a feedback button in a corner
// (./manyi-floating.js).
import createManyiCore from './manyi-core.js';
import { mountFloating } from './manyi-floating.js';
import { createMirror } from './manyi-mirror.js';
import { loadOperatorData, operatorWrite, savedSurveyUrl } from './manyi-operator-db.js';

const BASE = new URL('.', import.meta.url);
const FONT_URL = new URL('assets/fonts/manyi-ui.otf', BASE);
const DEFAULT_SURVEY_URL = new URL('assets/surveys/default.json', BASE);

// Fetches the survey text; a failure becomes a message the widget shows instead of the survey.
async function loadSurvey(survey) {
  if (survey && typeof survey === 'object') return { text: JSON.stringify(survey), error: '', url: '' };
  const url = new URL(survey || DEFAULT_SURVEY_URL, document.baseURI).href;
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) {
      return { text: '', error: `Could not load the survey from ${url}: HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`, url };
    }
    return { text: await res.text(), error: '', url };
  } catch (err) {
    return { text: '', error: `Could not load the survey from ${url}: ${err.message}`, url };
  }
}

// dist/assets/surveys/index.json (written by build.sh): [{url, title}], URLs made absolute.
async function loadKnownSurveys() {
  try {
    const res = await fetch(new URL('assets/surveys/index.json', BASE));
    const list = res.ok ? await res.json() : [];
    return Array.isArray(list) ? list.map((s) => ({ ...s, url: new URL(s.url, BASE).href })) : [];
  } catch (err) {
    return []; // the operator can still type a URL
  }
}

async function loadFont() {
  try {
    const res = await fetch(FONT_URL);
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  } catch (err) {
    return null; // the widget falls back to ImGui's built-in Latin font and still works
  }
}

// A random id for this browser profile, kept in localStorage so responses from one kiosk can be
// told apart. It identifies a device, never a person; unavailable storage just means no id.
function deviceId() {
  const key = 'manyi:device-id';
  try {
    let id = localStorage.getItem(key);
    if (!id) {
      id = crypto.randomUUID();
      localStorage.setItem(key, id);
    }
    return id;
  } catch (err) {
    return '';
  }
}

function normaliseEndpoint(endpoint) {
  if (!endpoint) return null;
  if (typeof endpoint === 'string') endpoint = { url: endpoint };
  const out = { ...endpoint };
  if (out.url) out.url = new URL(out.url, document.baseURI).href;
  return out;
}

function createDom(element, height) {
  const root = document.createElement('div');
  root.setAttribute('data-manyi-root', '');
  Object.assign(root.style, { position: 'relative', width: '100%', height: '100%', overflow: 'hidden' });
  const canvas = document.createElement('canvas');
  // The canvas is a picture for assistive technology: the mirror form below is what it reads and
  // where Tab goes (docs/decisions.md D17). A click still focuses the canvas (keys then drive
  // ImGui's navigation, which hands the focus to the mirror as it moves).
  canvas.tabIndex = -1;
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, {
    display: 'block', width: '100%', height: '100%', outline: 'none', touchAction: 'manipulation',
    userSelect: 'none', webkitUserSelect: 'none', webkitTapHighlightColor: 'transparent',
  });
  // The real text control that edits text boxes; placed over a box while it is being edited.
  const textField = document.createElement('textarea');
  textField.setAttribute('data-manyi-text-field', '');
  Object.assign(textField.style, {
    position: 'absolute', display: 'none', boxSizing: 'border-box', margin: '0', resize: 'none',
    padding: '8px 10px', border: '2px solid #1d64d8', borderRadius: '6px', outline: 'none',
    background: '#ffffff', color: '#1f2937', lineHeight: '1.3',
    fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
  });
  const mirror = createMirror({ root, canvas });
  root.append(canvas, mirror.form, textField);
  // A container without a height of its own (a bare <div data-manyi-survey>) would give a canvas
  // of 150 px: the widget takes a height then, on its own root, not on the host's element.
  if (height) root.style.height = height;
  else if (element.clientHeight === 0) root.style.height = '560px';
  element.append(root);
  return { root, canvas, textField, mirror };
}

// What the respondent reads when the widget cannot run here: short, in their language, no jargon.
function respondentMessage(locale) {
  const zh = /^zh/i.test(locale || document.documentElement.lang || navigator.language || '');
  return zh ? '抱歉，这份问卷无法在此浏览器中显示。' : 'Sorry, this survey cannot be shown in this browser.';
}

// What the site's operator reads (under the message, and in the console): why, and what to do.
const OPERATOR_NOTES = {
  csp: "The page's Content-Security-Policy does not allow compiling WebAssembly: add 'wasm-unsafe-eval' to script-src (docs/embedding.md lists the whole policy).",
  webassembly: 'This browser has no WebAssembly (it is missing or disabled by policy).',
  webgl2: 'This browser gives no WebGL2 context (hardware acceleration off, WebGL blocked by policy, or too many contexts on the page).',
};

// The start-up failure means "this browser or page cannot run the widget" rather than "a file
// failed to load": a CSP refusal or a missing WebAssembly, told apart by the error text.
function unsupportedReason(err) {
  if (typeof WebAssembly !== 'object') return 'webassembly';
  const text = String(err && (err.message || err));
  if (/Refused to compile|Content Security Policy|unsafe-eval/i.test(text)) return 'csp';
  return '';
}

// '' when WebAssembly can be compiled here; else why not ('webassembly' or 'csp'). An empty
// module is compiled synchronously: a CSP without 'wasm-unsafe-eval' refuses it at once.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
function wasmBlocked() {
  if (typeof WebAssembly !== 'object') return 'webassembly';
  try {
    new WebAssembly.Module(EMPTY_WASM);
    return '';
  } catch (err) {
    return unsupportedReason(err) || 'csp';
  }
}

// Replaces the widget by the two messages: only when neither build can run (the JavaScript build
// missing, or no WebGL2 and no way to start the module at all).
function showUnsupported(root, reason, detail, locale) {
  // The page shows the note alone; the console also gets the browser's own words.
  const note = `[manyi] The survey widget cannot run here. ${OPERATOR_NOTES[reason]}`;
  if (detail) console.error(`[manyi] ${reason}: ${detail}`);
  const p = document.createElement('p');
  p.setAttribute('role', 'status');
  p.setAttribute('data-manyi-unsupported', reason);
  Object.assign(p.style, { margin: '1em', font: '16px/1.5 system-ui, sans-serif', color: '#1f2937' });
  p.textContent = respondentMessage(locale);
  const small = document.createElement('small');
  small.setAttribute('data-manyi-operator-note', '');
  Object.assign(small.style, { display: 'block', margin: '0 1.2em 1em', font: '12px/1.4 system-ui, sans-serif', color: '#6b7280' });
  small.textContent = note;
  root.replaceChildren(p, small);
  return note;
}

function showDomMessage(root, text) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  Object.assign(p.style, { margin: '1em', font: '16px system-ui, sans-serif', color: '#b42318' });
  p.textContent = text;
  root.replaceChildren(p);
}

// A query's time as Unix ms: a number (ms), a Date or an ISO string; null/undefined = open.
function toMs(value, name) {
  if (value === undefined || value === null || value === '') return null;
  const ms = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(String(value));
  if (!Number.isFinite(ms)) throw new TypeError(`${name}: not a date: ${value}`);
  return ms;
}

// {from, to, version, utcOffsetMinutes, minN} as the wasm exports read it.
function queryJson(q = {}) {
  return JSON.stringify({
    from: toMs(q.from, 'from'),
    to: toMs(q.to, 'to'),
    version: q.version ?? null,
    // Local days of the trend: the browser's offset unless told (China: 480).
    utcOffsetMinutes: q.utcOffsetMinutes ?? 0 - new Date().getTimezoneOffset(),
    ...(q.minN !== undefined ? { minN: Number(q.minN) } : {}),
  });
}

// A browser download of `text`: a Blob and a temporary <a download> inside the widget's own
// element, removed at once (nothing is added to the page outside `root`).
function downloadText(root, filename, mime, text) { // text: a string or UTF-8 bytes
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Calls fn with the strings copied into the wasm heap, freeing them after.
function withStrings(Module, strings, fn) {
  const ptrs = strings.map((s) => heapString(Module, s));
  try { return fn(...ptrs); } finally { ptrs.forEach((p) => Module._free(p)); }
}

function heapString(Module, s) {
  const n = Module.lengthBytesUTF8(s) + 1;
  const p = Module._malloc(n);
  Module.stringToUTF8(s, p, n);
  return p;
}

// Elements already mounted, so that mountAll() never mounts one twice.
const mountedElements = new WeakSet();

export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('mount(element, options): element must be a DOM element');
  mountedElements.add(element);
  if (options.mode === 'floating') {
    const w = mountFloating(element, options, mountInto, () => mountedElements.delete(element));
    element.manyi = w;
    return w;
  }
  return mountInto(element, { ...options, mode: options.mode === 'inline' ? 'embed' : options.mode }, element);
}

// Starts one widget inside `element`; its events are dispatched on `target` (the floating panel
// lives in a shadow root, whose events would not reach the host page's element).
async function mountInto(element, options, target) {
  const listeners = new Map();
  let readyResolve;
  const readyP = new Promise((resolve) => { readyResolve = resolve; });
  const emit = (name, detail) => {
    if (name === 'ready') readyResolve();
    for (const fn of listeners.get(name) || []) {
      try { fn(detail); } catch (err) { console.error('[manyi] listener for ' + name + ' failed', err); }
    }
    target.dispatchEvent(new CustomEvent('manyi:' + name, { detail, bubbles: true }));
  };
  const { root, canvas, textField, mirror } = createDom(element, options.height);
  const host = { canvas, container: root, textField, mirror, emit, download: (name, mime, text) => downloadText(root, name, mime, text) };
  const fail = (reason, detail) => {
    const message = showUnsupported(root, reason, detail, options.locale);
    console.error(message);
    emit('error', { kind: 'unsupported', reason, message });
    const err = new Error(message);
    Object.assign(err, { kind: 'unsupported', reason });
    return err;
  };
  // No WebAssembly, or a CSP that forbids compiling it: the same C++ built as plain JavaScript
  // (wasm2js, ./manyi-core-js.js, loaded only then) runs instead: slower to load, same widget.
  const blocked = wasmBlocked();
  let create = createManyiCore;
  let fallback = null; // {kind: 'js' | 'form', reason, message}: also the manyi:fallback event
  if (blocked) {
    try {
      create = (await import('./manyi-core-js.js')).default;
    } catch (err) {
      throw fail(blocked, err.message);
    }
    const message = `${OPERATOR_NOTES[blocked]} Running the JavaScript build of the widget instead (slower to start).`;
    console.warn('[manyi] ' + message);
    root.setAttribute('data-manyi-fallback', 'js');
    fallback = { kind: 'js', reason: blocked, message };
    emit('fallback', fallback);
  }

  // Kiosk: the operator's saved settings, PIN and follow-ups (web/manyi-operator-db.js), read
  // before the survey is chosen: what the operator saved overrides the mount options.
  const operator = options.mode === 'kiosk' ? await loadOperatorData(options.operatorDb) : null;
  // Kiosk: the surveys this build ships, offered in the operator's settings (fetched meanwhile).
  const knownP = operator ? loadKnownSurveys() : Promise.resolve(null);
  if (operator) host.operatorWrite = (store, key, value) => operatorWrite(operator.db, store, key, value);
  const surveyP = loadSurvey((operator && savedSurveyUrl(operator.settings)) || options.survey);
  const fontP = loadFont();
  let Module;
  try {
    [Module] = await Promise.all([
      create({
        manyiHost: host,
        locateFile: (path) => new URL(path, BASE).href,
        print: (t) => console.log('[manyi] ' + t),
        printErr: (t) => console.error('[manyi] ' + t),
      }),
      surveyP, fontP,
    ]);
  } catch (err) {
    const reason = unsupportedReason(err);
    if (reason) throw fail(reason, err.message);
    const message = 'The survey widget could not start (WebAssembly failed to load): ' + err.message;
    showDomMessage(root, message);
    emit('error', { kind: 'load', message });
    console.error('[manyi] ' + message);
    throw new Error(message);
  }
  const survey = await surveyP;
  const font = await fontP;
  const knownSurveys = await knownP;

  const config = JSON.stringify({
    locale: options.locale || '',
    endpoint: normaliseEndpoint(options.endpoint),
    journal: options.journal || 'manyi',
    mode: options.mode || 'embed',
    deviceId: options.deviceId ?? deviceId(),
    theme: options.theme || null,
    surveyUrl: survey.url,
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
    view: options.view || 'survey',
    // Accessibility settings (docs/operator-guide.md): the high-contrast palette (also when the
    // browser asks for more contrast or forced colours), and text at 200%.
    highContrast: !!(options.highContrast ?? matchMedia('(prefers-contrast: more), (forced-colors: active)').matches),
    largeText: !!options.largeText,
    // Minutes an unfinished response is kept and resumed (0 = never); default 24 h, kiosk 2 min.
    ...(options.draftMinutes !== undefined ? { draftMinutes: Number(options.draftMinutes) } : {}),
    // Kiosk settings (mode 'kiosk'; docs/operator-guide.md): timeouts, first screen, burst window.
    ...(options.kiosk ? { kiosk: options.kiosk } : {}),
    ...(knownSurveys ? { knownSurveys } : {}),
    // The operator panel's stored data, and a PIN record preset by the fleet (mount option
    // operatorPin: 'pbkdf2-sha256$…', made with `manyi pin-hash`).
    ...(operator ? { operator: { error: operator.error, settings: operator.settings, pin: operator.pin, lockout: operator.lockout,
                                 followups: operator.followups, presetPin: options.operatorPin || '' } } : {}),
  });
  const fontPtr = font ? Module._malloc(font.length) : 0;
  if (font) Module.HEAPU8.set(font, fontPtr);
  const strs = [survey.text, survey.error, config].map((s) => heapString(Module, s));
  // The mirror's controls act on the widget through these (src/app/web/a11y.cpp).
  mirror.connect({
    activate: (id) => {
      const done = withStrings(Module, [id], (p) => Module._manyi_a11y_activate(p));
      if (!done) console.warn(`[manyi] the form's control ${id} has no widget in the last frame`);
      return done;
    },
    focus: (id, open = true) => withStrings(Module, [id], (p) => Module._manyi_a11y_focus(p, open ? 1 : 0)),
    input: (id, value) => withStrings(Module, [id, value], (p, v) => Module._manyi_a11y_input(p, v)),
  });
  const ok = Module._manyi_start(strs[0], strs[1], strs[2], fontPtr, font ? font.length : 0);
  strs.forEach((p) => Module._free(p));
  if (!ok) throw fail('webgl2', '');
  if (ok === 2) {
    // No WebGL2: the same module runs without drawing and the mirror is shown as the form.
    const message = `${OPERATOR_NOTES.webgl2} The survey is shown as a plain HTML form.`;
    console.warn('[manyi] ' + message);
    canvas.style.display = 'none';
    mirror.setVisible(true);
    root.setAttribute('data-manyi-fallback', 'form');
    fallback = { kind: 'form', reason: 'webgl2', message };
    emit('fallback', fallback);
  }

  // A kiosk must not lose its queue to storage eviction: ask for persistent storage there, and
  // report the answer and the estimate to the operator (pending().storage, the `storage` event).
  const storage = { persisted: null, usage: null, quota: null };
  const storageReady = (async () => {
    try {
      if (!navigator.storage) return;
      if ((options.mode || 'embed') === 'kiosk' && navigator.storage.persist) storage.persisted = await navigator.storage.persist();
      else if (navigator.storage.persisted) storage.persisted = await navigator.storage.persisted();
      if (navigator.storage.estimate) Object.assign(storage, await navigator.storage.estimate().then((e) => ({ usage: e.usage, quota: e.quota })));
      emit('storage', { ...storage });
      if (mounted) Module._manyi_set_storage_state(storage.persisted === null ? -1 : storage.persisted ? 1 : 0, storage.usage ?? -1, storage.quota ?? -1);
      if ((options.mode || 'embed') === 'kiosk' && !storage.persisted) {
        console.warn('[manyi] kiosk: the browser did not grant persistent storage; stored responses could be evicted under storage pressure');
      }
    } catch (err) {
      console.warn('[manyi] storage estimate unavailable: ' + err.message);
    }
  })();

  // The dashboard scrolls under a finger itself (src/ui/dashboard.cpp), so the browser must not take
  // a vertical drag on the canvas as a page pan (it would cancel the pointer). The survey keeps
  // 'manipulation': a drag over an embedded survey scrolls the host page as before.
  const dashboardTouch = (shown) => { canvas.style.touchAction = shown ? 'none' : 'manipulation'; };
  dashboardTouch(options.view === 'dashboard');

  let mounted = true;
  const alive = () => { if (!mounted) throw new Error('this widget has been unmounted'); };
  const readJson = (ptr) => JSON.parse(Module.UTF8ToString(ptr));
  // Calls a wasm export with string arguments (copied into the heap and freed after).
  // The result is decoded keeping a leading BOM (UTF8ToString's TextDecoder would drop the CSV's).
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const callText = (fn, ...args) => {
    const ptrs = args.map((s) => heapString(Module, s));
    try {
      const p = fn(...ptrs);
      return utf8.decode(Module.HEAPU8.subarray(p, Module.HEAPU8.indexOf(0, p)));
    } finally { ptrs.forEach((p) => Module._free(p)); }
  };
  const exportText = async (kind, format, query) => {
    alive();
    if (kind !== 'scores' && kind !== 'responses') throw new TypeError(`kind must be 'scores' or 'responses', not ${kind}`);
    await readyP; // the store is rebuilt from the journal first
    return callText(Module._manyi_export, kind, format, queryJson(query));
  };
  const widget = {
    // How this widget runs when it is not the usual wasm + WebGL2 one (null when it is).
    fallback,
    on(name, fn) {
      if (!mounted) return () => {}; // nothing will ever be emitted
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(fn);
      return () => listeners.get(name).delete(fn);
    },
    // The widgets of the current frame, rects in CSS pixels of the viewport (as getBoundingClientRect).
    semantics() {
      alive();
      const r = canvas.getBoundingClientRect();
      return readJson(Module._manyi_semantics_json()).map((n) => ({
        ...n, rect: { x: n.rect.x + r.left, y: n.rect.y + r.top, width: n.rect.width, height: n.rect.height },
      }));
    },
    // The CSS height the current page needs to show without scrolling (the iframe embed sizes
    // its frame from it).
    contentHeight() {
      alive();
      return Module._manyi_content_height();
    },
    async pending() {
      alive();
      await storageReady;
      return { ...readJson(Module._manyi_pending_json()), storage: { ...storage } };
    },
    // Every score of the stored responses (docs/scores.md, format manyi.scores/1):
    // {from, to} as ISO strings, Dates or ms (open when left out), version, utcOffsetMinutes, minN.
    async stats(query = {}) {
      alive();
      await readyP;
      return JSON.parse(callText(Module._manyi_stats_json, queryJson(query)));
    },
    // The scores or the raw responses as CSV (UTF-8 with BOM) or JSON text.
    async exportCsv({ kind = 'scores', ...query } = {}) { return exportText(kind, 'csv', query); },
    async exportJson({ kind = 'scores', ...query } = {}) { return exportText(kind, 'json', query); },
    // The same as a file download in the browser, named as the dashboard names it:
    // manyi-<survey id>-<kind>-<from>_<to>.<format>, in local dates (docs/scores.md).
    async download(kind = 'scores', format = 'csv', query = {}) {
      const text = await exportText(kind, format, query);
      const name = callText(Module._manyi_export_name, kind, format, queryJson(query));
      downloadText(root, name, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json', text);
      return name;
    },
    // The operator dashboard instead of the survey (also the mount option view: 'dashboard').
    showDashboard(shown = true) {
      alive();
      Module._manyi_show_dashboard(shown ? 1 : 0);
      dashboardTouch(shown);
    },
    async sync() {
      alive();
      Module._manyi_sync_now();
      return readJson(Module._manyi_pending_json());
    },
    // Frees everything: listeners, the GL context, timers, the journal, locks and channel
    // (manyi_shutdown), the DOM, and the module itself: every method of this object throws after
    // it (or resolves to nothing: on()), so a host that keeps the object does not keep the heap.
    unmount() {
      if (!mounted) return;
      mounted = false;
      Module._manyi_shutdown();
      if (operator && operator.db) operator.db.close();
      root.remove();
      listeners.clear();
      Module = null;
      // What the module hung on objects this scope keeps (the methods of this object close over
      // it): the platform's observers, handles and callbacks on `host`, emscripten's patched
      // getContext on the canvas. Each reaches the 32 MiB heap. `shutDown` stays: late IndexedDB
      // or fetch callbacks read it and stop.
      for (const k of Object.keys(host)) if (k !== 'shutDown') delete host[k];
      for (const k of Object.getOwnPropertyNames(canvas)) delete canvas[k];
      if (target.manyi === widget) delete target.manyi;
      mountedElements.delete(target);
    },
  };
  // The operator panel scrolls under a finger like the dashboard: the browser must not pan instead.
  if (operator) widget.on('operator', (e) => {
    if (e.action === 'opened') dashboardTouch(true);
    else if (e.action === 'closed') dashboardTouch(options.view === 'dashboard');
  });
  // Set before any event of the widget can fire (the journal opens asynchronously), so a
  // `manyi:ready` listener finds it on the element.
  if (target === element) element.manyi = widget;
  return widget;
}

// ---- declarative embed ---------------------------------------------------------------------------
// <div data-manyi-survey="URL" data-manyi-endpoint="URL" data-manyi-locale="en"
//      data-manyi-mode="inline|floating" data-manyi-theme-accent="#0a7" ...>

// The options of mount() read from an element's data-manyi-* attributes.
export function optionsFromAttributes(el) {
  const d = el.dataset;
  const num = (v) => (v === undefined || v === '' ? undefined : Number(v));
  const theme = {};
  if (d.manyiThemeAccent) theme.accent = d.manyiThemeAccent;
  if (num(d.manyiThemeCornerRadius) !== undefined) theme.cornerRadius = num(d.manyiThemeCornerRadius);
  if (num(d.manyiThemeFontScale) !== undefined) theme.fontScale = num(d.manyiThemeFontScale);
  return {
    survey: d.manyiSurvey || undefined,
    endpoint: d.manyiEndpoint || undefined,
    locale: d.manyiLocale || undefined,
    mode: d.manyiMode || undefined,
    theme: Object.keys(theme).length ? theme : undefined,
    draftMinutes: num(d.manyiDraftMinutes),
    highContrast: d.manyiHighContrast !== undefined ? d.manyiHighContrast !== 'false' : undefined,
    largeText: d.manyiLargeText !== undefined && d.manyiLargeText !== 'false',
    height: d.manyiHeight ? (/^\d+$/.test(d.manyiHeight) ? d.manyiHeight + 'px' : d.manyiHeight) : undefined,
    // floating mode
    label: d.manyiLabel || undefined,
    position: d.manyiPosition || undefined,
    openAfter: num(d.manyiOpenAfter),
    exitIntent: d.manyiExitIntent !== undefined && d.manyiExitIntent !== 'false',
  };
}

// Mounts every element with data-manyi-survey under `root` that is not mounted yet. Called once
// when this module loads; call it again for elements added later (there is no MutationObserver
// watching the host's whole document). Failures are shown in the element and logged, never thrown.
export function mountAll(root = document) {
  const found = [...root.querySelectorAll('[data-manyi-survey]')].filter((el) => !mountedElements.has(el));
  return Promise.all(found.map((el) => mount(el, optionsFromAttributes(el)).catch((err) => {
    console.error('[manyi] could not mount', el, err);
    return null;
  })));
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mountAll(), { once: true });
  else mountAll();
}
