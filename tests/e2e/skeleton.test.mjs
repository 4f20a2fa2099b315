// End-to-end tests of the walking skeleton: the built demo page (dist/) in headless Chromium,
// a real static server and a real HTTP endpoint, real mouse and keyboard events aimed at the
// rects that the widget's semantics() reports.
//
//   node --test --test-concurrency=1 tests/e2e/
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  distReady, setup, startDist, startEndpoint, launch, openWidget, waitForMount, semantics,
  waitForSemantics, waitForNode, findNode, clickNode, pending, waitForPending, screenshot, canvasInk,
} from './helpers.mjs';

const SURVEY = '/assets/surveys/default.json';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZH_LABELS = ['很不满意', null, null, null, null, '满意', '很满意'];
const EN_LABELS = ['very dissatisfied', null, null, null, null, 'satisfied', 'very satisfied'];
const COMMENT = '服务很好 👍 "quotes"';
const TEST_TIMEOUT = 60_000;
// The browser's own line for a fetch that could not connect (endpoint down on purpose).
const CONNECTION_REFUSED = /net::ERR_CONNECTION_REFUSED/;

// Without a build every test would fail the same way: one clear failure, the rest skipped.
const skip = distReady() ? false : 'dist/index.html is not built';
test('0. dist/ is built', () => {
  assert.ok(distReady(), 'dist/index.html is missing: run ./build.sh build first');
});

function radios(nodes) {
  return nodes.filter((n) => n.role === 'radio' && /^satisfaction\/[1-7]$/.test(n.id));
}

function describeNodes(nodes) {
  return nodes.map((n) => `${n.role}#${n.id}=${JSON.stringify(n.label)}`).join(', ');
}

/** Wait for the survey screen (all seven grades and the submit button). */
async function waitForSurvey(page) {
  return waitForSemantics(
    page,
    (nodes) => (radios(nodes).length === 7 && findNode(nodes, 'submit') && findNode(nodes, 'comment') ? nodes : null),
    'the survey screen (7 radios, comment, submit)',
  );
}

/** Click grade `g` and wait until its radio reports value "true". */
async function chooseGrade(page, g) {
  const nodes = await semantics(page);
  const r = findNode(nodes, `satisfaction/${g}`);
  assert.ok(r, `radio satisfaction/${g} present: ${describeNodes(nodes)}`);
  await clickNode(page, r);
  return waitForNode(page, `satisfaction/${g}`, (n) => n.value === 'true', `satisfaction/${g} checked`);
}

async function submitAndWaitForThanks(page) {
  const submit = findNode(await semantics(page), 'submit');
  assert.ok(submit, 'submit button present');
  await clickNode(page, submit);
  return waitForSemantics(
    page,
    (nodes) => (findNode(nodes, 'thanks') && findNode(nodes, 'reference') ? nodes : null),
    'the thank-you screen (thanks + reference)',
  );
}

