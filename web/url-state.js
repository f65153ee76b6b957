// The link: one table of URL-hash keys, each with parse() (text → value, or a problem naming the
// key) and format() (value → text, or null to leave the key out). The hash holds everything needed
// to reproduce what is on screen:
//   #lesson=<id> or #spec=<JSON>[&lang=ja][&heatmap=i][&speed=n][&embed=1][&autoplay=1][&workers=n]
// A race is the spec's own "racers" list (docs/racing.md), so #spec=… is all the command-line
// runners need. Old links, #spec=S&racers=<JSON list of optimizer objects>, still open: they are
// read as the same race in the spec (race-spec.js fromOldLink); links are written the new way.
// No DOM; tested under Node (tests/node/web-url-state.test.mjs).
import { parseSpecText } from './spec-text.js';
import { LANGS } from './i18n.js';
import { isLessonId } from './lessons.js';
import { fromOldLink } from './race-spec.js';

const flag = (key) => ({
  key,
  parse: (text) => (text === '1' ? { value: true } : text === '0' ? { value: false } : { problem: `${key}: expected 1 or 0 (got "${text}"); ignored` }),
  format: (v) => (v ? '1' : null),
});
const count = (key, max) => ({
  key,
  parse: (text) => {
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 && n <= max ? { value: n } : { problem: `${key}: expected a whole number from 0 to ${max} (got "${text}"); ignored` };
  },
  format: (v) => (v ? String(v) : null),
});

// In the order they are written. `spec` and `racers` keep their text as well (specText,
// racersText, even when rejected): a rejected link stays as it was, to correct.
export const URL_KEYS = [
  // A lesson of the chapter tour (lessons/<id>.json): its race unless the link also has a spec.
  { key: 'lesson', field: 'lesson',
    // Its text is kept (lessonText): a link to a lesson that cannot open stays in the address bar as typed.
    parse: (text) => (isLessonId(text) ? { value: text, text } : { problem: `lesson: not a lesson id (got "${text}"); ignored`, text }),
    format: (v) => v || null },
  { key: 'spec', field: 'spec',
    parse: (text) => { const { spec, note } = parseSpecText(text); return { value: spec, note, text }; },
    format: (spec) => (spec ? JSON.stringify(spec) : null) },
  // Old links only (read, never written): the optimizers of racers 2..n.
  { key: 'racers', field: 'oldRacers',
    parse: (text) => {
      const { spec } = parseSpecText(text);
      return Array.isArray(spec) ? { value: spec, text } : { problem: 'racers: the link’s list of optimizers is not a JSON list; ignored', text };
    },
    format: () => null },
  { key: 'lang', field: 'lang',
    parse: (text) => (LANGS.includes(text) ? { value: text } : { problem: `lang: one of ${LANGS.join(', ')} (got "${text}"); ignored` }),
    format: (v) => (v && v !== 'en' ? v : null) },
  { ...count('heatmap', 7), field: 'heatmapRacer' },
  { ...count('speed', 1_000_000), field: 'speed' },
  { ...flag('embed'), field: 'embed' },
  { ...flag('autoplay'), field: 'autoplay' },
  // At most this many pool workers run the racers (1: all in the training worker); default two per core (web/worker/pool.js poolSize).
  { ...count('workers', 64), field: 'workers' },
];

/** '#spec=…&lang=ja' → {values: {spec, specText, specNote, oldRacers, racersText, lang, …}, problems: [text]}.
 *  Unknown keys and repeats are ignored (the first wins); undecodable text is kept as it is. An old
 *  link's racers are in values.spec as the spec's racers (values.oldRacers: the link's list). */
export function parseHash(hash) {
  const raw = {};
  for (const part of String(hash ?? '').replace(/^#/, '').split('&')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const key = part.slice(0, i);
    let text = part.slice(i + 1);
    try { text = decodeURIComponent(text); } catch { /* keep the raw text; the validator reports it */ }
    if (!(key in raw)) raw[key] = text;
  }
  const values = {}, problems = [];
  for (const k of URL_KEYS) {
    if (!(k.key in raw)) continue;
    const r = k.parse(raw[k.key]);
    if (r.text !== undefined) values[`${k.key}Text`] = r.text;
    if (r.problem) { problems.push(r.problem); continue; }
    values[k.field] = r.value;
    if (k.key === 'spec') values.specNote = r.note;
  }
  if (values.oldRacers && values.spec !== undefined) values.spec = fromOldLink(values.spec, values.oldRacers);
  return { values, problems };
}

/** {spec, lang, heatmapRacer, speed, embed, autoplay, workers} → '#spec=…&…'. */
export function formatHash(values) {
  const parts = [];
  for (const k of URL_KEYS) {
    const text = values[k.field] === undefined ? null : k.format(values[k.field]);
    if (text != null) parts.push(`${k.key}=${encodeURIComponent(text)}`);
  }
  return '#' + parts.join('&');
}
