// The page side of "Signals through depth" (the worker side, with the experiment it runs, is
// web/worker/signals.js): per hidden layer, the spread of the activations and of the gradients
// dL/dh and the saturated/dead fraction, one line per initializer, and one initializer's
// activation histograms. Mounted by main.js; talks to the worker through the client (worker-client.js).
import { toWorker } from '../protocol.js';
import { el } from './dom.js';
import { t } from '../i18n.js';
import '../i18n-views.js';
import { initText } from '../racer-label.js';
import { RACER_COLOURS } from '../registry.js';

// A result's initializer as the page names it (English: the worker's label).
const nameOf = (r) => (r.init !== undefined ? initText(r.init) : r.label);

const COLORS = ['#d62728', '#ff7f0e', '#8c564b', '#1f77b4', '#2ca02c', '#9467bd', '#17becf'];


// Per-layer series of one result: {act_std, grad_std, fraction, hist: [[32 counts] per layer], lo, hi}.
function series(r) {
  const c = Object.fromEntries(r.columns.map((n, i) => [n, i]));
  const L = r.layers;
  const out = { act_std: [], grad_std: [], fraction: [], hist: [], lo: [], hi: [] };
  for (let row = 0; row < 2 * L; ++row) {
    const at = row * r.stride;
    const kind = r.data[at + c.kind];
    if (kind === 0) {
      out.act_std.push(r.data[at + c.std]);
      out.fraction.push(r.data[at + c.fraction]);
      out.hist.push(Array.from(r.data.subarray(at + c.hist0, at + c.hist0 + r.bins)));
      out.lo.push(r.data[at + c.lo]);
      out.hi.push(r.data[at + c.hi]);
    } else {
      out.grad_std.push(r.data[at + c.std]);
    }
  }
  return out;
}

function fmt(v) {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e3 || a < 1e-2 ? v.toExponential(1) : v.toPrecision(2);
}

// A cleared canvas at its CSS size × devicePixelRatio, drawn in CSS pixels.
function cleanCanvas(canvas, w0, h0) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || w0, h = canvas.clientHeight || h0;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

