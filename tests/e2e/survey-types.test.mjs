// End-to-end tests of every question type, the complaint loop, survey errors and touch layout:
// the built demo page (dist/) in headless Chromium, real servers, real mouse and keyboard events
// aimed at the rects that the widget's semantics() reports. Waits are on semantics changes (or on
// the endpoint's requests), never on fixed sleeps.
//
//   node --test --test-concurrency=1 tests/e2e/survey-types.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  distReady, setup, startDist, startEndpoint, launch, openWidget, semantics, waitForSemantics, waitForNode,
  findNode, clickNode, screenshot, revealNode,
} from './helpers.mjs';

const ALL_TYPES = '/assets/surveys/all-types.json';
const DEFAULT = '/assets/surveys/default.json';
const TEST_TIMEOUT = 180_000;
const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const COMPLAINT_REF_RE = new RegExp(`^[${REF_ALPHABET}]{4}-[${REF_ALPHABET}]{5}$`);
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_MS_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const HOUR_MS = 3_600_000;

const skip = distReady() ? false : 'dist/index.html is not built';

// ---- helpers local to this file ----------------------------------------------------------------

function describeNodes(nodes) {
  return nodes.map((n) => `${n.role}#${n.id}=${JSON.stringify(n.value)}`).join(', ');
}

/** Wait until a node exists, then a real mouse click on it (scrolled into view with the wheel). */
async function click(page, id) {
  const n = await waitForNode(page, id, () => true, `node ${id} to click`);
  await clickNode(page, n);
}

/** Click a radio or checkbox and wait until it reports `want`. */
async function choose(page, id, want = 'true') {
  await click(page, id);
  return waitForNode(page, id, (n) => n.value === want, `${id} value ${JSON.stringify(want)}`);
}

async function textField(page) {
  return page.evaluate(() => {
    const f = document.querySelector('#app [data-manyi-text-field]');
    const r = f.getBoundingClientRect();
    return {
      shown: f.style.display !== 'none',
      focused: document.activeElement === f,
      value: f.value,
      inputmode: f.getAttribute('inputmode'),
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  });
}

async function waitTextField(page, pred, description, arg = null) {
  await page.waitForFunction(
    ([src, arg]) => {
      const f = document.querySelector('#app [data-manyi-text-field]');
      // node: the text box it edits (it stands in that box's place in the widget's form).
      const st = { shown: f.style.display !== 'none', focused: document.activeElement === f, node: f.dataset.node ?? null, arg };
      return (0, eval)(src)(st);
    },
    [pred.toString(), arg],
    { polling: 50, timeout: 10_000 },
  ).catch((e) => {
    throw new Error(`waiting for the DOM text field: ${description}: ${e.message}`);
  });
}

const near = (a, b, tol = 2) => Math.abs(a - b) <= tol;

/**
 * Type into a text box as a person does: click it (the widget puts a real DOM text field over it
 * and focuses it), optionally select all and delete, type, then Tab out (on to the next control).
 * Returns the field's placement while editing, checked against the box's rect by the caller.
 */
async function typeInto(page, id, text, { replace = false, shot = null } = {}) {
  const before = await waitForNode(page, id, () => true, `text box ${id}`);
  assert.equal(before.role, 'textbox', `${id} is a textbox`);
  await clickNode(page, before);
  await waitTextField(page, (s) => s.shown && s.focused, `focused over ${id}`);
  if (replace) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitForNode(page, id, (n) => n.value === '', `${id} emptied`);
  }
  await page.keyboard.type(text);
  const want = (replace ? '' : before.value) + text;
  const box = await waitForNode(page, id, (n) => n.value === want, `${id} value ${JSON.stringify(want)}`);
  // Frames have run since the click: where the field sits now is where the person sees it.
  const placed = await textField(page);
  if (shot) await screenshot(page, shot[0], shot[1]);
  // Leaves the DOM field: the widget takes the text; the focus goes on to the next control of the
  // widget's form (the field opens again over the next text box if that is one).
  await page.keyboard.press('Tab');
  await waitTextField(page, (s) => !s.shown || s.node !== s.arg, `off ${id} after Tab`, id);
  await waitForNode(page, id, (n) => n.value === want, `${id} keeps ${JSON.stringify(want)} after leaving`);
  return { box: box.rect, field: placed.rect, inputmode: placed.inputmode };
}

async function waitForPage(page, title, progress) {
  return waitForSemantics(page, (nodes) => {
    const t = findNode(nodes, 'page-title');
    const p = findNode(nodes, 'progress');
    return t && t.label === title && (!progress || (p && p.label === progress)) ? nodes : null;
  }, `page "${title}"${progress ? ` (${progress})` : ''}`);
}

async function waitForThanks(page) {
  return waitForSemantics(page, (nodes) => (findNode(nodes, 'thanks') && findNode(nodes, 'reference') ? nodes : null),
    'the thank-you screen (thanks + reference)');
}

function valuesOf(nodes, prefix) {
  return Object.fromEntries(nodes.filter((n) => n.id.startsWith(prefix) && n.role === 'textbox').map((n) => [n.id, n.value]));
}

/** The ids of checked radios/checkboxes under a prefix. */
function checkedIds(nodes, prefix) {
  return nodes.filter((n) => n.id.startsWith(prefix) && n.value === 'true').map((n) => n.id).sort();
}

