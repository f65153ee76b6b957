// Lessons as data: the structure of a lesson file (lessons/<id>.json) and its checks, shared by the
// page (tour panel, #lesson=<id>), the WebAssembly runner (`lesson <id>`), the docs generator and
// the tests. No DOM, no file system; tested under Node (tests/node/lessons/files.test.mjs).
//
// A lesson file (format owned here; /work/team/CONTRACTS.md "Lessons", docs/lessons.md):
//   { "id": "momentum",                 the file's name without .json; [a-z0-9-]
//     "section": "8.3.2",               the book's section
//     "title": {"en": "…", "ja": "…"},  the tour's heading
//     "text":  {"en": "…", "ja": "…"},  3–8 sentences for a student: what the run shows, the book's
//                                       equation/algorithm number, what to look at and why
//     "claim": {"en": "…", "ja": "…"},  the claim in numbers, one line (docs/lessons.md lists it);
//                                       tests/node/lessons/<id>.test.mjs checks it from the runners' lines
//     "spec":  {…},                     a full experiment spec, usually with "racers"; validated by the core
//     "views": ["loss", …],             the views the page opens for it (LESSON_VIEWS)
//     "racer_labels": {"ja": ["…", …]} } optional: racer i's name in Japanese for spec.racers[i].label,
//                                       which stays English (the runners print it, links carry it)
// Every text field needs both languages; unknown keys are rejected so a typo does not pass silently.

export const LESSON_LANGS = ['en', 'ja'];

// Views a lesson may ask the page to open. The page shows what it has; a view named here that the
// page does not build yet is simply not opened (helper "views" adds the curvature panel, …).
export const LESSON_VIEWS = [
  'loss', 'time', 'accuracy', 'grad-norm', 'lr', 'heatmap', 'contour', 'signals',
  'curvature', 'step-length', 'effective-lr', 'averaging', 'gradient-noise', 'epochs', 'seeds', 'rnn-gradients', 'repeated-multiplication', 'landscape',
  // staged training (stage boundaries on the loss chart) and weight-space symmetry (helper "stages")
  'stages', 'symmetry',
];

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SECTION = /^8(\.\d+){1,3}$/;
const TEXT_KEYS = ['title', 'text', 'claim'];
const KEYS = ['id', 'section', ...TEXT_KEYS, 'spec', 'views', 'racer_labels'];
// Languages a lesson's racer labels are translated into (the spec's own labels are the English ones).
const LABEL_LANGS = LESSON_LANGS.filter((l) => l !== 'en');

/** Whether text is a well-formed lesson id (the link's lesson=… goes into a file name). */
export const isLessonId = (id) => typeof id === 'string' && id.length <= 64 && ID.test(id);

// Sentences of a text: split after . ! ? 。 ！ ？ followed by a space, the end, or (Japanese) directly.
export function sentenceCount(text) {
  return String(text).split(/(?<=[.!?])\s+|(?<=[。！？])/u).map((s) => s.trim()).filter((s) => s.length > 1).length;
}

/** The problems of a parsed lesson file, each {field, message} naming the field, e.g.
 *  {field: 'title.ja', message: 'title.ja: missing (every text needs en and ja)'}; [] when it is well
 *  formed. `id`: the id the file is stored under. The spec is the core's to validate (validateLesson). */
export function lessonProblems(lesson, id) {
  const out = [];
  const bad = (field, message) => out.push({ field, message: `${field}: ${message}` });
  if (lesson === null || typeof lesson !== 'object' || Array.isArray(lesson)) {
    bad('lesson', 'must be a JSON object');
    return out;
  }
  for (const k of Object.keys(lesson)) if (!KEYS.includes(k)) bad(k, `unknown key; allowed: ${KEYS.join(', ')}`);
  if (!isLessonId(lesson.id)) bad('id', `must be lower-case words joined by - (got ${JSON.stringify(lesson.id)})`);
  else if (id !== undefined && lesson.id !== id) bad('id', `"${lesson.id}" differs from the file name "${id}.json"`);
  if (typeof lesson.section !== 'string' || !SECTION.test(lesson.section)) {
    bad('section', `must be a section of chapter 8 such as "8.3.2" (got ${JSON.stringify(lesson.section)})`);
  }
  for (const key of TEXT_KEYS) {
    const v = lesson[key];
    if (v === null || typeof v !== 'object' || Array.isArray(v)) { bad(key, 'must be an object {"en": "…", "ja": "…"}'); continue; }
    for (const l of Object.keys(v)) if (!LESSON_LANGS.includes(l)) bad(`${key}.${l}`, `unknown language; allowed: ${LESSON_LANGS.join(', ')}`);
    for (const l of LESSON_LANGS) {
      if (typeof v[l] !== 'string' || !v[l].trim()) { bad(`${key}.${l}`, 'missing (every text needs en and ja)'); continue; }
      if (key === 'text') {
        const n = sentenceCount(v[l]);
        if (n < 3 || n > 8) bad(`${key}.${l}`, `must be 3 to 8 sentences for a student (has ${n})`);
      }
    }
  }
  if (lesson.spec === null || typeof lesson.spec !== 'object' || Array.isArray(lesson.spec)) bad('spec', 'must be an experiment spec (a JSON object)');
  if (!Array.isArray(lesson.views) || lesson.views.length === 0) bad('views', `must be a non-empty list of: ${LESSON_VIEWS.join(', ')}`);
  else {
    lesson.views.forEach((v, i) => {
      if (!LESSON_VIEWS.includes(v)) bad(`views[${i}]`, `unknown view ${JSON.stringify(v)}; known: ${LESSON_VIEWS.join(', ')}`);
    });
  }
  if (lesson.racer_labels !== undefined) racerLabelProblems(lesson, bad);
  return out;
}

