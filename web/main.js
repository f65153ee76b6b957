// The page: controls, state, plots. It only sends specs and commands to the worker and draws what
// comes back; it never calls wasm. All text from specs, links or the worker goes in via textContent.
//
// A race: racer 1 is the spec's own optimizer; racers 2..8 are more optimizer objects run on the
// same spec (same seed, so the same initial weights and minibatch order, or the same start point).
// The URL hash holds everything needed to reproduce what is on screen:
//   #spec=<JSON>[&racers=<JSON list of optimizer objects>][&lang=ja][&heatmap=i][&speed=n][&embed=1][&autoplay=1]
// A single-racer English page has just #spec=…, which the command-line runners take as it is.
import uPlot from 'uplot';
import katex from 'katex';
import {
  OPTIMIZERS, DATASETS, ACTIVATIONS, SURFACES, optimizerByName, paramToSlider, sliderToParam, SLIDER_STEPS,
  paramId, getParam, setParam, defaultOptimizerSpec, RACER_COLOURS, surfaceByName,
  COMMON_OPTIONS, commonApplies, setCommonOptions,
} from './registry.js';
import { mountSignals } from './signals.js';
import { t, setLang, lang, applyStatic, paramTitle } from './i18n.js';
import { drawContour, buildContourImage } from './contour.js';
import { exportCsv, exportJson, exportPng } from './export.js';

const MAX_RACERS = 8;
let DEFAULT_NETWORK = null;
let lastText = 0;   // the first network spec seen (to go back to from a surface)
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
};

// ---------------------------------------------------------------- URL state
function readHash() {
  const h = location.hash.replace(/^#/, '');
  const out = {};
  for (const part of h.split('&')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const key = part.slice(0, i);
    let value = part.slice(i + 1);
    try { value = decodeURIComponent(value); } catch { /* keep the raw text; the validator reports it */ }
    if (!(key in out)) out[key] = value;
  }
  return out;
}
const initial = readHash();
setLang(initial.lang);
const embed = initial.embed === '1';
if (embed) document.documentElement.classList.add('embed');
applyStatic();
$('lang').value = lang();

// ---------------------------------------------------------------- state
const state = {
  spec: null,          // the last spec the worker accepted (the running experiment, racer 1)
  racers: [],          // optimizer objects of racers 2..n (normalized by the validator)
  columns: [],
  col: {},             // column name -> index
  runs: [],            // per racer: {rows: number[][], times: number[], trace: number[]}
  last: null,          // last record row of racer 1
  data: null,          // dataset points
  surface: null,       // {box, nx, ny, values, minimizers} of a 2-D surface
  bounds: null,
  frame: null,         // last frame message (grid etc.)
  heatmapRacer: 0,
  playing: false,
  done: false,
  diverged: null,
  ready: false,
  optimizers: [],      // names the build implements
  surfaces: false,
  firstFrame: false,
  probe: null,
};

function setBodyState(s) { document.body.dataset.state = s; }
setBodyState('loading');

const isSurfaceSpec = (s) => !!(s && s.problem && !s.dataset);
const racerOptimizers = () => (state.spec ? [state.spec.optimizer, ...state.racers] : []);
const racerName = (i) => {
  const o = racerOptimizers()[i];
  const entry = optimizerByName(o?.name);
  return `${i + 1} · ${entry ? entry.label : String(o?.name ?? '')}`;
};

// ---------------------------------------------------------------- worker
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = ({ data: msg }) => handlers[msg.type]?.(msg);
worker.onerror = (e) => { showError(t('workerFailed', e.message || 'could not start')); setBodyState('error'); };
const send = (msg) => worker.postMessage(msg);

const handlers = {
  ready(msg) {
    state.ready = true;
    state.optimizers = msg.optimizers;
    state.surfaces = msg.surfaces;
    DEFAULT_NETWORK = msg.defaultSpec ?? DEFAULT_NETWORK;
    $('version').textContent = `optlab ${msg.version}`;
    for (const ui of racerUi) markUnavailable(ui.select);
    if (!msg.surfaces) {
      const o = [...$('kind').options].find((x) => x.value === 'surface');
      o.disabled = true;
      o.title = t('surfacesMissing');
    }
    for (const id of ['play', 'step', 'reset', 'apply']) $(id).disabled = false;
  },
  spec(msg) {
    state.spec = msg.spec;
    state.racers = msg.racers ?? [];
    state.columns = msg.columns;
    state.col = Object.fromEntries(msg.columns.map((c, i) => [c, i]));
    state.runs = racerOptimizers().map(() => ({ rows: [], times: [], trace: [] }));
    state.last = null;
    state.data = msg.data;
    state.surface = msg.surface ?? null;
    state.contourImage = null;
    state.done = false;
    state.diverged = null;
    state.probe = null;
    $('probe-out').textContent = '';
    if (msg.source !== 'default' && msg.source !== 'reset') clearError();   // a rejected URL spec stays reported over the fallback
    if (msg.source !== 'url' && msg.source !== 'default' && msg.source !== 'reset') clearWarning();
    document.documentElement.classList.toggle('surface', isSurfaceSpec(msg.spec));
    // Surfaces of more than two variables have no map; their curves still race.
    $('contour').closest('figure').hidden = !state.surface;
    if (!DEFAULT_NETWORK && !isSurfaceSpec(msg.spec)) DEFAULT_NETWORK = msg.spec;
    syncControls();
    $('spec').value = JSON.stringify(msg.spec, null, 2);
    writeHash();
    buildCharts();
    $('loss-chart').dataset.points = '0';
    drawLegend();
    updateCaptions();
  },
  invalid(msg) {
    const field = msg.field || 'spec';
    const text = (msg.message.startsWith(field) ? msg.message : `${field}: ${msg.message}`) + (msg.note ?? '');
    showError(t('notApplied', text), field);
    // Controls go back to the running experiment; the JSON box keeps what was typed so it can be fixed.
    if (state.spec) syncControls();
  },
  warning(msg) { showWarning(msg.message); },
  frame(msg) {
    state.frame = msg;
    state.playing = msg.playing;
    state.done = msg.done;
    state.diverged = msg.diverged;
    state.bounds = msg.bounds;
    state.heatmapRacer = msg.heatmapRacer ?? 0;
    appendFrame(msg);
    // Numbers in text change at most ~5 times a second while playing (faster is unreadable, and
    // each change costs a paint); a frame that leaves the run still updates them at once.
    const now = performance.now();
    const textDue = !msg.playing || now - lastText > 200;
    if (textDue) { lastText = now; updateLegend(); }
    state.surfaceDirty = true;
    // While playing, the heatmap is redrawn in animation frames (throttled); a frame that leaves
    // the run still (finished, paused, a single step) is drawn at once, so what the page says
    // ("finished") and what it shows always agree.
    if (msg.playing) heatDirty = true;
    else { heatDirty = false; drawHeatmap(); }
    if (!msg.playing) {
      if (isSurfaceSpec(state.spec)) { state.surfaceDirty = false; drawSurface(); }
      chartsDirty = false;
      for (const c of charts) { c.dirty = false; c.plot.setData(chartData(c)); }
    }
    scheduleDraw();
    if (textDue) updateStats(msg);
    if (!state.firstFrame) {
      state.firstFrame = true;
      // Since navigation start: the time a visitor waits for the first picture.
      document.body.dataset.firstFrameMs = String(Math.round(performance.now()));
    }
    if (msg.stepCount > 0 && !document.body.dataset.firstStepMs) {
      document.body.dataset.firstStepMs = String(Math.round(performance.now()));
    }
  },
  probe(msg) {
    state.probe = msg;
    const f = (v) => (Number.isFinite(v) ? Number(v).toPrecision(4) : String(v));
    $('probe-out').textContent = t('gradientAt', f(msg.x), f(msg.y), f(msg.f), f(msg.g[0]), f(msg.g[1]));
    state.surfaceDirty = true;
    scheduleDraw();
  },
  fatal(msg) {
    showError(msg.message);
    setBodyState('error');
  },
};

mountSignals({ root: $('signals'), send, handlers });   // the depth view (web/signals.js)

// ---------------------------------------------------------------- errors
function showError(text, field) {
  const box = $('error');
  box.textContent = text;
  box.hidden = false;
  box.dataset.seq = String(Number(box.dataset.seq ?? 0) + 1);
  if (field) box.dataset.field = field; else delete box.dataset.field;
}
function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}
function showWarning(text) {
  const box = $('warning');
  box.textContent = text;
  box.hidden = false;
  box.dataset.seq = String(Number(box.dataset.seq ?? 0) + 1);
}
function clearWarning() {
  $('warning').hidden = true;
  $('warning').textContent = '';
}

