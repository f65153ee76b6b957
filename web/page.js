// The page: one state (state.js), the panels that edit it, the views that draw it, and the worker's
// messages (protocol.js) routed to them. Panels never rebuild the spec from what they show: each
// edit goes to the worker, and what it accepts becomes the state every panel then shows.
import { t, setLang, lang, applyStatic } from './i18n.js';
import { NAN_NOTE } from './spec-text.js';
import { localizeCoreMessage, localizeLines } from './core-messages.js';
import { createState, accept, optimizersOf, kindOf, setStart, setOptimizerField, racerCount, comparedField } from './state.js';
import { createCurves, appendFrame } from './curves.js';
import { RACER_COLOURS } from './registry.js';
import { racerTitle, initText } from './racer-label.js';
import { oldLinkField, changePlaces, withoutChanges, dropLaterChanges } from './race-spec.js';
import { changeOf, changedPath, replayEdit, passesChange, changeLabel } from './changes.js';
import { toWorker } from './protocol.js';
import { mountStatus } from './panels/status.js';
import { mountTransport } from './panels/transport.js';
import { mountExperimentForm } from './panels/experiment-form.js';
import { mountRacerPanel } from './panels/racer-panel.js';
import { mountSharePanel } from './panels/share-panel.js';
import { mountAddressBar } from './panels/address-bar.js';
import { createDrawScheduler } from './views/draw-scheduler.js';
import { createCanvasSizer } from './views/canvas-size.js';
import { mountCharts } from './views/charts.js';
import { mountHeatmap } from './views/heatmap.js';
import { mountSurfaceMap } from './views/surface-map.js';
import { mountLegend } from './views/legend.js';
import { mountSignals } from './views/signals.js';
import { mountLandscape } from './views/landscape.js';
import { mountSymmetryView } from './views/symmetry.js';
import { mountRnnGradients } from './views/rnn-gradients.js';
import { mountRepeatedMultiplication } from './views/repeated-multiplication.js';
import { byId } from './views/dom.js';
import { mountTourPanel } from './panels/tour-panel.js';
import { pageRace, signalsProbe, lessonText } from './lessons.js';
import { mountDigitsView } from './views/digits.js';
import { mountDataPanel } from './panels/data-panel.js';
import { mountLectureViews } from './views/lecture-views.js';
import { withNeeds } from './views/view-data.js';

const TEXT_MS = 200;   // numbers in text change at most ~5 times a second while playing

// A link's racers part that the page could not read ('racers: …not a JSON list') is reported with the
// worker's racer problems, as an error naming the field, not as a side warning.
const isRacersProblem = (p) => p.startsWith('racers:');

