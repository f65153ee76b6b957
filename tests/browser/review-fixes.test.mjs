// Findings of the fresh-user review (/work/team/itemtests-status.md, "Review (fresh user)") that
// a test can replay: a link's bad racer is reported and kept, an error below the fold is seen,
// and choosing a dataset adjusts what depends on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, withPage, waitState, linkFor, addressState } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// The visible message boxes' text (error and warning).
const messages = (page) => page.evaluate(() => ['error', 'warning'].map((id) => document.getElementById(id))
  .filter((e) => !e.hidden).map((e) => e.textContent).join('\n'));

test('a link with a bad racer names the racer\'s field and keeps the link\'s text in the address bar', async () => {
  for (const racers of ['[{"name":"momentum","lr":-0.5}]', '[{"name":"adamx"}]', '[{name:adam}]']) {
    const hash = linkFor({ seed: 3 }) + '&racers=' + encodeURIComponent(racers);
    await withPage(env, hash, async ({ page }) => {
      await waitState(page, ['ready']);
      const text = await messages(page);
      const field = { '-0.5': /racers\[0\]\.lr: must be > 0/, adamx: /racers\[0\]\.name/, '{name': /racers: .*not a JSON list/ };
      const [, expected] = Object.entries(field).find(([k]) => racers.includes(k));
      assert.match(text, expected, `the message names the link's field for ${racers}: "${text}"`);
      assert.ok(await page.evaluate(() => !document.getElementById('error').hidden), 'shown as an error, not a side note');
      const bar = await addressState(page);
      assert.equal(bar.params.racers, racers, `the address bar keeps the racers text (${bar.raw})`);
    });
  }
});