// ---------------------------------------------------------------- controls
function fillSelect(select, items) {
  for (const it of items) select.append(el('option', { value: it.name, textContent: it.label }));
}
fillSelect($('dataset'), DATASETS);
fillSelect($('activation'), ACTIVATIONS);
fillSelect($('surface'), SURFACES);

function markUnavailable(select) {
  if (!state.ready) return;
  for (const o of select.options) {
    if (OPTIMIZERS.some((r) => r.name === o.value) && !state.optimizers.includes(o.value) && !o.disabled) {
      o.disabled = true;
      o.textContent += t('notInBuild');
    }
  }
}

function renderTex(node, tex, display) {
  try {
    katex.render(tex, node, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  } catch {
    node.textContent = tex;
  }
}

// An update rule is a sequence of assignments separated by ",\quad" in the registry; next to the
// controls (a narrow column) they are stacked one per line, as an algorithm box prints them.
function stackedTex(tex) {
  const parts = tex.split(/,\s*\\q?quad\s*/);
  return parts.length < 2 ? tex : `\\begin{aligned} ${parts.map((p) => `&${p}`).join(' \\\\ ')} \\end{aligned}`;
}

const fmtParam = (v) => (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4) ? v.toExponential(2) : String(v));

// One block of controls per racer: method, its hyperparameters (sliders from the registry) and its
// update rule. Racer 1 keeps the ids the single-optimizer page had (#optimizer, #opt-lr, #formula).
const racerUi = [];   // [{box, select, paramBox, params: [{range, out, p}], formula, source, name}]
const idFor = (i, base) => (i === 0 ? base : `${base}${i + 1}`);

function buildRacerBlock(i) {
  const colour = RACER_COLOURS[i % RACER_COLOURS.length];
  const selectId = idFor(i, 'optimizer');
  const select = el('select', { id: selectId });
  fillSelect(select, OPTIMIZERS);
  markUnavailable(select);
  const swatch = el('span', { className: 'swatch', title: colour });
  swatch.style.background = colour;
  const label = el('label', { htmlFor: selectId });
  label.append(swatch, el('span', { className: 'racer-label', textContent: `${t('racer')} ${i + 1}` }));
  const head = el('div', { className: 'row racer-head' }, label, select);
  const tools = el('div', { className: 'racer-tools' });
  const heat = el('button', { type: 'button', className: 'small heat-btn network-only', textContent: '◐', title: t('showHeatmap') });
  heat.setAttribute('aria-label', `${t('showHeatmap')} (${t('racer')} ${i + 1})`);
  heat.addEventListener('click', () => send({ type: 'heatmapRacer', index: i }));
  tools.append(heat);
  if (i > 0) {
    const rm = el('button', { type: 'button', className: 'small', textContent: '×', title: t('removeRacer') });
    rm.setAttribute('aria-label', t('removeRacerLabel', i + 1));
    rm.addEventListener('click', () => removeRacer(i));
    tools.append(rm);
  }
  head.append(tools);
  const paramBox = el('div', { id: i === 0 ? 'opt-params' : `opt${i + 1}-params` });
  const formula = el('div', { id: idFor(i, 'formula'), className: 'formula' });
  formula.setAttribute('role', 'math');
  const source = el('div', { className: 'source formula-source' });
  const common = buildCommonBlock(i);
  const box = el('div', { className: 'racer' }, head, paramBox, formula, source, common.details);
  box.style.setProperty('--racer', colour);
  box.dataset.index = String(i);
  select.addEventListener('change', applyControls);
  return { box, select, paramBox, params: [], formula, source, name: null, common };
}

