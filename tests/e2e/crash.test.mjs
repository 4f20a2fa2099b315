// E2E of a crash: the whole browser is SIGKILLed (its process group, as a power cut would end it)
// right after a thank-you screen; restarted on the same profile, the response is there and is
// delivered, and the next respondent's half-filled answers come back from their draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { distReady, startDist, startEndpoint, CHROMIUM, CHROMIUM_ARGS, waitForMount, waitForNode, clickNode, waitForPending, semantics, findNode, revealNode } from './helpers.mjs';

const skip = distReady() ? false : 'dist/index.html is not built';

// Chromium in a process group of its own, so that the group can be killed as one; connected to
// over the DevTools protocol.
async function startBrowser(profile) {
  const child = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0',
    '--window-size=1000,900', '--disable-background-networking', 'about:blank'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const ws = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error('chromium did not start: ' + err)), 30_000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${err}`)));
  });
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  return { child, browser, page };
}

function killGroup(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    process.kill(-child.pid, 'SIGKILL');
  });
}

// A web server, an endpoint that is down until after the crash (the response must wait on the
// device), a profile on disk and a browser on it with the widget mounted. `rig.run` is the running
// browser; `rig.restart()` starts the endpoint and a new browser on the same profile.
async function crashRig(t) {
  const web = await startDist();
  const ep = await startEndpoint();
  await ep.close();
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'manyi-crash-profile-'));
  const url = `${web.url}?survey=/assets/surveys/default.json&locale=zh-CN&endpoint=${encodeURIComponent(ep.url)}`;
  const rig = { ep, run: null };
  const open = async () => {
    rig.run = await startBrowser(profile);
    await rig.run.page.goto(url);
    assert.deepEqual(await waitForMount(rig.run.page), { ok: true });
  };
  rig.restart = async () => { await ep.restart(); await open(); };
  t.after(async () => {
    if (rig.run && rig.run.child.exitCode === null) await killGroup(rig.run.child);
    await ep.close();
    await web.close();
    await fsp.rm(profile, { recursive: true, force: true });
  });
  await open();
  return rig;
}

test('a browser killed right after the thank-you screen keeps the response and delivers it on restart', { skip, timeout: 120_000 }, async (t) => {
  const rig = await crashRig(t);
  let run = rig.run;
  const ep = rig.ep;
  await clickNode(run.page, await waitForNode(run.page, 'satisfaction/6'));
  await clickNode(run.page, await waitForNode(run.page, 'submit'));
  const ref = await waitForNode(run.page, 'reference');
  // The next respondent starts; their first answer is in a draft when the power goes.
  await clickNode(run.page, await waitForNode(run.page, 'new-response'));
  await clickNode(run.page, await waitForNode(run.page, 'satisfaction/7'));
  await waitForNode(run.page, 'satisfaction/7', (n) => n.value === 'true');
  await run.page.waitForTimeout(100); // the draft's commit (a crash sooner loses that last answer)
  await killGroup(run.child);

  await rig.restart();
  run = rig.run;
  const got = await ep.waitFor((e) => e.byId.get(ref.value), 30_000);
  assert.equal(got.body.answers.satisfaction.value, 6, 'the response from before the crash is delivered intact');
  await waitForPending(run.page, (p) => p.total === 1 && p.delivered === 1, 'one response, delivered');
  const nodes = await semantics(run.page);
  assert.ok(findNode(nodes, 'draft-restored'), 'the half-filled survey is offered back');
  assert.equal(findNode(nodes, 'satisfaction/7').value, 'true');
  assert.equal(ep.received.length, 1, 'delivered once');
});

// The press on a Submit that would finish the survey starts the durable write (early_submit.cpp,
// docs/decisions.md D21); the release decides. A crash while the button is held therefore leaves
// the response submitted, as a crash right after the release would, and its draft ended with it:
// the next start neither loses it nor offers its answers back.
test('a browser killed while Submit is held keeps the response as submitted, with no draft left', { skip, timeout: 120_000 }, async (t) => {
  const rig = await crashRig(t);
  let run = rig.run;
  const ep = rig.ep;
  await clickNode(run.page, await waitForNode(run.page, 'satisfaction/6'));
  await waitForNode(run.page, 'satisfaction/6', (n) => n.value === 'true');
  await run.page.waitForTimeout(200); // the draft is written
  const submit = await revealNode(run.page, 'submit');
  await run.page.mouse.move(submit.rect.x + submit.rect.width / 2, submit.rect.y + submit.rect.height / 2);
  await run.page.mouse.down();
  await run.page.waitForTimeout(300); // held: the commit of the press has completed
  await killGroup(run.child);

  await rig.restart();
  run = rig.run;
  const got = await ep.waitFor((e) => e.received.length >= 1, 30_000);
  assert.ok(got);
  assert.equal(ep.received.length, 1);
  assert.equal(ep.received[0].body.answers.satisfaction.value, 6, 'the held response is delivered intact');
  await waitForPending(run.page, (p) => p.total === 1 && p.delivered === 1, 'one response, delivered');
  const nodes = await semantics(run.page);
  assert.ok(!findNode(nodes, 'draft-restored'), 'no draft of the submitted answers');
  assert.notEqual(findNode(nodes, 'satisfaction/6')?.value, 'true', 'a fresh survey');
});
