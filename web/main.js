// The page: controls, state, plots. It only sends specs and commands to the worker and draws what
// comes back; it never calls wasm. All text from specs or the worker goes in via textContent.
import uPlot from 'uplot';
import katex from 'katex';
import {
  OPTIMIZERS, DATASETS, ACTIVATIONS, optimizerByName, paramToSlider, sliderToParam, SLIDER_STEPS,
  paramId, getParam, setParam, defaultOptimizerSpec,
} from './registry.js';

const t0 = performance.now();
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
};

// ---------------------------------------------------------------- state
const state = {
  spec: null,          // the last spec the worker accepted (the running experiment)
  columns: [],
  col: {},             // column name -> index
  series: null,        // {step:[], loss:[], test_loss:[]} for uPlot
  last: null,          // last record row (Float64Array slice)
  data: null,          // dataset points
  bounds: null,
  frame: null,         // last frame message (grid etc.)
  playing: false,
  done: false,
  diverged: null,
  ready: false,
  firstFrame: false,
};

function setBodyState(s) { document.body.dataset.state = s; }
setBodyState('loading');

// ---------------------------------------------------------------- worker
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = ({ data: msg }) => handlers[msg.type]?.(msg);
worker.onerror = (e) => showError(`The training worker failed: ${e.message || 'could not start'}`);
const send = (msg) => worker.postMessage(msg);

const handlers = {
  ready(msg) {
    state.ready = true;
    $('version').textContent = `optlab ${msg.version}`;
    for (const o of $('optimizer').options) {
      if (OPTIMIZERS.some((r) => r.name === o.value) && !msg.optimizers.includes(o.value)) {
        o.disabled = true;
        o.textContent += ' (not in this build yet)';
      }
    }
    for (const id of ['play', 'step', 'reset', 'apply']) $(id).disabled = false;
  },
  spec(msg) {
    state.spec = msg.spec;
    state.columns = msg.columns;
    state.col = Object.fromEntries(msg.columns.map((c, i) => [c, i]));
    state.series = { step: [], loss: [], test_loss: [] };
    state.last = null;
    state.data = msg.data;
    state.done = false;
    state.diverged = null;
    if (msg.source !== 'default') clearError();   // a rejected URL spec stays reported over the fallback
    syncControls();
    $('spec').value = JSON.stringify(msg.spec, null, 2);
    const hash = '#spec=' + encodeURIComponent(JSON.stringify(msg.spec));
    if (location.hash !== hash) history.replaceState(null, '', hash);
    lossChart.setData([[], [], []]);
    $('loss-chart').dataset.points = '0';
    $('loss-caption').textContent = `Loss (${msg.spec.network?.loss ?? 'loss'}, log scale) on the training and test sets`;
  },
  invalid(msg) {
    const field = msg.field || 'spec';
    const text = (msg.message.startsWith(field) ? msg.message : `${field}: ${msg.message}`) + (msg.note ?? '');
    showError(`Not applied — ${text}`, field);
    // Controls go back to the running experiment; the JSON box keeps what was typed so it can be fixed.
    if (state.spec) syncControls();
  },
  frame(msg) {
    state.frame = msg;
    state.playing = msg.playing;
    state.done = msg.done;
    state.diverged = msg.diverged;
    state.bounds = msg.bounds;
    appendRows(msg.rows);
    drawHeatmap();
    updateStats(msg);
    if (!state.firstFrame) {
      state.firstFrame = true;
      document.body.dataset.firstFrameMs = String(Math.round(performance.now() - t0));
    }
  },
  fatal(msg) {
    showError(msg.message);
    setBodyState('error');
  },
};

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

// ---------------------------------------------------------------- controls
function fillSelect(select, items) {
  for (const it of items) select.append(el('option', { value: it.name, textContent: it.label }));
}
fillSelect($('dataset'), DATASETS);
fillSelect($('activation'), ACTIVATIONS);
fillSelect($('optimizer'), OPTIMIZERS);

let paramInputs = [];   // [{range, out, p}]
function buildOptimizerParams(opt) {
  const box = $('opt-params');
  box.replaceChildren();
  paramInputs = [];
  if (!opt) return;
  for (const p of opt.params) {
    const id = `opt-${paramId(p)}`;
    const label = el('label', { htmlFor: id, title: p.title });
    // The symbol is the lecture's; the word is for everyone else.
    const sym = el('span', { className: 'sym' });
    renderTex(sym, p.label, false);
    label.append(sym, ` ${p.title}`);
    const range = el('input', { id, type: 'range', min: 0, max: SLIDER_STEPS, step: 1 });
    range.setAttribute('aria-valuetext', '');
    const out = el('output', { htmlFor: id });
    range.addEventListener('input', () => {
      const v = sliderToParam(p, Number(range.value));
      out.textContent = fmtParam(v);
      range.setAttribute('aria-valuetext', fmtParam(v));
    });
    range.addEventListener('change', () => applyControls());
    box.append(el('div', { className: 'row' }, label, range, out));
    paramInputs.push({ range, out, p });
  }
}

