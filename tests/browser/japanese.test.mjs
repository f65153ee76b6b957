// Both languages complete (issue 15): with the page in Japanese, no text it shows — static text,
// panels, the lecture's views, the signals panel, option lists, tooltips and aria labels, the
// core's error messages — is left in English (an English phrase: two English words in a row,
// outside quoted values, JSON and identifiers; tests/node/english-phrase.mjs), on a network and on
// a surface experiment; and the Japanese text is drawn with a Japanese font (the platform font
// Chromium used for it, asked through the DevTools protocol). Elements marked translate="no" (the
// JSON box, spec identifiers) are left out. Screenshots: test-output/browser/page-ja-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitState, outputDir } from './helpers.mjs';
import { englishPhrase } from '../node/english-phrase.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const link = (spec) => `#spec=${encodeURIComponent(JSON.stringify(spec))}&lang=ja`;

// Every visible text node and the title/aria-label/placeholder of every visible element.
async function shownTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const visible = (e) => {
      for (let x = e; x; x = x.parentElement) {
        if (x.hidden || x.getAttribute?.('translate') === 'no') return false;
        if (x.tagName === 'DETAILS' && !x.open && x !== e && !e.closest('summary')) {
          if (!e.closest('summary') || e.closest('details') !== x) return false;
        }
      }
      const s = getComputedStyle(e);
      return s.display !== 'none' && s.visibility !== 'hidden' && e.getClientRects().length > 0;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentElement;
      if (!p || ['SCRIPT', 'STYLE', 'TEXTAREA'].includes(p.tagName)) continue;
      const text = n.textContent.trim();
      if (text && visible(p)) out.push({ where: p.id || p.className || p.tagName, text });
    }
    for (const e of document.body.querySelectorAll('[title], [aria-label], [placeholder]')) {
      if (!visible(e) && e.tagName !== 'OPTION') continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = e.getAttribute(a);
        if (v) out.push({ where: `${e.id || e.tagName}@${a}`, text: v });
      }
    }
    for (const o of document.querySelectorAll('select option')) {
      if (o.closest('[translate="no"]') || o.closest('[hidden]')) continue;
      out.push({ where: `${o.parentElement.id}>option`, text: o.textContent });
    }
    return out;
  });
}
const english = (texts) => texts.map((x) => ({ ...x, phrase: englishPhrase(x.text) })).filter((x) => x.phrase)
  .map((x) => `${x.where}: "${x.text.slice(0, 120)}" (English: "${x.phrase}")`);

async function fontsOf(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

async function openEverything(page) {
  await page.click('#signals summary');
  await page.waitForFunction(() => document.getElementById('signals').dataset.ready === '1', null, { timeout: 60_000 });
  for (const box of await page.$$('.view-toggles input[type=checkbox]')) if (!(await box.isChecked())) await box.click();
}

test('a network experiment in Japanese shows no English phrase, and its Japanese text uses a Japanese font', async () => {
  const spec = { dataset: { name: 'spiral', samples: 120 }, network: { layers: [{ units: 6 }] }, optimizer: { name: 'adam', lr: 0.01 },
    steps: 40, log_every: 10, trace: { curvature: true, step_length: true, effective_lr: true } };
  const { page, context, problems } = await openPage(env, link(spec));
  try {
    await openEverything(page);
    await page.click('#play');
    await waitState(page, ['finished', 'diverged']);
    // A rejected value shows the core's message, in Japanese too.
    await page.fill('#spec', JSON.stringify({ ...spec, optimizer: { name: 'adam', lr: -1 } }));
    await page.click('#apply');
    await page.waitForFunction(() => !document.getElementById('error').hidden);
    assert.match(await page.textContent('#error'), /optimizer\.lr: .*でなければなりません/);
    await page.screenshot({ path: join(outputDir, 'page-ja-network.png'), fullPage: true });
    assert.deepEqual(english(await shownTexts(page)), []);
    const fonts = await fontsOf(page, '#lecture-views figcaption');
    assert.ok(fonts.some((f) => /Noto Sans CJK JP|Noto Sans JP/.test(f)), `Japanese caption drawn with ${fonts.join(', ')}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a surface experiment in Japanese shows no English phrase', async () => {
  const { page, context, problems } = await openPage(env, link({ problem: { name: 'rosenbrock' }, optimizer: { name: 'momentum', lr: 0.0005 }, steps: 50 }));
  try {
    await openEverything(page);
    await page.click('#play');
    await waitState(page, ['finished', 'diverged']);
    await page.screenshot({ path: join(outputDir, 'page-ja-surface.png'), fullPage: true });
    assert.deepEqual(english(await shownTexts(page)), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link with NaN in its spec is refused in Japanese, its note too', async () => {
  // NaN is not a JSON number: the page reads it as text, the core names the field, and the note
  // that says why is in the page's language like the message itself.
  const { page, context } = await openPage(env, '#spec=%7B%22optimizer%22%3A%7B%22lr%22%3ANaN%7D%7D&lang=ja');
  try {
    await page.waitForFunction(() => !document.getElementById('error').hidden && document.getElementById('error').textContent.includes('optimizer.lr'));
    const shown = await page.textContent('#error');
    assert.match(shown, /NaN と Infinity は JSON の数ではありません/);
    assert.doesNotMatch(shown, /are not numbers in JSON/);
  } finally {
    await context.close();
  }
});