export function mountPage({ client, page, linkProblems, linkSpecText, linkRacersText = null, linkLessonText = null }) {
  const state = createState(page);
  // Racer i's number and name; changes: false leaves out its recorded changes (a line naming a change itself).
  const racerName = (i, { changes = true } = {}) => `${i + 1} · ${racerTitle(state.spec?.racers?.[i], state.racers[i], state.spec, app.catalog ? comparedField(state.spec, app.catalog) : '', { lesson: app.lesson, i, changes })}`;
  const colourOf = (i) => RACER_COLOURS[state.colours[i] ?? i] ?? RACER_COLOURS[0];
  const app = {
    state, client, catalog: null, ready: false, playing: false, curves: createCurves(),
    edit, editOptimizer, editBatchSize, removeChange, clearChanges, requestSpec, pageChanged: () => address.write(), colourOf, racerName: (i) => racerName(i),
    // ◐: racer i's predictions in the decision map / test-set view; their captions name it at once.
    showPredictionsOf: (i) => { state.page.heatmapRacer = i; client.send(toWorker.heatmapRacer(i)); updateCaptions(); address.write(); },
    // The race a lesson opened, as the worker accepted it (raceKey), while nothing was changed.
    lessonRace: null, raceKey: () => JSON.stringify(state.spec),
    lesson: null,   // the lesson the tour shows (tour-panel.js show); its racers' names are translated
  };

  const status = mountStatus();
  const scheduler = createDrawScheduler(() => app.playing);
  const sizeCanvas = createCanvasSizer(() => { heatmap.redraw(); surfaceMap.dirty(); landscape.redraw(); });
  const charts = mountCharts({ scheduler });
  const rnnGradients = mountRnnGradients({ scheduler });
  const heatmap = mountHeatmap({ canvas: byId('heatmap'), scheduler, sizeCanvas });
  const surfaceMap = mountSurfaceMap({
    canvas: byId('contour'), scheduler, sizeCanvas,
    onStart: (x, y) => edit(setStart(state, x, y)),
    onProbe: (x, y) => client.send(toWorker.probe(x, y)),
    onGrid: (req) => client.send(toWorker.surfaceGrid(req)),
    onProbeAnswer: (p) => {
      const f = (v) => (Number.isFinite(v) ? Number(v).toPrecision(4) : String(v));
      byId('probe-out').textContent = p ? t('gradientAt', f(p.x), f(p.y), f(p.f), f(p.g[0]), f(p.g[1])) : '';
    },
  });
  const landscape = mountLandscape({ lineNode: byId('landscape-line'), planeCanvas: byId('landscape-plane'),
    caption: byId('landscape-note'), sizeCanvas });
  let landscapeAsked = false;  // this race's landscape was requested (once, when the run is done)
  const symmetry = mountSymmetryView({ figure: byId('symmetry-view'), racerName });
  const legend = mountLegend({ box: byId('legend'), racerName, colourOf });
  // The lecture's views (curvature, step length, …); lessons open them by name: app.views.show([...]).
  let noiseId = 0, seedsId = 0;
  const views = mountLectureViews({
    root: byId('lecture-views'), scheduler,
    onNeeds: (needs) => { const e = withNeeds(state.spec, needs); if (e) edit(e); },
    // The core measures one model, not a race: racer 1's complete spec (its initial parameters and
    // data; racers that keep the seed and network share them, and the measurement sweeps m itself).
    requestNoise: () => client.send(toWorker.gradientNoise({ id: ++noiseId, spec: state.racers[0]?.spec ?? state.spec })),
    requestSeeds: (runs) => client.send(toWorker.seedRuns({ id: ++seedsId, runs })),
    racerTitle: (i) => racerName(i).replace(/^\d+ · /, ''),
  });
  app.views = views;
  client.on('gradientNoise', (msg) => { if (msg.id === noiseId) views.setNoise(msg); });
  client.on('seedRuns', (msg) => { if (msg.id === seedsId) views.setSeeds(msg); });
  client.on('surfaceGrid', (msg) => surfaceMap.setGrid(msg));
  const transport = mountTransport(app);
  const form = mountExperimentForm(app);
  const racerPanel = mountRacerPanel(app);
  const share = mountSharePanel(app, { canvases: () => [kindOf(state.spec) === 'surface' ? byId('contour') : byId('heatmap'), ...charts.canvases()], racerName });
  const address = mountAddressBar(app, {
    // Back, Forward, or an address typed by hand: open what it names.
    async onLink(link) {
      // The user's latest action wins: a lesson still on its way (its file, or its race) is not opened or played.
      tour.cancel();
      lessonPending = null;
      const v = link.values;
      const others = link.problems.filter((p) => !isRacersProblem(p));
      if (others.length) status.warning.show(localizeLines(others.join('\n'), lang()));
      if (v.lang && v.lang !== lang()) switchLang(v.lang);
      if (v.spec === undefined) {
        // A lesson's address (#lesson=<id>): its race, unless it is on screen untouched.
        const onIt = tour.current?.id === v.lesson && !!app.lessonRace && app.lessonRace === app.raceKey();
        if (v.lesson && !onIt) tour.go(v.lesson, { push: false });
        return;
      }
      // A changed lesson's address names the lesson beside its spec: its text goes with it; an
      // address without a lesson leaves the tour.
      let lesson = null;
      if (v.lesson) lesson = await tour.lesson(v.lesson).catch((e) => { status.error.show(e.message); return null; });
      if (lesson?.id !== tour.current?.id) { tour.show(lesson); openLessonViews(lesson); }
      if (JSON.stringify(v.spec) === JSON.stringify(state.spec)) return;
      pendingLink = { specText: v.specText, racersText: v.racersText ?? null, racersProblems: link.problems.filter(isRacersProblem), oldLink: !!v.oldRacers };
      requestSpec(v.spec, 'url', v.specNote);
    },
  });
  // The chapter tour: a lesson's race starts (source 'lesson') and plays to its end.
  // The lesson whose race is on its way, and the source its race comes back with: the link's lesson
  // arrives as the load's race ('url'), a tour choice as 'lesson'. A race of the other source (the
  // link's, still loading when the tour's "next" is clicked) is not that lesson's.
  let lessonPending = linkSpecText === null && page.lesson ? { id: page.lesson, source: 'url' } : null;   // a link's own spec wins
  // A link naming a lesson that does not open keeps its address as typed (the warning says why)
  // until the user does something.
  if (linkLessonText !== null && !page.lesson) address.keepRejected({ lessonText: linkLessonText, specText: linkSpecText, racersText: linkRacersText });
  let leftNote = '';   // the status line's note when the tour left a lesson the user had changed
  const tour = mountTourPanel(app, {
    open(lesson, { push = false, left = null } = {}) {
      // The user's own navigation leaves a changed lesson: say so; its address, with the changes,
      // is the history entry Back returns to.
      const changed = push && left && state.spec && !lessonPending && app.lessonRace !== app.raceKey();
      leftNote = changed ? t('lessonLeft', lessonText(left, 'title', lang())) : '';
      status.notice(leftNote);
      if (push) address.push();
      lessonPending = { id: lesson.id, source: 'lesson' };
      openLessonViews(lesson);
      const r = pageRace(lesson.spec);
      requestSpec(r.spec, 'lesson', r.note);
    },
    onError: (message) => status.error.show(message),
  });
  function openLessonViews(lesson) {
    state.page.lessonViews = lesson?.views ?? [];
    document.documentElement.dataset.lessonViews = state.page.lessonViews.join(' ');
    if (!lesson) return;   // leaving the tour: the views stay as they are
    // A lesson shows the views it names and no others (another lesson's stay closed).
    if (state.page.lessonViews.includes('signals')) signals.configure(signalsProbe(lesson.spec));   // the lesson's network
    byId('signals').open = state.page.lessonViews.includes('signals');
    byId('repmul').open = state.page.lessonViews.includes('repeated-multiplication');
    views.show(state.page.lessonViews);   // the lecture's views it names (others are ignored there)
  }
  // Issue 14: views of data that is not 2-D, and the user's own data (CSV, drawn points).
  const digits = mountDigitsView({ root: byId('digits-view'), scheduler });
  const dataPanel = mountDataPanel(app, { canvas: byId('heatmap'), bounds: () => lastFrame?.bounds ?? null });
  // The race's initializers when its racers differ in them (every hidden layer of a racer with one
  // init): the signals view draws each in its racer's colour.
  function raceInits() {
    const list = state.racers.map((r, i) => {
      const inits = (r.spec?.network?.layers ?? []).map((l) => JSON.stringify(l.init ?? null));
      return inits.length && inits[0] !== 'null' && inits.every((x) => x === inits[0]) ? { init: JSON.parse(inits[0]), colour: colourOf(i) } : null;
    }).filter(Boolean);
    return new Set(list.map((x) => initText(x.init))).size > 1 ? list : [];
  }
  const signals = mountSignals({ root: byId('signals'), client, raceInits });
  let signalsNet = '';   // the network the signals view last took from a race
  const repmul = mountRepeatedMultiplication({ root: byId('repmul'), client });
  if (page.speed) transport.showSpeed(page.speed);
  if (linkProblems.some((p) => !isRacersProblem(p))) status.warning.show(localizeLines(linkProblems.filter((p) => !isRacersProblem(p)).join('\n'), lang()));
  // The link's texts (and the page's own problems with its racers part) until the worker answers it.
  let pendingLink = linkSpecText === null ? null
    : { specText: linkSpecText, racersText: linkRacersText, racersProblems: linkProblems.filter(isRacersProblem), oldLink: linkRacersText !== null };
  let lastText = 0, lastFrame = null, unboundedBelow = false, nextColours, restartNote = null, afterEndNote = null;
  // The status line for the race an edit asked for (edit's e.notice: a change removed, a restart
  // offered for a stopped racer taken), shown when it arrives.
  let editNotice = null;
  // The last change without reset sent ({set, spec, path}: spec, the same edit as a restart),
  // so that a racer the worker finds stopped gets the restart offer; skipped: the line naming the
  // racers a batch-size change left out because they had stopped.
  let sentChange = null, skippedNote = '';
  let stopsKey = '';   // the racer panel's stopped racers, as last shown

  // Requests for a new race (toWorker.setSpec) still on their way: [{request, spec}]. The worker
  // answers each in order with 'race' or 'invalid' carrying its number. A control moved meanwhile
  // was computed from the spec on screen: its edit is replayed onto the last request's spec
  // (changes.js replayEdit), so Apply, a lesson or a link followed at once by a slider keeps both.
  let requests = [], requestSeq = 0;
  function requestSpec(spec, source, note = '', replayTo = 0) {
    const request = ++requestSeq;
    requests.push({ request, spec });
    client.send(toWorker.setSpec({ spec, note, source, request, replayTo }));
  }
  const answered = (msg) => { if (msg.request != null) requests = requests.filter((r) => r.request > msg.request); };

  // A control's edit: to the worker, or (out of range already here) an error naming the field.
  function edit(e) {
    if ('error' in e) {
      if (e.error) status.error.show(t('notApplied', localizeCoreMessage(e.error.message, e.error.field, lang())), e.error.field);
      syncControls();
      return;
    }
    nextColours = e.colours;
    // Under way, an edit that cannot change the runs restarts them; after the end a change starts a
    // new run (nothing is left to change mid-run): either way the status line says which field —
    // unless the edit says itself what it does (e.notice).
    const field = e.restartNote ?? (changedPath(state.spec, e.spec) || null);
    editNotice = e.notice ?? null;
    restartNote = underWay() && !editNotice ? field : null;
    afterEndNote = lastFrame?.done && lastFrame.stepCount > 0 && !editNotice ? field : null;
    requestSpec(requests.length ? replayEdit(state.spec, e.spec, requests.at(-1).spec) : e.spec, 'controls', '', e.replayTo ?? 0);
  }

  // Change without reset (issue 12): while a run is under way (played or paused after step 0), a
  // hyperparameter that keeps the model as it is applies to the racers' runs from the current step
  // (the worker records it in the spec's changes); anything else restarts, and the status line says so.
  const underWay = () => !!lastFrame && lastFrame.stepCount > 0 && !lastFrame.done;
  // Why a racer stopped, as the i18n key that says it.
  const stopKey = (error, diverged) => (error ? 'stopFailed' : diverged ? 'stopDiverged' : 'stopFinished');
  // Racer i has stopped — diverged, failed, or done its steps — as the last frame shows: {step, why}
  // (why: the i18n key), else null.
  function stopOf(i) {
    const u = lastFrame?.updates?.[i];
    if (!u?.done) return null;
    return { step: u.stepCount, why: stopKey(u.error, u.diverged) };
  }
  // A change as the status line writes it: "optimizer.lr = 0.05, batch_size = 4".
  const changeText = (set) => Object.entries(set).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
  function sendChange(racers, set, e, path) {
    sentChange = { set, spec: e.spec, path };
    client.send(toWorker.change({ racers, set }));
  }
  // A change to a racer that has stopped while the others go on cannot apply mid-run (its run is
  // over: the core refuses it). The status line says so and offers the restart of the race with the
  // change from step 0 for that racer: spec, the edit as a restart, whose recorded changes of `path`
  // go (left in, they would undo it at their step; race-spec.js dropLaterChanges). Nothing restarts
  // until the student asks: the other racers' runs are not thrown away by a click on this one.
  function offerRestart(i, spec, path, set, stop) {
    const what = changeText(set);
    const restart = { spec: dropLaterChanges(spec, i, [path], -1).spec, colours: [...state.colours], notice: t('restartedWith', what, racerName(i, { changes: false })) };
    const action = { label: t('restartWith', what), run: () => edit(restart) };
    status.notice(t('changeNeedsRestart', racerName(i, { changes: false }), t(stop.why, stop.step), what), action);
    syncControls();   // the field shows the value in use until the restart is asked for
    racerPanel.offerRestart(i, action);   // and beside the racer's stopped note, where the student is looking
  }
  function editOptimizer(i, key, value, index) {
    const e = setOptimizerField(state, app.catalog, i, key, value, index);
    if ('error' in e) return edit(e);
    const change = underWay() ? changeOf(app.catalog, optimizersOf(state)[i]?.name, e.spec, i, key) : null;
    const stop = change && stopOf(i);
    if (stop) return offerRestart(i, e.spec, `optimizer.${key}`, change, stop);
    if (change) return sendChange([i], change, e, `optimizer.${key}`);
    edit({ ...e, restartNote: `optimizer.${key}` });   // the field the status line names if the run restarts
  }
  function editBatchSize(e) {
    if ('error' in e || !underWay() || typeof e.spec.batch_size !== 'number') return edit(underWay() && !('error' in e) ? { ...e, restartNote: 'batch_size' } : e);
    // Every racer that takes the base's batch size changes with it, in one change (none does: the
    // race restarts); a racer that has stopped keeps its run as it ended, and the status line says so.
    const patches = state.spec.racers;
    const takers = Array.from({ length: racerCount(state.spec) }, (_, i) => i).filter((i) => patches?.[i]?.batch_size === undefined);
    const live = takers.filter((i) => !stopOf(i));
    if (!live.length) return edit({ ...e, restartNote: 'batch_size' });
    const stopped = takers.filter((i) => stopOf(i));
    skippedNote = stopped.length ? t('changeSkipped', stopped.map((i) => racerName(i, { changes: false })).join(', ')) : '';
    sendChange(live, { batch_size: e.spec.batch_size }, e, 'batch_size');
  }
  // Recorded changes removed (the racer panel's ×, "Remove all changes"): a run cannot forget a
  // change, so the race starts again from the spec without them and is replayed to the step on
  // screen (the worker steps it there before its first frame: toWorker.setSpec replayTo).
  function removeChange(i, own) {
    const k = changePlaces(state.spec, i)[own];
    const c = state.spec.changes?.[k];
    if (!c) return;
    const what = t('changeAt', changeLabel(c.set), c.step), who = racerName(i, { changes: false });
    edit({ spec: withoutChanges(state.spec, [k]), colours: [...state.colours], replayTo: state.step,
      notice: state.step ? t('changeRemoved', what, who, state.step) : t('changeRemovedAtStart', what, who) });
  }
  function clearChanges() {
    if (!state.spec?.changes?.length) return;
    edit({ spec: withoutChanges(state.spec, state.spec.changes.map((_, k) => k)), colours: [...state.colours], replayTo: state.step,
      notice: state.step ? t('changesCleared', state.step) : t('changesClearedAtStart') });
  }
  function syncControls() {
    if (!state.spec || !app.catalog) return;
    form.sync();
    racerPanel.sync();
  }

  function updateCaptions() {
    if (!state.spec) return;
    const surface = kindOf(state.spec) === 'surface';
    byId('loss-caption').textContent = surface
      ? t(charts.bounded() ? 'valueCaption' : unboundedBelow ? 'fCaption' : 'fCaptionUnknown')
      : t('lossCaption', state.spec.network?.loss ?? 'loss') + (charts.averaged() ? t('avgCaption') : '');
    byId('heatmap-caption').textContent = t('heatmapCaption', racerName(state.page.heatmapRacer));
    // The test-set view shows one racer's predictions, as the decision map does: in a race, say whose.
    const testSet = byId('digits-caption');
    const what = t(testSet.dataset.i18n ?? 'digitsCaption');
    testSet.textContent = state.racers.length > 1 ? t('testSetOf', what, racerName(state.page.heatmapRacer)) : what;
    byId('k-loss').textContent = surface ? 'f(θ)' : t('kTrainLoss');
    byId('time-caption').textContent = surface && app.curves.col.evaluations !== undefined
      ? t(charts.bounded() ? 'evalCaption' : 'evalCaptionF') : t('timeCaption');
  }

  function switchLang(l) {
    state.page.lang = setLang(l);
    applyStatic();
    byId('lang').value = lang();
    if (app.catalog) form.fillLists();
    syncControls();
    racerPanel.rebuild();   // labels and hyperparameter names are interface text too
    legend.build(state.racers.length);
    legend.update(app.curves);
    updateCaptions();
    charts.relabel();
    rnnGradients.relabel();
    tour.relabel();
    landscape.relabel();
    symmetry.relabel();
    digits.relabel();
    dataPanel.relabel();
    views.relabel();
    signals.relabel();
    repmul.relabel();
    surfaceMap.relabel();
    if (lastFrame) { status.update(lastFrame, app.curves, racerName, state.racers); transport.update(lastFrame.done); }
    else byId('stat-state').textContent = t('loading');
    address.write();
  }
  byId('lang').addEventListener('change', () => switchLang(byId('lang').value));

  client.on('ready', (msg) => {
    app.catalog = msg.catalog;
    state.defaultSpec = msg.defaultSpec;
    app.ready = true;
    byId('version').textContent = `optlab ${msg.version}`;
    form.fillLists();
    if (!msg.surfaces) {
      const o = [...byId('kind').options].find((x) => x.value === 'surface');
      o.disabled = true;
      o.title = t('surfacesMissing');
    }
    transport.enable();
    byId('apply').disabled = false;
  });

  client.on('race', (msg) => {
    answered(msg);
    accept(state, msg.spec, msg.racers, msg.source === 'controls' ? nextColours : undefined);
    nextColours = undefined;
    stopsKey = '';
    racerPanel.setStopped([]);   // a new race: nobody has stopped yet (its frames say who does)
    document.body.dataset.workers = String(msg.workers ?? 1);   // how many workers run the racers
    // A race that compares initializers or norms: the signals view probes its network when it
    // changes (the view's own controls stay as the user set them until then), in the racers'
    // colours. Other races leave the view's deep default network (10 × 32) alone.
    const firstNorm = (r) => JSON.stringify(r.spec?.network?.layers?.[0]?.norm ?? 'none');
    const compares = raceInits().length > 0 || new Set(state.racers.map(firstNorm)).size > 1;
    const net = compares && state.racers[0]?.spec?.network ? signalsProbe(state.racers[0].spec) : null;
    if (net && JSON.stringify(net) !== signalsNet) { signalsNet = JSON.stringify(net); signals.configure(net); }
    signals.recolour();
    if (lessonPending && msg.source === lessonPending.source) {
      app.lessonRace = app.raceKey();
      lessonPending = null;
      if (msg.source === 'lesson') client.send(toWorker.play());
    } else if (msg.source !== 'reset') app.lessonRace = null;
    if (msg.source === 'controls' || msg.source === 'json' || msg.source === 'url' || msg.source === 'lesson') address.release();
    // The link's spec runs but some of its racers do not: say which field, keep the link's text.
    // An old link's racers are named as the link names them (racers[0].lr: its list of optimizers).
    const asLink = (p) => {
      if (!pendingLink?.oldLink) return p;
      const field = oldLinkField(p.field);
      return { field, message: p.message.startsWith(p.field) ? field + p.message.slice(p.field.length) : p.message };
    };
    const racerProblems = msg.source === 'url' && pendingLink
      ? [...pendingLink.racersProblems.map((message) => ({ field: 'racers', message })), ...(msg.linkProblems ?? []).map(asLink)] : [];
    if (racerProblems.length) address.keepRejected({ ...pendingLink, specRejected: false });
    if (msg.source === 'url') pendingLink = null;
    app.curves = createCurves(msg.columns, state.racers.length);
    app.curves.racers.forEach((r, i) => { r.colour = colourOf(i); });
    // A rejected link stays reported over the fallback; anything the user does clears it.
    if (msg.source !== 'default' && msg.source !== 'reset') status.error.clear();
    if (racerProblems.length) status.error.show(t('notApplied', racerProblems.map((p) => localizeCoreMessage(p.message, p.field, lang())).join('\n')), racerProblems[0].field);
    if (msg.source !== 'url' && msg.source !== 'default' && msg.source !== 'reset') status.warning.clear();
    if (editNotice && msg.source === 'controls') status.notice(editNotice);
    else if (restartNote && msg.source === 'controls') status.notice(t('restarted', restartNote));
    else if (afterEndNote && msg.source === 'controls') status.notice(t('newRunAfterEnd', afterEndNote));
    else if (msg.source === 'lesson' && leftNote) status.notice(leftNote);
    else if (msg.source === 'change' && msg.replayed) status.notice(replacedNote(msg.replayed));
    else status.notice('');   // Reset too: a note about the run before it ("changed … from step 115") is stale
    restartNote = null;
    afterEndNote = null;
    editNotice = null;
    leftNote = '';
    const surface = kindOf(msg.spec) === 'surface';
    document.documentElement.classList.toggle('surface', surface);
    unboundedBelow = msg.surface?.unboundedBelow === true;
    heatmap.setData(msg.data);
    app.data = msg.data;
    // The test-set view replaces the decision map for data that is not 2-D or has no classes.
    document.documentElement.classList.toggle('nd', !!msg.data && (msg.data.dim !== 2 || msg.data.classes === 0));
    // Regression data has no classes: its captions, and "accuracy" is the share within 0.04 of the target.
    const regression = msg.data?.classes === 0;
    for (const [id, key, alt] of [['digits-caption', 'digitsCaption', 'regressionCaption'], ['k-test-acc', 'kTestAcc', 'kTestWithin'], ['acc-caption', 'accCaption', 'accCaptionWithin']]) {
      byId(id).dataset.i18n = regression ? alt : key;
      byId(id).textContent = t(byId(id).dataset.i18n);
    }
    digits.setData(msg.data, msg.spec.dataset);
    surfaceMap.setRace(msg.surface, app.curves);
    byId('probe-out').textContent = '';
    syncControls();
    share.sync(address.rejectedText);   // a rejected link's text stays in the box, to correct
    address.write();
    const averaging = optimizersOf(state).some((o) => o.average && o.average !== 'none');
    charts.rebuild(app.curves, { isSurface: surface, surfaceMinimum: msg.surface?.minimum ?? (surface ? NaN : 0), averaging, regression });
    rnnGradients.rebuild(app.curves);
    byId('loss-chart').dataset.points = '0';
    views.rebuild(app.curves, { racers: state.racers, isSurface: surface });
    legend.build(state.racers.length);
    charts.setChanges(state.spec.changes, colourOf);
    landscape.setRace(!surface && !!msg.spec.landscape);
    symmetry.setRace(msg.racers);
    landscapeAsked = false;
    updateCaptions();
  });

  // The racers a list of changes applied to, named in one line: "1 · SGD, 2 · Adam".
  const namesOf = (changes) => [...new Set(changes.map((c) => c.racer ?? 0))].map((i) => racerName(i, { changes: false })).join(', ');
  // A change that replaced recorded later ones, so the race was replayed to its step (race.js applyChange).
  function replacedNote({ changes, dropped, step }) {
    const was = dropped.map((c) => t('changeAt', changeLabel(c.set), c.step)).join(', ');
    return t('changeReplaced', changeText(changes[0].set), step, namesOf(changes), was) + takeSkipped();
  }
  const takeSkipped = () => { const s = skippedNote; skippedNote = ''; return s; };

  // A change without reset was applied: the spec (and so the link) records it; the run goes on.
  // One user action is one message naming every racer it applied to.
  client.on('changed', (msg) => {
    state.spec = msg.spec;
    state.racers = msg.racers;
    const list = msg.changes ?? [msg.change];
    status.notice(t('changeApplied', changeText(list[0].set), list[0].step, namesOf(list)) + takeSkipped());
    share.sync();
    address.write();
    syncControls();
    charts.setChanges(state.spec.changes, colourOf);
    views.setRacers(state.racers);
    legend.build(state.racers.length);   // the racers' names follow their changes (racer-label.js)
    legend.update(app.curves);
    updateCaptions();
  });

  client.on('invalid', (msg) => {
    answered(msg);
    // A racer stopped before the change reached its run: the restart offer, not an error.
    if (msg.source === 'change' && msg.stopped && sentChange && msg.racer != null) {
      const stop = stopOf(msg.racer) ?? { step: msg.stopped.step, why: stopKey(msg.stopped.why === 'failed', msg.stopped.why === 'diverged') };
      offerRestart(msg.racer, sentChange.spec, sentChange.path, sentChange.set, stop);
      return;
    }
    if (msg.source === lessonPending?.source) lessonPending = null;
    const field = msg.field || 'spec';
    // The core's message in the page's language (core-messages.js keeps the field path and values).
    const text = localizeCoreMessage(msg.message.startsWith(field) ? msg.message : `${field}: ${msg.message}`, field, lang()) + (msg.note === NAN_NOTE ? t('nanNote') : msg.note ?? '');
    status.error.show(t('notApplied', text), field);
    if (msg.source === 'url' && pendingLink) {
      address.keepRejected({ ...pendingLink, specRejected: true });
      share.sync(pendingLink.specText);
      if (pendingLink.racersProblems.length) status.warning.show(localizeLines(pendingLink.racersProblems.join('\n'), lang()));
      pendingLink = null;
    }
    // Controls go back to the running experiment; the JSON box keeps what was typed so it can be fixed.
    syncControls();
  });
  client.on('warning', (msg) => status.warning.show(localizeLines(msg.message, lang())));

  client.on('frame', (msg) => {
    lastFrame = msg;
    app.playing = msg.playing;
    // A recorded change the run just passed (or a reset went back over): the controls show the values now in use.
    // The racers run in lockstep; one that stopped early (diverged) does not hold the others back.
    const stepWas = state.step;
    state.step = Math.max(msg.stepCount, ...msg.updates.map((u) => u.stepCount ?? 0));
    if (passesChange(state.spec?.changes, stepWas, state.step)) syncControls();
    if (state.page.heatmapRacer !== msg.heatmapRacer) { state.page.heatmapRacer = msg.heatmapRacer; updateCaptions(); }
    appendFrame(app.curves, msg.updates);
    // Racers that stopped while the others go on: their panels say so (and that a change needs a restart).
    const stops = msg.done ? [] : msg.updates.map((_, i) => stopOf(i));
    const key = JSON.stringify(stops);
    if (key !== stopsKey) { stopsKey = key; racerPanel.setStopped(stops); }
    symmetry.update(msg.updates);
    byId('loss-chart').dataset.points = String(app.curves.racers[0]?.rows.length ?? 0);
    const now = performance.now();
    const textDue = !msg.playing || now - lastText > TEXT_MS;
    heatmap.setGrid(msg, !msg.playing);
    digits.setPredictions(msg.predictions, !msg.playing);
    // While playing, the curves are redrawn only when the frame brought rows or trace points: a
    // heavy network logs a row every few seconds, and redrawing unchanged charts 20 times a second
    // took CPU from the racers' pool workers (docs/benchmarks.md, "A race on every core").
    const grew = msg.updates.some((u) => u.rows.length || u.trace.length);
    if (msg.playing) { if (grew) { charts.dirty(); surfaceMap.dirty(); views.dirty(); rnnGradients.dirty(); } }
    else { charts.drawNow(); surfaceMap.drawNow(); views.drawNow(); rnnGradients.drawNow(); }
    if (textDue) {
      lastText = now;
      legend.update(app.curves);
      status.update(msg, app.curves, racerName, state.racers);
    }
    transport.update(msg.done);
    if (msg.done && !landscapeAsked && state.spec?.landscape && kindOf(state.spec) !== 'surface') {
      landscapeAsked = true;
      client.send(toWorker.landscape({ racer: 0 }));
    }
    if (!document.body.dataset.firstFrameMs) document.body.dataset.firstFrameMs = String(Math.round(performance.now()));
    if (msg.stepCount > 0 && !document.body.dataset.firstStepMs) document.body.dataset.firstStepMs = String(Math.round(performance.now()));
  });
  client.on('probe', (msg) => surfaceMap.setProbe(msg));
  client.on('landscape', (msg) => landscape.update(msg));
  client.on('fatal', (msg) => {
    status.error.show(msg.startFailed ? t('workerFailed', msg.message) : msg.message);
    status.setBodyState('error');
  });
  return { tour, openLessonViews };
}