function renderTex(node, tex, display) {
  try {
    katex.render(tex, node, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  } catch {
    node.textContent = tex;
  }
}

const fmtParam = (v) => (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4) ? v.toExponential(2) : String(v));

let currentOptName = null;
function syncControls() {
  const s = state.spec;
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
  const o = s.optimizer ?? {};
  const opt = optimizerByName(o.name);
  if (o.name !== currentOptName) {
    if (!opt) {
      // A method the page has no controls for yet: the JSON box still runs it.
      if (![...$('optimizer').options].some((x) => x.value === o.name)) {
        $('optimizer').append(el('option', { value: o.name, textContent: o.name }));
      }
    }
    buildOptimizerParams(opt);
    currentOptName = o.name;
    renderFormula(opt);
  }
  $('optimizer').value = o.name;
  for (const { range, out, p } of paramInputs) {
    const v = getParam(o, p);
    range.value = paramToSlider(p, v);
    out.textContent = fmtParam(v);
    range.setAttribute('aria-valuetext', fmtParam(v));
  }
  $('batch').value = typeof s.batch_size === 'number' ? s.batch_size : '';
  $('steps').value = s.steps;
  $('seed').value = s.seed;
}

function renderFormula(opt) {
  if (!opt) {
    $('formula').textContent = '';
    $('formula-source').textContent = '';
    return;
  }
  renderTex($('formula'), opt.tex, true);
  $('formula-source').textContent = `${opt.label} — ${opt.source}`;
}

function int(id) { return Math.round(Number($(id).value)); }

// The controls write into a copy of the running spec, so fields the page has no control for survive.
function specFromControls() {
  const s = structuredClone(state.spec);
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
  s.network.layers = Array.from({ length: Math.max(0, n) }, () => ({ units, activation }));
  const name = $('optimizer').value;
  const opt = optimizerByName(name);
  if (name !== s.optimizer?.name) {
    s.optimizer = opt ? defaultOptimizerSpec(opt) : { name };
  } else {
    for (const { range, p } of paramInputs) setParam(s.optimizer, p, sliderToParam(p, Number(range.value)));
  }
  // batch_size may be "full" in the spec; an empty number box keeps whatever the spec says.
  if ($('batch').value !== '') s.batch_size = int('batch');
  s.steps = int('steps');
  s.seed = int('seed');
  return s;
}

function applyControls() {
  if (!state.spec) return;
  send({ type: 'setSpec', spec: specFromControls(), source: 'controls' });
}

for (const id of ['dataset', 'classes', 'noise', 'layers', 'units', 'activation', 'optimizer', 'batch', 'steps', 'seed']) {
  $(id).addEventListener('change', applyControls);
}
$('noise').addEventListener('input', () => { $('noise-out').textContent = $('noise').value; });

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

function sendSpec(text, source) {
  const { spec, note } = specInput(text);
  send({ type: 'setSpec', spec, note, source });
}

$('apply').addEventListener('click', () => sendSpec($('spec').value, 'json'));

function specFromHash() {
  const h = location.hash;
  if (!h.startsWith('#spec=')) return null;
  try {
    return decodeURIComponent(h.slice(6));
  } catch {
    return h.slice(6);
  }
}

window.addEventListener('hashchange', () => {
  const text = specFromHash();
  if (text == null || !state.spec) return;
  if (text === JSON.stringify(state.spec)) return;
  sendSpec(text, 'url');
});

$('copy-link').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    $('copy-link').textContent = 'Link copied';
  } catch {
    $('copy-link').textContent = 'Copy the address bar';
  }
  setTimeout(() => { $('copy-link').textContent = 'Copy link'; }, 1500);
});

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
$('speed').addEventListener('change', () => send({ type: 'speed', stepsPerSecond: Number($('speed').value) }));

document.addEventListener('keydown', (e) => {
  const t = e.target;
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  // Space does nothing on a slider, so it still plays/pauses there (right after moving ε, say);
  // everywhere else a focused form control keeps its own keys.
  const onSlider = t instanceof HTMLInputElement && t.type === 'range';
  if (e.key === ' ' && onSlider) { e.preventDefault(); togglePlay(); return; }
  if (t instanceof HTMLElement && (t.isContentEditable || t.closest('input, textarea, select, button'))) return;
  if (e.key === ' ') { e.preventDefault(); togglePlay(); }
  else if (e.key === 'ArrowRight') { e.preventDefault(); send({ type: 'step', n: 1 }); }
});

