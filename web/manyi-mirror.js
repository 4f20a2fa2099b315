// The accessible mirror of the canvas (docs/decisions.md D17): a real HTML form built from the
// semantics the wasm sends after a frame whose perceivable content changed. It is what screen
// readers read and what the keyboard moves through (Tab, arrows in radio groups, Space, Enter);
// activating a control presses the same ImGui item a click would (manyi_a11y_activate).
//
// Over a canvas the form is visually hidden leaf by leaf (the clip technique: still in the
// accessibility tree, still focusable) and every leaf sits at the widget's top-left corner, so a
// focused leaf never scrolls the widget. The one DOM text field that edits a text box (D7) takes
// its text box's place in the form while it is shown, so there is one textbox per answer and Tab
// continues from it. Without WebGL2 the same form is shown, styled, as the survey itself.
//
// Updates are keyed by node id: only the elements whose node changed are touched.

const HIDDEN = {
  position: 'absolute', top: '0', left: '0', width: '1px', height: '1px', margin: '0', padding: '0', border: '0',
  overflow: 'hidden', clip: 'rect(0 0 0 0)', clipPath: 'inset(50%)', whiteSpace: 'nowrap',
};
const UNHIDDEN = Object.fromEntries(Object.keys(HIDDEN).map((k) => [k, '']));

// The visible form (no WebGL2): plain, large, high-contrast, in the widget's own element only.
const INK = '#1f2937', ACCENT = '#1d64d8', DANGER = '#b42318';
const VISIBLE = {
  form: { font: '17px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif', color: INK, background: '#fff',
          padding: '16px 20px', maxWidth: '760px', margin: '0 auto', boxSizing: 'border-box', height: '100%', overflow: 'auto' },
  h2: { fontSize: '1.5em', margin: '0.2em 0 0.5em' },
  h3: { fontSize: '1.15em', margin: '0.8em 0 0.3em' },
  p: { margin: '0.4em 0' },
  alert: { margin: '0.4em 0', color: DANGER, fontWeight: '600' },
  fieldset: { border: '0', margin: '1em 0', padding: '0', minWidth: '0' },
  legend: { fontWeight: '600', padding: '0', marginBottom: '0.4em' },
  choice: { display: 'flex', alignItems: 'center', gap: '10px', minHeight: '44px', padding: '4px 10px', margin: '4px 0',
            border: '1px solid #5b6573', borderRadius: '8px', cursor: 'pointer' },
  mark: { width: '22px', height: '22px', margin: '0', accentColor: ACCENT, flex: 'none' },
  button: { display: 'block', width: '100%', minHeight: '48px', margin: '10px 0', font: 'inherit', fontWeight: '600',
            color: '#fff', background: ACCENT, border: '2px solid ' + ACCENT, borderRadius: '10px', cursor: 'pointer' },
  secondary: { color: ACCENT, background: '#fff' },
  textLabel: { display: 'block', fontWeight: '600', margin: '0.6em 0 0.2em' },
  textbox: { display: 'block', width: '100%', boxSizing: 'border-box', font: 'inherit', padding: '8px 10px',
             border: '1px solid #5b6573', borderRadius: '6px', color: INK, background: '#fff' },
  progress: { display: 'block', width: '100%', margin: '0.4em 0' },
};
const PRIMARY_BUTTONS = new Set(['next', 'submit', 'new-response']);
const CONTROLS = new Set(['radio', 'checkbox', 'textbox', 'button', 'link']);

// Headings the screens draw as titles: the survey's, the thank-you's, the error's, the dashboard's.
const TOP_HEADINGS = new Set(['title', 'thanks', 'error-title', 'dash/title']);
const PROGRESS_NAME = { zh: '进度', en: 'Progress' };

let instances = 0;

