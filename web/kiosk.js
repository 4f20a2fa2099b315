// The kiosk page's behaviour around the widget (docs/operator-guide.md): full screen, screen kept
// awake, accidental exits blocked, loads offline. The widget itself runs in mode "kiosk".
//
//   const kiosk = startKiosk(element, mountOptions);
//   kiosk.state   {wakeLock: 'held'|'released'|'unsupported'|'refused: …', worker: 'ready'|…, fullscreen}
//   await kiosk.widget   the mounted widget (see manyi.js)
import { mount } from './manyi.js';

export function startKiosk(element, options) {
  const state = { wakeLock: 'not requested', worker: 'not registered', fullscreen: false };
  let lock = null;

  // Screen Wake Lock: released by the browser whenever the page is hidden, so asked for again
  // each time it becomes visible.
  async function keepAwake() {
    if (!('wakeLock' in navigator)) { state.wakeLock = 'unsupported'; return; }
    if (document.visibilityState !== 'visible' || lock) return;
    try {
      lock = await navigator.wakeLock.request('screen');
      state.wakeLock = 'held';
      lock.addEventListener('release', () => { lock = null; state.wakeLock = 'released'; });
    } catch (err) {
      state.wakeLock = 'refused: ' + err.message;
    }
  }
  document.addEventListener('visibilitychange', keepAwake);
  keepAwake();

  // Accidental exits: the context menu (long press), the back gesture or button, pinch zoom
  // (viewport meta and touch-action in kiosk.html), pull-to-refresh (overscroll-behavior).
  document.addEventListener('contextmenu', (e) => e.preventDefault());
  document.addEventListener('gesturestart', (e) => e.preventDefault()); // Safari pinch
  history.pushState({ manyiKiosk: true }, '');
  window.addEventListener('popstate', () => history.pushState({ manyiKiosk: true }, ''));

  // Full screen needs a user gesture: the first tap anywhere asks for it.
  const goFullscreen = () => {
    const el = document.documentElement;
    if (!document.fullscreenElement && el.requestFullscreen) {
      el.requestFullscreen({ navigationUI: 'hide' }).then(() => { state.fullscreen = true; }).catch(() => {});
    }
  };
  document.addEventListener('pointerdown', goFullscreen, { once: true, capture: true });

  // Loads with no network from the second start on (docs/decisions.md D12).
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('manyi-sw.js').then(
      () => navigator.serviceWorker.ready.then(() => { state.worker = 'ready'; }),
      (err) => { state.worker = 'failed: ' + err.message; console.warn('[manyi] kiosk: the service worker could not be installed: ' + err.message); },
    );
  } else {
    state.worker = 'unsupported';
  }

  const widget = mount(element, { ...options, mode: 'kiosk' });
  widget.then((w) => {
    window.manyi = w;
    // The operator saved a new survey URL (or went back to the page's settings): start again with it.
    w.on('operator', (e) => { if (e.action === 'settings-saved' && e.restart) location.reload(); });
  }, (err) => { window.manyiError = err.message; });
  return { state, widget };
}
