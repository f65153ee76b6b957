// Fixes from the review (issue 15's list): an emptied number field is rejected with a message
// naming its field (no silent snap back), a valid value afterwards leaves no stale message; the
// units field is disabled at 0 hidden layers; the depth view says when it clamps its depth; the
// sparse-coding surface's caption says its minimum is unknown (it is bounded below, not unbounded);
// the control of the field an error names is marked (aria-invalid, red outline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const link = (spec) => `#spec=${encodeURIComponent(JSON.stringify(spec))}`;
const errorText = (page) => page.evaluate(() => { const e = document.getElementById('error'); return e.hidden ? '' : e.textContent; });

test('clearing ε is rejected naming optimizer.lr and the field shows ε again; a valid ε then clears the message', async () => {
  const { page, context, problems } = await openPage(env, link({ optimizer: { name: 'sgd', lr: 0.05 }, steps: 20 }));
  try {
    await page.fill('#opt-lr-num', '');
    await page.press('#opt-lr-num', 'Enter');
    await page.waitForFunction(() => !document.getElementById('error').hidden);
    assert.match(await errorText(page), /optimizer\.lr: must be a number .*kept 0\.05/);
    assert.equal(await page.inputValue('#opt-lr-num'), '0.05');
    const mark = (id) => page.evaluate((i) => {
      const e = document.getElementById(i);
      return { invalid: e.getAttribute('aria-invalid'), describedBy: e.getAttribute('aria-describedby'), outlined: e.classList.contains('invalid') };
    }, id);
    assert.deepEqual(await mark('opt-lr-num'), { invalid: 'true', describedBy: 'error', outlined: true }, 'the ε field itself is marked');
    await page.fill('#opt-lr-num', '0.02');
    await page.press('#opt-lr-num', 'Enter');
    await page.waitForFunction(() => JSON.parse(document.getElementById('spec').value).optimizer.lr === 0.02);
    assert.equal(await errorText(page), '', 'no stale message once a valid ε is applied');
    assert.deepEqual(await mark('opt-lr-num'), { invalid: null, describedBy: null, outlined: false }, 'and no stale mark');
    // A bad batch size typed in the JSON box: the error names batch_size, and the form's field is marked.
    const spec = JSON.parse(await page.inputValue('#spec'));
    await page.fill('#spec', JSON.stringify({ ...spec, batch_size: -3 }));
    await page.click('#apply');
    await page.waitForFunction(() => /batch_size/.test(document.getElementById('error').textContent));
    assert.equal((await mark('batch')).invalid, 'true');
    assert.equal((await mark('opt-lr-num')).invalid, null, 'only the field the error names');
  } finally {
    await context.close();
  }
});

test('0 hidden layers disable the units field; the depth view names a clamped depth', async () => {
  const { page, context, problems } = await openPage(env, link({ network: { layers: [] }, steps: 20 }));
  try {
    assert.equal(await page.isDisabled('#units'), true);
    await page.fill('#layers', '2');
    await page.press('#layers', 'Enter');
    await page.waitForFunction(() => !document.getElementById('units').disabled);
    await page.click('#signals summary');
    await page.waitForFunction(() => document.getElementById('signals').dataset.ready === '1', null, { timeout: 60_000 });
    await page.fill('#signals-depth', '50');
    await page.dispatchEvent('#signals-depth', 'change');
    await page.waitForFunction(() => document.getElementById('signals').dataset.ready === '1' && document.getElementById('signals-depth').value === '30', null, { timeout: 60_000 });
    assert.match(await page.textContent('#signals .signals-controls'), /depth 50 is outside 2…30: 30 layers shown/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the sparse-coding caption says its minimum is unknown; the saddle\'s says it is unbounded below', async () => {
  const { page, context, problems } = await openPage(env, link({ problem: { name: 'sparse_coding' }, optimizer: { name: 'coordinate_descent' }, steps: 5 }));
  try {
    await page.waitForFunction(() => /not known/.test(document.getElementById('loss-caption').textContent));
    assert.doesNotMatch(await page.textContent('#loss-caption'), /unbounded/);
    await page.fill('#spec', JSON.stringify({ problem: { name: 'saddle' }, optimizer: { name: 'sgd', lr: 0.01 }, steps: 5 }));
    await page.click('#apply');
    await page.waitForFunction(() => /unbounded below/.test(document.getElementById('loss-caption').textContent));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