export function createMirror({ root, canvas }) {
  const prefix = `manyi-${++instances}-`;
  const form = document.createElement('form');
  form.setAttribute('data-manyi-mirror', '');
  form.noValidate = true;
  Object.assign(form.style, { position: 'absolute', left: '0', top: '0', width: '0', height: '0', margin: '0', padding: '0' });
  const live = document.createElement('div');
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  live.setAttribute('aria-atomic', 'true');
  live.setAttribute('data-manyi-live', '');
  Object.assign(live.style, HIDDEN);
  form.append(live);

  const nodes = new Map();   // node id -> {json, role, wrap, control}
  const groups = new Map();  // group id -> {json, el (fieldset), legend, help}
  let wasm = null;           // {activate(id), focus(id, open), input(id, value)} once the module runs
  let visible = false;       // no canvas: the form is the survey
  let screen = '';
  let focusInside = false;   // the keyboard was in the mirror (a page change keeps it there)
  let suppressOpen = false;  // focusing a text box's node without opening the text field
  let resync = '';           // node whose native state must be set again from the next update
  let placed = null;         // {field, id}: the DOM text field standing in a text box's place

  // Sets (or with null removes) an attribute only when it differs: a MutationObserver sees every
  // set, even of the same value, and the mirror promises no change where nothing changed.
  const attr = (el, name, value) => {
    if (value === null || value === undefined || value === false) { if (el.hasAttribute(name)) el.removeAttribute(name); }
    else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, String(value));
  };
  const elId = (id) => prefix + id.replace(/[^A-Za-z0-9_-]/g, (c) => '_' + c.charCodeAt(0).toString(16));
  const style = (el, s) => Object.assign(el.style, s);
  const leaf = (el, visibleStyle) => style(el, visible ? { ...UNHIDDEN, ...(visibleStyle || {}) } : HIDDEN);

  function makeNode(n) {
    const e = { role: n.role, json: '', wrap: null, control: null };
    switch (n.role) {
      case 'heading': {
        e.wrap = e.control = document.createElement(TOP_HEADINGS.has(n.id) ? 'h2' : 'h3');
        e.control.tabIndex = -1; // a focus target after a page change, not a Tab stop
        break;
      }
      case 'radio':
      case 'checkbox': {
        e.wrap = document.createElement('label');
        e.control = document.createElement('input');
        e.control.type = n.role;
        e.text = document.createElement('span');
        e.wrap.append(e.control, e.text);
        break;
      }
      case 'button': {
        e.wrap = e.control = document.createElement('button');
        e.control.type = 'button';
        break;
      }
      case 'textbox': {
        e.wrap = document.createElement('div');
        e.label = document.createElement('label');
        e.control = document.createElement(n.input === 'multiline' ? 'textarea' : 'input');
        e.label.htmlFor = e.control.id = elId(n.id);
        e.wrap.append(e.label, e.control);
        break;
      }
      case 'link': {
        e.wrap = e.control = document.createElement('a');
        e.control.target = '_blank';
        e.control.rel = 'noopener noreferrer';
        break;
      }
      case 'progressbar': {
        e.wrap = document.createElement('div');
        e.wrap.setAttribute('role', 'progressbar');
        break;
      }
      default: { // text, status, alert and the dashboard's figures
        e.wrap = document.createElement('p');
        if (n.role === 'alert') e.wrap.setAttribute('role', 'alert');
      }
    }
    if (e.control) e.control.dataset.node = n.id;
    if (!e.control || e.control === e.wrap || !e.control.id) e.wrap.id = elId(n.id);
    return e;
  }

  // Writes node n into its elements (called only when n changed, or for a forced resync).
  function fill(e, n, group, errorOf) {
    const required = !!(n.required || (group?.required && (n.role === 'radio' || n.role === 'checkbox')));
    const error = errorOf(n.id) || (n.role === 'radio' || n.role === 'checkbox' ? errorOf(n.group) : null);
    switch (n.role) {
      case 'heading':
        e.wrap.textContent = n.label;
        leaf(e.wrap, e.wrap.tagName === 'H2' ? VISIBLE.h2 : VISIBLE.h3);
        break;
      case 'radio':
      case 'checkbox':
        e.control.name = elId(n.group || n.id.replace(/\/[^/]*$/, ''));
        e.control.value = n.id;
        e.control.checked = n.value === 'true';
        // Required goes on the radio group (below) or as aria-required on a checkbox, never as the
        // native attribute: the browser would call an untouched required control invalid at once.
        attr(e.control, 'aria-required', required && n.role === 'checkbox' ? 'true' : null);
        e.text.textContent = n.label;
        leaf(e.control, VISIBLE.mark);
        leaf(e.text, {});
        style(e.wrap, visible ? VISIBLE.choice : { display: '', minHeight: '', padding: '', margin: '', border: '', borderRadius: '', cursor: '', gap: '', alignItems: '' });
        break;
      case 'button':
        e.control.textContent = n.label;
        leaf(e.control, { ...VISIBLE.button, ...(PRIMARY_BUTTONS.has(n.id) ? {} : VISIBLE.secondary) });
        break;
      case 'textbox':
        e.label.textContent = n.label;
        if (e.control.value !== n.value && document.activeElement !== e.control) e.control.value = n.value;
        if (n.maxLength > 0) e.control.maxLength = n.maxLength; else e.control.removeAttribute('maxlength');
        attr(e.control, 'aria-required', n.required ? 'true' : null);
        if (n.input && n.input !== 'multiline') e.control.setAttribute('inputmode', n.input);
        leaf(e.label, VISIBLE.textLabel);
        leaf(e.control, { ...VISIBLE.textbox, minHeight: n.input === 'multiline' ? '6em' : '44px' });
        break;
      case 'link':
        e.control.textContent = n.label;
        if (/^https?:/i.test(n.value)) e.control.href = n.value; else e.control.removeAttribute('href');
        leaf(e.control, { color: ACCENT });
        break;
      case 'progressbar': {
        const m = /(\d+)\s*\/\s*(\d+)/.exec(n.label) || [];
        e.wrap.setAttribute('aria-valuemin', '1');
        e.wrap.setAttribute('aria-valuemax', m[2] || '1');
        e.wrap.setAttribute('aria-valuenow', m[1] || n.value);
        e.wrap.setAttribute('aria-valuetext', n.label);
        e.wrap.setAttribute('aria-label', PROGRESS_NAME[/^zh/i.test(form.lang) ? 'zh' : 'en']);
        e.wrap.textContent = visible ? n.label : '';
        leaf(e.wrap, VISIBLE.p);
        break;
      }
      default:
        e.wrap.textContent = n.value && n.role !== 'text' && n.role !== 'alert' && n.role !== 'status' && n.value !== n.label
          ? `${n.label}: ${n.value}` : n.label;
        leaf(e.wrap, n.role === 'alert' ? VISIBLE.alert : VISIBLE.p);
    }
    const c = e.control;
    if (c && c.tagName !== 'A' && c.tagName !== 'BUTTON' && !/^H/.test(c.tagName)) {
      if (error) {
        c.setAttribute('aria-invalid', 'true');
        c.setAttribute('aria-describedby', error);
      } else {
        c.removeAttribute('aria-invalid');
        c.removeAttribute('aria-describedby');
      }
    }
  }

  function makeGroup(g) {
    const el = document.createElement('fieldset');
    const legend = document.createElement('legend');
    // Named by its legend explicitly: a visually hidden (absolutely positioned) legend is not a
    // "rendered legend", and Chromium then gives the fieldset no name.
    legend.id = elId(g.id) + '__legend';
    el.setAttribute('aria-labelledby', legend.id);
    el.append(legend);
    el.dataset.group = g.id;
    return { json: '', el, legend, help: null };
  }

  function fillGroup(rec, g) {
    rec.legend.textContent = g.label;
    if (g.help) {
      if (!rec.help) { rec.help = document.createElement('p'); rec.help.id = elId(g.id) + '__help'; }
      rec.help.textContent = g.help;
      rec.el.setAttribute('aria-describedby', rec.help.id);
      leaf(rec.help, VISIBLE.p);
    } else if (rec.help) {
      rec.help.remove();
      rec.help = null;
      rec.el.removeAttribute('aria-describedby');
    }
    style(rec.el, visible ? VISIBLE.fieldset : { border: '0', margin: '0', padding: '0', minWidth: '0' });
    leaf(rec.legend, VISIBLE.legend);
  }

  // Puts `want` as the children of `parent` (after `skip` leading children), moving only what is
  // out of place.
  function order(parent, want, skip) {
    for (let i = 0; i < want.length; i++) {
      const at = parent.children[skip + i];
      if (at !== want[i]) parent.insertBefore(want[i], at || null);
    }
    while (parent.children.length > skip + want.length) parent.lastElementChild.remove();
  }

  function update(msg) {
    const tree = msg.tree;
    const hadFocus = form.contains(document.activeElement);
    if (msg.lang && form.lang !== msg.lang) form.lang = msg.lang;
    const groupJson = new Map(tree.groups.map((g) => [g.id, g]));
    const errors = new Map();
    for (const n of tree.nodes) if (n.role === 'alert' && n.id.endsWith('/error')) errors.set(n.id.slice(0, -6), elId(n.id));
    const errorOf = (id) => (id ? errors.get(id) || null : null);

    // Groups: create or update, then drop the ones gone.
    for (const g of tree.groups) {
      let rec = groups.get(g.id);
      if (!rec) groups.set(g.id, (rec = makeGroup(g)));
      const j = JSON.stringify(g) + visible;
      if (rec.json !== j) { fillGroup(rec, g); rec.json = j; }
    }
    for (const [id, rec] of groups) if (!groupJson.has(id)) { rec.el.remove(); groups.delete(id); }

    // Nodes: the title and help of a question are its fieldset's legend and description.
    const seen = new Set();
    const children = new Map([[form, [live]]]);
    const childList = (el) => { if (!children.has(el)) children.set(el, []); return children.get(el); };
    const placedGroups = new Set();
    const placeGroup = (gid) => {
      // A group goes into its parent at its first member's position.
      const rec = groups.get(gid);
      if (!rec || placedGroups.has(gid)) return rec?.el;
      placedGroups.add(gid);
      const g = groupJson.get(gid);
      const parent = g.parent && groups.has(g.parent) ? placeGroup(g.parent) : form;
      childList(parent).push(rec.el);
      const own = childList(rec.el);
      own.push(rec.legend);
      if (rec.help) own.push(rec.help);
      return rec.el;
    };
    for (const n of tree.nodes) {
      const m = /^(.*)\/(title|help)$/.exec(n.id);
      if (m && groupJson.has(m[1])) continue;
      let e = nodes.get(n.id);
      if (e && (e.role !== n.role || (n.role === 'textbox' && (n.input === 'multiline') !== (e.control.tagName === 'TEXTAREA')))) {
        e.wrap.remove();
        nodes.delete(n.id);
        e = null;
      }
      if (!e) nodes.set(n.id, (e = makeNode(n)));
      const errKey = errorOf(n.id) || (n.group ? errorOf(n.group) : '');
      const j = JSON.stringify(n) + errKey + visible + (n.group ? groupJson.get(n.group)?.required : '');
      if (e.json !== j || resync === n.id) {
        fill(e, n, n.group ? groupJson.get(n.group) : null, errorOf);
        e.json = j;
      }
      seen.add(n.id);
      const parent = n.group && groups.has(n.group) ? placeGroup(n.group) : form;
      childList(parent).push(e.wrap);
    }
    resync = '';
    for (const [id, e] of nodes) if (!seen.has(id)) { e.wrap.remove(); nodes.delete(id); }
    for (const [parent, want] of children) order(parent, want, 0);

    // A group whose own controls are radios is a radio group: required and invalid live there
    // (a single radio cannot carry aria-required).
    for (const [gid, rec] of groups) {
      const own = tree.nodes.filter((n) => n.group === gid && CONTROLS.has(n.role));
      const radios = own.length > 0 && own.every((n) => n.role === 'radio');
      attr(rec.el, 'role', radios ? 'radiogroup' : null);
      attr(rec.el, 'aria-required', radios && groupJson.get(gid).required ? 'true' : null);
      const err = errorOf(gid);
      attr(rec.el, 'aria-invalid', radios && err ? 'true' : null);
      attr(rec.el, 'aria-errormessage', null);
      if (err) attr(rec.el, 'aria-describedby', [rec.help?.id, err].filter(Boolean).join(' '));
      else attr(rec.el, 'aria-describedby', rec.help?.id ?? null);
    }

    const title = nodes.get('title') || nodes.get('thanks') || nodes.get('dash/title');
    attr(form, 'aria-labelledby', title ? title.wrap.id : null);
    // The focused control went away with its screen or page: the keyboard stays in the widget, on
    // the new heading (the wasm may move it on, e.g. to the first invalid question).
    if (hadFocus && !form.contains(document.activeElement)) {
      const heading = nodes.get('thanks') || nodes.get('page-title') || title;
      if (heading) heading.control.focus({ preventScroll: true });
    }
    if (msg.screen !== screen) {
      // The thank-you is announced whether or not the focus reaches it.
      if (msg.screen === 'thanks') {
        const ref = tree.nodes.find((n) => n.id === 'complaint-reference') || tree.nodes.find((n) => n.id === 'reference');
        live.textContent = [nodes.get('thanks')?.wrap.textContent, ref?.label].filter(Boolean).join(' ');
      } else live.textContent = '';
      screen = msg.screen;
    }
  }

  // Focus for node `id` (or the first control of group `id`), from the wasm: after a page change
  // (only if the keyboard was in the mirror) or following ImGui's navigation in the canvas.
  function focusNode(id, onlyIfCanvas) {
    const active = document.activeElement;
    if (onlyIfCanvas ? active !== canvas : !(focusInside && (root.contains(active) ? active !== canvas : true))) return;
    let el = nodes.get(id)?.control;
    if (!el && groups.has(id)) {
      const inputs = [...groups.get(id).el.querySelectorAll('input, textarea, button')];
      el = inputs.find((i) => i.checked) || inputs[0];
    }
    if (!el || !el.isConnected) return;
    if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') if (el.type !== 'radio' && el.type !== 'checkbox') suppressOpen = true;
    el.focus({ preventScroll: true });
    suppressOpen = false;
  }

  const nodeOf = (el) => el?.dataset?.node;
  const isTextControl = (el) => el && (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && el.type !== 'radio' && el.type !== 'checkbox'));

  form.addEventListener('submit', (e) => e.preventDefault()); // Enter in a radio group submits nothing
  form.addEventListener('change', (e) => {
    const id = nodeOf(e.target);
    if (!id || !wasm || (e.target.type !== 'radio' && e.target.type !== 'checkbox')) return;
    resync = id;
    wasm.activate(id);
  });
  form.addEventListener('click', (e) => {
    const id = nodeOf(e.target);
    if (id && wasm && e.target.tagName === 'BUTTON') wasm.activate(id);
  });
  form.addEventListener('focusin', (e) => {
    focusInside = true;
    const id = nodeOf(e.target);
    if (!id || !wasm || e.target.hasAttribute('data-manyi-text-field')) return;
    wasm.focus(id, !(isTextControl(e.target) && (suppressOpen || visible)));
  });
  form.addEventListener('focusout', (e) => {
    if (e.relatedTarget && root.contains(e.relatedTarget)) return;
    const from = e.target;
    setTimeout(() => {
      if (root.contains(document.activeElement)) return;
      // The focused control went away with its page: the focus stays the widget's (the new
      // page's heading takes it), it did not leave.
      if (!from.isConnected && (!document.activeElement || document.activeElement === document.body)) return;
      focusInside = false;
      wasm?.focus('');
    }, 0);
  });
  // A text box's node reached without opening its field (Escape, a page change): the first
  // character or Enter opens it, and the key lands in the field.
  form.addEventListener('keydown', (e) => {
    const id = nodeOf(e.target);
    if (visible || !id || !wasm || !isTextControl(e.target) || e.target.hasAttribute('data-manyi-text-field')) return;
    if (e.key === 'Enter' || (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey)) wasm.activate(id);
  });
  form.addEventListener('input', (e) => {
    const id = nodeOf(e.target);
    if (visible && id && wasm && isTextControl(e.target)) wasm.input(id, e.target.value);
  });

  return {
    form,
    connect(calls) { wasm = calls; },
    update,
    focusNode,
    // No WebGL2: the form is shown as the survey.
    setVisible(on) {
      visible = on;
      if (on) {
        style(form, { ...VISIBLE.form, position: 'relative', width: '100%', left: '', top: '' });
        for (const e of nodes.values()) e.json = '';
        for (const g of groups.values()) g.json = '';
      }
    },
    placeField(field, id) {
      const e = nodes.get(id);
      if (!e || e.role !== 'textbox' || !e.control.isConnected) return;
      if (placed && placed.field === field) this.restoreField(field);
      e.control.replaceWith(field);
      field.dataset.node = id;
      placed = { field, id };
    },
    restoreField(field) {
      if (!placed || placed.field !== field) return;
      const e = nodes.get(placed.id);
      placed = null;
      delete field.dataset.node;
      if (e && field.isConnected) field.replaceWith(e.control);
      root.append(field); // back to its resting place, hidden
    },
    // Enter (one line) or Escape in the field: back to the text box's own place in the form.
    leaveField(field) {
      const id = placed && placed.field === field ? placed.id : '';
      if (!id) return false;
      const e = nodes.get(id);
      field.blur(); // the widget takes the text and hides the field (restoreField)
      if (!e || !e.control.isConnected) return false;
      suppressOpen = true;
      e.control.focus({ preventScroll: true });
      suppressOpen = false;
      return true;
    },
  };
}
