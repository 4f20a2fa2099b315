// The kiosk operator panel's part of the platform layer (a second --js-library beside
// manyi_platform.js): writes to the operator database through the loader (web/manyi-operator-db.js,
// which opened it before the module started) and the timer of the corner-hold gesture.
mergeInto(LibraryManager.library, {
  // value "" deletes. Answers manyi_on_operator_written(request_id, ok, error) once durable.
  manyi_js_operator_put: function (requestId, storePtr, keyPtr, valuePtr) {
    var host = Module['manyiHost'];
    var store = UTF8ToString(storePtr), key = UTF8ToString(keyPtr), value = UTF8ToString(valuePtr);
    var answer = function (ok, msg) {
      if (host.shutDown) return;
      var n = lengthBytesUTF8(msg) + 1, p = _malloc(n);
      stringToUTF8(msg, p, n);
      try { _manyi_on_operator_written(requestId, ok, p); } finally { _free(p); }
    };
    if (!host.operatorWrite) { answer(0, 'the operator database is not available in this mode'); return; }
    host.operatorWrite(store, key, value === '' ? null : value).then(
      function () { answer(1, ''); },
      function (err) { answer(0, (err && err.message) || String(err)); });
  },

  // The operator's new survey URL, fetched as the loader fetches a survey (web/manyi.js loadSurvey).
  manyi_js_operator_check_survey: function (urlPtr) {
    var host = Module['manyiHost'];
    var url = UTF8ToString(urlPtr);
    var abs;
    var answer = function (ok, text) {
      if (host.shutDown) return;
      var strs = [abs || url, text].map(function (s) { var n = lengthBytesUTF8(s) + 1, p = _malloc(n); stringToUTF8(s, p, n); return p; });
      try { _manyi_on_survey_checked(ok, strs[0], strs[1]); } finally { strs.forEach(function (p) { _free(p); }); }
    };
    try { abs = new URL(url, document.baseURI).href; } catch (err) { answer(0, 'not a URL'); return; }
    fetch(abs, { cache: 'no-cache' }).then(function (res) {
      if (!res.ok) { answer(0, 'HTTP ' + res.status + (res.statusText ? ' ' + res.statusText : '')); return; }
      return res.text().then(function (text) { answer(1, text); });
    }).catch(function (err) { answer(0, (err && err.message) || String(err)); });
  },

  // One timer; a new one replaces the old; ms < 0 cancels.
  manyi_js_operator_timer: function (ms) {
    var host = Module['manyiHost'];
    if (host.operatorTimer) clearTimeout(host.operatorTimer);
    host.operatorTimer = 0;
    if (ms < 0 || host.shutDown) return;
    host.operatorTimer = setTimeout(function () { host.operatorTimer = 0; if (!host.shutDown) _manyi_on_operator_timer(); }, ms);
  },
});
