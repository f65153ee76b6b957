// Start-up only: read the link, set the language, start the worker client, mount the page
// (page.js: panels and views over one state), and ask the worker for the link's race — a lesson's
// (#lesson=<id>, lessons/<id>.json) when the link names one and has no spec of its own.
import { parseHash } from './url-state.js';
import { setLang, lang, applyStatic } from './i18n.js';
import { startWorker } from './worker-client.js';
import { toWorker } from './protocol.js';
import { mountPage } from './page.js';
import { fetchLesson, fetchLessonIndex } from './panels/tour-panel.js';
import { pageRace } from './lessons.js';

const link = parseHash(location.hash);
const v = link.values;
setLang(v.lang);
if (v.embed) document.documentElement.classList.add('embed');
applyStatic();
document.getElementById('lang').value = lang();

const client = startWorker(new URL('./worker.js', import.meta.url));
const problems = [...link.problems];
// The tour's index and the link's lesson (a missing or broken one is reported; the page still opens).
const [ids, lesson] = await Promise.all([
  fetchLessonIndex().catch((e) => { problems.push(e.message); return []; }),
  v.lesson ? fetchLesson(v.lesson).catch((e) => { problems.push(e.message); return null; }) : null,
]);
const lessonRace = lesson && v.spec === undefined ? pageRace(lesson.spec) : null;
const { tour, openLessonViews } = mountPage({
  client,
  page: { lang: lang(), speed: v.speed ?? 0, heatmapRacer: v.heatmapRacer ?? 0, embed: !!v.embed, autoplay: !!v.autoplay, lesson: lesson?.id ?? null, workers: v.workers ?? 0 },
  linkProblems: problems,
  linkSpecText: v.specText ?? null,
  linkRacersText: v.racersText ?? null,
  linkLessonText: v.lessonText ?? null,
});
tour.load(ids, lesson);
if (lesson) openLessonViews(lesson);
// A lesson plays to its end when opened (a course page's <opt-lab lesson> too).
client.send(toWorker.load({
  spec: lessonRace?.spec ?? v.spec ?? null,
  note: lessonRace ? '' : v.specNote ?? '', autoplay: !!v.autoplay || !!lessonRace, speed: v.speed ?? 0, heatmapRacer: v.heatmapRacer ?? 0, workers: v.workers ?? 0,
}));