// The options every method shares (schedule, averaging, weight decay, clipping), generated from
// registry.js COMMON_OPTIONS, folded away under the method's own controls.
function buildCommonBlock(i) {
  const details = el('details', { className: 'common-options', id: idFor(i, 'common-options') });
  details.append(el('summary', { textContent: t('commonOptions') }));
  const inputs = {}, rows = {};
  for (const c of COMMON_OPTIONS) {
    const id = `${i === 0 ? 'opt' : `opt${i + 1}`}-${c.key}`;
    const label = el('label', { htmlFor: id, title: paramTitle(c.title) });
    const sym = el('span', { className: 'sym' });
    renderTex(sym, c.label, false);
    label.append(sym, ` ${paramTitle(c.title)}`);
    let input;
    if (c.kind === 'choice') {
      input = el('select', { id });
      for (const ch of c.choices) input.append(el('option', { value: ch.name, textContent: paramTitle(ch.label) }));
    } else {
      input = el('input', { id, type: 'number', step: String(c.step ?? 'any'), placeholder: c.placeholder ?? '', className: 'num' });
      if (c.min !== undefined) input.min = String(c.min);
      if (c.max !== undefined) input.max = String(c.max);
    }
    input.addEventListener('change', applyControls);
    rows[c.key] = el('div', { className: 'row' }, label, input);
    details.append(rows[c.key]);
  }
  const formula = el('div', { id: idFor(i, 'schedule-formula'), className: 'schedule-formula' });
  formula.setAttribute('role', 'math');
  details.append(formula);
  return { details, inputs: Object.fromEntries(COMMON_OPTIONS.map((c) => [c.key, rows[c.key].querySelector('select, input')])), rows, formula, tex: null };
}

function syncCommon(ui, o) {
  const { inputs, rows } = ui.common;
  const texs = [];
  for (const c of COMMON_OPTIONS) {
    const v = o[c.key];
    if (c.kind === 'choice') {
      inputs[c.key].value = typeof v === 'string' ? v : c.default;
      const ch = c.choices.find((x) => x.name === inputs[c.key].value);
      if (ch?.tex && commonApplies(o.name, c)) texs.push(ch.tex);
    } else {
      inputs[c.key].value = typeof v === 'number' ? String(v) : '';
    }
    rows[c.key].hidden = !commonApplies(o.name, c) || (c.when ? !c.when(o) : false);
  }
  const tex = stackedTex(texs.join(',\\quad '));
  if (tex !== ui.common.tex) { ui.common.tex = tex; renderTex(ui.common.formula, tex, true); }
  // Open when anything in it differs from the defaults, so a link shows what it changed.
  if (COMMON_OPTIONS.some((c) => commonApplies(o.name, c) && o[c.key] !== undefined && o[c.key] !== c.default && o[c.key] !== 0)) ui.common.details.open = true;
}

function buildParams(ui, i, opt) {
  ui.paramBox.replaceChildren();
  ui.params = [];
  if (!opt) return;
  for (const p of opt.params) {
    const id = i === 0 ? `opt-${paramId(p)}` : `opt${i + 1}-${paramId(p)}`;
    const label = el('label', { htmlFor: id, title: paramTitle(p.title) });
    // The symbol is the lecture's; the word is for everyone else.
    const sym = el('span', { className: 'sym' });
    renderTex(sym, p.label, false);
    label.append(sym, ` ${paramTitle(p.title)}`);
    const range = el('input', { id, type: 'range', min: 0, max: SLIDER_STEPS, step: 1 });
    range.setAttribute('aria-valuetext', '');
    const out = el('output', { htmlFor: id });
    range.addEventListener('input', () => {
      const v = sliderToParam(p, Number(range.value));
      out.textContent = fmtParam(v);
      range.setAttribute('aria-valuetext', fmtParam(v));
    });
    range.addEventListener('change', () => applyControls());
    ui.paramBox.append(el('div', { className: 'row' }, label, range, out));
    ui.params.push({ range, out, p });
  }
}

function syncRacers() {
  const opts = racerOptimizers();
  while (racerUi.length > opts.length) racerUi.pop().box.remove();
  while (racerUi.length < opts.length) {
    const ui = buildRacerBlock(racerUi.length);
    racerUi.push(ui);
    $('racers').append(ui.box);
  }
  opts.forEach((o, i) => {
    const ui = racerUi[i];
    const opt = optimizerByName(o.name);
    if (o.name !== ui.name) {
      // A method the page has no controls for yet: the JSON box still runs it.
      if (!opt && ![...ui.select.options].some((x) => x.value === o.name)) {
        ui.select.append(el('option', { value: o.name, textContent: String(o.name) }));
      }
      buildParams(ui, i, opt);
      ui.name = o.name;
      if (opt) {
        renderTex(ui.formula, stackedTex(opt.tex), true);
        ui.source.textContent = `${opt.label} — ${opt.source}`;
      } else {
        ui.formula.textContent = '';
        ui.source.textContent = '';
      }
    }
    ui.select.value = o.name;
    for (const { range, out, p } of ui.params) {
      const v = getParam(o, p);
      range.value = paramToSlider(p, v);
      out.textContent = fmtParam(v);
      range.setAttribute('aria-valuetext', fmtParam(v));
    }
    syncCommon(ui, o);
  });
  $('add-racer').disabled = opts.length >= MAX_RACERS;
}

function syncControls() {
  const s = state.spec;
  const surface = isSurfaceSpec(s);
  $('kind').value = surface ? 'surface' : 'network';
  if (surface) {
    const pr = s.problem ?? {};
    if (![...$('surface').options].some((x) => x.value === pr.name)) {
      $('surface').append(el('option', { value: pr.name, textContent: String(pr.name) }));
    }
    $('surface').value = pr.name;
    const x0 = Array.isArray(pr.x0) ? pr.x0 : [];
    $('x0').value = x0[0] ?? '';
    $('y0').value = x0[1] ?? '';
  } else {
    const ds = s.dataset ?? {};
    $('dataset').value = ds.name;
    const dsInfo = DATASETS.find((d) => d.name === ds.name);
    $('classes').value = ds.classes ?? 2;
    $('classes').disabled = !dsInfo?.hasClasses;
    $('noise').value = ds.noise ?? 0;
    $('noise-out').textContent = String(ds.noise ?? 0);
    const layers = s.network?.layers ?? [];
    $('layers').value = layers.length;
    $('units').value = layers[0]?.units ?? 8;
    $('activation').value = layers[0]?.activation ?? 'tanh';
    $('batch').value = typeof s.batch_size === 'number' ? s.batch_size : '';
  }
  syncRacers();
  $('steps').value = s.steps;
  $('seed').value = s.seed;
}

function int(id) { return Math.round(Number($(id).value)); }