// racer_labels: {"ja": [one non-empty name per racer of spec.racers, in its order]}.
function racerLabelProblems(lesson, bad) {
  const labels = lesson.racer_labels;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) { bad('racer_labels', 'must be an object {"ja": ["…", …]}'); return; }
  const racers = Array.isArray(lesson.spec?.racers) ? lesson.spec.racers : [];
  for (const [l, names] of Object.entries(labels)) {
    const field = `racer_labels.${l}`;
    if (!LABEL_LANGS.includes(l)) { bad(field, `unknown language; allowed: ${LABEL_LANGS.join(', ')} (spec.racers[i].label is the English)`); continue; }
    if (!Array.isArray(names) || names.length !== racers.length) {
      bad(field, `must list one label per racer of spec.racers (${racers.length}), got ${Array.isArray(names) ? names.length : JSON.stringify(names)}`);
      continue;
    }
    names.forEach((n, i) => { if (typeof n !== 'string' || !n.trim()) bad(`${field}[${i}]`, 'must be a non-empty string'); });
  }
}

/** Racer i's name from the lesson file in language `lang`, while the race is the lesson's own: the
 *  racer's label (`label`, as the running spec has it) is still the file's spec.racers[i].label.
 *  null otherwise (no translation, a label the user changed, English): then the spec's label stands. */
export function lessonRacerLabel(lesson, i, label, lang) {
  const own = lesson?.spec?.racers?.[i]?.label;
  const name = lesson?.racer_labels?.[lang]?.[i];
  return typeof label === 'string' && label === own && typeof name === 'string' && name ? name : null;
}

/** Parses a lesson file's text and checks it: {lesson} or {problems: [{field, message}]}. `validate`
 *  (optional): the core's validator, spec → {ok, field, message} (lab.validate); its rejection is
 *  reported as spec.<field>. */
export function parseLesson(text, id, validate) {
  let lesson;
  try {
    lesson = JSON.parse(text);
  } catch (e) {
    return { problems: [{ field: 'lesson', message: `not valid JSON: ${e.message}` }] };
  }
  const problems = lessonProblems(lesson, id);
  if (!problems.length && validate) {
    const r = validate(lesson.spec);
    if (!r.ok) {
      const field = `spec.${r.field || ''}`.replace(/\.$/, '');
      problems.push({ field, message: r.message.startsWith(r.field) ? `spec.${r.message}` : `${field}: ${r.message}` });
    }
  }
  return problems.length ? { problems } : { lesson };
}

/** The lesson index file's text → {ids} or {problems}. Ids must be well formed and not repeated. */
export function parseLessonIndex(text) {
  let index;
  try { index = JSON.parse(text); } catch (e) { return { problems: [{ field: 'index', message: `index: not valid JSON: ${e.message}` }] }; }
  const ids = index?.lessons;
  if (!Array.isArray(ids)) return { problems: [{ field: 'lessons', message: 'lessons: must be the list of lesson ids in the lecture\'s order' }] };
  const problems = [];
  const seen = new Set();
  ids.forEach((id, i) => {
    if (!isLessonId(id)) problems.push({ field: `lessons[${i}]`, message: `lessons[${i}]: not a lesson id (${JSON.stringify(id)})` });
    else if (seen.has(id)) problems.push({ field: `lessons[${i}]`, message: `lessons[${i}]: "${id}" is listed twice` });
    seen.add(id);
  });
  return problems.length ? { problems } : { ids };
}

/** A lesson's text in a language (English when that language is missing). */
export const lessonText = (lesson, key, lang) => lesson?.[key]?.[lang] ?? lesson?.[key]?.en ?? '';

/** Previous and next ids around `id` in the tour's order (null at the ends, or when id is not listed). */
export function neighbours(ids, id) {
  const i = ids.indexOf(id);
  return i < 0 ? { prev: null, next: null } : { prev: ids[i - 1] ?? null, next: ids[i + 1] ?? null };
}

/** What the page races for a lesson's spec: the spec itself — a race is its own "racers" list,
 *  which the worker hands to the core to expand (lab.expandRace; docs/racing.md). */
export function pageRace(spec) {
  return { spec };
}

/** The "Signals through depth" probe for a lesson's spec: the activation, normalization, depth and
 *  width (units of the first hidden layer) of its base network's hidden layers (the panel then races
 *  its initializers on that network). {activation, norm, depth, width}; a spec without hidden layers
 *  gives depth 0 (the panel keeps its own). */
export function signalsProbe(spec) {
  const layers = Array.isArray(spec?.network?.layers) ? spec.network.layers : [];
  const first = layers[0] ?? {};
  const norm = typeof first.norm === 'string' ? first.norm : first.norm?.name ?? 'none';
  return { activation: first.activation ?? 'tanh', norm, depth: layers.length, width: Number.isInteger(first.units) ? first.units : 32 };
}
