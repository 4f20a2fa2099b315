// The reliability suite (issue 9), shared by the test run (small) and the bench (full size):
// responses submitted through the real widget in two tabs of one origin while the network flaps
// and the endpoint misbehaves; the endpoint must end with exactly the submitted set of ids.
import { startFaultEndpoint } from '../support/fault-endpoint.mjs';
import { openWidget, waitForNode, clickNode, findNode, semantics } from '../e2e/helpers.mjs';

// One required grade on one page: the shortest real path through the widget to a stored response.
export const RELIABILITY_SURVEY = {
  format_version: 1, id: 'reliability', version: '1', default_locale: 'en', locales: ['en'], title: 'Reliability',
  pages: [{ id: 'p1', questions: [{ id: 'g', type: 'rating', preset: 'satisfaction5', title: 'How was it?', required: true }] }],
  complaint: { entry: false },
};

// Opens the demo page and mounts the widget with the fault endpoint and its own journal.
export async function mountReliabilityWidget(page, webUrl, endpoint) {
  await openWidget(page, webUrl, { locale: 'en' });
  await page.evaluate(async ({ survey, endpoint }) => {
    window.manyi.unmount();
    const { mount } = await import('./manyi.js');
    window.manyi = await mount(document.getElementById('app'), { locale: 'en', survey, endpoint, journal: 'reliability' });
  }, { survey: RELIABILITY_SURVEY, endpoint });
  await waitForNode(page, 'submit');
}

// A click that should lead to `expect` (a node id, and optionally its value). A click the widget
// did not take is repeated and counted (reported, never hidden). Until 2026-11-23 about 1 click in
// 150 was lost: a press on the item keyboard navigation had just landed on counted as a keyboard
// activation (fixed in manyi_on_pointer); the count stays as a watch on input regressions.
export const lostClicks = { count: 0 };
async function clickUntil(page, id, expectId, expectValue) {
  for (let attempt = 0; ; attempt++) {
    await clickNode(page, await waitForNode(page, id));
    try {
      return await waitForNode(page, expectId, (n) => expectValue === undefined || n.value === expectValue, `${expectId} after ${id}`, 3_000);
    } catch (err) {
      if (attempt >= 2) throw err;
      // Still on the screen with the button: the click was lost. Gone: it was only slow.
      if (!findNode(await semantics(page), id)) return waitForNode(page, expectId, () => true, `${expectId} after a slow ${id}`);
      lostClicks.count++;
    }
  }
}

// Submits `count` responses through the canvas with real clicks; returns their ids.
export async function submitMany(page, count, onEach = () => {}) {
  onEach ??= () => {};
  const ids = [];
  for (let i = 0; i < count; i++) {
    const grade = `g/${1 + (i % 5)}`;
    await clickUntil(page, grade, grade, 'true');
    const ref = await clickUntil(page, 'submit', 'reference');
    ids.push(ref.value);
    onEach(ref.value);
    await clickUntil(page, 'new-response', 'submit');
  }
  return ids;
}

// A second window of the same browser and profile (same origin, same storage). A second *tab*
// would be a background tab, whose animation frames headless Chromium throttles to about one a
// second: not how two kiosks' or two visitors' pages run.
export async function openSecondWindow(context, page) {
  const cdp = await context.newCDPSession(page);
  const opened = context.waitForEvent('page');
  await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true });
  await cdp.detach();
  return opened;
}

// Takes the context's network away and gives it back at random intervals until stop() is called.
export function flapNetwork(context, { seed = 3, minMs = 300, maxMs = 1500 } = {}) {
  let a = seed, offline = false, stopped = false, flips = 0;
  const next = () => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648; };
  const loop = (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, minMs + next() * (maxMs - minMs)));
      if (stopped) break;
      offline = !offline;
      flips++;
      await context.setOffline(offline).catch(() => {});
    }
    await context.setOffline(false).catch(() => {});
  })();
  return { async stop() { stopped = true; await loop; return flips; } };
}

export { startFaultEndpoint };