function optimizerFromUi(ui, current) {
  const name = ui.select.value;
  const opt = optimizerByName(name);
  const common = Object.fromEntries(Object.entries(ui.common.inputs).map(([k, e]) => [k, e.value]));
  // A new method keeps the racer's schedule and regularization (where the method takes them).
  if (name !== current?.name) return opt ? setCommonOptions(defaultOptimizerSpec(opt), common) : { name };
  const o = structuredClone(current);
  for (const { range, p } of ui.params) setParam(o, p, sliderToParam(p, Number(range.value)));
  return opt ? setCommonOptions(o, common) : o;
}

// The controls write into a copy of the running spec, so fields the page has no control for survive.
function specFromControls() {
  let s = structuredClone(state.spec);
  const kind = $('kind').value;
  if (kind === 'surface' && !isSurfaceSpec(s)) {
    const sf = SURFACES[0];
    s = { seed: s.seed, problem: { name: sf.name, x0: sf.x0.slice() }, optimizer: s.optimizer, steps: 500, log_every: 1, trace: { params: true } };
  } else if (kind === 'network' && isSurfaceSpec(s)) {
    return { spec: null, racers: state.racers };   // back to the default network experiment
  } else if (kind === 'surface') {
    const name = $('surface').value;
    if (name !== s.problem.name) {
      const sf = surfaceByName(name);
      s.problem = { name, ...(sf?.x0 ? { x0: sf.x0.slice() } : {}) };
    } else {
      const x = Number($('x0').value), y = Number($('y0').value);
      if ($('x0').value !== '' && $('y0').value !== '') s.problem.x0 = [x, y];
    }
  } else {
    s.dataset = s.dataset ?? {};
    s.dataset.name = $('dataset').value;
    const dsInfo = DATASETS.find((d) => d.name === s.dataset.name);
    if (dsInfo?.hasClasses) s.dataset.classes = int('classes');
    else delete s.dataset.classes;
    s.dataset.noise = Number($('noise').value);
    const n = int('layers');
    const units = int('units');
    const activation = $('activation').value;
    s.network = s.network ?? {};
    s.network.layers = Array.from({ length: Math.max(0, Math.min(n, 64)) }, () => ({ units, activation }));
    // batch_size may be "full" in the spec; an empty number box keeps whatever the spec says.
    if ($('batch').value !== '') s.batch_size = int('batch');
  }
  const opts = racerOptimizers();
  s.optimizer = optimizerFromUi(racerUi[0], opts[0]);
  const racers = racerUi.slice(1).map((ui, j) => optimizerFromUi(ui, opts[j + 1]));
  if (kind === 'surface' && !isSurfaceSpec(state.spec)) {
    // Into a 2-D surface from a network: a walk of 500 steps, and plain gradient methods at a step
    // a curved valley like Rosenbrock's survives (a network's ε of 0.1 diverges there at once).
    for (const o of [s.optimizer, ...racers]) {
      if (['sgd', 'momentum', 'nesterov'].includes(o.name) && !(o.lr <= 0.002)) o.lr = 0.001;
    }
  } else {
    s.steps = int('steps');
  }
  s.seed = int('seed');
  return { spec: s, racers };
}

function applyControls() {
  if (!state.spec) return;
  const { spec, racers } = specFromControls();
  if (spec === null) {
    send({ type: 'setSpec', spec: DEFAULT_NETWORK ?? state.spec, racers, source: 'controls' });
    return;
  }
  send({ type: 'setSpec', spec, racers, source: 'controls' });
}

for (const id of ['kind', 'surface', 'x0', 'y0', 'dataset', 'classes', 'noise', 'layers', 'units', 'activation', 'batch', 'steps', 'seed']) {
  $(id).addEventListener('change', applyControls);
}
$('noise').addEventListener('input', () => { $('noise-out').textContent = $('noise').value; });

function addRacer() {
  if (!state.spec || racerOptimizers().length >= MAX_RACERS) { showWarning(t('maxRacers')); return; }
  // A different method than the ones racing, when there is one the build implements.
  const used = new Set(racerOptimizers().map((o) => o.name));
  const pick = OPTIMIZERS.find((o) => state.optimizers.includes(o.name) && !used.has(o.name)) ?? optimizerByName(state.spec.optimizer.name) ?? OPTIMIZERS[0];
  const { spec, racers } = specFromControls();
  send({ type: 'setSpec', spec: spec ?? state.spec, racers: [...racers, defaultOptimizerSpec(pick)], source: 'controls' });
}
function removeRacer(i) {
  const { spec, racers } = specFromControls();
  racers.splice(i - 1, 1);
  send({ type: 'setSpec', spec: spec ?? state.spec, racers, source: 'controls' });
}
$('add-racer').addEventListener('click', addRacer);

// ---------------------------------------------------------------- JSON box and URL
// JSON has no NaN/Infinity. So that "lr": NaN in a hand-edited link is reported against its field
// (by the validator) rather than as a parse error, such tokens become strings the validator rejects.
// Returns {spec, note}: spec is an object, or the raw text when it is not JSON at all (the
// validator then reports where it breaks).
function specInput(text) {
  try {
    return { spec: JSON.parse(text), note: '' };
  } catch {
    let out = '', inStr = false, replaced = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inStr) {
        out += c;
        if (c === '\\') { out += text[++i] ?? ''; } else if (c === '"') inStr = false;
        continue;
      }
      if (c === '"') { inStr = true; out += c; continue; }
      const m = /^(-?Infinity|NaN)\b/.exec(text.slice(i, i + 9));
      if (m) { out += JSON.stringify(m[1]); i += m[1].length - 1; replaced = true; continue; }
      out += c;
    }
    if (replaced) {
      try { return { spec: JSON.parse(out), note: ' (NaN and Infinity are not numbers in JSON)' }; } catch { /* fall through */ }
    }
    return { spec: text, note: '' };
  }
}

// racers=… from a link: a JSON list, or a warning and none.
function racersInput(text) {
  if (text == null || text === '') return null;
  const { spec } = specInput(text);
  if (Array.isArray(spec)) return spec;
  showWarning('racers: the link’s list of optimizers is not a JSON list; ignored');
  return null;
}

function sendSpec(text, source, racers = state.racers) {
  const { spec, note } = specInput(text);
  send({ type: 'setSpec', spec, racers, note, source });
}

$('apply').addEventListener('click', () => sendSpec($('spec').value, 'json'));

