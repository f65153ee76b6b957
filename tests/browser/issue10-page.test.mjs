// Issue 10, "What a new user meets today": keys, messages, readouts, links, the epoch readout,
// embed code and copying. Each test replays one item of the list as a user would and
// asserts what the user expects to see.
//
// Hooks: ids and data-* attributes the page had before issue 10 (#play, #step, #speed, #spec,
// #apply, #error[data-seq], #stat-step[data-value], #stat-epoch[data-value], #copy-link,
// #copy-embed, #racers, #noise-out, output[for=<slider id>], body[data-state]) and:
//   #<slider id>-num   the number field beside a hyperparameter slider (checked for clipping with
//                      the slider's <output> readout, whichever of the two the page shows)
//   the manual-copy box: when the clipboard refuses, a Copy button leaves the text selected in a
//                      visible box — found as the focused <textarea>/<input> whose whole value is
//                      selected (or the document selection), no id needed.
//   embed code: read from the clipboard (or #copy-embed[data-copied] where reading it is refused).
// (listed in /work/team/itemtests-status.md)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import {
  setup, withPage, defaultSpec, openRaw, waitState, errorBox, trainToEnd, linkFor, addressState, boxSpec, ARGS, CHROMIUM,
} from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const stepNow = (page) => page.evaluate(() => Number(document.getElementById('stat-step').dataset.value));
const waitStep = (page, n, what) => page.waitForFunction((k) => Number(document.getElementById('stat-step').dataset.value) === k, n, { timeout: 30_000 })
  .catch(() => assert.fail(`${what}: the step counter did not reach ${n}`));

test('after clicking Step or Play with the mouse, → steps and Space plays/pauses once', async () => {
  // Slow motion, so a run is still going when it is looked at.
  await withPage(env, linkFor(await defaultSpec(env), null, '&speed=30'), async ({ page }) => {
    await page.click('#step');
    await waitStep(page, 1, 'Step clicked');
    await page.keyboard.press('ArrowRight');
    await waitStep(page, 2, '→ right after clicking Step');
    // Space with the focus still on Step plays and pauses (the hint "Space: play/pause"), no step.
    await spacePlaysThenPauses(page, 'Space on Step plays (and is not also a click on Step, which pauses)');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'step');

    await page.click('#play');
    await waitState(page, ['playing'], 10_000);
    await page.click('#play');
    await waitState(page, ['paused'], 10_000);
    const s = await stepNow(page);
    await page.keyboard.press('ArrowRight');
    await waitStep(page, s + 1, '→ right after clicking Play (pause)');

    // Space after a mouse click on Play toggles once (not twice: the button's own click and the key).
    await spacePlaysThenPauses(page, 'Space started the run and left it running');
  });
});

// Space starts the run and it keeps running (nothing else, like a button's own click, stops it);
// Space again pauses.
async function spacePlaysThenPauses(page, what) {
  await page.keyboard.press('Space');
  await waitState(page, ['playing'], 10_000);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'playing', what);
  await page.keyboard.press('Space');
  await waitState(page, ['paused'], 10_000);
}

// Each report bumps data-seq on the error box, so a new report is told apart from the last one.
async function applyJson(page, text) {
  const seq = await page.evaluate(() => Number(document.getElementById('error').dataset.seq ?? 0));
  await page.fill('#spec', text);
  await page.click('#apply');
  await page.waitForFunction((n) => Number(document.getElementById('error').dataset.seq ?? 0) > n, seq, { timeout: 30_000 });
  return errorBox(page);
}

// "… allowed here: a, b, c" → ['a', 'b', 'c'].
function allowedList(text) {
  const m = /allowed[^:]*:\s*([^\n]*)/i.exec(text);
  assert.ok(m, `the message lists the allowed keys (${text})`);
  return m[1].replace(/[.;)\s]+$/, '').split(/,\s*|\s+or\s+|\s+and\s+/).map((k) => k.trim().replace(/^["'`]|["'`]$/g, '')).filter(Boolean);
}

test('the unknown-key error lists each allowed key once, beta1/beta2 included under an Adam optimizer', async () => {
  await withPage(env, '', async ({ page }) => {
    const good = await boxSpec(page);
    let e = await applyJson(page, JSON.stringify({ ...good, bogus: 1 }));
    assert.ok(e.visible);
    assert.match(e.text, /bogus/, `names the unknown key (${e.text})`);
    let keys = allowedList(e.text);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], `no key listed twice: ${keys.join(', ')}`);
    for (const k of ['seed', 'steps', 'batch_size', 'optimizer', 'network', 'dataset']) assert.ok(keys.includes(k), `lists ${k}: ${keys.join(', ')}`);

    e = await applyJson(page, JSON.stringify({ ...good, optimizer: { name: 'adam', lr: 0.01, bogus: 1 } }));
    assert.match(e.text, /optimizer\.bogus/, `names the field (${e.text})`);
    keys = allowedList(e.text);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], `no key listed twice: ${keys.join(', ')}`);
    for (const k of ['name', 'lr', 'betas', 'beta1', 'beta2', 'eps']) assert.ok(keys.includes(k), `lists ${k}: ${keys.join(', ')}`);
  });
});

