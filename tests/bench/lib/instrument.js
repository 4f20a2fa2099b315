// Injected by the bench into every page before the page's own scripts (Playwright addInitScript).
// The same code runs on both pages; what it measures is in window.__bench.
//   raf            requestAnimationFrame callbacks run so far (the frames a page draws: neither page
//                  has other rAF users)
//   visible        {inFrame, rendered}: performance.now() inside the frame that first shows the survey
//                  (the page's own mark: `manyi:visible` / `sjs:visible`, both fired in a rAF callback),
//                  and after that frame's rendering work (a message posted from that frame runs once
//                  the frame's style, layout, paint and commit are done)
//   wasmMemories   every WebAssembly.Memory exported by a module instantiated on the page (found by
//                  wrapping WebAssembly.instantiate/instantiateStreaming; the widget's API is untouched)
//   lat            the input-latency probe, armed by the harness (see armLatency below)
(() => {
  const now = () => performance.now();
  const B = (window.__bench = { raf: 0, visible: null, wasmMemories: [], lat: null });
  const origRaf = window.requestAnimationFrame.bind(window);

  // Runs fn(t) once the current frame's rendering update is over.
  const afterFrame = (fn) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { ch.port1.close(); fn(now()); };
    ch.port2.postMessage(0);
  };

  // ---- latency probe -------------------------------------------------------------------------
  // armLatency({mode:'manyi', id}) / armLatency({mode:'dom', selector}): from the next pointerdown
  // on, wait for the answer to show; record
  //   down, up     the pointerdown / pointerup event timestamps
  //   changed      when the new state was first in a frame (manyi: end of the rAF callback whose
  //                semantics() first reports value "true" for the node: semantics are those of the
  //                frame just drawn) or in the DOM (dom: the MutationObserver callback that first sees
  //                the selector match)
  //   rendered     after the rendering work of the first frame showing it (manyi: that same frame;
  //                dom: the next frame after the mutation)
  //   frames       rAF callbacks run between pointerdown and `changed`
  B.armLatency = (spec) => {
    B.lat = { ...spec, down: null, up: null, changed: null, rendered: null, frames: 0, rafAtDown: 0 };
    if (spec.mode === 'dom') {
      const mo = new MutationObserver(() => {
        const L = B.lat;
        if (!L || L.changed !== null || L.down === null || !document.querySelector(spec.selector)) return;
        L.changed = now();
        L.frames = B.raf - L.rafAtDown;
        mo.disconnect();
        origRaf(() => afterFrame((t) => { L.rendered = t; }));
      });
      mo.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['class', 'aria-checked', 'checked'], childList: true });
    }
  };
  window.addEventListener('pointerdown', (e) => {
    if (B.lat && B.lat.down === null) { B.lat.down = e.timeStamp; B.lat.rafAtDown = B.raf; }
  }, true);
  window.addEventListener('pointerup', (e) => {
    if (B.lat && B.lat.down !== null && B.lat.up === null) B.lat.up = e.timeStamp;
  }, true);

  // inRaf false: a frame the widget drew outside requestAnimationFrame (the thank-you frame, drawn as
  // soon as the save completes); it is shown by the next rendering update, so its end is taken after
  // that update's rAF callbacks, as for the DOM page's mutations.
  const probeManyi = (inRaf = true) => {
    const L = B.lat;
    if (!L || L.mode !== 'manyi' || L.down === null || L.changed !== null || !window.manyi) return;
    let node;
    try { node = window.manyi.semantics().find((n) => n.id === L.id); } catch (e) { return; }
    if (node && (L.value === undefined || node.value === L.value)) {
      L.changed = now();
      L.frames = B.raf - L.rafAtDown;
      if (inRaf) afterFrame((t) => { L.rendered = t; });
      else origRaf(() => afterFrame((t) => { L.rendered = t; }));
    }
  };

  // ---- the submit's durable write ----------------------------------------------------------------
  // The strict IndexedDB transaction of the journal (the thank-you waits for its completion):
  //   txStart      when the widget opened it (the save began)
  //   txDone       its complete event (the response is durable)
  // Wrapping transaction() leaves the widget's calls unchanged.
  const origTx = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (names, mode, opts) {
    const tx = origTx.call(this, names, mode, opts);
    const L = B.lat;
    if (L && L.down !== null && L.txStart === undefined && opts && opts.durability === 'strict') {
      L.txStart = now();
      tx.addEventListener('complete', () => { L.txDone = now(); });
    }
    return tx;
  };

  // ---- frames ----------------------------------------------------------------------------------
  window.requestAnimationFrame = (cb) => origRaf((t) => {
    B.raf++;
    cb(t);
    probeManyi();
  });

  // ---- the pages' own "survey visible" marks ---------------------------------------------------
  const onVisible = () => {
    if (B.visible) return;
    const v = (B.visible = { inFrame: now(), rendered: null });
    afterFrame((t) => { v.rendered = t; });
  };
  document.addEventListener('manyi:visible', onVisible, true);
  document.addEventListener('sjs:visible', onVisible, true);
  // Manyi's journal loaded (its detail has the stored count) and response durable.
  document.addEventListener('manyi:ready', (e) => { if (!B.ready) B.ready = { at: now(), detail: e.detail }; }, true);
  // Store images written by the widget (docs/decisions.md D18): size and times.
  B.snapshots = [];
  document.addEventListener('manyi:snapshot', (e) => { B.snapshots.push({ at: now(), ...e.detail }); }, true);
  // The thank-you frame is drawn in the same task as this event, after it: look once that task is over.
  document.addEventListener('manyi:submit', () => {
    if (B.lat && B.lat.submitAt === undefined) B.lat.submitAt = now();
    queueMicrotask(() => probeManyi(false));
  }, true);

  // ---- wasm memories ---------------------------------------------------------------------------
  const keep = (res) => {
    try {
      const inst = res && res.instance ? res.instance : res;
      if (inst && inst.exports) {
        for (const v of Object.values(inst.exports)) if (v instanceof WebAssembly.Memory) B.wasmMemories.push(v);
      }
    } catch (e) { /* not an instance */ }
    return res;
  };
  const origInstantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...args) { return origInstantiate.apply(this, args).then(keep); };
  if (WebAssembly.instantiateStreaming) {
    const origStreaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = function (...args) { return origStreaming.apply(this, args).then(keep); };
  }
  // Linear memory: its size, and how much of it holds anything (64 KiB pages with a non-zero byte:
  // pages never written are zero and, in Chromium, not backed by RAM).
  B.wasmMemoryStats = () => {
    let bytes = 0, touched = 0;
    for (const m of B.wasmMemories) {
      const buf = m.buffer;
      bytes += buf.byteLength;
      const w = new Uint32Array(buf);
      const per = 65536 / 4;
      for (let p = 0; p < w.length; p += per) {
        const end = Math.min(p + per, w.length);
        for (let i = p; i < end; i++) if (w[i] !== 0) { touched++; break; }
      }
    }
    return { count: B.wasmMemories.length, bytes, touchedBytes: touched * 65536 };
  };
})();