function checkPayloadEnvelope(body, { surveyId, version, locale }) {
  assert.equal(body.format, 'manyi.response/2');
  assert.match(body.id, UUID_RE, 'id is a lowercase UUID v4');
  assert.deepEqual(body.survey, { id: surveyId, version });
  assert.equal(body.locale, locale);
  assert.match(body.started_at, ISO_MS_RE);
  assert.match(body.submitted_at, ISO_MS_RE);
  assert.ok(Date.parse(body.started_at) <= Date.parse(body.submitted_at), 'started_at <= submitted_at');
  assert.equal(typeof body.client_version, 'string');
}

// ---- a minimal PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium's screenshots are) ----

function decodePng(buf) {
  let pos = 8;
  let width = 0, height = 0, colorType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG (bit depth / interlace)');
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!bpp) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let p = 0;
      if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + p) & 255;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = line[x * bpp];
      out[(y * width + x) * 4 + 1] = line[x * bpp + 1];
      out[(y * width + x) * 4 + 2] = line[x * bpp + 2];
      out[(y * width + x) * 4 + 3] = 255;
    }
    prev = line;
  }
  return { width, height, data: out };
}

// ---- keyboard navigation, seen as a sighted keyboard user sees it: by the focus ring ----------

const ACCENT = [0x1d, 0x64, 0xd8]; // theme::kAccent, the colour of the focus ring
const INTERACTIVE = new Set(['radio', 'checkbox', 'button', 'textbox', 'link']);

/**
 * Which node has the keyboard focus ring: a 2 px accent rectangle drawn 3 px outside the item
 * (FocusRing in src/ui). Looks at a screenshot of the viewport. null when no ring is visible.
 */
async function focusedNode(page) {
  const nodes = (await semantics(page)).filter((n) => INTERACTIVE.has(n.role));
  const vp = page.viewportSize();
  const img = decodePng(await page.screenshot());
  const accentAt = (x, y) => {
    x = Math.round(x); y = Math.round(y);
    if (x < 0 || y < 0 || x >= img.width || y >= img.height) return false;
    const i = (y * img.width + x) * 4;
    return Math.abs(img.data[i] - ACCENT[0]) + Math.abs(img.data[i + 1] - ACCENT[1]) + Math.abs(img.data[i + 2] - ACCENT[2]) < 60;
  };
  let best = null;
  for (const n of nodes) {
    const { x, y, width, height } = n.rect;
    if (y - 5 < 0 || y + height + 5 > vp.height || width < 12 || height < 12) continue;
    let hits = 0, total = 0;
    for (let f = 0.3; f <= 0.7; f += 0.05) {
      // The ring's top and bottom edges (rows y-4..y-2 and y+h+2..y+h+4), and its left edge.
      total += 3;
      if ([-4, -3, -2].some((d) => accentAt(x + width * f, y + d))) hits++;
      if ([2, 3, 4].some((d) => accentAt(x + width * f, y + height + d))) hits++;
      if ([-4, -3, -2].some((d) => accentAt(x + d, y + height * f))) hits++;
    }
    const score = hits / total;
    if (score > 0.8 && (!best || score > best.score)) best = { node: n, score };
  }
  return best?.node ?? null;
}

class KeyboardNavError extends Error {}
const kbTrouble = []; // keyboard problems met on the way (reported by test 2)

/** Resolve after `n` animation frames: the widget draws a key's effect within 3 frames. */
async function frames(page, n = 4) {
  await page.evaluate((n) => new Promise((resolve) => {
    const step = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
    step(n);
  }), n);
}

async function press(page, key) {
  await page.keyboard.press(key);
  await frames(page);
}


/** The mirror node that has the DOM focus (docs/decisions.md D17), and its radio group. */
async function domFocus(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return { id: a?.dataset?.node ?? null, group: a?.type === 'radio' ? a.name : null, field: !!a?.hasAttribute?.('data-manyi-text-field') };
  });
}

/**
 * Move the keyboard focus to `targetId` as a keyboard user does in the widget's form: Tab from
 * control to control (a radio group is one Tab stop), then the arrows inside a radio group (which
 * choose as they move, as native radio groups do). Checks that the canvas shows the focus ring on
 * the target; `noRing` collects controls that show none.
 */
async function tabTo(page, targetId, log, noRing) {
  const group = await page.evaluate((id) => {
    const el = document.querySelector(`#app [data-manyi-mirror] [data-node="${CSS.escape(id)}"]`);
    return el?.type === 'radio' ? el.name : null;
  }, targetId);
  let cur = await domFocus(page);
  let tabs = 0;
  while (cur.id !== targetId && !(group && cur.group === group) && tabs < 60) {
    await press(page, 'Tab');
    tabs++;
    cur = await domFocus(page);
  }
  if (cur.id !== targetId && !(group && cur.group === group)) throw new KeyboardNavError(`keyboard: ${tabs} Tabs never reached ${targetId}`);
  if (cur.id !== targetId) {
    // Inside the radio group: arrows along it to the target.
    const ids = await page.evaluate((g) => [...document.querySelectorAll(`#app input[type=radio][name="${g}"]`)].map((r) => r.dataset.node), group);
    const d = ids.indexOf(targetId) - ids.indexOf(cur.id);
    for (let k = 0; k < Math.abs(d); k++) await press(page, d > 0 ? 'ArrowRight' : 'ArrowLeft');
    cur = await domFocus(page);
    if (cur.id !== targetId) throw new KeyboardNavError(`keyboard: the arrows in ${group} put the focus on ${cur.id}, not ${targetId}`);
  }
  const now = await focusedNode(page);
  log.push(`Tab x${tabs} -> ${cur.id}, ring on ${now?.id ?? '(no ring)'} (target ${targetId})`);
  if (now && now.id !== targetId) throw new KeyboardNavError(`keyboard: the focus is on ${targetId} but the ring is drawn on ${now.id}`);
  if (!now && !cur.field) {
    // A ring on a control at the very edge of the canvas is clipped: only count wholly visible ones.
    const t = findNode(await semantics(page), targetId);
    const c = await page.evaluate(() => document.querySelector('#app canvas').getBoundingClientRect().toJSON());
    if (t && t.rect.y - 6 >= c.y && t.rect.y + t.rect.height + 6 <= Math.min(c.y + c.height, page.viewportSize().height))
      noRing.add(targetId.replace(/\/[^/]*$/, '/*'));
  }
  return now;
}

