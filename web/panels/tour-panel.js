// The chapter tour: the lessons (lessons/<id>.json, copied to dist/lessons/ by web/build.mjs) listed
// in the lecture's order, previous/next, and the open lesson's section, title, text and claim in
// the page's language. Opening a lesson starts its race and plays it to its end; the link is then
// #lesson=<id> (address-bar.js leaves the spec out while the lesson's race is untouched).
// Text only (textContent): nothing from a lesson file is ever parsed as markup.
import { t, lang } from '../i18n.js';
import { parseLesson, parseLessonIndex, lessonText, neighbours, isLessonId } from '../lessons.js';
import { byId } from '../views/dom.js';

// lessons/ next to index.html (read when needed: no DOM work at import).
const base = () => new URL('./lessons/', document.baseURI);

async function fetchText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
  return r.text();
}

/** Reads lessons/index.json: the ids in the lecture's order. Throws with a message naming the file. */
export async function fetchLessonIndex() {
  const r = parseLessonIndex(await fetchText(new URL('index.json', base())));
  if (r.problems) throw new Error(r.problems.map((p) => `lessons/index.json: ${p.message}`).join('\n'));
  return r.ids;
}

/** Reads and checks one lesson file (the core validates its spec when the race starts). */
export async function fetchLesson(id) {
  if (!isLessonId(id)) throw new Error(t('lessonBadId', id));
  let text;
  try { text = await fetchText(new URL(`${id}.json`, base())); } catch (e) { throw new Error(t('lessonMissing', id, e.message)); }
  const r = parseLesson(text, id);
  if (r.problems) throw new Error(r.problems.map((p) => `lessons/${id}.json: ${p.message}`).join('\n'));
  return r.lesson;
}

/** app: the page (state, client); open(lesson, {push, left}): start the lesson's race and play it
 *  (push: a navigation of the user's, to add to the browser's history; left: the lesson shown
 *  before, or null). Returns {load(ids, lesson), show(lesson), go(id, {push}), lesson(id), relabel()}. */
export function mountTourPanel(app, { open, onError }) {
  const box = byId('tour');
  const select = byId('tour-select');
  const prev = byId('tour-prev');
  const next = byId('tour-next');
  let ids = [];
  const lessons = new Map();   // id → lesson, as they arrive
  let current = null;

  function fillList() {
    const keep = current?.id ?? '';
    select.replaceChildren();
    const none = document.createElement('option');
    none.value = '';
    none.textContent = t('tourChoose');
    select.append(none);
    ids.forEach((id, i) => {
      const o = document.createElement('option');
      o.value = id;
      const l = lessons.get(id);
      o.textContent = l ? `${i + 1}. §${l.section} ${lessonText(l, 'title', lang())}` : `${i + 1}. ${id}`;
      select.append(o);
    });
    select.value = keep;
  }

  function show(lesson) {
    current = lesson;
    app.state.page.lesson = lesson?.id ?? null;
    app.lesson = lesson ?? null;
    box.dataset.lesson = lesson?.id ?? '';
    byId('tour-title').textContent = lesson ? `§${lesson.section} ${lessonText(lesson, 'title', lang())}` : '';
    byId('tour-text').textContent = lesson ? lessonText(lesson, 'text', lang()) : '';
    byId('tour-claim-text').textContent = lesson ? lessonText(lesson, 'claim', lang()) : '';
    byId('tour-body').hidden = !lesson;
    const { prev: p, next: n } = neighbours(ids, lesson?.id);
    prev.disabled = !p;
    next.disabled = !n && !(lesson === null && ids.length);
    prev.dataset.target = p ?? '';
    next.dataset.target = n ?? (lesson ? '' : ids[0] ?? '');
    select.value = lesson?.id ?? '';
  }

  // Opens lesson `id` (push: false when the browser's Back/Forward asked for it: the history has it).
  // A later navigation (another lesson, or an address typed or Back meanwhile: cancel()) wins over
  // one whose lesson file is still on its way: that lesson is then not opened.
  let navigation = 0;
  async function go(id, { push = true } = {}) {
    if (!id) return;
    const left = current;
    const mine = ++navigation;
    try {
      const lesson = lessons.get(id) ?? await fetchLesson(id);
      lessons.set(id, lesson);
      if (mine !== navigation) return;
      show(lesson);
      open(lesson, { push, left });
    } catch (e) {
      onError(e.message);
      select.value = current?.id ?? '';
    }
  }

  select.addEventListener('change', () => go(select.value));
  prev.addEventListener('click', () => go(prev.dataset.target));
  next.addEventListener('click', () => go(next.dataset.target));

  return {
    /** The index and (optionally) the lesson the link opened; the other titles arrive in the background. */
    load(indexIds, lesson = null) {
      ids = indexIds;
      if (lesson) lessons.set(lesson.id, lesson);
      box.hidden = false;
      fillList();
      show(lesson);
      Promise.all(ids.filter((id) => !lessons.has(id)).map((id) => fetchLesson(id).then((l) => lessons.set(id, l), () => {})))
        .then(() => { fillList(); box.dataset.loaded = String(lessons.size); });
    },
    show,
    go,
    /** The user went elsewhere (an address loaded): a lesson still being fetched is not opened. */
    cancel() { navigation++; },
    /** Lesson `id` (fetched if not here yet; throws with a message naming it). */
    async lesson(id) {
      const l = lessons.get(id) ?? await fetchLesson(id);
      lessons.set(id, l);
      return l;
    },
    /** Language switch: the list, the heading, the text and the claim in the new language. */
    relabel() { fillList(); show(current); },
    get current() { return current; },
  };
}