test('slider readouts show their whole value on one line (ε 0.00123, ρ₂ 0.99899, δ 1e-7)', async () => {
  const spec = await defaultSpec(env);
  spec.optimizer = { name: 'adam', lr: 0.00123, betas: [0.9, 0.99899], eps: 1e-7 };
  await withPage(env, linkFor(spec, [{ name: 'adagrad', lr: 0.0456, eps: 1e-7 }]), async ({ page }) => {
    const readouts = await page.evaluate(() => {
      const out = [];
      for (const range of document.querySelectorAll('#racers input[type=range], #noise')) {
        const shown = [document.querySelector(`output[for="${range.id}"]`), document.getElementById(`${range.id}-num`)].filter((e) => e && e.getClientRects().length);
        for (const e of shown) {
          const isInput = e instanceof HTMLInputElement;
          const text = isInput ? e.value : e.textContent;
          let lines = 1;
          if (!isInput) {
            const r = document.createRange();
            r.selectNodeContents(e);
            lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
          }
          out.push({ slider: range.id, what: isInput ? 'number field' : 'output', text, scrollWidth: e.scrollWidth, clientWidth: e.clientWidth, lines });
        }
        if (!shown.length) out.push({ slider: range.id, what: 'nothing', text: '', scrollWidth: 0, clientWidth: 0, lines: 0 });
      }
      return out;
    });
    assert.ok(readouts.length >= 6, JSON.stringify(readouts));
    for (const r of readouts) {
      assert.notEqual(r.what, 'nothing', `#${r.slider} shows its value`);
      assert.ok(r.scrollWidth <= r.clientWidth, `${r.what} of #${r.slider} is not clipped: "${r.text}" needs ${r.scrollWidth}px of ${r.clientWidth}px`);
      if (r.what === 'output') assert.equal(r.lines, 1, `output of #${r.slider} "${r.text}" on one line`);
    }
    const value = (id) => readouts.filter((r) => r.slider === id).map((r) => Number(r.text));
    for (const [id, v] of [['opt-lr', 0.00123], ['opt-betas-1', 0.99899], ['opt-eps', 1e-7], ['opt2-lr', 0.0456], ['opt2-eps', 1e-7]]) {
      assert.ok(value(id).length > 0 && value(id).every((x) => x === v), `#${id} shows ${v}: ${JSON.stringify(readouts.filter((r) => r.slider === id))}`);
    }
  });
});

test('a rejected link stays in the address bar and in the JSON box for correcting, while the default runs', async () => {
  const bad = await defaultSpec(env);
  bad.optimizer = { name: 'sgd', lr: -0.1 };
  bad.seed = 12;
  const hash = linkFor(bad);
  await withPage(env, hash, async ({ page }) => {
    const e = await errorBox(page);
    assert.ok(e.visible, 'the rejection is shown');
    assert.match(e.text, /optimizer\.lr/, `names the field (${e.text})`);
    assert.equal(await waitState(page, ['ready']), 'ready', 'the default experiment is ready');
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
    const bar = await addressState(page);
    assert.deepEqual(bar.spec, bad, `the address bar still holds the link (${bar.raw.slice(0, 120)}…)`);
    assert.deepEqual(await boxSpec(page), bad, 'the JSON box holds the rejected spec, to correct');

    // Correct it where it is shown and apply: it runs, and the address bar follows.
    const fixed = { ...bad, optimizer: { name: 'sgd', lr: 0.1 } };
    await page.fill('#spec', JSON.stringify(fixed, null, 2));
    await page.click('#apply');
    await page.waitForFunction(() => document.getElementById('error').hidden, null, { timeout: 30_000 });
    await page.waitForFunction(() => /%22seed%22%3A12|"seed":12/.test(location.hash) && !/-0\.1/.test(decodeURIComponent(location.hash)), null, { timeout: 30_000 });
    const now = await addressState(page);
    assert.equal(now.spec.optimizer.lr, 0.1);
    assert.equal(now.spec.seed, 12);
  });
});

test('with batch 240 and 4000 steps on 240 training examples, the epoch readout says 4000', async () => {
  const spec = await defaultSpec(env);
  spec.dataset = { ...spec.dataset, samples: 300, test_fraction: 0.2 };   // 300 − 0.2·300 = 240 training examples
  spec.batch_size = 240;
  spec.steps = 4000;
  const train = spec.dataset.samples - spec.dataset.samples * spec.dataset.test_fraction;
  const epochs = (spec.steps * spec.batch_size) / train;
  await withPage(env, linkFor(spec), async ({ page }) => {
    const s = await trainToEnd(page);
    assert.equal(s.state, 'finished');
    assert.equal(s.step, 4000);
    assert.equal(s.epoch, epochs, 'the epoch count');
    const text = await page.textContent('#stat-epoch');
    assert.equal(Number(text.replace(/[,\s\u202f]/g, '')), epochs, `the readout says ${epochs} (it says "${text}")`);
  });
});