/** Arrow key presses from the focused control, checking that the ring follows. */
async function arrows(page, key, count, targetId, log) {
  for (let k = 0; k < count; k++) await press(page, key);
  const now = await focusedNode(page);
  log.push(`${key} x${count} -> ${now?.id ?? '(no ring)'} (target ${targetId})`);
  if (now?.id !== targetId) throw new KeyboardNavError(`keyboard: ${count} x ${key} put the ring on ${now?.id ?? 'nothing visible'}, not ${targetId}`);
  return now;
}

/** Tab to a radio/checkbox, press Space (or Enter), wait for its value. */
async function keyboardChoose(page, id, log, noRing, { key = 'Space', want = 'true' } = {}) {
  await tabTo(page, id, log, noRing);
  await page.keyboard.press(key);
  return waitForNode(page, id, (n) => n.value === want, `${id} = ${want} after ${key} (keyboard path: ${log.slice(-3).join(' | ')})`);
}

// ---- the tests ----------------------------------------------------------------------------------

test('0. dist/ is built', () => {
  assert.ok(distReady(), 'dist/index.html is missing: run ./build.sh build first');
});

test('1. all-types (zh-CN): every question type by mouse and keyboard typing, inline errors, Back, one POST', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const S = 'types-zh';
  const placements = [];
  assert.deepEqual(await openWidget(page, web.url, { survey: ALL_TYPES, endpoint: ep.url, locale: 'zh-CN' }), { ok: true });

  // Page 1: rating (smileys), rating (stars), NPS, CES.
  let nodes = await waitForSemantics(page, (n) => (findNode(n, 'next') && findNode(n, 'satisfaction/7') ? n : null), 'page 1');
  assert.equal(findNode(nodes, 'title').label, '服务体验调查（全部题型）');
  assert.equal(findNode(nodes, 'page-title').label, '总体评价');
  // The quality page depends on satisfaction >= 2: not counted until it is answered.
  assert.equal(findNode(nodes, 'progress').label, '1 / 3');
  assert.equal(findNode(nodes, 'back'), undefined, 'no Back on the first page');
  await screenshot(page, S, '00-overall-empty');
  await choose(page, 'satisfaction/5');
  await waitForNode(page, 'progress', (n) => n.label === '1 / 4', 'progress 1 / 4 once satisfaction >= 2');
  await choose(page, 'stars/4');
  await choose(page, 'recommend/9');
  await choose(page, 'effort/6');
  nodes = await semantics(page);
  assert.deepEqual(checkedIds(nodes, 'satisfaction/'), ['satisfaction/5']);
  assert.deepEqual(checkedIds(nodes, 'stars/'), ['stars/4']);
  assert.deepEqual(checkedIds(nodes, 'recommend/'), ['recommend/9']);
  assert.deepEqual(checkedIds(nodes, 'effort/'), ['effort/6']);
  await screenshot(page, S, '01-overall');
  await click(page, 'next');

  // Page 2: single, number text (shown by logic), multiple, multiline text (shown by logic), matrix.
  await waitForPage(page, '您的来访', '2 / 4');
  nodes = await semantics(page);
  assert.equal(findNode(nodes, 'wait'), undefined, 'wait is hidden until channel is counter/phone');
  assert.equal(findNode(nodes, 'repair_detail'), undefined, 'repair_detail is hidden until repair is chosen');
  assert.ok(findNode(nodes, 'back'), 'Back on page 2');
  await choose(page, 'channel/counter');
  assert.equal(findNode(await semantics(page), 'channel/counter').role, 'radio');
  placements.push(['wait', await typeInto(page, 'wait', '15')]);
  await choose(page, 'topics/billing');
  await choose(page, 'topics/repair');
  assert.equal(findNode(await semantics(page), 'topics/repair').role, 'checkbox');
  placements.push(['repair_detail', await typeInto(page, 'repair_detail', '宽带断线，师傅当天修好了')]);
  await choose(page, 'staff/courtesy/5');
  await choose(page, 'staff/knowledge/4');
  await choose(page, 'staff/speed/3');
  nodes = await semantics(page);
  assert.deepEqual(checkedIds(nodes, 'topics/'), ['topics/billing', 'topics/repair']);
  assert.deepEqual(checkedIds(nodes, 'staff/'), ['staff/courtesy/5', 'staff/knowledge/4', 'staff/speed/3']);
  await screenshot(page, S, '02-visit');
  await click(page, 'next');

  // Page 3: SERVQUAL and KANO.
  await waitForPage(page, '服务质量（期望与感受）', '3 / 4');
  const SQ = { promise: [6, 5], prompt: [7, 6], trust: [5, 5], care: [4, 6], facilities: [6, 7] };
  for (const [item, [e, p]] of Object.entries(SQ)) {
    await choose(page, `servqual/${item}/expectation/${e}`);
    await choose(page, `servqual/${item}/perception/${p}`);
  }
  const KANO = { queue_app: ['like', 'dislike'], evening: ['like', 'live-with'] };
  for (const [f, [fn, dys]] of Object.entries(KANO)) {
    await choose(page, `kano/${f}/functional/${fn}`);
    await choose(page, `kano/${f}/dysfunctional/${dys}`);
  }
  const page3Checked = [...checkedIds(await semantics(page), 'servqual/'), ...checkedIds(await semantics(page), 'kano/')];
  assert.equal(page3Checked.length, 14, `10 servqual + 4 kano choices: ${page3Checked}`);
  await screenshot(page, S, '03-quality');
  await click(page, 'next');

  // Page 4: consent (with link), contact (shown by logic), text; invalid phone and email first.
  nodes = await waitForPage(page, '保持联系（选填）', '4 / 4');
  assert.ok(findNode(nodes, 'submit'), 'the last page has Submit');
  assert.equal(findNode(nodes, 'follow_up/link')?.role, 'link', 'consent link present');
  assert.equal(findNode(nodes, 'contact/phone'), undefined, 'contact hidden until consent');
  await choose(page, 'follow_up');
  assert.equal(findNode(await semantics(page), 'follow_up').role, 'checkbox');
  placements.push(['contact/name', await typeInto(page, 'contact/name', '张三')]);
  placements.push(['contact/phone', await typeInto(page, 'contact/phone', '12345', { shot: [S, '04a-typing-phone'] })]);
  placements.push(['contact/email', await typeInto(page, 'contact/email', 'zhangsan@')]);
  placements.push(['comment', await typeInto(page, 'comment', '整体不错 👍 "谢谢"')]);
  await click(page, 'submit');
  nodes = await waitForSemantics(page, (n) => (findNode(n, 'contact/phone/error') && findNode(n, 'contact/email/error') && findNode(n, 'missing') ? n : null),
    'inline errors on phone and email, and the page alert');
  assert.equal(findNode(nodes, 'contact/phone/error').role, 'alert');
  assert.equal(findNode(nodes, 'contact/email/error').role, 'alert');
  assert.equal(findNode(nodes, 'missing').role, 'alert');
  assert.equal(findNode(nodes, 'thanks'), undefined, 'not submitted');
  const phoneErr = findNode(nodes, 'contact/phone/error'), emailErr = findNode(nodes, 'contact/email/error');
  // Each message sits right under its own field.
  assert.ok(phoneErr.rect.y >= findNode(nodes, 'contact/phone').rect.y + findNode(nodes, 'contact/phone').rect.height - 1, 'phone error under phone');
  assert.ok(phoneErr.rect.y < findNode(nodes, 'contact/email').rect.y, 'phone error above the email field');
  assert.ok(emailErr.rect.y >= findNode(nodes, 'contact/email').rect.y + findNode(nodes, 'contact/email').rect.height - 1, 'email error under email');
  await screenshot(page, S, '04-contact-errors');
  t.diagnostic(`phone error: ${phoneErr.label} | email error: ${emailErr.label}`);

  await typeInto(page, 'contact/phone', '13800138000', { replace: true });
  await waitForSemantics(page, (n) => (!findNode(n, 'contact/phone/error') && findNode(n, 'contact/email/error') ? n : null),
    'phone error gone at once, email error still there');
  await typeInto(page, 'contact/email', 'zhangsan@example.com', { replace: true });
  nodes = await waitForSemantics(page, (n) => (!findNode(n, 'contact/email/error') && !findNode(n, 'missing') ? n : null),
    'no errors left');
  await screenshot(page, S, '05-contact-fixed');

  // Back once: the page before keeps its answers, and so does this one when we return.
  await click(page, 'back');
  nodes = await waitForPage(page, '服务质量（期望与感受）', '3 / 4');
  assert.deepEqual([...checkedIds(nodes, 'servqual/'), ...checkedIds(nodes, 'kano/')], page3Checked, 'page 3 answers kept after Back');
  await screenshot(page, S, '06-after-back');
  await click(page, 'next');
  nodes = await waitForPage(page, '保持联系（选填）', '4 / 4');
  assert.deepEqual(valuesOf(nodes, 'contact/'), {
    'contact/name': '张三', 'contact/phone': '13800138000', 'contact/email': 'zhangsan@example.com',
  });
  assert.equal(findNode(nodes, 'follow_up').value, 'true');
  assert.equal(findNode(nodes, 'comment').value, '整体不错 👍 "谢谢"');

  await click(page, 'submit');
  nodes = await waitForThanks(page);
  assert.equal(findNode(nodes, 'thanks').label, '感谢您的评价！');
  assert.equal(findNode(nodes, 'complaint-reference'), undefined, 'no complaint reference on a plain survey');
  await screenshot(page, S, '07-thanks');
  const reference = findNode(nodes, 'reference').value;

  await ep.waitFor((e) => e.received.length >= 1, 15_000);
  assert.equal(ep.postCount, 1, 'exactly one POST');
  const { body, headers } = ep.received[0];
  assert.equal(body.id, reference, 'POSTed id is the reference shown');
  assert.equal(headers['idempotency-key'], reference);
  checkPayloadEnvelope(body, { surveyId: 'manyi-all-types', version: '1', locale: 'zh-CN' });
  const expected = {
    satisfaction: { type: 'rating', value: 5, label: '较满意' },
    stars: { type: 'rating', value: 4, label: '好' },
    recommend: { type: 'nps', value: 9 },
    effort: { type: 'ces', value: 6, label: '同意' },
    channel: { type: 'single', value: 'counter', label: '营业厅柜台' },
    wait: { type: 'text', value: '15' },
    topics: { type: 'multiple', value: ['billing', 'repair'], labels: ['账单', '报修'] },
    repair_detail: { type: 'text', value: '宽带断线，师傅当天修好了' },
    staff: { type: 'matrix', value: { courtesy: 5, knowledge: 4, speed: 3 }, labels: { courtesy: '很满意', knowledge: '满意', speed: '一般' } },
    servqual: {
      type: 'servqual',
      value: {
        promise: { expectation: 6, perception: 5, gap: -1, dimension: 'reliability' },
        prompt: { expectation: 7, perception: 6, gap: -1, dimension: 'responsiveness' },
        trust: { expectation: 5, perception: 5, gap: 0, dimension: 'assurance' },
        care: { expectation: 4, perception: 6, gap: 2, dimension: 'empathy' },
        facilities: { expectation: 6, perception: 7, gap: 1, dimension: 'tangibles' },
      },
    },
    kano: {
      type: 'kano',
      value: {
        queue_app: { functional: 'like', dysfunctional: 'dislike', category: 'one-dimensional' },
        evening: { functional: 'like', dysfunctional: 'live-with', category: 'attractive' },
      },
    },
    follow_up: { type: 'consent', value: true },
    contact: { type: 'contact', value: { name: '张三', phone: '13800138000', email: 'zhangsan@example.com' }, personal_data: true },
    comment: { type: 'text', value: '整体不错 👍 "谢谢"' },
  };
  assert.deepEqual(Object.keys(body.answers), Object.keys(expected), 'answers keyed by question id, in question order');
  for (const [id, want] of Object.entries(expected)) assert.deepEqual(body.answers[id], want, `answer ${id}`);
  assert.equal(body.complaint, undefined, 'no complaint block');
  assert.ok(!/\n/.test(ep.posts[0].raw), 'payload written compact');

  // The DOM text field must sit over the box being edited (not over another box).
  const misplaced = placements.filter(([, p]) => !(near(p.field.x, p.box.x) && near(p.field.y, p.box.y) && near(p.field.width, p.box.width)));
  assert.deepEqual(misplaced.map(([id, p]) => `${id}: field ${JSON.stringify(p.field)} vs box ${JSON.stringify(p.box)}`), [],
    'the DOM text field is placed over the box being edited');
  const modes = Object.fromEntries(placements.map(([id, p]) => [id, p.inputmode]));
  assert.equal(modes.wait, 'decimal', 'number field opens the decimal keyboard');
  assert.equal(modes['contact/phone'], 'tel');
  assert.equal(modes['contact/email'], 'email');
  log.assertClean(assert);
});