function hashFor(extra = {}) {
  let h = '#spec=' + encodeURIComponent(JSON.stringify(state.spec));
  if (state.racers.length) h += '&racers=' + encodeURIComponent(JSON.stringify(state.racers));
  if (lang() !== 'en') h += '&lang=' + lang();
  if (state.heatmapRacer) h += '&heatmap=' + state.heatmapRacer;
  const sp = Number($('speed').value);
  if (sp) h += '&speed=' + sp;
  for (const [k, v] of Object.entries(extra)) h += `&${k}=${encodeURIComponent(v)}`;
  return h;
}
let writtenHash = null;
function writeHash() {
  if (!state.spec) return;
  if (embed) {
    // Embedded: keep the frame's own flags, so a reload stays embedded.
    const h = hashFor({ embed: '1' });
    if (location.hash !== h) history.replaceState(null, '', h);
    writtenHash = location.hash;
    return;
  }
  const h = hashFor();
  if (location.hash !== h) history.replaceState(null, '', h);
  writtenHash = location.hash;
}

window.addEventListener('hashchange', () => {
  if (!state.spec || location.hash === writtenHash) return;
  const p = readHash();
  if (p.lang && p.lang !== lang()) switchLang(p.lang);
  if (p.spec == null) return;
  const racers = racersInput(p.racers) ?? [];
  if (p.spec === JSON.stringify(state.spec) && JSON.stringify(racers) === JSON.stringify(state.racers)) return;
  sendSpec(p.spec, 'url', racers);
});

function baseUrl() { return new URL('./', location.href).href; }
function shareLink() { return baseUrl() + 'index.html' + hashFor(); }
function embedCode() {
  const config = { spec: state.spec };
  if (state.racers.length) config.racers = state.racers;
  // Inside <script type="application/json">, "</" would end the element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<script src="${baseUrl()}opt-lab.js"></script>\n` +
    `<opt-lab${lang() !== 'en' ? ` lang="${lang()}"` : ''}><script type="application/json">${json}</script></opt-lab>\n` +
    `<!-- or, without the script: <iframe src="${baseUrl()}index.html${hashFor({ embed: '1' })}" width="100%" height="760" title="optlab"></iframe> -->`;
}

async function copyText(button, text, okKey) {
  button.dataset.copied = text;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = t(okKey);
  } catch {
    button.textContent = t('copyFailed');
  }
  setTimeout(() => { button.textContent = t(button.dataset.i18n); }, 1500);
}
$('copy-link').addEventListener('click', () => copyText($('copy-link'), shareLink(), 'linkCopied'));
$('copy-embed').addEventListener('click', () => copyText($('copy-embed'), embedCode(), 'embedCopied'));

// ---------------------------------------------------------------- language
function switchLang(l) {
  setLang(l);
  applyStatic();
  $('lang').value = lang();
  // Racer blocks are rebuilt: their labels and hyperparameter names are interface text too.
  for (const ui of racerUi) ui.box.remove();
  racerUi.length = 0;
  if (state.spec) syncRacers();
  drawLegend();
  updateLegend();
  updateCaptions();
  if (state.frame) updateStats(state.frame);
  else $('stat-state').textContent = t('loading');
  writeHash();
}
$('lang').addEventListener('change', () => switchLang($('lang').value));

// ---------------------------------------------------------------- exports
const exportData = () => ({
  spec: state.spec, racers: racerOptimizers(), columns: state.columns,
  runs: state.runs.map((r) => ({ rows: r.rows, times: r.times, trace: r.trace })),
});
$('export-csv').addEventListener('click', () => exportCsv(exportData()));
$('export-json').addEventListener('click', () => exportJson(exportData()));
$('export-png').addEventListener('click', () => exportPng(plotCanvases(), racerOptimizers().map((o, i) => [RACER_COLOURS[i], racerName(i)])));

// ---------------------------------------------------------------- transport
function togglePlay() {
  if (!state.ready) return;
  send({ type: state.playing ? 'pause' : 'play' });
  state.playing = !state.playing;   // optimistic; the next frame confirms
  updateButtons();
}
$('play').addEventListener('click', togglePlay);
$('step').addEventListener('click', () => send({ type: 'step', n: 1 }));
$('reset').addEventListener('click', () => send({ type: 'reset' }));
$('speed').addEventListener('change', () => { send({ type: 'speed', stepsPerSecond: Number($('speed').value) }); writeHash(); });

document.addEventListener('keydown', (e) => {
  const tg = e.target;
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  // Space does nothing on a slider, so it still plays/pauses there (right after moving ε, say);
  // everywhere else a focused form control keeps its own keys.
  const onSlider = tg instanceof HTMLInputElement && tg.type === 'range';
  if (e.key === ' ' && onSlider) { e.preventDefault(); togglePlay(); return; }
  if (tg instanceof HTMLElement && (tg.isContentEditable || tg.closest('input, textarea, select, button'))) return;
  if (e.key === ' ') { e.preventDefault(); togglePlay(); }
  else if (e.key === 'ArrowRight') { e.preventDefault(); send({ type: 'step', n: 1 }); }
});

function updateButtons() {
  const finished = state.done;
  setText($('play'), state.playing ? t('pause') : t('play'));
  $('play').dataset.i18n = state.playing ? 'pause' : 'play';
  if ($('play').getAttribute('aria-pressed') !== String(state.playing)) $('play').setAttribute('aria-pressed', String(state.playing));
  $('play').disabled = !state.ready || finished;
  $('step').disabled = !state.ready || finished;
}

// ---------------------------------------------------------------- records and stats
function appendFrame(msg) {
  const w = state.columns.length;
  (msg.racers ?? []).forEach((f, i) => {
    const run = state.runs[i];
    if (!run) return;
    for (let r = 0, j = 0; r + w <= f.rows.length; r += w, j++) {
      run.rows.push(Array.from(f.rows.subarray(r, r + w)));
      run.times.push(f.times[j] ?? NaN);
    }
    for (const v of f.trace) run.trace.push(v);
    run.stepCount = f.stepCount;
    run.done = f.done;
    run.diverged = f.diverged;
  });
  const r0 = state.runs[0];
  if (r0?.rows.length) state.last = r0.rows[r0.rows.length - 1];
  chartsDirty = true;
  $('loss-chart').dataset.points = String(r0?.rows.length ?? 0);
}