describe('submit flow and reload (one persistent profile)', { skip }, () => {
  let web;
  let ep;
  let session;
  let reference;

  before(async () => {
    web = await startDist();
    ep = await startEndpoint();
    session = await launch({ name: 'submit-flow' });
  });
  after(async () => {
    await session?.close();
    await ep?.close();
    await web?.close();
  });

  test('1. submit flow: grade 6 + unicode comment is POSTed exactly once', { timeout: TEST_TIMEOUT }, async () => {
    const { page } = session;
    const mounted = await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
    assert.deepEqual(mounted, { ok: true }, 'widget mounted');
    const nodes = await waitForSurvey(page);
    await screenshot(page, 'submit-flow', '01-survey');

    const heading = nodes.find((n) => n.role === 'heading');
    assert.ok(heading, `a heading is present: ${describeNodes(nodes)}`);
    assert.equal(heading.label, '服务满意度', 'heading shows the survey title');
    const rs = radios(nodes);
    rs.forEach((r, i) => {
      assert.equal(r.id, `satisfaction/${i + 1}`, 'radios in order');
      assert.equal(r.value, 'false', `${r.id} unchecked at start`);
      if (ZH_LABELS[i]) assert.equal(r.label, ZH_LABELS[i], `${r.id} label`);
    });
    assert.equal(findNode(nodes, 'submit').role, 'button');
    assert.equal(findNode(nodes, 'submit').label, '提交');
    assert.equal(findNode(nodes, 'comment').role, 'textbox');
    await page.evaluate(() => {
      window.__events = [];
      for (const name of ['submit', 'delivered', 'error']) {
        window.manyi.on(name, (d) => window.__events.push({ name, id: d?.id ?? null }));
      }
    });

    // Grade 6 (满意) with a real click at the rect centre.
    await chooseGrade(page, 6);
    const after6 = radios(await semantics(page));
    assert.deepEqual(after6.map((r) => r.value), ['false', 'false', 'false', 'false', 'false', 'true', 'false']);

    // Comment: click into the text box, type through the keyboard (CJK + emoji take the insertText path).
    await clickNode(page, findNode(await semantics(page), 'comment'));
    await page.keyboard.type(COMMENT);
    await waitForNode(page, 'comment', (n) => n.value === COMMENT, `comment textbox value ${JSON.stringify(COMMENT)}`);
    await screenshot(page, 'submit-flow', '02-filled');

    const thanksNodes = await submitAndWaitForThanks(page);
    await screenshot(page, 'submit-flow', '03-thanks');
    reference = findNode(thanksNodes, 'reference').value;
    assert.match(reference, UUID_RE, 'reference is a UUID');
    const count = findNode(thanksNodes, 'stored-count');
    assert.ok(count, `stored-count on the thank-you screen: ${describeNodes(thanksNodes)}`);
    assert.equal(count.value, '1');

    await ep.waitFor((e) => e.received.length >= 1, 10_000);
    await waitForPending(page, (p) => p.delivered === 1 && p.pending === 0, 'delivered 1, pending 0');
    assert.equal(ep.postCount, 1, 'exactly one POST');
    assert.equal(ep.received.length, 1);
    const { id, body, headers } = ep.received[0];
    assert.equal(body.format, 'manyi.response/2');
    assert.equal(id, reference, 'POSTed id is the reference shown');
    assert.equal(headers['idempotency-key'], id, 'Idempotency-Key header is the id');
    assert.match(headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(body.survey, { id: 'manyi-default', version: '2' });
    assert.equal(body.locale, 'zh-CN');
    assert.match(body.device_id, UUID_RE, 'a device id, kept per browser profile');
    assert.ok(!Number.isNaN(Date.parse(body.submitted_at)), `submitted_at is a timestamp: ${body.submitted_at}`);
    assert.equal(body.answers.satisfaction.value, 6);
    assert.equal(body.answers.satisfaction.label, '满意');
    assert.equal(body.answers.comment.value, COMMENT, 'comment arrives intact');
    // The widget's events: one submit and one delivered, both naming the response.
    assert.deepEqual(await page.evaluate(() => window.__events), [
      { name: 'submit', id: reference },
      { name: 'delivered', id: reference },
    ]);

    session.console.assertClean(assert);
  });

  test('2. reload keeps the stored response and does not POST it again', { timeout: TEST_TIMEOUT }, async () => {
    assert.ok(reference, 'test 1 ran');
    const { page } = session;
    await page.reload({ waitUntil: 'load' });
    assert.deepEqual(await waitForMount(page), { ok: true });
    await waitForSurvey(page);
    const count = await waitForNode(page, 'stored-count', (n) => n.value === '1', 'stored-count "1" after reload');
    assert.equal(count.value, '1');
    const p = await waitForPending(page, (x) => x.delivered === 1, 'delivered 1 after reload');
    assert.equal(p.pending, 0);
    assert.equal(p.total, 1);
    await screenshot(page, 'reload', '01-after-reload');
    // No redelivery of an already delivered response after the reload.
    await page.evaluate(() => window.manyi.sync());
    await waitForPending(page, (x) => x.delivered === 1 && x.pending === 0, 'still delivered after sync');
    assert.equal(ep.postCount, 1, 'still exactly one POST');
    session.console.assertClean(assert);
  });
});

test('3. endpoint down: the response is kept and delivered when it comes back', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const port = ep.port;
  await ep.close();

  const mounted = await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  assert.deepEqual(mounted, { ok: true });
  await waitForSurvey(page);
  // 4 (一般): above the complaint trigger, so the survey ends on this page.
  await chooseGrade(page, 4);
  const thanksNodes = await submitAndWaitForThanks(page);
  const reference = findNode(thanksNodes, 'reference').value;
  assert.match(reference, UUID_RE);
  await screenshot(page, 'endpoint-down', '01-thanks-while-down');
  const p1 = await waitForPending(page, (p) => p.pending === 1, 'pending 1 while the endpoint is down', 5_000);
  assert.equal(p1.delivered, 0);

  await ep.restart();
  assert.equal(ep.port, port, 'endpoint back on the same port');
  await ep.waitFor((e) => e.byId.has(reference), 20_000);
  await waitForPending(page, (p) => p.pending === 0 && p.delivered === 1, 'pending 0 after the endpoint came back');
  const rec = ep.byId.get(reference);
  assert.equal(rec.body.answers.satisfaction.value, 4);
  assert.equal(rec.headers['idempotency-key'], reference);
  assert.equal(ep.received.length, 1);
  await screenshot(page, 'endpoint-down', '02-delivered');
  // The refused fetches are expected while the endpoint is down.
  log.assertClean(assert, [CONNECTION_REFUSED]);
});