test('2. all-types (en) with the keyboard: Tab into the canvas, arrows/Space/Enter on grades', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const S = 'types-en-keyboard';
  const path = [];
  const noRing = new Set(); // controls reached by Tab that show no focus ring
  const gaps = []; // what a keyboard user cannot do or cannot see
  assert.deepEqual(await openWidget(page, web.url, { survey: ALL_TYPES, endpoint: ep.url, locale: 'en' }), { ok: true });
  let nodes = await waitForSemantics(page, (n) => (findNode(n, 'next') && findNode(n, 'satisfaction/7') ? n : null), 'page 1');
  assert.equal(findNode(nodes, 'page-title').label, 'Overall');
  // The language switch names each language in itself (中文 / English): not a translation leak.
  for (const n of nodes.filter((x) => !x.id.startsWith('locale/'))) assert.doesNotMatch(`${n.label}`, /[\u3400-\u9fff]/, `no Chinese with locale=en: ${n.id} ${n.label}`);

  // Tab from the page: the widget's form (the canvas's accessible mirror) has the first stops;
  // the canvas itself is not one (docs/decisions.md D17).
  await press(page, 'Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('#app [data-manyi-mirror]')), 'Tab puts the focus in the widget');
  const kb = (id, opts) => keyboardChoose(page, id, path, noRing, opts);

  // Page 1: Tab to the first grade, then arrows along the row; Space and Enter choose.
  await tabTo(page, 'satisfaction/1', path, noRing);
  await arrows(page, 'ArrowRight', 5, 'satisfaction/6', path);
  await screenshot(page, S, '01-focus-ring-on-satisfaction-6');
  await page.keyboard.press('Space');
  await waitForNode(page, 'satisfaction/6', (n) => n.value === 'true', 'satisfaction/6 chosen with Space');
  await kb('stars/5');
  await tabTo(page, 'recommend/0', path, noRing);
  await arrows(page, 'ArrowRight', 10, 'recommend/10', path);
  await page.keyboard.press('Enter');
  await waitForNode(page, 'recommend/10', (n) => n.value === 'true', 'recommend/10 chosen with Enter');
  await tabTo(page, 'effort/4', path, noRing);
  await arrows(page, 'ArrowRight', 3, 'effort/7', path);
  await arrows(page, 'ArrowLeft', 1, 'effort/6', path);
  await arrows(page, 'ArrowRight', 1, 'effort/7', path);
  await page.keyboard.press('Space');
  await waitForNode(page, 'effort/7', (n) => n.value === 'true', 'effort/7');
  await screenshot(page, S, '02-overall');
  // The complaint entry, after Next: can Tab reach it?
  await tabTo(page, 'next', path, noRing);
  await press(page, 'Tab');
  const afterNext = await focusedNode(page);
  path.push(`Tab after next -> ${afterNext?.id ?? '(no ring)'}`);
  if (afterNext?.id !== 'complaint-entry') gaps.push(`Tab from Next goes to ${afterNext?.id ?? 'nothing visible'}: the "Make a complaint or suggestion" entry (complaint-entry) cannot be reached with the keyboard`);
  await tabTo(page, 'next', path, noRing);
  await page.keyboard.press('Enter');

  const focusAfterPageChange = async (what, first) => {
    const ring = await focusedNode(page);
    if (!ring) gaps.push(`after Next to ${what} no control shows the focus ring (the focus is not moved to the new page; Tab finds it again)`);
    else if (!ring.id.startsWith(first)) gaps.push(`after Next to ${what} the focus ring is on ${ring.id}, not on the first question`);
  };

  // Page 2.
  await waitForPage(page, 'Your visit', '2 / 4');
  await focusAfterPageChange('page 2', 'channel/');
  await kb('channel/online');
  await kb('topics/enquiry');
  await kb('staff/courtesy/4');
  await kb('staff/knowledge/5');
  await kb('staff/speed/5');
  await screenshot(page, S, '03-visit');
  await tabTo(page, 'next', path, noRing);
  await page.keyboard.press('Space');

  // Page 3.
  await waitForPage(page, 'Service quality (expectation and perception)', '3 / 4');
  await focusAfterPageChange('page 3', 'servqual/');
  for (const item of ['promise', 'prompt', 'trust', 'care', 'facilities']) {
    await kb(`servqual/${item}/expectation/7`);
    await kb(`servqual/${item}/perception/6`);
  }
  await kb('kano/queue_app/functional/must-be');
  await kb('kano/queue_app/dysfunctional/dislike');
  await kb('kano/evening/functional/neutral');
  await kb('kano/evening/dysfunctional/neutral');
  await screenshot(page, S, '04-quality');
  await tabTo(page, 'next', path, noRing);
  await page.keyboard.press('Enter');

  // Page 4: consent with Space, text boxes opened with Enter and typed into, Submit with Enter.
  await waitForPage(page, 'Stay in touch (optional)', '4 / 4');
  await focusAfterPageChange('page 4', 'follow_up');
  await kb('follow_up');
  await waitForNode(page, 'contact/phone');
  const typeByKeyboard = async (id, text) => {
    await tabTo(page, id, path, noRing);
    // Tab onto a text box opens its field at once; Enter opens it otherwise.
    if (!(await domFocus(page)).field) await page.keyboard.press('Enter');
    const opened = await page.waitForFunction(() => document.activeElement?.matches?.('[data-manyi-text-field]'), null, { polling: 50, timeout: 3_000 })
      .then(() => true, () => false);
    if (!opened) {
      gaps.push(`text box ${id}: Enter on it does not open the text field (fell back to the mouse)`);
      await typeInto(page, id, text);
      return;
    }
    await page.keyboard.type(text);
    await waitForNode(page, id, (n) => n.value === text, `${id} = ${text}`);
    await press(page, 'Tab'); // leaves the text field for the next control
    await waitTextField(page, (s) => !s.shown || s.node !== s.arg, `off ${id} after Tab`, id);
  };
  await typeByKeyboard('contact/name', 'Alex Smith');
  await typeByKeyboard('contact/phone', '+44 20 7946 0958');
  await typeByKeyboard('comment', 'Quick and friendly.');
  await screenshot(page, S, '05-about');
  await tabTo(page, 'submit', path, noRing);
  await page.keyboard.press('Enter');
  nodes = await waitForThanks(page);
  assert.equal(findNode(nodes, 'thanks').label, 'Thank you for your feedback!');
  await screenshot(page, S, '06-thanks');
  // Tab goes on out of the widget to the host page: the keyboard is never trapped.
  for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.id)) !== 'host-input'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'host-input', 'Tab reaches the host page');

  await ep.waitFor((e) => e.received.length >= 1, 15_000);
  assert.equal(ep.postCount, 1);
  const { body } = ep.received[0];
  checkPayloadEnvelope(body, { surveyId: 'manyi-all-types', version: '1', locale: 'en' });
  const a = body.answers;
  assert.deepEqual(a.satisfaction, { type: 'rating', value: 6, label: 'satisfied' });
  assert.deepEqual(a.stars, { type: 'rating', value: 5, label: 'excellent' });
  assert.deepEqual(a.recommend, { type: 'nps', value: 10 });
  assert.deepEqual(a.effort, { type: 'ces', value: 7, label: 'strongly agree' });
  assert.deepEqual(a.channel, { type: 'single', value: 'online', label: 'Online' });
  assert.equal(a.wait, undefined, 'wait hidden (channel online) and not sent');
  assert.deepEqual(a.topics, { type: 'multiple', value: ['enquiry'], labels: ['Enquiry'] });
  assert.deepEqual(a.staff, { type: 'matrix', value: { courtesy: 4, knowledge: 5, speed: 5 }, labels: { courtesy: 'satisfied', knowledge: 'very satisfied', speed: 'very satisfied' } });
  for (const item of ['promise', 'prompt', 'trust', 'care', 'facilities']) {
    assert.equal(a.servqual.value[item].expectation, 7);
    assert.equal(a.servqual.value[item].perception, 6);
    assert.equal(a.servqual.value[item].gap, -1);
  }
  assert.deepEqual(a.kano.value, {
    queue_app: { functional: 'must-be', dysfunctional: 'dislike', category: 'must-be' },
    evening: { functional: 'neutral', dysfunctional: 'neutral', category: 'indifferent' },
  });
  assert.deepEqual(a.follow_up, { type: 'consent', value: true });
  assert.deepEqual(a.contact, { type: 'contact', value: { name: 'Alex Smith', phone: '+44 20 7946 0958' }, personal_data: true });
  assert.deepEqual(a.comment, { type: 'text', value: 'Quick and friendly.' });
  log.assertClean(assert);
  t.diagnostic(`keyboard path: ${path.join(' | ')}`);
  gaps.push(...kbTrouble);
  if (noRing.size) gaps.push(`no visible focus ring on: ${[...noRing].join(', ')}`);
  if (gaps.length) {
    for (const g of gaps) t.diagnostic(`keyboard gap: ${g}`);
    t.todo(`keyboard use works end to end but has gaps: ${gaps.join(' || ')}`);
  }
});