// A line chart of per-layer values, one line per initializer; log10 y axis when log.
function drawLines(canvas, title, lines, { log }) {
  const { ctx, w, h } = cleanCanvas(canvas, 300, 180);
  const pad = { l: 44, r: 14, t: 18, b: 22 };
  const tr = (v) => (log ? Math.log10(v) : v);
  let lo = Infinity, hi = -Infinity, n = 0;
  for (const l of lines) {
    n = Math.max(n, l.values.length);
    for (const v of l.values) {
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      lo = Math.min(lo, tr(v));
      hi = Math.max(hi, tr(v));
    }
  }
  if (!log) { lo = 0; hi = Math.max(hi, 1); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (log) { lo = Math.floor(lo); hi = Math.ceil(hi); if (hi === lo) hi = lo + 1; }
  const X = (i) => pad.l + (n > 1 ? (i / (n - 1)) * (w - pad.l - pad.r) : 0);
  const Y = (v) => pad.t + (1 - (v - lo) / (hi - lo)) * (h - pad.t - pad.b);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#1b1f24';
  ctx.fillText(title, pad.l, 12);
  ctx.strokeStyle = '#d5dae0';
  ctx.fillStyle = '#5b6470';
  const ticks = log ? Math.min(hi - lo, 8) : 4;
  for (let k = 0; k <= ticks; ++k) {
    const v = lo + ((hi - lo) * k) / ticks;
    ctx.beginPath();
    ctx.moveTo(pad.l, Y(v));
    ctx.lineTo(w - pad.r, Y(v));
    ctx.stroke();
    ctx.fillText(log ? `1e${Math.round(v)}` : v.toFixed(2), 2, Y(v) + 4);
  }
  for (let i = 0; i < n; ++i) ctx.fillText(String(i + 1), X(i) - 3, h - 6);
  for (const l of lines) {
    ctx.strokeStyle = l.color;
    ctx.lineWidth = l.bold ? 2.5 : 1.5;
    ctx.beginPath();
    let pen = false;
    l.values.forEach((v, i) => {
      if (!Number.isFinite(v) || (log && v <= 0)) { pen = false; return; }
      const y = Y(Math.min(Math.max(tr(v), lo), hi));
      if (pen) ctx.lineTo(X(i), y); else ctx.moveTo(X(i), y);
      pen = true;
    });
    ctx.stroke();
  }
  ctx.lineWidth = 1;
}

// Activation histograms of every layer, side by side (each normalized to its tallest bin).
function drawHistograms(canvas, s, color) {
  const { ctx, w, h } = cleanCanvas(canvas, 600, 90);
  const L = s.hist.length;
  const cell = w / Math.max(L, 1);
  ctx.font = '10px system-ui, sans-serif';
  for (let l = 0; l < L; ++l) {
    const hist = s.hist[l];
    const top = Math.max(...hist, 1);
    const bw = (cell - 6) / hist.length;
    ctx.fillStyle = color;
    hist.forEach((c, b) => {
      const bh = (c / top) * (h - 26);
      ctx.fillRect(l * cell + 3 + b * bw, h - 14 - bh, Math.max(bw - 0.5, 0.5), bh);
    });
    ctx.fillStyle = '#5b6470';
    ctx.fillText(`${l + 1}`, l * cell + cell / 2 - 3, h - 2);
    ctx.fillText(`[${fmt(s.lo[l])}, ${fmt(s.hi[l])}]`, l * cell + 3, 9);
  }
}

const STYLE = `
.signals { background: white; border: 1px solid var(--line, #d5dae0); border-radius: 6px; padding: .5rem .8rem; margin-bottom: .8rem; }
.signals summary { font-weight: 600; cursor: pointer; }
.signals-controls { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; margin: .4rem 0; }
.signals-controls select, .signals-controls input { font: inherit; }
.signals-controls input { width: 4em; }
.signals-legend { display: flex; flex-wrap: wrap; gap: .3rem; margin: .3rem 0; }
.signals-legend button { padding: .1rem .5rem; font-size: .85rem; }
.signals-legend button.on { border-color: var(--accent, #1f6fd1); font-weight: 600; }
.signals-legend .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; vertical-align: -.05em; }
.signals-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: .5rem; }
.signals-chart { width: 100%; height: 190px; display: block; }
.signals-hist { width: 100%; height: 96px; display: block; margin-top: .5rem; }
.signals-table { border-collapse: collapse; font-size: .8rem; font-variant-numeric: tabular-nums; margin-top: .4rem; }
.signals-table th, .signals-table td { border-bottom: 1px solid var(--line, #d5dae0); padding: .15rem .5rem; text-align: left; }
`;

/** root: the view's element; client: the worker client; raceInits(): the initializers of the race on
 *  screen when its racers compare them, [{init, colour}] (else []), so that a racer's initializer is
 *  drawn in that racer's colour. */
export function mountSignals({ root, client, raceInits = null }) {
  const send = (msg) => client.send(msg);
  if (!root) return { relabel() {} };
  if (!document.getElementById('signals-style')) document.head.append(el('style', { id: 'signals-style', textContent: STYLE }));
  const body = root.querySelector('.signals-body') ?? root;
  const activation = el('select', { id: 'signals-activation' });
  for (const a of ['tanh', 'relu', 'sigmoid']) activation.append(el('option', { value: a, textContent: a }));
  const norm = el('select', { id: 'signals-norm' });
  for (const v of ['none', 'batch_norm', 'layer_norm', 'group_norm']) norm.append(el('option', { value: v }));
  const depth = el('input', { id: 'signals-depth', type: 'number', min: 2, max: 30, step: 1, value: 10 });
  // Units per hidden layer: a multiple of 4 (group norm's 4 groups divide it), 4…256.
  const width = el('input', { id: 'signals-width', type: 'number', min: 4, max: 256, step: 4, value: 32 });
  const legend = el('div', { className: 'signals-legend' });
  const canvases = {
    act: el('canvas', { className: 'signals-chart', id: 'signals-act' }),
    grad: el('canvas', { className: 'signals-chart', id: 'signals-grad' }),
    frac: el('canvas', { className: 'signals-chart', id: 'signals-frac' }),
  };
  const hist = el('canvas', { className: 'signals-hist', id: 'signals-hist' });
  const histCaption = el('div', { className: 'source' });
  const table = el('table', { className: 'signals-table' });
  const status = el('span', { className: 'source' });
  const note = el('p', { className: 'source', hidden: true });
  const intro = el('p', { className: 'source' });
  const labels = {
    activation: el('label', { htmlFor: 'signals-activation' }), norm: el('label', { htmlFor: 'signals-norm' }),
    depth: el('label', { htmlFor: 'signals-depth' }), width: el('label', { htmlFor: 'signals-width' }),
  };
  // What the status says after the controls: [key, ...arguments] per message (computing, a value
  // the panel moved into its range).
  let statusParts = [], clamped = [];
  // Interface text in the page's language (again after a language switch).
  function relabel() {
    const summary = root.querySelector('summary');
    if (summary) summary.textContent = t('sigSummary');
    note.textContent = t('sigNote');
    intro.textContent = t('sigIntro');
    labels.activation.textContent = t('sigActivation') + ' ';
    labels.norm.textContent = ` ${t('sigNorm')} `;
    labels.depth.textContent = ` ${t('sigDepth')} `;
    labels.width.textContent = ` ${t('sigWidth')} `;
    for (const o of norm.options) o.textContent = t(`sigNorm_${o.value}`);
    status.textContent = statusParts.map(([key, ...args]) => ` ${t(key, ...args)}`).join(';');
  }
  body.append(
    intro,
    el('div', { className: 'signals-controls' },
      labels.activation, activation, labels.norm, norm, labels.depth, depth, labels.width, width, status),
    legend,
    el('div', { className: 'signals-charts' }, canvases.act, canvases.grad, canvases.frac),
    note, hist, histCaption, table);

  let requestId = 0;
  let last = null;
  let selected = 0;

  // A field's number moved into its range: the field shows what runs, and the status says why.
  function taken(input, fallback, round, lo, hi, key) {
    const asked = Number(input.value);
    const v = Math.min(hi, Math.max(lo, round(Number.isFinite(asked) && input.value !== '' ? asked : fallback)));
    if (v !== asked) clamped.push([key, input.value === '' ? '–' : input.value, String(v)]);
    input.value = String(v);
    return v;
  }

  function request() {
    clamped = [];
    const d = taken(depth, 10, Math.round, 2, 30, 'sigClamped');
    const w = taken(width, 32, (x) => 4 * Math.round(x / 4), 4, 256, 'sigWidthClamped');
    statusParts = [['sigComputing']];
    relabel();
    root.dataset.ready = '0';
    send(toWorker.signals({ id: ++requestId, activation: activation.value, norm: norm.value, depth: d, width: w, seed: 1 }));
  }

  // Each initializer's colour: a racer's when the race on screen compares initializers and has
  // this one (the same line, the same colour in both), else one no racer uses — from the racers'
  // own palette then, whose colours are made to be told apart (the view's own blue and orange
  // were near the first racers' and read as them).
  function coloursOf(results) {
    const taken = new Map((raceInits?.() ?? []).map(({ init, colour }) => [initText(init), colour]));
    const palette = taken.size ? [...RACER_COLOURS, ...COLORS] : COLORS;
    const spare = palette.filter((c) => ![...taken.values()].some((u) => u.toLowerCase() === c.toLowerCase()));
    let k = 0;
    return results.map((r) => taken.get(nameOf(r)) ?? spare[k++ % spare.length]);
  }

  function render() {
    if (!last) return;
    const colours = coloursOf(last.results);
    const ok = last.results.map((r, i) => ({ r, i })).filter(({ r }) => !r.error);
    const all = ok.map(({ r, i }) => ({ label: nameOf(r), color: colours[i], s: series(r), i }));
    const fracName = t(last.request.activation === 'relu' ? 'sigDead' : 'sigSaturated');
    drawLines(canvases.act, t('sigActStd'), all.map((a) => ({ color: a.color, values: a.s.act_std, bold: a.i === selected })), { log: true });
    drawLines(canvases.grad, t('sigGradStd'), all.map((a) => ({ color: a.color, values: a.s.grad_std, bold: a.i === selected })), { log: true });
    drawLines(canvases.frac, t('sigFraction', fracName), all.map((a) => ({ color: a.color, values: a.s.fraction, bold: a.i === selected })), { log: false });
    legend.replaceChildren(...last.results.map((r, i) => {
      // Initializer names in the page's language (racer-label.js initText: 'He 初期化（正規分布）').
      const b = el('button', { type: 'button', className: i === selected ? 'on' : '', translate: false });
      b.append(el('span', { className: 'swatch', style: `background:${colours[i]}` }), nameOf(r));
      if (r.error) { b.disabled = true; b.title = r.error; }
      b.addEventListener('click', () => { selected = i; render(); });
      return b;
    }));
    const sel = all.find((a) => a.i === selected) ?? all[0];
    if (sel) {
      drawHistograms(hist, sel.s, sel.color);
      histCaption.textContent = t('sigHistCaption', sel.s.hist.length, sel.label);
    }
    // The numbers behind the plots: first, middle and last layer.
    const L = all[0]?.s.act_std.length ?? 0;
    const pick = [...new Set([0, Math.floor((L - 1) / 2), L - 1])];
    const head = el('tr', {}, el('th', { textContent: t('sigInitializer') }),
      ...pick.map((l) => el('th', { textContent: t('sigLayerHead', l + 1, fracName) })));
    table.replaceChildren(head, ...all.map((a) => el('tr', {}, el('td', { textContent: a.label, translate: false }),
      ...pick.map((l) => el('td', { textContent: `${fmt(a.s.act_std[l])} · ${fmt(a.s.fraction[l])} · ${fmt(a.s.grad_std[l])}` })))));
    note.hidden = !['layer_norm', 'group_norm'].includes(last.request.norm);
    statusParts = clamped;
    relabel();
    root.dataset.ready = '1';
  }

  client.on('signals', (msg) => {
    if (msg.id !== requestId) return;  // a newer request is on its way
    last = msg;
    render();
  });
  for (const c of [activation, norm, depth, width]) c.addEventListener('change', () => { if (root.open !== false) request(); });
  // Computed when first opened (a details element), so the main page pays nothing for it.
  if ('open' in root) {
    root.addEventListener('toggle', () => { if (root.open && !last) request(); else if (root.open) render(); });
    if (root.open) request();
  } else {
    request();
  }
  window.addEventListener('resize', () => { if (last && root.open !== false) render(); });
  relabel();
  return {
    relabel() { relabel(); if (last && root.open !== false) render(); },
    /** The race on screen changed: its racers' colours may now name other initializers. */
    recolour() { if (last && root.open !== false) render(); },
    /** The probe's network {activation, norm, depth, width} (a lesson's own: lessons.js signalsProbe);
     *  values the panel does not offer are left as they are (a width goes to the nearest multiple of
     *  4 in 4…256). Measured again now if open, else when opened. */
    configure(probe) {
      const now = () => [activation.value, norm.value, depth.value, width.value].join();
      const before = now();
      if ([...activation.options].some((o) => o.value === probe.activation)) activation.value = probe.activation;
      if ([...norm.options].some((o) => o.value === probe.norm)) norm.value = probe.norm;
      if (Number.isInteger(probe.depth)) depth.value = String(Math.min(30, Math.max(2, probe.depth)));
      if (Number.isInteger(probe.width)) width.value = String(Math.min(256, Math.max(4, 4 * Math.round(probe.width / 4))));
      if (now() === before) return;
      last = null;
      if (root.open !== false) request();
    },
  };
}