// Text that changes only when it has to: unchanged writes still cost a style and layout pass.
function setText(e, text) { if (e.textContent !== text) e.textContent = text; }
function setStat(id, value, text) {
  const e = $(id);
  setText(e, text);
  const v = String(value);
  if (e.dataset.value !== v) e.dataset.value = v;
}

function valueColumn() {
  return ['loss', 'f', 'value'].find((c) => state.col[c] !== undefined);
}

function updateStats(msg) {
  setStat('stat-step', msg.stepCount, `${msg.stepCount} / ${msg.totalSteps}`);
  if ($('progress').max !== Math.max(1, msg.totalSteps)) $('progress').max = Math.max(1, msg.totalSteps);
  if ($('progress').value !== msg.stepCount) $('progress').value = msg.stepCount;
  const L = state.last, c = state.col;
  const get = (name) => (L && name !== undefined && c[name] !== undefined ? L[c[name]] : NaN);
  const num = (v) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));
  if (L) {
    setStat('stat-epoch', get('epoch'), num(get('epoch')).replace(/\.?0+$/, ''));
    setStat('stat-loss', get(valueColumn()), num(get(valueColumn())));
    setStat('stat-test-loss', get('test_loss'), num(get('test_loss')));
    const acc = get('test_acc');
    setStat('stat-test-acc', acc, Number.isFinite(acc) ? `${(acc * 100).toFixed(1)}%` : '–');
  }
  setText($('stat-rate'), msg.playing && msg.stepsPerSecond ? String(Math.round(msg.stepsPerSecond)) : '–');
  let s;
  if (msg.done && msg.diverged) s = 'diverged';
  else if (msg.done) s = 'finished';
  else if (msg.playing) s = 'playing';
  else s = msg.stepCount > 0 ? 'paused' : 'ready';
  setText($('stat-state'), t({ diverged: 'stDiverged', finished: 'stFinished', playing: 'stTraining', paused: 'stPaused', ready: 'stReady' }[s]));
  if (document.body.dataset.state !== s) setBodyState(s);
  const dv = $('diverged');
  const lines = [];
  (msg.racers ?? []).forEach((f, i) => {
    if (!f.diverged) return;
    if (i === 0 && (msg.racers.length === 1)) lines.push(t('divergedMsg', f.diverged));
    else lines.push(t('racerDiverged', racerName(i), f.diverged));
  });
  if (lines.length) { setText(dv, lines.join('\n')); dv.hidden = false; }
  else if (!dv.hidden) { dv.hidden = true; dv.textContent = ''; }
  updateButtons();
}

function updateCaptions() {
  if (!state.spec) return;
  const surface = isSurfaceSpec(state.spec);
  $('loss-caption').textContent = surface ? t('valueCaption') : t('lossCaption', state.spec.network?.loss ?? 'loss') +
    (charts.some((c) => c.avgCol !== undefined) ? t('avgCaption') : '');
  $('heatmap-caption').textContent = t('heatmapCaption', racerName(state.heatmapRacer));
  $('k-loss').textContent = surface ? 'f(θ)' : t('kTrainLoss');
  $('time-caption').textContent = surface && state.col.evaluations !== undefined ? t('evalCaption') : t('timeCaption');
}

function drawLegend() {
  const box = $('legend');
  box.replaceChildren();
  racerOptimizers().forEach((o, i) => {
    const sw = el('span', { className: 'swatch' });
    sw.style.background = RACER_COLOURS[i];
    const item = el('span', { className: 'legend-item' }, sw, racerName(i), el('span', { className: 'v' }));
    item.dataset.racer = String(i + 1);
    box.append(item);
  });
}

// Each racer's latest numbers next to its name (and in data-* for tests and scripts).
function updateLegend() {
  const items = $('legend').children;
  const col = state.col[valueColumn()], acc = state.col.test_acc;
  const num = (v) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));
  state.runs.forEach((r, i) => {
    const it = items[i];
    const last = r.rows[r.rows.length - 1];
    if (!it || !last) return;
    it.dataset.value = String(last[col]);
    it.dataset.step = String(r.stepCount ?? 0);
    let text = ` ${num(last[col])}`;
    if (acc !== undefined) { it.dataset.acc = String(last[acc]); text += ` · ${(last[acc] * 100).toFixed(1)}%`; }
    if (r.diverged) text += ' ✕';
    setText(it.querySelector('.v'), text);
  });
}

// ---------------------------------------------------------------- charts (uPlot), one series per racer
// Each chart: x is the step (shared by every racer: they log at the same steps) or the racer's own
// wall-clock time (joined with uPlot.join). Drawn at most once per animation frame.
const CHARTS = [
  { id: 'loss-chart', y: () => valueColumn(), log: true, test: true, offset: true },
  { id: 'time-chart', y: () => valueColumn(), log: true, time: true, offset: true },
  { id: 'acc-chart', y: () => 'test_acc', log: false },
  { id: 'grad-chart', y: () => 'grad_norm', log: true },
  { id: 'lr-chart', y: () => 'lr', log: false },
];
let charts = [];   // [{cfg, plot, col, testCol}]
let chartsDirty = false;

function chartSize(node) {
  const w = Math.max(240, Math.min(560, node.parentElement.clientWidth - 16));
  return { width: w, height: 220 };
}

function buildCharts() {
  for (const c of charts) c.plot.destroy();
  charts = [];
  const n = racerOptimizers().length;
  const surface = isSurfaceSpec(state.spec);
  for (const cfg of CHARTS) {
    const node = $(cfg.id);
    const col = state.col[cfg.y()];
    node.closest('figure').hidden = col === undefined;
    if (col === undefined) continue;
    const testCol = cfg.test && !surface ? state.col.test_loss : undefined;
    // With parameter averaging on (any racer), the averaged parameters' test loss, dotted.
    const avgOn = racerOptimizers().some((o) => o.average && o.average !== 'none');
    const avgCol = cfg.test && !surface && avgOn ? state.col.avg_test_loss : undefined;
    const series = [{ label: cfg.time ? 'ms' : 'step' }];
    for (let i = 0; i < n; i++) {
      series.push({ label: `${i + 1}`, stroke: RACER_COLOURS[i], width: 2, spanGaps: true });
      if (testCol !== undefined) series.push({ label: `${i + 1} test`, stroke: RACER_COLOURS[i], width: 1.5, dash: [6, 4], spanGaps: true });
      if (avgCol !== undefined) series.push({ label: `${i + 1} averaged test`, stroke: RACER_COLOURS[i], width: 1.5, dash: [1, 3], spanGaps: true });
    }
    const plot = new uPlot({
      ...chartSize(node),
      scales: { x: { time: false }, y: cfg.log ? { distr: 3 } : {} },
      axes: [{ label: cfg.time ? (surface && state.col.evaluations !== undefined ? 'evaluations' : 'ms') : 'step' }, { label: cfg.y() === 'loss' || cfg.y() === 'f' ? (surface ? 'f − f*' : 'loss') : cfg.y() }],
      series,
      // The racers' colour key sits above the plots; per-chart legends would repeat it 5 times.
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
    }, series.map(() => []), node);
    charts.push({ cfg, plot, col, testCol, avgCol });
  }
  chartsDirty = true;
}