/** Fill and submit the complaint form (pages complaint.what and complaint.contact). */
async function fillComplaint(page, S, shot0) {
  let nodes = await waitForSemantics(page, (n) => (findNode(n, 'complaint.type/complaint') ? n : null), 'complaint form, first page');
  assert.equal(findNode(nodes, 'title').label, '投诉与建议', 'complaint heading');
  assert.ok(findNode(nodes, 'intro')?.label, 'complaint intro line');
  await screenshot(page, S, `${shot0}-complaint-what-empty`);
  await choose(page, 'complaint.type/complaint');
  await choose(page, 'complaint.cause/attitude');
  await typeInto(page, 'complaint.description', '排队一个小时，窗口只开了一个。');
  await typeInto(page, 'complaint.wish', '希望高峰期多开窗口');
  await screenshot(page, S, `${shot0}-complaint-what`);
  await click(page, 'next');
  nodes = await waitForSemantics(page, (n) => (findNode(n, 'complaint.callback') ? n : null), 'complaint form, contact page');
  assert.ok(findNode(nodes, 'submit'), 'Submit on the contact page');
  assert.equal(findNode(nodes, 'complaint.contact/phone'), undefined, 'contact hidden until callback is ticked');
  await choose(page, 'complaint.callback');
  await typeInto(page, 'complaint.contact/name', '李四');
  await typeInto(page, 'complaint.contact/phone', '13800138000');
  await screenshot(page, S, `${shot0}-complaint-contact`);
  await click(page, 'submit');
  nodes = await waitForSemantics(page, (n) => (findNode(n, 'complaint-reference') && findNode(n, 'thanks') ? n : null), 'complaint thank-you screen');
  return nodes;
}