function updateButtons() {
  const finished = state.done || !!state.diverged;
  $('play').textContent = state.playing ? 'Pause' : 'Play';
  $('play').setAttribute('aria-pressed', String(state.playing));
  $('play').disabled = !state.ready || finished;
  $('step').disabled = !state.ready || finished;
}

// ---------------------------------------------------------------- records and stats
function appendRows(rows) {
  const w = state.columns.length;
  if (!w || !rows.length) return;
  const { step, loss, test_loss } = state.col;
  const pos = (v) => (Number.isFinite(v) && v > 0 ? v : null);   // log axis
  for (let r = 0; r + w <= rows.length; r += w) {
    state.series.step.push(rows[r + step]);
    state.series.loss.push(pos(rows[r + loss]));
    state.series.test_loss.push(test_loss === undefined ? null : pos(rows[r + test_loss]));
    state.last = rows.subarray(r, r + w);
  }
  lossChart.setData([state.series.step, state.series.loss, state.series.test_loss]);
  $('loss-chart').dataset.points = String(state.series.step.length);
}

function setStat(id, value, text) {
  const e = $(id);
  e.textContent = text;
  e.dataset.value = String(value);
}

function updateStats(msg) {
  setStat('stat-step', msg.stepCount, `${msg.stepCount} / ${msg.totalSteps}`);
  const L = state.last, c = state.col;
  const get = (name) => (L && c[name] !== undefined ? L[c[name]] : NaN);
  const num = (v) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));
  if (L) {
    setStat('stat-epoch', get('epoch'), num(get('epoch')).replace(/\.?0+$/, ''));
    setStat('stat-loss', get('loss'), num(get('loss')));
    setStat('stat-test-loss', get('test_loss'), num(get('test_loss')));
    const acc = get('test_acc');
    setStat('stat-test-acc', acc, Number.isFinite(acc) ? `${(acc * 100).toFixed(1)}%` : '–');
  }
  $('stat-rate').textContent = msg.playing && msg.stepsPerSecond ? String(Math.round(msg.stepsPerSecond)) : '–';
  let s;
  if (msg.diverged) s = 'diverged';
  else if (msg.done) s = 'finished';
  else if (msg.playing) s = 'playing';
  else s = msg.stepCount > 0 ? 'paused' : 'ready';
  $('stat-state').textContent = { diverged: 'diverged', finished: 'finished', playing: 'training…', paused: 'paused', ready: 'ready — press Play' }[s];
  setBodyState(s);
  const dv = $('diverged');
  if (msg.diverged) { dv.textContent = `Training stopped — ${msg.diverged}. Lower the learning rate (that starts a new run) or Reset.`; dv.hidden = false; }
  else { dv.hidden = true; dv.textContent = ''; }
  updateButtons();
}

// ---------------------------------------------------------------- loss chart (uPlot)
const lossChart = new uPlot({
  width: 460,
  height: 300,
  scales: { x: { time: false }, y: { distr: 3 } },
  axes: [{ label: 'step' }, { label: 'loss' }],
  series: [
    { label: 'step' },
    { label: 'train', stroke: '#1f6fd1', width: 2, spanGaps: true },
    { label: 'test', stroke: '#d1531f', width: 2, dash: [6, 4], spanGaps: true },
  ],
  legend: { live: true },
}, [[], [], []], $('loss-chart'));

new ResizeObserver(() => {
  const w = Math.max(260, Math.min(640, $('loss-chart').parentElement.clientWidth));
  if (Math.abs(w - lossChart.width) > 4) lossChart.setSize({ width: w, height: 300 });
}).observe($('loss-chart').parentElement);

// ---------------------------------------------------------------- decision-boundary heatmap
const PALETTE = [[31, 111, 209], [209, 83, 31], [46, 160, 67], [150, 70, 190], [200, 160, 0], [0, 150, 160], [220, 60, 130], [110, 110, 110]];
const canvas = $('heatmap');
const ctx = canvas.getContext('2d');
const off = document.createElement('canvas');
const offCtx = off.getContext('2d');

function sizeCanvas() {
  const css = canvas.clientWidth || 400;
  const dpr = window.devicePixelRatio || 1;
  const px = Math.round(css * dpr);
  if (canvas.width !== px) { canvas.width = px; canvas.height = px; }
}

function drawHeatmap() {
  const f = state.frame;
  if (!f || !f.grid.length) return;
  if (!Number.isFinite(f.grid[0])) return;   // a diverged network: keep the last real picture
  sizeCanvas();
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
}

// ---------------------------------------------------------------- start
const hashText = specFromHash();
send({ type: 'load', ...(hashText == null ? { spec: null } : specInput(hashText)) });