// A chart never draws more than ~MAX_POINTS points per series: long runs are strided (rows 0, k,
// 2k, … and the last), the same rows for every racer, so a redraw costs the same at step 100 and
// at step 100 000 and racers stay aligned on the step axis.
const MAX_POINTS = 400;
function chartData(c) {
  const longestRows = Math.max(0, ...state.runs.map((r) => r.rows.length));
  const k = Math.max(1, Math.ceil(longestRows / MAX_POINTS));
  const idx = [];
  for (let i = 0; i < longestRows; i += k) idx.push(i);
  if (longestRows && idx[idx.length - 1] !== longestRows - 1) idx.push(longestRows - 1);
  const runs = k === 1 ? state.runs : state.runs.map((r) => {
    const own = idx.filter((i) => i < r.rows.length);
    return { rows: own.map((i) => r.rows[i]), times: own.map((i) => r.times[i]) };
  });
  const stepCol = state.col.step;
  const fmin = c.cfg.offset && isSurfaceSpec(state.spec) ? surfaceFloor() : 0;
  const y = (v) => {
    if (!Number.isFinite(v)) return null;
    const z = v - fmin;
    return c.cfg.log ? (z > 0 ? z : null) : z;
  };
  if (c.cfg.time) {
    // Networks: wall-clock ms in the racer's steps. Surfaces: function evaluations (a step of a
    // 2-D walk takes microseconds; what differs between methods is how many evaluations it costs).
    const ev = isSurfaceSpec(state.spec) ? state.col.evaluations : undefined;
    const xOf = (r) => (ev !== undefined ? r.rows.map((row) => row[ev]) : r.times.slice());
    const tables = runs.map((r) => [xOf(r), r.rows.map((row) => y(row[c.col]))]);
    if (!tables.length) return [[]];
    // uPlot.join needs increasing x: times are (non-strictly) increasing, so nudge equal ones.
    for (const [xs] of tables) for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1])) xs[i] = xs[i - 1] + 1e-9;
    return tables.length === 1 ? tables[0] : uPlot.join(tables);
  }
  let longest = runs[0];
  for (const r of runs) if (r.rows.length > longest.rows.length) longest = r;
  const xs = longest.rows.map((row) => row[stepCol]);
  const data = [xs];
  for (const r of runs) {
    const ys = new Array(xs.length).fill(null);
    for (let i = 0; i < r.rows.length; i++) ys[i] = y(r.rows[i][c.col]);
    data.push(ys);
    if (c.testCol !== undefined) {
      const ts = new Array(xs.length).fill(null);
      for (let i = 0; i < r.rows.length; i++) ts[i] = y(r.rows[i][c.testCol]);
      data.push(ts);
    }
    if (c.avgCol !== undefined) {
      const as = new Array(xs.length).fill(null);
      for (let i = 0; i < r.rows.length; i++) as[i] = y(r.rows[i][c.avgCol]);
      data.push(as);
    }
  }
  return data;
}

// f* for the "f − f*" axes: the known minimum when it is finite, else the lowest value seen.
function surfaceFloor() {
  const m = state.surface?.minimum;
  if (Number.isFinite(m)) return m - 1e-12;
  let lo = Infinity;
  const col = state.col[valueColumn()];
  for (const r of state.runs) for (const row of r.rows) if (row[col] < lo) lo = row[col];
  return Number.isFinite(lo) ? lo - 1e-12 - Math.abs(lo) * 1e-9 : 0;
}

// Drawing happens in animation frames, and at most one chart is redrawn per frame (round robin),
// so an 8-way race never puts five chart redraws, the heatmap and the contours into one frame.
let drawScheduled = false;
let heatDirty = false;
let lastHeat = 0;
let nextChart = 0;
function scheduleDraw() {
  if (drawScheduled) return;
  drawScheduled = true;
  requestAnimationFrame(drawTick);
}
function drawTick() {
  drawScheduled = false;
  if (chartsDirty) {
    chartsDirty = false;
    for (const c of charts) c.dirty = true;
  }
  let work = false;
  // The decision regions change slowly: at most ~8 redraws a second.
  const now = performance.now();
  if (heatDirty && now - lastHeat > 120) {
    heatDirty = false;
    lastHeat = now;
    drawHeatmap();
    work = true;
  }
  if (isSurfaceSpec(state.spec) && state.surfaceDirty) {
    state.surfaceDirty = false;
    drawSurface();
    work = true;
  }
  for (let k = 0; k < charts.length; k++) {
    const c = charts[(nextChart + k) % charts.length];
    if (!c.dirty) continue;
    // While playing each chart is redrawn at most ~4 times a second: frames without any drawing
    // need no commit, which is what keeps a busy machine at 60 fps.
    if (state.playing && now - (c.drawnAt ?? 0) < 250) continue;
    c.drawnAt = now;
    // With the heatmap or contours already drawn in this frame, leave the chart for the next one.
    if (work && charts.length > 1) break;
    c.dirty = false;
    c.plot.setData(chartData(c));
    nextChart = (nextChart + k + 1) % charts.length;
    break;
  }
  if (chartsDirty || heatDirty || charts.some((c) => c.dirty)) scheduleDraw();
  if (state.playing && !state.done && heatDirty) scheduleDraw();
}

new ResizeObserver(() => {
  for (const c of charts) {
    const s = chartSize($(c.cfg.id));
    if (Math.abs(s.width - c.plot.width) > 4) c.plot.setSize(s);
  }
}).observe(document.querySelector('.plots'));