function checkComplaintBlock(body, shownRef, origin) {
  assert.ok(body.complaint, 'complaint block present');
  assert.equal(body.complaint.reference, shownRef, 'complaint reference = the one shown');
  assert.equal(body.complaint.origin, origin);
  assert.equal(body.complaint.window_hours, 24);
  assert.match(body.complaint.due_at, ISO_MS_RE);
  assert.equal(Date.parse(body.complaint.due_at) - Date.parse(body.submitted_at), 24 * HOUR_MS, 'due_at = submitted_at + 24 h');
  const a = body.answers;
  assert.deepEqual(a['complaint.type'], { type: 'single', value: 'complaint', label: '投诉' });
  assert.deepEqual(a['complaint.cause'], { type: 'single', value: 'attitude', label: '服务态度' });
  assert.deepEqual(a['complaint.description'], { type: 'text', value: '排队一个小时，窗口只开了一个。' });
  assert.deepEqual(a['complaint.wish'], { type: 'text', value: '希望高峰期多开窗口' });
  assert.deepEqual(a['complaint.callback'], { type: 'consent', value: true });
  assert.deepEqual(a['complaint.contact'], { type: 'contact', value: { name: '李四', phone: '13800138000' }, personal_data: true });
}

test('3. default survey, dissatisfied: grade 2 leads to the complaint form, reference and 24 h promise', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const S = 'complaint-trigger';
  assert.deepEqual(await openWidget(page, web.url, { survey: DEFAULT, endpoint: ep.url, locale: 'zh-CN' }), { ok: true });
  let nodes = await waitForSemantics(page, (n) => (findNode(n, 'submit') && findNode(n, 'satisfaction/2') ? n : null), 'survey page with Submit');
  assert.equal(findNode(nodes, 'next'), undefined, 'one page: Submit before any grade');
  const g2 = await choose(page, 'satisfaction/2');
  assert.equal(g2.label, '不满意');
  nodes = await waitForSemantics(page, (n) => (findNode(n, 'next') && !findNode(n, 'submit') ? n : null), 'the button becomes Next after grade 2');
  assert.equal(findNode(nodes, 'next').label, '下一步');
  await screenshot(page, S, '01-grade-2');
  await click(page, 'next');
  nodes = await fillComplaint(page, S, '02');
  await screenshot(page, S, '05-thanks');
  const ref = findNode(nodes, 'complaint-reference');
  assert.match(ref.value, COMPLAINT_REF_RE, `complaint reference format: ${ref.value}`);
  assert.equal(ref.label, ref.value);
  const promise = findNode(nodes, 'promise');
  assert.ok(promise, `promise shown: ${describeNodes(nodes)}`);
  assert.match(promise.label, /24\s*小时/, `promise mentions 24 hours: ${promise.label}`);
  assert.equal(promise.label, '我们将在 24 小时内与您联系。');

  await ep.waitFor((e) => e.received.length >= 1, 15_000);
  assert.equal(ep.postCount, 1);
  const { body } = ep.received[0];
  checkPayloadEnvelope(body, { surveyId: 'manyi-default', version: '2', locale: 'zh-CN' });
  assert.deepEqual(body.answers.satisfaction, { type: 'rating', value: 2, label: '不满意' }, 'the survey answer is sent too (trigger)');
  checkComplaintBlock(body, ref.value, 'trigger');
  log.assertClean(assert);
});

