// The link (web/url-state.js, web/share.js, web/spec-text.js): every key round-trips, bad input
// is reported naming the key and never throws, and the embed code carries speed and autoplay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHash, formatHash, URL_KEYS } from '../../web/url-state.js';
import { parseSpecText } from '../../web/spec-text.js';
import { shareLink, embedCode } from '../../web/share.js';

const spec = { seed: 7, problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'sgd', lr: 0.0501 }, steps: 500, note: 'a & b = c#d' };
const race = { ...spec, racers: [{}, { optimizer: { name: 'adam', lr: 0.05, betas: [0.9, 0.999] } }], changes: [{ step: 10, racer: 1, set: { 'optimizer.lr': 0.01 } }] };
const full = { spec: race, lang: 'ja', heatmapRacer: 2, speed: 300, embed: true, autoplay: true, workers: 2 };

test('every key round-trips through the hash, exact numbers and awkward characters included', () => {
  const hash = formatHash(full);
  assert.match(hash, /^#spec=[^&]*&lang=ja&heatmap=2&speed=300&embed=1&autoplay=1&workers=2$/, 'the race rides in the spec');
  const back = parseHash(hash);
  assert.deepEqual(back.problems, []);
  const { specText, specNote, ...values } = back.values;
  assert.deepEqual(values, full);
  assert.equal(specText, JSON.stringify(race));
  assert.equal(formatHash(back.values), hash, 'format(parse(h)) = h');
  assert.equal(URL_KEYS.length, new Set(URL_KEYS.map((k) => k.key)).size, 'one entry per key');
});

test('a one-racer English page has just #spec=… (what the command-line runners take)', () => {
  assert.equal(formatHash({ spec, lang: 'en', heatmapRacer: 0, speed: 0, embed: false, autoplay: false, workers: 0 }),
    '#spec=' + encodeURIComponent(JSON.stringify(spec)));
});

test('bad values are reported naming their key and ignored; the rest of the link still reads', () => {
  const h = '#spec=' + encodeURIComponent(JSON.stringify(spec)) + '&racers=%7Bnot-a-list&lang=xx&heatmap=-1&speed=fast&embed=yes&autoplay=1&unknown=3';
  const { values, problems } = parseHash(h);
  assert.deepEqual(values.spec, spec);
  assert.equal(values.autoplay, true);
  for (const key of ['racers', 'lang', 'heatmap', 'speed', 'embed']) {
    assert.ok(problems.some((p) => p.startsWith(`${key}:`)), `${key} reported: ${problems}`);
    assert.equal(values[{ racers: 'oldRacers', heatmap: 'heatmapRacer' }[key] ?? key], undefined);
  }
  assert.equal(values.racersText, '{not-a-list', 'a rejected racers text is kept, to stay in the address bar');
});

test('a spec that is not JSON is kept as text for the validator; NaN gets its field\'s error', () => {
  const broken = parseHash('#spec=%7B%22seed%22%3A%207%2C');
  assert.equal(broken.values.spec, '{"seed": 7,', 'raw text: the validator says where it breaks');
  const nan = parseSpecText('{"optimizer": {"name": "sgd", "lr": NaN}, "note": "NaN stays"}');
  assert.deepEqual(nan.spec, { optimizer: { name: 'sgd', lr: 'NaN' }, note: 'NaN stays' });
  assert.match(nan.note, /NaN and Infinity/);
  // Undecodable percent-escapes and repeated keys never throw; the first occurrence wins.
  const odd = parseHash('#spec=%E0%A4%A&spec={}&=x&lang');
  assert.equal(odd.values.specText, '%E0%A4%A');
  assert.deepEqual(parseHash('').values, {});
  // Nested 7000 deep: kept as text (a structured clone of it would overflow the stack).
  const deep = '{"seed": ' + '['.repeat(7000) + ']'.repeat(7000) + '}';
  const d = parseHash('#spec=' + encodeURIComponent(deep)).values;
  assert.equal(d.spec, deep);
  assert.match(d.specNote, /nested deeper than 100/);
  assert.equal(typeof parseSpecText('{"a": ' + '['.repeat(99) + ']'.repeat(99) + '}').spec, 'object', '100 levels still parse');
  // 1e999 is beyond a double: JSON.parse would give Infinity (sent on as null, "got null"); the
  // text goes to the validator unchanged, which names the field and the out-of-range literal.
  const huge = '{"optimizer": {"name": "sgd", "betas": [0.9, -1e999], "lr": 0.1}}';
  assert.equal(parseSpecText(huge).spec, huge);
  assert.equal(parseHash('#spec=' + encodeURIComponent(huge)).values.spec, huge);
  assert.equal(typeof parseSpecText('{"lr": 1e308}').spec, 'object', 'a finite large number still parses');
});

test('the embed code carries the speed and autoplay, in both forms; the link carries the page', () => {
  const base = 'https://course.example/optlab/';
  const code = embedCode(base, { spec: race, lang: 'ja', speed: 30, autoplay: true, heatmapRacer: 0 });
  const [script, element, comment] = code.split('\n');
  assert.equal(script, `<script src="${base}opt-lab.js"></script>`);
  assert.match(element, /^<opt-lab lang="ja" autoplay speed="30"><script type="application\/json">/);
  const json = JSON.parse(element.match(/<script type="application\/json">(.*)<\/script><\/opt-lab>$/)[1]);
  assert.deepEqual(json, { spec: race });
  const frame = comment.match(/src="([^"]+)"/)[1];
  assert.ok(frame.startsWith(`${base}index.html#`));
  const v = parseHash(frame.slice(frame.indexOf('#'))).values;
  assert.equal(v.speed, 30);
  assert.equal(v.autoplay, true);
  assert.equal(v.embed, true);
  assert.equal(v.lang, 'ja');
  // Full speed and no autoplay: neither attribute.
  const plain = embedCode(base, { spec, lang: 'en', speed: 0, autoplay: false });
  assert.match(plain.split('\n')[1], /^<opt-lab><script/);
  // "</script>" inside a value cannot end the element early.
  const sneaky = embedCode(base, { spec: { ...spec, note: '</script><img src=x>' } });
  assert.doesNotMatch(sneaky.split('\n')[1].slice(0, -'</script></opt-lab>'.length), /<\/script>/);
  assert.equal(shareLink(base, full), `${base}index.html${formatHash(full)}`);
});
