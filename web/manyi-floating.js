// Floating mode: a small "意见反馈 / Feedback" button fixed in a corner that opens the survey in a
// panel. Used by mount(element, {mode: 'floating'}) in ./manyi.js.
//
// Everything lives in a shadow root on the host's element, so the host page's CSS (a global
// `button {}` rule, say) cannot restyle it and nothing of ours leaks out; styles are set through
// CSSOM, which a strict Content-Security-Policy allows.
//
// Loading: the wasm is started on the first open, or earlier when the pointer rests on the button
// or the keyboard focuses it (the respondent is about to open it: that head start hides most of
// the start-up). A page whose visitors never open the panel never pays for the module or a GL
// context. After the first open the widget stays loaded while the panel is closed, so a half-filled
// survey is still there when it is opened again.

const LABELS = {
  zh: { button: '意见反馈', title: '意见反馈', close: '关闭' },
  en: { button: 'Feedback', title: 'Feedback', close: 'Close' },
};

function labelsFor(locale) {
  return /^zh/i.test(locale || document.documentElement.lang || navigator.language || '') ? LABELS.zh : LABELS.en;
}

function style(el, props) {
  Object.assign(el.style, props);
  return el;
}

// The button, the panel and the panel's header, all inside `shadow`.
function createChrome(shadow, options, text) {
  const left = options.position === 'bottom-left';
  const accent = (options.theme && options.theme.accent) || '#1d64d8';
  const side = left ? { left: '16px' } : { right: '16px' };

  const button = style(document.createElement('button'), {
    position: 'fixed', bottom: '16px', ...side, zIndex: '2147483000', padding: '10px 16px',
    border: '0', borderRadius: '999px', background: accent, color: '#fff', cursor: 'pointer',
    font: '600 14px/1.2 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif',
    boxShadow: '0 4px 14px rgba(0,0,0,.25)',
  });
  button.type = 'button';
  button.textContent = options.label || text.button;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'manyi-panel');
  button.setAttribute('data-manyi-open', '');

  // visibility, not display: a hidden panel keeps its size, so the widget loaded into it (on hover)
  // lays out once, and a display:none canvas would report 0 x 0.
  const panel = style(document.createElement('div'), {
    position: 'fixed', bottom: '72px', ...side, zIndex: '2147483001', width: 'min(400px, calc(100vw - 32px))',
    height: 'min(620px, calc(100vh - 96px))', display: 'flex', flexDirection: 'column', visibility: 'hidden',
    background: '#fff', borderRadius: '12px', overflow: 'hidden', boxShadow: '0 12px 40px rgba(0,0,0,.3)',
  });
  panel.id = 'manyi-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', options.label || text.title);
  panel.setAttribute('data-manyi-panel', '');

  const header = style(document.createElement('div'), {
    display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '6px 6px 6px 14px',
    borderBottom: '1px solid #e5e7eb', font: '600 14px/1.2 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif',
    color: '#1f2937', flex: '0 0 auto',
  });
  const title = document.createElement('span');
  title.textContent = options.label || text.title;
  const close = style(document.createElement('button'), {
    width: '36px', height: '36px', border: '0', borderRadius: '8px', background: 'transparent',
    font: '22px/1 system-ui, sans-serif', color: '#4b5563', cursor: 'pointer',
  });
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', text.close);
  close.setAttribute('data-manyi-close', '');
  header.append(title, close);

  const body = style(document.createElement('div'), { position: 'relative', flex: '1 1 auto', minHeight: '0' });
  panel.append(header, body);
  shadow.append(button, panel);
  return { button, panel, close, body };
}