test('4. complaint entry on the first page goes straight to the form; submitting works', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const S = 'complaint-entry';
  assert.deepEqual(await openWidget(page, web.url, { survey: DEFAULT, endpoint: ep.url, locale: 'zh-CN' }), { ok: true });
  let nodes = await waitForSemantics(page, (n) => (findNode(n, 'complaint-entry') && findNode(n, 'satisfaction/6') ? n : null), 'first page with the complaint entry');
  const entry = findNode(nodes, 'complaint-entry');
  assert.equal(entry.role, 'button');
  assert.equal(entry.label, '我要投诉 / 建议');
  // An answer given before taking the entry is not sent (docs: the survey's answers are not sent).
  await choose(page, 'satisfaction/6');
  await screenshot(page, S, '01-first-page');
  await click(page, 'complaint-entry');
  nodes = await fillComplaint(page, S, '02');
  await screenshot(page, S, '05-thanks');
  const ref = findNode(nodes, 'complaint-reference').value;
  assert.match(ref, COMPLAINT_REF_RE);
  assert.match(findNode(nodes, 'promise').label, /24/);

  await ep.waitFor((e) => e.received.length >= 1, 15_000);
  assert.equal(ep.postCount, 1);
  const { body } = ep.received[0];
  checkPayloadEnvelope(body, { surveyId: 'manyi-default', version: '2', locale: 'zh-CN' });
  checkComplaintBlock(body, ref, 'entry');
  assert.deepEqual(Object.keys(body.answers).filter((k) => !k.startsWith('complaint.')), [], 'only complaint answers are sent from the entry');
  log.assertClean(assert);
});

