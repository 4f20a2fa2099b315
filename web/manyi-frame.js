// The script of embed.html, the iframe embed: mounts the widget over the whole frame from the
// query string and tells the parent page its content height and its events with postMessage.
//
//   embed.html?survey=URL&endpoint=URL&locale=zh-CN|en&accent=%23RRGGBB&parent=https://host.example
//
// Messages to the parent (all {type, ...}): manyi:resize {height}, manyi:ready, manyi:submit {id},
// manyi:complaint {id, reference}, manyi:delivered {id}, manyi:error {kind, message}. They carry
// no answers: those go to the endpoint only.
//
// Target origin: `parent` from the query string when given (recommended); otherwise the origin of
// document.referrer, which is the embedding page's. Never '*': a page that frames this one
// without being the expected parent learns nothing.
import { mount } from './manyi.js';

const q = new URLSearchParams(location.search);

function parentOrigin() {
  if (window.parent === window) return '';
  const given = q.get('parent');
  try {
    if (given) return new URL(given).origin;
    if (document.referrer) return new URL(document.referrer).origin;
  } catch (err) { /* malformed: no messages */ }
  return '';
}

const target = parentOrigin();
if (window.parent !== window && !target) {
  console.warn('[manyi] embed.html: no parent origin (add &parent=ORIGIN to the iframe URL): the frame cannot report its height');
}
function post(message) {
  if (target) window.parent.postMessage(message, target);
}

// The frame is the widget: no margins, the widget fills it (CSSOM, not a <style>: strict CSP).
Object.assign(document.documentElement.style, { height: '100%' });
Object.assign(document.body.style, { margin: '0', height: '100%', overflow: 'hidden' });
const el = document.getElementById('survey');
Object.assign(el.style, { height: '100%' });

let widget = null;
let lastHeight = 0;

// The page's height changes only after input, an event of the widget (journal ready, saved,
// draft restored) or a width change, and becomes visible on the next frame or two: measure then.
function measureSoon() {
  requestAnimationFrame(() => requestAnimationFrame(measure));
  setTimeout(measure, 300);
}
function measure() {
  if (!widget) return;
  const height = Math.ceil(widget.contentHeight());
  if (height > 0 && height !== lastHeight) {
    lastHeight = height;
    post({ type: 'manyi:resize', height });
  }
}

for (const type of ['pointerup', 'keyup', 'input', 'wheel']) document.addEventListener(type, measureSoon, { passive: true });
window.addEventListener('resize', measureSoon);
el.addEventListener('manyi:visible', measureSoon);
el.addEventListener('manyi:ready', () => { post({ type: 'manyi:ready' }); measureSoon(); });
el.addEventListener('manyi:draft', measureSoon);
el.addEventListener('manyi:submit', (e) => { post({ type: 'manyi:submit', id: e.detail.id }); measureSoon(); });
el.addEventListener('manyi:complaint', (e) => post({ type: 'manyi:complaint', id: e.detail.id, reference: e.detail.reference }));
el.addEventListener('manyi:delivered', (e) => post({ type: 'manyi:delivered', id: e.detail.id }));
el.addEventListener('manyi:error', (e) => post({ type: 'manyi:error', kind: e.detail.kind, message: e.detail.message }));

try {
  widget = await mount(el, {
    survey: q.get('survey') || undefined,
    endpoint: q.get('endpoint') || undefined,
    locale: q.get('locale') || undefined,
    theme: q.get('accent') ? { accent: q.get('accent') } : undefined,
    height: '100%',
  });
  window.manyi = widget; // this page is the widget's own: a global here touches no host page
  measureSoon();
} catch (err) {
  window.manyiError = err.message;
}
