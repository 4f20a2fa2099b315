// The browser side of Manyi's platform layer, linked with --js-library.
//
// Everything the C++ side needs from the browser goes through the functions below: the WebGL2
// context, input listeners, the frame scheduler, the clock, randomness, IndexedDB (the response
// journal), HTTP, timers and events to the host page. Every listener is attached to this
// instance's own canvas or its own DOM elements, never to window or document, so several widgets
// can live on one page and the host page keeps its keys.
//
// `Module.manyiHost` is set by web/manyi.js before the module starts: {canvas, container, emit}.

mergeInto(LibraryManager.library, {
  $ManyiPlatform__deps: ['$GL'],
  $ManyiPlatform: {
    str: function (s) {
      // Hands a JS string to C++: allocated on the wasm heap, freed by the caller (manyi_free_js_string).
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },
    call: function (fn) {
      // Calls into C++ with any number of string arguments, freeing them afterwards.
      var args = Array.prototype.slice.call(arguments, 1);
      var ptrs = [];
      var mapped = args.map(function (a) {
        if (typeof a === 'string') { var p = ManyiPlatform.str(a); ptrs.push(p); return p; }
        return a;
      });
      try { return fn.apply(null, mapped); } finally { ptrs.forEach(function (p) { _free(p); }); }
    },
    domKeyName: function (e) {
      // ImGui wants physical-ish key names for shortcuts but printable keys by meaning.
      return e.key && e.key.length === 1 ? e.key.toLowerCase() : (e.key || '');
    },
    // Runs the pending frame now instead of at the next animation frame: for a completed save, whose
    // thank-you frame is the respondent's wait. (Tried for presses and releases too: on this
    // software-rendered machine it made click latency worse, each synchronous frame holding the
    // main thread the next event needed.)
    frameNow: function (host) {
      if (!host.frameHandle || host.shutDown) return;
      cancelAnimationFrame(host.frameHandle);
      host.frameHandle = 0;
      _manyi_frame(performance.now());
      // That frame is shown at the next rendering update; a frame drawn in that update's rAF
      // callback would hold it back by its own cost (~30 ms, software-rendered): the frames it
      // asked for (layout settling) wait one update.
      if (host.frameHandle) {
        cancelAnimationFrame(host.frameHandle);
        host.frameHandle = requestAnimationFrame(function () {
          host.frameHandle = requestAnimationFrame(function (t) { host.frameHandle = 0; if (!host.shutDown) _manyi_frame(t); });
        });
      }
    },
    writeDraft: function (host, key, json) {
      try {
        var tx = host.journal.transaction('drafts', 'readwrite', { durability: 'relaxed' });
        if (json) tx.objectStore('drafts').put({ key: key, json: json });
        else tx.objectStore('drafts').delete(key);
        tx.onabort = function () { console.warn('manyi: the draft could not be kept (' + (tx.error && tx.error.message) + ')'); };
      } catch (err) {
        console.warn('manyi: the draft could not be kept (' + err.message + ')');
      }
    },
    mods: function (e) {
      return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);
    },
  },

  // Without WebGL2 the module still runs (rendering off, the mirror is the form): only the
  // page-level delivery triggers are needed then.
  manyi_js_init_headless: function () {
    var host = Module['manyiHost'];
    var listeners = [];
    var on = function (target, type, fn) { target.addEventListener(type, fn); listeners.push([target, type, fn]); };
    on(window, 'online', function () { _manyi_on_sync_trigger(); });
    on(document, 'visibilitychange', function () { if (document.visibilityState === 'visible') _manyi_on_sync_trigger(); });
    host.removeListeners = function () {
      listeners.forEach(function (l) { l[0].removeEventListener(l[1], l[2]); });
      listeners.length = 0;
    };
  },

  // ---- the accessible mirror (web/manyi-mirror.js owns its DOM) -------------------------------
  manyi_js_mirror_update: function (jsonPtr) {
    var host = Module['manyiHost'];
    if (host.mirror) host.mirror.update(JSON.parse(UTF8ToString(jsonPtr)));
  },
  manyi_js_mirror_focus: function (idPtr, onlyIfCanvas) {
    var host = Module['manyiHost'];
    if (!host.mirror) return;
    var id = UTF8ToString(idPtr);
    // Deferred: the frame that asks runs inside a focus or key handler of the mirror itself.
    setTimeout(function () { if (!host.shutDown) host.mirror.focusNode(id, !!onlyIfCanvas); }, 0);
  },

  manyi_js_init__deps: ['$ManyiPlatform', '$GL'],
  manyi_js_init: function () {
    var host = Module['manyiHost'];
    var canvas = host.canvas;
    var ctx = GL.createContext(canvas, {
      majorVersion: 2, minorVersion: 0, alpha: false, depth: false, stencil: false,
      antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false,
      powerPreference: 'low-power', failIfMajorPerformanceCaveat: false,
    });
    if (!ctx) return 0;
    GL.makeContextCurrent(ctx);
    host.glContext = ctx;

    var listeners = [];
    function on(target, type, fn, opts) {
      target.addEventListener(type, fn, opts || false);
      listeners.push([target, type, fn, opts || false]);
    }
    host.removeListeners = function () {
      listeners.forEach(function (l) { l[0].removeEventListener(l[1], l[2], l[3]); });
      listeners.length = 0;
    };

    function localPos(e) {
      var r = canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    }
    function source(e) { return e.pointerType === 'touch' ? 1 : e.pointerType === 'pen' ? 2 : 0; }

    // Pointer events cover mouse, touch and pen; ImGui is told which one it was.
    on(canvas, 'pointermove', function (e) {
      var p = localPos(e);
      _manyi_on_pointer(0, p[0], p[1], e.button, source(e));
    });
    on(canvas, 'pointerdown', function (e) {
      var p = localPos(e);
      // A text box is edited by a real DOM control, focused synchronously inside this handler:
      // on-screen keyboards only open for a focus() that runs in the user's gesture.
      if (e.button === 0 && ManyiPlatform.call(_manyi_text_field_at, p[0], p[1])) {
        e.preventDefault();
        return;
      }
      if (document.activeElement !== canvas) canvas.focus({ preventScroll: true });
      try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* pointer already gone */ }
      _manyi_on_pointer(1, p[0], p[1], e.button, source(e));
      e.preventDefault();
    });
    on(canvas, 'pointerup', function (e) {
      var p = localPos(e);
      // 1: the release submitted a response already durable (written at the press): the
      // thank-you is drawn now, not at the next animation frame.
      if (_manyi_on_pointer(2, p[0], p[1], e.button, source(e)) === 1) ManyiPlatform.frameNow(host);
    });
    on(canvas, 'pointercancel', function (e) {
      var p = localPos(e);
      _manyi_on_pointer(4, p[0], p[1], 0, source(e));
    });
    on(canvas, 'pointerleave', function (e) {
      if (e.pointerType === 'mouse') _manyi_on_pointer(3, -1, -1, 0, 0);
    });
    function wheel(e) {
      // Only scroll the widget when it can scroll that way; at its top or bottom (or with nothing
      // to scroll) the page scrolls, as it would over a scrollable element of its own.
      var scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;
      if (_manyi_on_wheel(-e.deltaX * scale, -e.deltaY * scale)) e.preventDefault();
    }
    on(canvas, 'wheel', wheel, { passive: false });
    // The open text field lies over the canvas: a wheel over it scrolls the widget too, unless the
    // field has text of its own to scroll.
    if (host.textField) on(host.textField, 'wheel', function (e) {
      if (host.textField.scrollHeight <= host.textField.clientHeight) wheel(e);
    }, { passive: false });
    on(canvas, 'contextmenu', function (e) { e.preventDefault(); });

    // Keys reach the widget only while its canvas has focus (listeners are on the canvas).
    function key(e, down) {
      var name = ManyiPlatform.domKeyName(e);
      var used = ManyiPlatform.call(_manyi_on_key, name, down ? 1 : 0, ManyiPlatform.mods(e));
      if (down && e.key && Array.from(e.key).length === 1 && !e.ctrlKey && !e.metaKey) {
        ManyiPlatform.call(_manyi_on_text, e.key);
        used = 1;
      }
      if (used) e.preventDefault();
    }
    on(canvas, 'keydown', function (e) {
      if (e.key === 'Escape') { canvas.blur(); return; } // the way out for keyboard users
      key(e, true);
    });
    on(canvas, 'keyup', function (e) { key(e, false); });
    on(canvas, 'focus', function () { _manyi_on_focus(1); });
    on(canvas, 'blur', function () { _manyi_on_focus(0); });

    // The DOM text field that edits text boxes (see src/ui/text_box.cpp).
    var field = host.textField;
    if (field) {
      on(field, 'input', function () {
        // A hidden field has been emptied (below): a late input event from it is no answer.
        if (field.style.display === 'none') return;
        ManyiPlatform.call(_manyi_on_text_field_input, field.value);
      });
      on(field, 'blur', function () { _manyi_on_text_field_blur(); });
      // A paste longer than the field's room is cut by the browser without a word: say so.
      on(field, 'paste', function (e) {
        var text = (e.clipboardData && e.clipboardData.getData('text')) || '';
        var max = field.maxLength;
        if (max > 0 && text.length > max - field.value.length + (field.selectionEnd - field.selectionStart)) _manyi_on_text_truncated(max);
      });
      // The field stands in the mirror in its text box's place (web/manyi-mirror.js), so Tab and
      // Shift+Tab move on natively to the neighbouring controls; Enter (one line) and Escape
      // leave it for its own place in the mirror, which keeps the keyboard in the widget.
      on(field, 'keydown', function (e) {
        if ((e.key === 'Enter' && field.dataset.multiline === '0' && !e.isComposing) || e.key === 'Escape') {
          e.preventDefault();
          if (host.mirror && host.mirror.leaveField(field)) return;
          canvas.focus({ preventScroll: true });
        }
      });
    }

    // On-screen keyboards shrink the visual viewport: tell the widget how much of the canvas is
    // still visible, so the box being edited can be scrolled into that part.
    if (window.visualViewport) {
      var onViewport = function () {
        var vv = window.visualViewport, r = canvas.getBoundingClientRect();
        _manyi_on_visible_height(Math.max(0, Math.min(r.height, vv.offsetTop + vv.height - r.top)));
      };
      on(window.visualViewport, 'resize', onViewport);
      on(window.visualViewport, 'scroll', onViewport);
    }

    // Delivery triggers besides submit and the retry timer: the network coming back, the page
    // becoming visible again.
    on(window, 'online', function () { _manyi_on_sync_trigger(); });
    on(document, 'visibilitychange', function () {
      if (document.visibilityState === 'visible') { _manyi_on_sync_trigger(); _manyi_on_resize(-1, -1, -1, -1, -1); }
      else _manyi_on_page_hidden(); // the store image, while the page can still write it
    });
    on(window, 'pagehide', function () { _manyi_on_page_hidden(); });

    // Size in CSS pixels times devicePixelRatio; device-pixel-exact where the browser reports it.
    var ro = new ResizeObserver(function (entries) {
      var entry = entries[entries.length - 1];
      var dpr = window.devicePixelRatio || 1;
      var cssW = entry.contentRect.width, cssH = entry.contentRect.height;
      var devW = Math.round(cssW * dpr), devH = Math.round(cssH * dpr);
      if (entry.devicePixelContentBoxSize && entry.devicePixelContentBoxSize[0]) {
        devW = entry.devicePixelContentBoxSize[0].inlineSize;
        devH = entry.devicePixelContentBoxSize[0].blockSize;
      }
      if (canvas.width !== devW) canvas.width = devW;
      if (canvas.height !== devH) canvas.height = devH;
      _manyi_on_resize(cssW, cssH, devW, devH, dpr);
    });
    try { ro.observe(canvas, { box: 'device-pixel-content-box' }); } catch (err) { ro.observe(canvas); }
    host.resizeObserver = ro;

    // Scrolled out of view, the widget draws nothing: a frame asked for meanwhile (a footer count
    // while the queue drains, a kiosk timer) waits until some of the canvas is on screen again.
    host.inView = true;
    if (typeof IntersectionObserver !== 'undefined') {
      host.viewObserver = new IntersectionObserver(function (entries) {
        host.inView = entries[entries.length - 1].isIntersecting;
        if (host.inView && host.deferredFrame) { host.deferredFrame = false; _manyi_js_request_frame(); }
      });
      host.viewObserver.observe(canvas);
    }

    // devicePixelRatio changes with browser zoom and when the window moves between screens.
    function watchDpr() {
      var mq = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
      var onChange = function () {
        mq.removeEventListener('change', onChange);
        if (host.removeListeners === null) return;
        var r = canvas.getBoundingClientRect();
        var dpr = window.devicePixelRatio || 1;
        canvas.width = Math.round(r.width * dpr);
        canvas.height = Math.round(r.height * dpr);
        _manyi_on_resize(r.width, r.height, canvas.width, canvas.height, dpr);
        watchDpr();
      };
      mq.addEventListener('change', onChange);
      host.dprQuery = [mq, onChange];
    }
    watchDpr();
    return 1;
  },

  manyi_js_shutdown: function () {
    var host = Module['manyiHost'];
    if (host.removeListeners) host.removeListeners();
    host.removeListeners = null;
    if (host.resizeObserver) host.resizeObserver.disconnect();
    if (host.viewObserver) host.viewObserver.disconnect();
    if (host.dprQuery) host.dprQuery[0].removeEventListener('change', host.dprQuery[1]);
    if (host.frameHandle) cancelAnimationFrame(host.frameHandle);
    if (host.timer) clearTimeout(host.timer);
    if (host.laterFrame) clearTimeout(host.laterFrame);
    if (host.saveTimer) clearTimeout(host.saveTimer);
    if (host.releaseLocks) host.releaseLocks.forEach(function (release) { release(); });
    if (host.channel) host.channel.close();
    if (host.journal) host.journal.close();
    host.frameHandle = 0;
    host.timer = 0;
    if (host.glContext) {
      var gl = GL.getContext(host.glContext);
      var lose = gl && gl.GLctx && gl.GLctx.getExtension('WEBGL_lose_context');
      GL.deleteContext(host.glContext);
      if (lose) lose.loseContext();
      host.glContext = 0;
    }
    host.shutDown = true;
  },

  // One frame at a time, only when asked: an idle widget schedules nothing.
  manyi_js_request_frame: function () {
    var host = Module['manyiHost'];
    if (host.frameHandle || host.shutDown) return;
    if (host.inView === false) { host.deferredFrame = true; return; }
    host.frameHandle = requestAnimationFrame(function (t) {
      host.frameHandle = 0;
      _manyi_frame(t);
    });
  },

  // The frame asked for is not wanted after all (a save started in an input handler: its
  // completion, not a frame, comes next).
  manyi_js_cancel_frame: function () {
    var host = Module['manyiHost'];
    if (host.frameHandle) cancelAnimationFrame(host.frameHandle);
    host.frameHandle = 0;
  },

  manyi_js_request_frame_after__deps: ['manyi_js_request_frame'],
  // The earliest request wins: a timer due later (the attract screen in two minutes) must not
  // swallow one due sooner (the idle countdown's next second).
  manyi_js_request_frame_after: function (ms) {
    var host = Module['manyiHost'];
    if (host.shutDown) return;
    var due = performance.now() + ms;
    if (host.laterFrame) {
      if (host.laterFrameDue <= due) return;
      clearTimeout(host.laterFrame);
    }
    host.laterFrameDue = due;
    host.laterFrame = setTimeout(function () { host.laterFrame = 0; if (!host.shutDown) _manyi_js_request_frame(); }, ms);
  },

  // ---- fallback glyphs: the system's fonts through a 2D canvas -------------------------------
  $ManyiGlyphs: {
    canvas: null,
    context: function (w, h) {
      if (!ManyiGlyphs.canvas) ManyiGlyphs.canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(64, 64) : document.createElement('canvas');
      var c = ManyiGlyphs.canvas;
      if (c.width < w) c.width = w;
      if (c.height < h) c.height = h;
      return c.getContext('2d', { willReadFrequently: true });
    },
    // The bundled face first (same look where the system has it), then the platforms' CJK and emoji fonts.
    font: function (em) {
      return em + 'px "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", ' +
        '"Microsoft YaHei", "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif';
    },
  },
  manyi_js_glyph_advance__deps: ['$ManyiGlyphs'],
  manyi_js_glyph_advance: function (cp, em) {
    var c = ManyiGlyphs.context(8, 8);
    c.font = ManyiGlyphs.font(em);
    return c.measureText(String.fromCodePoint(cp)).width;
  },
  manyi_js_glyph_raster__deps: ['$ManyiGlyphs'],
  manyi_js_glyph_raster: function (cp, em, baseline, ptr, w, h) {
    var c = ManyiGlyphs.context(w, h);
    c.clearRect(0, 0, w, h);
    c.font = ManyiGlyphs.font(em);
    c.fillStyle = '#fff';
    c.textBaseline = 'alphabetic';
    c.fillText(String.fromCodePoint(cp), 0, baseline);
    var d = c.getImageData(0, 0, w, h).data;
    for (var i = 0; i < w * h; i++) HEAPU8[ptr + i] = d[i * 4 + 3]; // coverage; a colour emoji becomes its silhouette
  },

  manyi_js_now_ms: function () { return Date.now(); },

  manyi_js_random_bytes: function (ptr, len) {
    crypto.getRandomValues(HEAPU8.subarray(ptr, ptr + len));
  },

  manyi_js_canvas_focus: function () {
    var host = Module['manyiHost'];
    host.canvas.focus({ preventScroll: true });
  },

  manyi_js_set_cursor: function (cursor) {
    var names = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize', 'pointer', 'not-allowed'];
    Module['manyiHost'].canvas.style.cursor = cursor < 0 ? 'none' : (names[cursor] || 'default');
  },

  // Places the DOM text field exactly over a text box and focuses it (called synchronously from
  // the pointerdown handler via _manyi_text_field_at, or from keyboard navigation).
  manyi_js_open_url: function (urlPtr) {
    var url = UTF8ToString(urlPtr);
    if (/^https?:/i.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
  },

  // The loader (web/manyi.js) owns the DOM: it makes the Blob and the temporary link.
  // The bytes are copied as they are: decoding them to a string would drop the CSV's BOM.
  manyi_js_download: function (filenamePtr, mimePtr, bytesPtr, length) {
    var host = Module['manyiHost'];
    if (host.download) host.download(UTF8ToString(filenamePtr), UTF8ToString(mimePtr), HEAPU8.slice(bytesPtr, bytesPtr + length));
  },

  manyi_js_text_field_show: function (x, y, w, h, fontPx, multiline, maxLength, valuePtr, placeholderPtr, labelPtr, inputModePtr, autocompletePtr, nodeIdPtr) {
    var host = Module['manyiHost'];
    var field = host.textField;
    if (!field) return;
    // The one text field takes the place of the text box's node in the mirror: one textbox for
    // screen readers, and Tab order continues from it.
    if (host.mirror) host.mirror.placeField(field, UTF8ToString(nodeIdPtr));
    field.style.left = x + 'px';
    field.style.top = y + 'px';
    field.style.width = w + 'px';
    field.style.height = h + 'px';
    field.style.fontSize = fontPx + 'px';
    field.style.display = 'block';
    field.value = UTF8ToString(valuePtr);
    field.placeholder = UTF8ToString(placeholderPtr);
    field.setAttribute('aria-label', UTF8ToString(labelPtr));
    field.setAttribute('inputmode', UTF8ToString(inputModePtr) || 'text');
    field.setAttribute('autocomplete', UTF8ToString(autocompletePtr) || 'off');
    if (maxLength > 0) field.maxLength = maxLength; else field.removeAttribute('maxlength');
    field.dataset.multiline = multiline ? '1' : '0';
    field.focus({ preventScroll: true });
    var end = field.value.length;
    field.setSelectionRange(end, end);
  },

  manyi_js_text_field_move: function (x, y, w, h) {
    var field = Module['manyiHost'].textField;
    if (!field || field.style.display === 'none') return;
    field.style.left = x + 'px';
    field.style.top = y + 'px';
    field.style.width = w + 'px';
    field.style.height = h + 'px';
  },

  manyi_js_text_field_hide: function () {
    var host = Module['manyiHost'];
    var field = host.textField;
    if (!field) return;
    field.style.display = 'none';
    if (host.mirror) host.mirror.restoreField(field);
    // The widget has the text; the field keeps none of it, so nothing typed by one respondent
    // stays in the page for the next (a kiosk starting over hides the field too).
    field.value = '';
  },

  manyi_js_log_error: function (msgPtr) {
    console.error('[manyi] ' + UTF8ToString(msgPtr));
  },

  manyi_js_emit: function (namePtr, detailPtr) {
    var host = Module['manyiHost'];
    var detail = UTF8ToString(detailPtr);
    try { detail = JSON.parse(detail); } catch (err) { /* plain string */ }
    host.emit(UTF8ToString(namePtr), detail);
  },

  // ---- the response journal: one IndexedDB record per response ------------------------------
  // It is the durable copy: a response counts as stored only when its put() transaction, opened
  // with durability "strict", has completed. SQLite (in memory) is kept between page loads as an
  // image ("sqlite" store) and caught up from the journal's change log, or rebuilt from the whole
  // journal when the image is missing, damaged or does not add up (docs/decisions.md D18).
  // Database version 3: "changes" (autoIncrement key: one entry per write or delete of a record,
  // value the record's id; overlapping readwrite transactions run one after another, so the keys
  // follow commit order across tabs), "sqlite" (keys "meta" and "image") and the "purge" index.
  // Version 4: "aggregates" (keyPath "id"): what the responses a retention purge deleted had
  // counted in the scores, one record per purge, written in the purge's transaction; its change
  // entry is "aggregates/<id>" (docs/decisions.md D20).
  manyi_js_journal_open__deps: ['$ManyiPlatform', '$ManyiJournal'],
  manyi_js_journal_open: function (dbNamePtr, draftKeyPtr) {
    var host = Module['manyiHost'];
    var name = UTF8ToString(dbNamePtr);
    var draftKey = UTF8ToString(draftKeyPtr);
    var fail = function (msg) { if (!host.shutDown) ManyiPlatform.call(_manyi_on_journal_ready, 0, msg, 0, 0); };
    var req;
    try {
      req = indexedDB.open(name, 4); // 2: the "drafts" store; 3: "changes", "sqlite", index "purge"; 4: "aggregates"
    } catch (err) {
      fail('IndexedDB is not available: ' + err.message);
      return;
    }
    req.onupgradeneeded = function () {
      var db = req.result;
      var responses = db.objectStoreNames.contains('responses') ? req.transaction.objectStore('responses') : db.createObjectStore('responses', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts', { keyPath: 'key' });
      if (!db.objectStoreNames.contains('changes')) db.createObjectStore('changes', { autoIncrement: true });
      if (!db.objectStoreNames.contains('sqlite')) db.createObjectStore('sqlite');
      if (!db.objectStoreNames.contains('aggregates')) db.createObjectStore('aggregates', { keyPath: 'id' });
      // Delivered responses by delivery time: the retention purge reads only what it deletes.
      if (!responses.indexNames.contains('purge')) responses.createIndex('purge', ['state', 'updated_ms']);
    };
    req.onblocked = function () { fail('IndexedDB is blocked by another tab holding an old version open'); };
    req.onerror = function () { fail('IndexedDB could not be opened: ' + (req.error && req.error.message)); };
    req.onsuccess = function () {
      var db = req.result;
      // Unmounted while the database opened: close it, and keep nothing (its handlers would hold
      // the module's heap).
      if (host.shutDown) { db.close(); return; }
      host.journal = db;
      db.onversionchange = function () { db.close(); };
      // The draft first, in its own small read: the respondent's answers come back at once, not
      // after the store is loaded.
      if (draftKey) {
        var dreq = db.transaction('drafts', 'readonly').objectStore('drafts').get(draftKey);
        dreq.onsuccess = function () {
          if (!host.shutDown && dreq.result) ManyiPlatform.call(_manyi_on_draft, dreq.result.json);
          if (host.draftBeforeOpen) { ManyiPlatform.writeDraft(host, host.draftBeforeOpen.key, host.draftBeforeOpen.json); host.draftBeforeOpen = null; }
        };
      }
      // The retention purge runs later, driven by the store once it is loaded (manyi_js_purge_select).
      ManyiJournal.loadStore(host, fail);
    };
  },

  $ManyiJournal__deps: ['$ManyiPlatform'],
  $ManyiJournal: {
    // A change entry that names an aggregates record rather than a response.
    aggregatePrefix: 'aggregates/',
    // Reads, in one transaction (so one consistent state of the journal): the records changed
    // after `mark` (or, with mark < 0, the image's own mark, and the image itself), the highest
    // change key, the record count and the compaction floor. Calls done(r) after it completes.
    readChanges: function (host, mark, withImage, done, fail) {
      var tx = host.journal.transaction(['sqlite', 'changes', 'responses', 'aggregates'], 'readonly');
      var sqlite = tx.objectStore('sqlite'), changes = tx.objectStore('changes'), responses = tx.objectStore('responses');
      var aggregates = tx.objectStore('aggregates'), prefix = ManyiJournal.aggregatePrefix;
      var r = { meta: null, image: null, records: [], removed: [], aggregates: [], maxKey: 0, count: 0, floor: 0 };
      var getMeta = sqlite.get('meta');
      if (withImage) { var img = sqlite.get('image'); img.onsuccess = function () { r.image = img.result || null; }; }
      var last = changes.openKeyCursor(null, 'prev');
      last.onsuccess = function () { if (last.result) r.maxKey = last.result.key; };
      var cnt = responses.count();
      cnt.onsuccess = function () { r.count = cnt.result; };
      getMeta.onsuccess = function () {
        var meta = getMeta.result;
        r.meta = meta && typeof meta === 'object' ? meta : null;
        r.floor = r.meta && typeof r.meta.floor === 'number' ? r.meta.floor : 0;
        var from = mark >= 0 ? mark : r.meta && typeof r.meta.mark === 'number' ? r.meta.mark : -1;
        if (from < 0) return; // no image: nothing to catch up from
        var ids = changes.getAll(IDBKeyRange.lowerBound(from, true));
        ids.onsuccess = function () {
          var seen = {};
          ids.result.forEach(function (id) {
            if (typeof id !== 'string' || seen[id]) return;
            seen[id] = true;
            if (id.indexOf(prefix) === 0) {
              var a = aggregates.get(id.slice(prefix.length));
              a.onsuccess = function () { if (a.result) r.aggregates.push(a.result); };
              return;
            }
            var g = responses.get(id);
            g.onsuccess = function () { if (g.result) r.records.push(g.result); else r.removed.push(id); };
          });
        };
      };
      tx.oncomplete = function () { if (!host.shutDown) done(r); };
      tx.onabort = function () { fail('IndexedDB read failed: ' + (tx.error && tx.error.message)); };
    },
    // Hands records to the store: aggregates records and removed ids first (outside a
    // transaction), then the records.
    apply: function (r) {
      r.aggregates.forEach(function (a) { ManyiPlatform.call(_manyi_on_journal_aggregate, JSON.stringify(a)); });
      ManyiPlatform.call(_manyi_on_journal_removed, JSON.stringify(r.removed));
      r.records.forEach(function (rec) { ManyiPlatform.call(_manyi_on_journal_record, JSON.stringify(rec)); });
    },
    // Start-up: the image and what changed after it; the whole journal if the store refuses them.
    loadStore: function (host, fail) {
      ManyiJournal.readChanges(host, -1, true, function (r) {
        var accepted = 0;
        if (r.meta && r.image instanceof ArrayBuffer) {
          var n = r.image.byteLength, ptr = _malloc(n || 1);
          HEAPU8.set(new Uint8Array(r.image), ptr);
          r.image = null;
          accepted = ManyiPlatform.call(_manyi_on_store_image, JSON.stringify(r.meta), ptr, n);
          _free(ptr);
        } else {
          accepted = ManyiPlatform.call(_manyi_on_store_image, '', 0, 0);
        }
        if (accepted) {
          ManyiJournal.apply(r);
          if (ManyiPlatform.call(_manyi_on_journal_ready, 1, '', r.maxKey, r.count)) return;
        }
        ManyiJournal.replay(host, fail);
      }, fail);
    },
    // Deletes the change entries the stored image holds and records how far (the floor), in a
    // small transaction of its own after the image's.
    compact: function (host) {
      try {
        var tx = host.journal.transaction(['sqlite', 'changes'], 'readwrite', { durability: 'relaxed' });
        var st = tx.objectStore('sqlite'), m = st.get('meta');
        m.onsuccess = function () {
          var meta = m.result;
          if (!meta || typeof meta.mark !== 'number' || meta.mark <= (meta.floor || 0)) return;
          tx.objectStore('changes').delete(IDBKeyRange.upperBound(meta.mark));
          meta.floor = meta.mark;
          st.put(meta, 'meta');
        };
      } catch (err) { console.warn('manyi: change log not compacted: ' + err.message); }
    },
    // The whole journal, as every start did before images (D5).
    replay: function (host, fail) {
      // One getAll() (a cursor costs an event per record: 20,000 of them took seconds).
      var tx = host.journal.transaction(['sqlite', 'changes', 'responses', 'aggregates'], 'readonly');
      var all = tx.objectStore('responses').getAll();
      var kept = tx.objectStore('aggregates').getAll();
      var meta = tx.objectStore('sqlite').get('meta');
      var last = tx.objectStore('changes').openKeyCursor(null, 'prev');
      var maxKey = 0;
      last.onsuccess = function () { if (last.result) maxKey = last.result.key; };
      tx.oncomplete = function () {
        if (host.shutDown) return;
        // Changes up to the compaction floor were all committed before this read, so it holds them.
        var floor = meta.result && typeof meta.result.floor === 'number' ? meta.result.floor : 0;
        var records = all.result;
        records.forEach(function (rec) { ManyiPlatform.call(_manyi_on_journal_record, JSON.stringify(rec)); });
        kept.result.forEach(function (a) { ManyiPlatform.call(_manyi_on_journal_aggregate, JSON.stringify(a)); });
        ManyiPlatform.call(_manyi_on_journal_ready, 1, '', Math.max(maxKey, floor), records.length);
      };
      tx.onabort = function () { fail('IndexedDB read failed: ' + (tx.error && tx.error.message)); };
    },
  },

  // ---- the retention purge (docs/decisions.md D20): the store decides, the journal commits -----
  // The delivered records whose delivery is older than `beforeMs` (the "purge" index: only their
  // keys are read), answered through manyi_on_purge_candidates.
  manyi_js_purge_select__deps: ['$ManyiPlatform'],
  manyi_js_purge_select: function (beforeMs) {
    var host = Module['manyiHost'];
    var answer = function (ids) { if (!host.shutDown) ManyiPlatform.call(_manyi_on_purge_candidates, JSON.stringify(ids)); };
    if (!host.journal) { answer([]); return; }
    try {
      var tx = host.journal.transaction('responses', 'readonly');
      var keys = tx.objectStore('responses').index('purge').getAllKeys(IDBKeyRange.bound(['delivered', 0], ['delivered', beforeMs], true, true));
      tx.oncomplete = function () { answer(keys.result); };
      tx.onabort = function () { console.warn('manyi: retention purge not read: ' + (tx.error && tx.error.message)); answer([]); };
    } catch (err) { console.warn('manyi: retention purge not read: ' + err.message); answer([]); }
  },

  // One transaction: the aggregates record, the deletes of the purged records and their change
  // entries, so that a crash leaves either all of it or none. Each record is read first: one
  // that is gone (another tab purged it, its counts are in that tab's record) or not delivered
  // before `beforeMs` any more aborts the whole purge, which would otherwise count it twice.
  // Answers through manyi_on_purge_done(ok, error).
  manyi_js_purge_commit__deps: ['$ManyiPlatform', '$ManyiJournal'],
  manyi_js_purge_commit: function (idsPtr, aggregatePtr, beforeMs) {
    var host = Module['manyiHost'];
    var ids = JSON.parse(UTF8ToString(idsPtr)), aggregate = JSON.parse(UTF8ToString(aggregatePtr));
    var done = function (ok, msg) { if (!host.shutDown) ManyiPlatform.call(_manyi_on_purge_done, ok, msg); };
    if (!host.journal) { done(0, 'the device storage (IndexedDB) is not open'); return; }
    var tx, why = '';
    try {
      tx = host.journal.transaction(['responses', 'changes', 'aggregates'], 'readwrite');
      var responses = tx.objectStore('responses'), changes = tx.objectStore('changes');
      var left = ids.length;
      var write = function () {
        tx.objectStore('aggregates').add(aggregate);
        ids.forEach(function (id) { responses.delete(id); changes.add(id); });
        changes.add(ManyiJournal.aggregatePrefix + aggregate.id);
      };
      ids.forEach(function (id) {
        var g = responses.get(id);
        g.onsuccess = function () {
          if (why) return;
          var rec = g.result;
          if (!rec || rec.state !== 'delivered' || !(rec.updated_ms < beforeMs)) {
            why = 'conflict: ' + id + (rec ? ' is not a delivered response past the retention period' : ' was purged already');
            tx.abort();
            return;
          }
          if (--left === 0) write();
        };
      });
      if (ids.length === 0) write();
    } catch (err) { done(0, 'IndexedDB write failed: ' + err.message); return; }
    tx.oncomplete = function () { done(1, ''); };
    tx.onabort = function () { done(0, why || 'IndexedDB purge aborted: ' + (tx.error && tx.error.message)); };
  },

  // Before an image is written: the records changed since `mark`, so that the image's mark can
  // move up. Answers through manyi_on_journal_removed/_record and manyi_on_store_caught_up.
  manyi_js_store_catch_up__deps: ['$ManyiJournal'],
  manyi_js_store_catch_up: function (mark) {
    var host = Module['manyiHost'];
    if (!host.journal) { _manyi_on_store_caught_up(0, 0); return; }
    var failed = function (msg) { console.warn('manyi: ' + msg); if (!host.shutDown) _manyi_on_store_caught_up(0, 0); };
    try {
      ManyiJournal.readChanges(host, mark, false, function (r) {
        // Another tab compacted the change log past this tab's mark: what it missed is unknown.
        if (r.floor > mark) { _manyi_on_store_caught_up(0, 0); return; }
        ManyiJournal.apply(r);
        _manyi_on_store_caught_up(1, r.maxKey);
      }, failed);
    } catch (err) { failed(err.message); }
  },

  // Writes the store image and its description, unless the one already there has a higher mark
  // (another tab's, further on); then drops the change entries the image holds. Relaxed
  // durability: an image lost to a crash is rebuilt from the journal.
  manyi_js_store_save__deps: ['$ManyiPlatform', '$ManyiJournal'],
  manyi_js_store_save: function (metaPtr, ptr, size) {
    var host = Module['manyiHost'];
    var meta = JSON.parse(UTF8ToString(metaPtr));
    var t0 = performance.now();
    var done = function (ok, result) { if (!host.shutDown) ManyiPlatform.call(_manyi_on_store_saved, ok, result, performance.now() - t0); };
    if (!host.journal) { done(0, 'the device storage (IndexedDB) is not open'); return; }
    var image = HEAPU8.slice(ptr, ptr + size).buffer;
    var result = 'written', tx;
    try {
      tx = host.journal.transaction('sqlite', 'readwrite', { durability: 'relaxed' });
      var st = tx.objectStore('sqlite');
      var old = st.get('meta');
      old.onsuccess = function () {
        var prev = old.result && typeof old.result === 'object' ? old.result : null;
        if (prev && typeof prev.mark === 'number' && prev.mark > meta.mark) { result = 'kept a newer one'; return; }
        meta.floor = prev && typeof prev.floor === 'number' ? prev.floor : 0;
        st.put(image, 'image');
        st.put(meta, 'meta');
      };
    } catch (err) { done(0, 'IndexedDB write failed: ' + err.message); return; }
    tx.oncomplete = function () {
      done(1, result);
      if (result === 'written') ManyiJournal.compact(host);
    };
    tx.onabort = function () { done(0, 'IndexedDB write aborted: ' + (tx.error && tx.error.message)); };
  },

  // One timer for the next image write; it runs in an idle period (a write serializes megabytes).
  manyi_js_store_save_after: function (ms) {
    var host = Module['manyiHost'];
    if (host.saveTimer) clearTimeout(host.saveTimer);
    host.saveTimer = 0;
    if (ms < 0 || host.shutDown) return;
    host.saveTimer = setTimeout(function () {
      host.saveTimer = 0;
      var run = function () { if (!host.shutDown) _manyi_on_store_save_due(); };
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 }); else run();
    }, ms);
  },

  manyi_js_journal_put__deps: ['$ManyiPlatform', 'manyi_js_request_frame'],
  manyi_js_journal_put: function (requestId, recordPtr, strict, draftKeyPtr) {
    var host = Module['manyiHost'];
    var record = JSON.parse(UTF8ToString(recordPtr)); // one record, or an array written in one transaction
    var draftKey = UTF8ToString(draftKeyPtr);
    // The "saving" state is drawn only if the commit is slow: on a software-rendered kiosk a frame
    // holds the main thread ~30 ms, which the commit's completion event would wait behind.
    var slow = setTimeout(function () { if (!host.shutDown) _manyi_js_request_frame(); }, 100);
    var done = function (ok, msg) {
      clearTimeout(slow);
      if (host.shutDown) return;
      ManyiPlatform.call(_manyi_on_journal_written, requestId, ok, msg);
      ManyiPlatform.frameNow(host); // the thank-you screen, without waiting for the next rAF
    };
    if (!host.journal) { done(0, 'the device storage (IndexedDB) is not open'); return; }
    var tx;
    try {
      // The records and their change entries commit together (the image catches up from the
      // entries), and with them the end of the draft a response came from.
      var stores = draftKey ? ['responses', 'changes', 'drafts'] : ['responses', 'changes'];
      tx = host.journal.transaction(stores, 'readwrite', { durability: strict ? 'strict' : 'relaxed' });
      (Array.isArray(record) ? record : [record]).forEach(function (rec) {
        tx.objectStore('responses').put(rec);
        tx.objectStore('changes').add(rec.id);
      });
      if (draftKey) tx.objectStore('drafts').delete(draftKey);
    } catch (err) {
      done(0, 'IndexedDB write failed: ' + err.message);
      return;
    }
    tx.oncomplete = function () { done(1, ''); };
    tx.onabort = function () {
      var e = tx.error;
      var quota = e && e.name === 'QuotaExceededError';
      done(0, quota ? 'the device storage is full (quota exceeded)' : 'IndexedDB write aborted: ' + (e && e.message));
    };
  },

  // Strict as the write it takes back: once the release has gone elsewhere, a crash must not
  // bring the response back as submitted. Queued behind that write when it is still running
  // (transactions on one store run in the order they were made).
  manyi_js_journal_withdraw: function (idPtr) {
    var host = Module['manyiHost'];
    var id = UTF8ToString(idPtr);
    if (!host.journal) return;
    try {
      var tx = host.journal.transaction(['responses', 'changes'], 'readwrite', { durability: 'strict' });
      tx.objectStore('responses').delete(id);
      tx.objectStore('changes').add(id);
      tx.onabort = function () { console.error('manyi: a response pressed but not submitted could not be taken back (' + (tx.error && tx.error.message) + ')'); };
    } catch (err) {
      console.error('manyi: a response pressed but not submitted could not be taken back (' + err.message + ')');
    }
  },

  // ---- drafts: one record per survey in the journal database's "drafts" store ------------------
  // IndexedDB, not localStorage: Chromium writes localStorage to disk up to seconds later, so a
  // crash right after an answer lost it (tests/e2e/crash.test.mjs); an IndexedDB commit is on disk
  // (in the OS's hands) when it completes. Relaxed durability: a draft is worth a write, not an fsync.
  manyi_js_draft_save: function (keyPtr, jsonPtr) {
    var host = Module['manyiHost'];
    var key = UTF8ToString(keyPtr), json = UTF8ToString(jsonPtr);
    if (!host.journal) { host.draftBeforeOpen = { key: key, json: json }; return; }
    ManyiPlatform.writeDraft(host, key, json);
  },

  // ---- HTTP ------  // ---- HTTP --------------------------------------------------------------------------------
  // Signs the body as Standard Webhooks do: HMAC-SHA256 over "id.timestamp.body" with the
  // base64 secret after "whsec_", sent as "v1,<base64 signature>".
  $ManyiSign: function (secret, id, body) {
    var raw = atob(secret.slice(6));
    var key = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) key[i] = raw.charCodeAt(i);
    var ts = Math.floor(Date.now() / 1000).toString();
    return crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
      .then(function (k) { return crypto.subtle.sign('HMAC', k, new TextEncoder().encode(id + '.' + ts + '.' + body)); })
      .then(function (sig) {
        var bytes = new Uint8Array(sig), bin = '';
        for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
        return { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': 'v1,' + btoa(bin) };
      });
  },

  manyi_js_http_send__deps: ['$ManyiPlatform', '$ManyiSign'],
  manyi_js_http_send: function (requestId, urlPtr, methodPtr, headersPtr, bodyPtr, timeoutMs, secretPtr, idPtr) {
    var host = Module['manyiHost'];
    var url = UTF8ToString(urlPtr);
    var method = UTF8ToString(methodPtr);
    var headers = JSON.parse(UTF8ToString(headersPtr));
    var body = UTF8ToString(bodyPtr);
    var secret = UTF8ToString(secretPtr);
    var webhookId = UTF8ToString(idPtr);
    var ctrl = new AbortController();
    var timer = setTimeout(function () { ctrl.abort(); }, timeoutMs);
    var done = function (status, retryAfter, msg, reply) {
      clearTimeout(timer);
      if (!host.shutDown) ManyiPlatform.call(_manyi_on_http_done, requestId, status, retryAfter, msg, reply);
    };
    var signed = secret ? ManyiSign(secret, webhookId, body) : Promise.resolve({});
    signed
      .then(function (sigHeaders) {
        for (var k in sigHeaders) headers[k] = sigHeaders[k];
        return fetch(url, { method: method, headers: headers, body: body, signal: ctrl.signal,
                            keepalive: body.length < 60000, credentials: 'omit', mode: 'cors', cache: 'no-store' });
      })
      .then(function (res) {
        // Per-item results of a batch are in the reply; cap what is read of it.
        return res.text().then(function (text) { return [res, text.length > 1048576 ? '' : text]; },
                               function () { return [res, '']; });
      })
      .then(function (r) {
        var res = r[0];
        done(res.status, res.headers.get('Retry-After') || '', res.ok ? '' : 'HTTP ' + res.status + (res.statusText ? ' ' + res.statusText : ''), r[1]);
      })
      .catch(function (err) {
        done(0, '', err.name === 'AbortError' ? 'timed out after ' + timeoutMs + ' ms' : 'network error: ' + err.message, '');
      });
  },

  // ---- one sender per origin and endpoint, and news between tabs ------------------------------
  // Two kinds of Web Lock (docs/decisions.md D22). The widget holding an endpoint's sender lock
  // ('manyi-sender:<journal>@<endpoint key>') sends that endpoint's responses; the others of the
  // origin only store them. The keeper lock ('manyi-sender:<journal>', the one lock of builds
  // before D22, so an old tab still open keeps it) writes the store image and adopts records
  // written without an endpoint key. When a holder closes, its lock passes to a waiting widget.
  // A BroadcastChannel tells the senders about responses stored in other tabs and every widget
  // about delivery results, so each footer stays true.
  manyi_js_sender_lock__deps: ['$ManyiPlatform'],
  manyi_js_sender_lock: function (journalPtr, keyPtr) {
    var host = Module['manyiHost'];
    var name = UTF8ToString(journalPtr), key = UTF8ToString(keyPtr);
    var sends = key && key !== 'local';
    if (typeof BroadcastChannel !== 'undefined') {
      host.channel = new BroadcastChannel('manyi:' + name);
      host.channel.onmessage = function (e) {
        if (!host.shutDown && typeof e.data === 'string') ManyiPlatform.call(_manyi_on_broadcast, e.data);
      };
    }
    if (!navigator.locks) {
      // No Web Locks: every widget sends its endpoint's; the endpoint's dedup absorbs repeats.
      _manyi_on_sender(2);
      if (sends) _manyi_on_sender(1);
      return;
    }
    host.releaseLocks = [];
    var hold = function (lock, role) {
      navigator.locks.request(lock, function () {
        if (host.shutDown) return;
        _manyi_on_sender(role);
        return new Promise(function (resolve) { host.releaseLocks.push(resolve); });
      }).catch(function (err) { console.error('[manyi] sender lock failed: ' + err.message); });
    };
    if (sends) hold('manyi-sender:' + name + '@' + key, 1);
    hold('manyi-sender:' + name, 2);
  },

  manyi_js_broadcast: function (jsonPtr) {
    var host = Module['manyiHost'];
    if (host.channel) host.channel.postMessage(UTF8ToString(jsonPtr));
  },

  // One timer for the delivery queue; a new one replaces the old.
  manyi_js_set_timer: function (ms) {
    var host = Module['manyiHost'];
    if (host.timer) clearTimeout(host.timer);
    host.timer = 0;
    if (ms < 0 || host.shutDown) return;
    host.timer = setTimeout(function () { host.timer = 0; if (!host.shutDown) _manyi_on_timer(); }, Math.min(ms, 2147483647));
  },
});