test('5. an invalid survey shows every problem with its JSON path', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const doc = {
    format_version: 1, id: 'bad-survey', version: '1', locales: ['en'], default_locale: 'en', title: 'Bad',
    questions: [
      { id: 'a', type: 'rating', preset: 'satisfaction7', title: 'A' },
      { id: 'b', type: 'slider', title: 'B' },
      { id: 'a', type: 'text', title: 'C' },
    ],
  };
  const url = ep.serve('/surveys/bad.json', { body: JSON.stringify(doc, null, 2) });
  assert.deepEqual(await openWidget(page, web.url, { survey: url, endpoint: ep.url, locale: 'en' }), { ok: true });
  const alert = await waitForSemantics(page, (n) => n.find((x) => x.id === 'error' && x.role === 'alert'), 'alert#error');
  await screenshot(page, 'invalid-survey', '01-errors');
  t.diagnostic(`alert: ${alert.label}`);
  assert.match(alert.label, /\/questions\/1\/type\b[^\n]*slider/, `unknown type named with its path: ${alert.label}`);
  assert.match(alert.label, /\/questions\/2\/id\b[^\n]*duplicate/i, `duplicate id named with its path: ${alert.label}`);
  const nodes = await semantics(page);
  assert.equal(findNode(nodes, 'submit'), undefined, 'the survey is refused');
  assert.equal(findNode(nodes, 'error-title')?.role, 'heading');
  // The rect of the alert must be inside the canvas (the whole message is visible).
  const canvas = await page.evaluate(() => document.querySelector('#app canvas').getBoundingClientRect().toJSON());
  assert.ok(alert.rect.x >= canvas.x && alert.rect.x + alert.rect.width <= canvas.x + canvas.width + 1, 'alert inside the canvas');
  log.assertClean(assert, [/bad\.json/, /questions\/\d/, /slider/, /duplicate/i]);
});

for (const vp of [{ width: 320, height: 640 }, { width: 1920, height: 1080 }]) {
  test(`6. layout ${vp.width}x${vp.height}: grades and Submit are >= 48 px touch targets inside the canvas`, { skip, timeout: TEST_TIMEOUT }, async (t) => {
    const web = await startDist();
    const ep = await startEndpoint();
    const b = await launch(t, { viewport: vp });
    t.after(async () => { await b.close(); await ep.close(); await web.close(); });
    const { page } = b;
    assert.deepEqual(await openWidget(page, web.url, { survey: DEFAULT, endpoint: ep.url, locale: 'zh-CN' }), { ok: true });
    await waitForSemantics(page, (n) => (findNode(n, 'submit') && findNode(n, 'satisfaction/7') ? n : null), 'survey page');
    const canvas = await page.evaluate(() => document.querySelector('#app canvas').getBoundingClientRect().toJSON());
    const S = `layout-${vp.width}x${vp.height}`;
    await screenshot(page, S, '01-top');
    const problems = [];
    const measure = (n) => {
      if (n.rect.height < 48) problems.push(`${n.id} is ${n.rect.height} px tall`);
      if (n.rect.width < 48) problems.push(`${n.id} is ${n.rect.width} px wide`);
      if (n.rect.x < canvas.x - 0.5 || n.rect.x + n.rect.width > canvas.x + canvas.width + 0.5)
        problems.push(`${n.id} x ${n.rect.x}..${n.rect.x + n.rect.width} outside the canvas ${canvas.x}..${canvas.x + canvas.width}`);
    };
    for (let g = 1; g <= 7; g++) {
      await clickNode(page, findNode(await semantics(page), `satisfaction/${g}`)); // scrolls it into view, as a thumb would
      measure(await waitForNode(page, `satisfaction/${g}`, (n) => n.value === 'true', `satisfaction/${g} chosen`));
    }
    // Grade 4 (一般): no complaint pages, so the button stays Submit.
    await choose(page, 'satisfaction/4');
    const submit = await revealNode(page, 'submit');
    assert.ok(submit, 'submit present');
    measure(submit);
    for (const n of (await semantics(page)).filter((x) => /^recommend\/\d+$/.test(x.id))) measure(n);
    await screenshot(page, S, '02-submit-in-view');
    t.diagnostic(`canvas ${JSON.stringify(canvas)}; submit ${JSON.stringify(submit.rect)}`);
    assert.deepEqual(problems, [], 'touch targets');
    b.console.assertClean(assert);
  });
}