// The embed code the page copies: from the clipboard when it can be read, else what the button
// recorded.
async function copiedEmbed(page, context) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#copy-embed');
  await page.waitForFunction(() => document.getElementById('copy-embed').dataset.copied !== undefined ||
    document.activeElement?.value?.includes('<opt-lab'), null, { timeout: 5_000 }).catch(() => {});
  const clip = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
  return clip && clip.includes('opt-lab') ? clip : page.evaluate(() => document.getElementById('copy-embed').dataset.copied);
}

// Pastes a snippet into a course page of its own and checks the lab frame it shows, once that
// frame has settled: it plays at slow motion by itself, as the page the code was copied from did.
async function assertPastedPlaysSlowly(html, form) {
  const context = await env.browser.newContext();
  try {
    const host = await context.newPage();
    const problems = [];
    host.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await host.setContent(`<!doctype html><title>course page</title><body>${html}</body>`);
    let frame;
    for (let i = 0; i < 150 && !frame; i++) {
      frame = host.frames().find((x) => x.url().includes('embed=1'));
      if (!frame) await host.waitForTimeout(100);
    }
    assert.ok(frame, `${form}: the snippet shows a lab frame`);
    await waitState(frame, ['playing', 'ready', 'paused', 'finished', 'diverged', 'error'], 60_000);
    await frame.waitForFunction(() => document.body.dataset.state !== 'ready', null, { timeout: 5_000 }).catch(() => {});
    assert.equal(await frame.inputValue('#speed'), '30', `${form}: slow motion, as in the page`);
    assert.equal(await frame.evaluate(() => document.body.dataset.state), 'playing', `${form}: plays by itself`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

test('Copy embed code carries the page\'s speed and autoplay, in the <opt-lab> form and the iframe form', async () => {
  const spec = await defaultSpec(env);
  const { page, context, problems } = await openRaw(env, 'index.html' + linkFor(spec, null, '&speed=30&autoplay=1'));
  try {
    assert.equal(await waitState(page, ['playing'], 60_000), 'playing', 'the page plays by itself');
    assert.equal(await page.inputValue('#speed'), '30');
    const code = await copiedEmbed(page, context);
    assert.match(code ?? '', /<opt-lab[\s>]/, `embed code copied: ${code}`);
    await assertPastedPlaysSlowly(code.replace(/<!--[\s\S]*?-->/g, ''), '<opt-lab>');
    const iframe = /<iframe\s[^>]*>\s*<\/iframe>/.exec(code)?.[0];
    assert.ok(iframe, `an iframe form is offered: ${code}`);
    await assertPastedPlaysSlowly(iframe, 'iframe');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// After a Copy button is clicked and the clipboard refuses: the text, selected, in a visible box.
async function manualCopyText(page, button) {
  await page.click(button);
  const handle = await page.waitForFunction(() => {
    const a = document.activeElement;
    if ((a instanceof HTMLTextAreaElement || a instanceof HTMLInputElement) && a.value && a.selectionStart === 0 && a.selectionEnd === a.value.length) {
      const r = a.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? a.value : null;
    }
    const s = getSelection()?.toString();
    return s && s.length > 20 ? s : null;
  }, null, { timeout: 5_000 }).catch(() => null);
  assert.ok(handle, `${button}: the text is shown selected in a box to copy by hand`);
  return handle.jsonValue();
}

async function assertManualCopy(page) {
  const link = await manualCopyText(page, '#copy-link');
  const here = await page.evaluate(() => ({ origin: location.origin, hash: location.hash }));
  assert.equal(new URL(link).origin, here.origin, `the link is to this page: ${link}`);
  assert.ok(link.endsWith(here.hash), 'the link carries the experiment');
  const code = await manualCopyText(page, '#copy-embed');
  assert.match(code, /<opt-lab[\s>][\s\S]*<\/opt-lab>/, `the embed code: ${code}`);
  assert.match(code, /opt-lab\.js/);
}

test('when the clipboard refuses, both Copy buttons show their text selected in a box', async () => {
  const refuseClipboard = (context) => context.addInitScript(() => {
    const refuse = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => ({ writeText: refuse, readText: refuse, write: refuse, read: refuse }) });
  });
  await withPage(env, '', async ({ page }) => {
    await assertManualCopy(page);
  }, { prepare: refuseClipboard });
});

test('on a course server over plain http (no Clipboard API), both Copy buttons show their text selected in a box', async () => {
  // A host name that is not localhost: Chromium treats the page as insecure and has no navigator.clipboard.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, '--host-resolver-rules=MAP course.example 127.0.0.1'] });
  try {
    const u = new URL(env.base);
    u.hostname = 'course.example';
    await withPage({ browser, base: u.href }, '', async ({ page }) => {
      assert.equal(await page.evaluate(() => window.isSecureContext), false, 'an insecure origin');
      assert.equal(await page.evaluate(() => 'clipboard' in navigator), false, 'without the Clipboard API');
      await assertManualCopy(page);
    });
  } finally {
    await browser.close();
  }
});