test('4. locale en: English labels', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const mounted = await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'en' });
  assert.deepEqual(mounted, { ok: true });
  const nodes = await waitForSurvey(page);
  await screenshot(page, 'locale-en', '01-survey');
  const heading = nodes.find((n) => n.role === 'heading');
  assert.equal(heading?.label, 'Service satisfaction');
  const rs = radios(nodes);
  rs.forEach((r, i) => {
    if (EN_LABELS[i]) assert.equal(r.label, EN_LABELS[i], `${r.id} label`);
    assert.doesNotMatch(r.label, /[\u3400-\u9fff]/, `${r.id} label has no Chinese: ${r.label}`);
  });
  assert.equal(findNode(nodes, 'submit').label, 'Submit');
  // The language switch names each language in itself ("中文"): that one is meant to be Chinese.
  for (const n of nodes.filter((x) => !x.id.startsWith('locale/'))) {
    assert.doesNotMatch(`${n.label}`, /[\u3400-\u9fff]/, `no Chinese text with locale=en: ${n.role}#${n.id} ${n.label}`);
  }
  log.assertClean(assert);
});

test('5a. bad input: a survey URL that 404s shows an alert', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const missing = '/assets/surveys/does-not-exist.json';
  const mounted = await openWidget(page, web.url, { survey: missing, endpoint: ep.url, locale: 'en' });
  assert.deepEqual(mounted, { ok: true }, 'mount resolves and shows the error in the widget');
  const alert = await waitForSemantics(page, (nodes) => nodes.find((n) => n.role === 'alert' && n.id === 'error'), 'alert#error');
  await screenshot(page, 'bad-input', '01-survey-404');
  assert.match(alert.label, /404/, `alert mentions 404: ${alert.label}`);
  assert.ok(alert.label.includes(missing), `alert mentions the URL: ${alert.label}`);
  const ink = await canvasInk(page);
  assert.ok(ink.colours > 4 && ink.nonBackground > 0.001, `canvas is not blank: ${JSON.stringify(ink)}`);
  const widgetErrors = log.errors.filter((e) => !/Failed to load resource/.test(e.text));
  assert.ok(
    widgetErrors.some((e) => e.text.includes('404') || e.text.includes(missing)),
    `the widget logs a console error about the failed survey: ${JSON.stringify(log.errors)}`,
  );
  log.assertClean(assert, [/Failed to load resource.*404/, /does-not-exist\.json/]);
});

test('5b. bad input: a survey that is not valid JSON names line and column', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  // The error is on line 4: `oops` where a value should be (column 12, 1-based).
  const docUrl = ep.serve('/surveys/broken.json', {
    contentType: 'application/json; charset=utf-8',
    body: '{\n  "format_version": 1,\n  "id": "broken",\n  "title": oops\n}\n',
  });
  const mounted = await openWidget(page, web.url, { survey: docUrl, endpoint: ep.url, locale: 'en' });
  assert.deepEqual(mounted, { ok: true });
  const alert = await waitForSemantics(page, (nodes) => nodes.find((n) => n.role === 'alert' && n.id === 'error'), 'alert#error');
  await screenshot(page, 'bad-input', '02-invalid-json');
  assert.match(alert.label, /line\s*4/i, `alert names the line: ${alert.label}`);
  assert.match(alert.label, /col(umn)?\s*12\b/i, `alert names the (1-based) column: ${alert.label}`);
  const ink = await canvasInk(page);
  assert.ok(ink.colours > 4, `canvas is not blank: ${JSON.stringify(ink)}`);
  log.assertClean(assert, [/broken\.json/, /line\s*4/i, /JSON/]);
});

test('6. host page keys are not swallowed by the widget', { skip, timeout: TEST_TIMEOUT }, async (t) => {
  const { page, ep, web, console: log } = await setup(t);
  const mounted = await openWidget(page, web.url, { survey: SURVEY, endpoint: ep.url, locale: 'zh-CN' });
  assert.deepEqual(mounted, { ok: true });
  await waitForSurvey(page);

  // Straight into the host field.
  await page.click('#host-input');
  await page.keyboard.type('abc');
  await page.keyboard.press('Backspace');
  assert.equal(await page.inputValue('#host-input'), 'ab');

  // After the widget had the keyboard (editing its comment), the host field still gets every key.
  await clickNode(page, findNode(await semantics(page), 'comment'));
  await page.keyboard.type('xy');
  await waitForNode(page, 'comment', (n) => n.value === 'xy', 'comment "xy"');
  await page.fill('#host-input', '');
  await page.click('#host-input');
  await page.keyboard.type('abc');
  await page.keyboard.press('Backspace');
  assert.equal(await page.inputValue('#host-input'), 'ab', 'host input after using the widget');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'host-input', 'focus stays in the host field');
  const comment = await waitForNode(page, 'comment', () => true);
  assert.equal(comment.value, 'xy', 'keys typed into the host field did not reach the widget');
  await screenshot(page, 'host-keys', '01-after-typing');
  log.assertClean(assert);
});
