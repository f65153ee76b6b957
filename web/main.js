// Start-up only: read the link, set the language, start the worker client, mount the page
// (page.js: panels and views over one state), and ask the worker for the link's race.
import { parseHash } from './url-state.js';
import { setLang, lang, applyStatic } from './i18n.js';
import { startWorker } from './worker-client.js';
import { toWorker } from './protocol.js';
import { mountPage } from './page.js';

const link = parseHash(location.hash);
const v = link.values;
setLang(v.lang);
if (v.embed) document.documentElement.classList.add('embed');
applyStatic();
document.getElementById('lang').value = lang();

const client = startWorker(new URL('./worker.js', import.meta.url));
mountPage({
  client,
  page: { lang: lang(), speed: v.speed ?? 0, heatmapRacer: v.heatmapRacer ?? 0, embed: !!v.embed, autoplay: !!v.autoplay },
  linkProblems: link.problems,
  linkSpecText: v.specText ?? null,
  linkRacersText: v.racersText ?? null,
});
client.send(toWorker.load({
  spec: v.spec ?? null, extraOptimizers: v.extraOptimizers ?? null, note: v.specNote ?? '',
  autoplay: !!v.autoplay, speed: v.speed ?? 0, heatmapRacer: v.heatmapRacer ?? 0,
}));