// onUnmount: called once unmount() is done, loaded or not (the loader forgets the element then, so
// that mountAll() can mount it again).
export function mountFloating(element, options, mountInto, onUnmount = () => {}) {
  const shadow = element.shadowRoot || element.attachShadow({ mode: 'open' });
  const text = labelsFor(options.locale);
  const { button, panel, close, body } = createChrome(shadow, options, text);
  const cleanups = []; // every listener and timer, undone by unmount()
  const listen = (target, type, fn, opts) => {
    target.addEventListener(type, fn, opts);
    cleanups.push(() => target.removeEventListener(type, fn, opts));
  };
  let widget = null; // the survey widget, once loaded
  let loading = null;
  let isOpen = false;
  let openedOnce = false;
  let unmounted = false;

  // Inline survey mode inside the panel; events go to the host's element.
  function load() {
    if (!loading) {
      const inner = { ...options, mode: 'embed', height: undefined };
      loading = mountInto(body, inner, element).then((w) => {
        if (unmounted) { w.unmount(); throw new Error('this widget has been unmounted'); }
        widget = w;
        if (isOpen) focusSurvey();
        return w;
      });
      loading.catch(() => {}); // the failure is shown in the panel and sent as manyi:error
    }
    return loading;
  }

  function focusSurvey() {
    const canvas = body.querySelector('canvas');
    // Only when the respondent is in the panel: a trigger opening it must not steal the host's focus.
    if (canvas && shadow.activeElement && panel.contains(shadow.activeElement)) canvas.focus({ preventScroll: true });
  }

  function open({ focus = true } = {}) {
    if (unmounted || isOpen) return load();
    isOpen = openedOnce = true;
    panel.style.visibility = 'visible';
    button.setAttribute('aria-expanded', 'true');
    if (focus) close.focus({ preventScroll: true });
    if (widget) focusSurvey();
    element.dispatchEvent(new CustomEvent('manyi:open', { bubbles: true }));
    return load();
  }

  // returnFocus: whether the focus was in the panel (the widget's Escape has already blurred the
  // canvas when the panel's keydown listener sees the key, hence the explicit flag).
  function hide(returnFocus = panel.contains(shadow.activeElement)) {
    if (!isOpen) return;
    const hadFocus = returnFocus === true;
    isOpen = false;
    panel.style.visibility = 'hidden';
    button.setAttribute('aria-expanded', 'false');
    // Focus goes back where it came from, but only if it was in the panel (a host-page call must
    // not move the visitor's focus).
    if (hadFocus) button.focus({ preventScroll: true });
    element.dispatchEvent(new CustomEvent('manyi:close', { bubbles: true }));
  }

  listen(button, 'click', () => (isOpen ? hide(true) : open()));
  listen(close, 'click', () => hide(true));
  // Escape closes. The widget's own Escape (leaving a text field) calls preventDefault: that one
  // only leaves the field, a second Escape closes.
  listen(panel, 'keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) { e.preventDefault(); hide(true); }
  });
  listen(button, 'pointerenter', () => load());
  listen(button, 'focus', () => load());

  // Optional triggers; each opens the panel at most once per mount, and never after the visitor
  // has opened it themselves.
  const trigger = () => { if (!openedOnce) open({ focus: false }); };
  if (options.openAfter > 0) {
    const t = setTimeout(trigger, options.openAfter * 1000);
    cleanups.push(() => clearTimeout(t));
  }
  // Exit intent, on desktop only: the mouse leaving through the top edge of the viewport (towards
  // the tabs or the address bar). The one listener on the host's document; removed by unmount().
  if (options.exitIntent && window.matchMedia('(pointer: fine)').matches) {
    listen(document, 'mouseout', (e) => {
      if (!e.relatedTarget && e.clientY <= 0) trigger();
    });
  }

  const needWidget = async () => {
    const w = await load();
    return w;
  };
  return {
    // Host-page calls. open({focus: true}) when a click of the visitor's asked for it.
    open: (o = {}) => { open({ focus: false, ...o }); },
    close: () => hide(),
    get isOpen() { return isOpen; },
    get widget() { return widget; },
    load,
    on(name, fn) {
      const handler = (e) => fn(e.detail);
      listen(element, 'manyi:' + name, handler);
      return () => element.removeEventListener('manyi:' + name, handler);
    },
    semantics() { return widget ? widget.semantics() : []; },
    contentHeight() { return widget ? widget.contentHeight() : 0; },
    async pending() { return (await needWidget()).pending(); },
    async sync() { return (await needWidget()).sync(); },
    unmount() {
      if (unmounted) return;
      unmounted = true;
      cleanups.forEach((fn) => fn());
      cleanups.length = 0;
      if (widget) widget.unmount();
      widget = null; // nothing of the module stays reachable through this object
      loading = null;
      shadow.replaceChildren();
      if (element.manyi) delete element.manyi;
      onUnmount();
    },
  };
}