// ---------------------------------------------------------------- decision-boundary heatmap
const PALETTE = [[31, 111, 209], [209, 83, 31], [46, 160, 67], [150, 70, 190], [200, 160, 0], [0, 150, 160], [220, 60, 130], [110, 110, 110]];
const canvas = $('heatmap');
const ctx = canvas.getContext('2d');
const off = document.createElement('canvas');
const offCtx = off.getContext('2d');

// Canvas sizes come from a ResizeObserver, never from reading clientWidth while drawing (that
// would force a synchronous layout in every animation frame).
const cssWidth = new Map();
const sizeWatch = new ResizeObserver((entries) => {
  for (const e of entries) cssWidth.set(e.target, e.contentRect.width);
  heatDirty = true;
  state.surfaceDirty = true;
  scheduleDraw();
});
function sizeCanvas(c) {
  if (!cssWidth.has(c)) { sizeWatch.observe(c); cssWidth.set(c, c.clientWidth || 400); }
  const css = cssWidth.get(c) || 400;
  const dpr = window.devicePixelRatio || 1;
  const px = Math.round(css * dpr);
  if (c.width !== px) { c.width = px; c.height = px; }
}

function drawHeatmap() {
  const f = state.frame;
  if (!f || !f.grid.length) return;
  if (!Number.isFinite(f.grid[0])) return;   // a diverged network: keep the last real picture
  sizeCanvas(canvas);
  const { nx, ny, classes, grid } = f;
  if (off.width !== nx || off.height !== ny) { off.width = nx; off.height = ny; }
  const img = offCtx.createImageData(nx, ny);
  for (let iy = 0; iy < ny; iy++) {
    const row = ny - 1 - iy;                // grid rows go up in y; canvas rows go down
    for (let ix = 0; ix < nx; ix++) {
      const g = (iy * nx + ix) * classes;
      let r = 0, gg = 0, b = 0, pmax = 0;
      for (let c = 0; c < classes; c++) {
        const p = grid[g + c];
        const col = PALETTE[c % PALETTE.length];
        r += p * col[0]; gg += p * col[1]; b += p * col[2];
        if (p > pmax) pmax = p;
      }
      // Confident regions are saturated, uncertain ones fade to white.
      const conf = classes > 1 ? (pmax - 1 / classes) / (1 - 1 / classes) : 1;
      const a = 0.15 + 0.55 * Math.max(0, Math.min(1, conf));
      const o = (row * nx + ix) * 4;
      img.data[o] = 255 + (r - 255) * a;
      img.data[o + 1] = 255 + (gg - 255) * a;
      img.data[o + 2] = 255 + (b - 255) * a;
      img.data[o + 3] = 255;
    }
  }
  offCtx.putImageData(img, 0, 0);
  const W = canvas.width, H = canvas.height;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, W, H);

  const d = state.data;
  if (!d || !state.bounds) return;
  const [xmin, xmax, ymin, ymax] = state.bounds;
  const sx = W / (xmax - xmin), sy = H / (ymax - ymin);
  const rad = Math.max(2, W / 140);
  const points = (X, Y, ring) => {
    for (let i = 0; i < Y.length; i++) {
      const px = (X[i * d.dim] - xmin) * sx, py = H - (X[i * d.dim + 1] - ymin) * sy;
      const col = PALETTE[Y[i] % PALETTE.length];
      ctx.beginPath();
      ctx.arc(px, py, rad, 0, 2 * Math.PI);
      if (ring) {
        ctx.lineWidth = rad * 0.7; ctx.strokeStyle = `rgb(${col})`; ctx.stroke();
      } else {
        ctx.fillStyle = `rgb(${col})`; ctx.fill();
        ctx.lineWidth = 1; ctx.strokeStyle = 'white'; ctx.stroke();
      }
    }
  };
  points(d.trainX, d.trainY, false);
  points(d.testX, d.testY, true);
  if (state.captionRacer !== state.heatmapRacer) { state.captionRacer = state.heatmapRacer; updateCaptions(); }
}

// ---------------------------------------------------------------- 2-D surface: contours, trajectories
const contour = $('contour');
function drawSurface() {
  if (!state.surface) return;
  sizeCanvas(contour);
  if (!state.contourImage || state.contourImage.width !== contour.width) {
    state.contourImage = buildContourImage(state.surface, contour.width, contour.height);
  }
  drawContour(contour, state.contourImage, state.surface, state.runs.map((r, i) => ({ trace: r.trace, colour: RACER_COLOURS[i] })), state.probe);
}
function canvasToPoint(ev) {
  const r = contour.getBoundingClientRect();
  const [xmin, xmax, ymin, ymax] = state.surface.box;
  const u = (ev.clientX - r.left) / r.width, v = (ev.clientY - r.top) / r.height;
  return [xmin + u * (xmax - xmin), ymax - v * (ymax - ymin)];
}
contour.addEventListener('click', (ev) => {
  if (!state.surface || !state.spec) return;
  const [x, y] = canvasToPoint(ev).map((v) => Number(v.toPrecision(4)));
  const { spec, racers } = specFromControls();
  spec.problem.x0 = [x, y];
  send({ type: 'setSpec', spec, racers, source: 'controls' });
});
let probePending = false;
contour.addEventListener('mousemove', (ev) => {
  if (!state.surface || probePending) return;
  probePending = true;
  requestAnimationFrame(() => {
    probePending = false;
    const [x, y] = canvasToPoint(ev);
    send({ type: 'probe', x, y });
  });
});
contour.addEventListener('mouseleave', () => { state.probe = null; state.surfaceDirty = true; scheduleDraw(); });

// Everything that draws on a canvas, for the PNG export.
function plotCanvases() {
  const list = [];
  if (isSurfaceSpec(state.spec)) list.push(contour); else list.push(canvas);
  for (const c of charts) {
    const cv = c.plot.root.querySelector('canvas');
    if (cv) list.push(cv);
  }
  return list;
}

// ---------------------------------------------------------------- start
const hashSpec = initial.spec ?? null;
const speedOpt = [...$('speed').options].find((o) => o.value === String(Number(initial.speed)));
if (speedOpt) $('speed').value = speedOpt.value;
send({
  type: 'load', ...(hashSpec == null ? { spec: null } : specInput(hashSpec)),
  racers: racersInput(initial.racers), autoplay: initial.autoplay === '1',
  speed: Number($('speed').value), heatmapRacer: Math.max(0, Number(initial.heatmap) | 0),
});
