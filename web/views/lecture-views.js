// The lecture's extra views (issue 15), each usable on its own and opened by name from a lesson's
// "views" list (/work/team/NOTES-views.md):
//
//   curvature       λ_min, λ_max, condition number κ, negative eigenvalues, and the two terms of
//                   the ill-conditioning test −ε gᵀg and ½ε² gᵀHg (book eq. 8.10, Figure 8.1)
//   step-length     ‖θ_k − θ_{k−1}‖ beside the terminal velocity ε‖g‖/(1 − α) (§8.3.2, eq. 8.17)
//   effective-lr    per-parameter effective learning rates of adaptive methods over steps
//                   (ε/(δ + √r), Algorithms 8.4–8.7): a histogram per logged step, per racer
//   averaging       training loss of the raw θ beside the Polyak average θ̄ (§8.7.3)
//   gradient-noise  standard error of the minibatch gradient against m = 1…256 and σ/√m (§8.1.3)
//   seeds           final test loss of each configuration of the race at seeds 1…20, per seed, and
//                   how often / by how much each differs from the first (an effect over seeds)
//   epochs          training loss against epochs (examples seen ÷ training-set size), log axis:
//                   racers with different batch sizes compared at equal data (§8.1.3)
//
// ("contour", the zoomable contour map, is views/surface-map.js.) A view whose trace columns are
// missing says which spec key it needs and offers to turn it on (onNeeds). Data: view-data.js.
import uPlot from 'uplot';
import { RACER_COLOURS } from '../registry.js';
import { logTickText, logTickTexts, linearTickTexts, statText } from '../format.js';
import { logRange, logTicks } from './chart-data.js';
import { el, setText } from './dom.js';
import { optimizerAt } from '../changes.js';
import { t } from '../i18n.js';
import '../i18n-views.js';
import {
  hasColumns, seriesData, column, logColumn, descentTerm, curvatureTerm, momentumOf, terminalVelocity,
  effectiveLrHistogram, gradientNoiseData, epochTables, seedRuns, seedComparison, withoutSeed, SEEDS, EFFECTIVE_LR_BINS, EFFECTIVE_LR_LOG_LOW, EFFECTIVE_LR_BIN_WIDTH,
} from './view-data.js';

const DASH = [[], [7, 4], [2, 3]];
const LOG = 'log', LIN = 'linear', ASINH = 'asinh';

// Each chart: y quantities (label key, series value), axis kind, axis title.
const VIEWS = {
  curvature: {
    needs: { trace: { curvature: true } },
    columns: ['lambda_min', 'lambda_max', 'condition', 'negative_eigenvalues', 'gTg', 'gTHg', 'lr'],
    charts: [
      { y: ASINH, title: () => 'λ', quantities: [['λ_max', column('lambda_max')], ['λ_min', column('lambda_min')]] },
      { y: LOG, title: () => 'κ = |λ|max/|λ|min', quantities: [['κ', logColumn('condition')]] },
      { y: LIN, title: () => t('vNegAxis'), quantities: [[() => t('vNegCount'), column('negative_eigenvalues')]] },
      { y: ASINH, title: () => t('vCostChange'),
        quantities: [['−ε gᵀg', descentTerm], ['½ε² gᵀHg', curvatureTerm], ['−ε gᵀg + ½ε² gᵀHg', column('ill_conditioning')]] },
    ],
    caption: 'vCurvatureCaption',
  },
  'step-length': {
    needs: { trace: { step_length: true } },
    columns: ['step_length', 'lr', 'grad_norm'],
    charts: [{ y: LOG, title: () => t('vStepLength'), quantities: 'stepLength' }],
    caption: 'vStepCaption',
  },
  'effective-lr': {
    needs: { trace: { effective_lr: true } },
    columns: ['lr_eff_median', 'lr_eff_h00'],
    histogram: true,
    caption: 'vEffLrCaption',
  },
  averaging: {
    needs: { average: 'polyak' },
    columns: ['loss', 'avg_loss'],
    charts: [{ y: LOG, title: () => t('axisLoss'), quantities: [[() => t('vRaw'), logColumn('loss')], [() => t('vAveraged'), logColumn('avg_loss')]], thick: 1 }],
    caption: 'vAvgCaption',
  },
  'gradient-noise': { noise: true, caption: 'vNoiseCaption' },
  epochs: { columns: ['epoch', 'loss'], epochs: true, caption: 'vEpochsCaption' },
  seeds: { columns: ['test_loss'], seeds: true, caption: 'vSeedsCaption' },
};
export const VIEW_NAMES = Object.keys(VIEWS);
const TITLE_KEYS = { curvature: 'vCurvature', 'step-length': 'vStep', 'effective-lr': 'vEffLr', averaging: 'vAvg', 'gradient-noise': 'vNoise', epochs: 'vEpochs', seeds: 'vSeeds' };

// A series' dash pattern as a CSS border style for its legend marker.
const markerDash = (dash) => (!dash?.length ? 'solid' : dash[0] <= 2 ? 'dotted' : 'dashed');
const labelText = (l) => (typeof l === 'function' ? l() : l);
const size = (u, values) => 34 + 7 * Math.max(3, ...(values ?? []).map((v) => String(v ?? '').length));

function yScale(kind) {
  if (kind === LOG) return { distr: 3, range: (u) => logRange(u.data.slice(1)) };
  if (kind === ASINH) return { distr: 4, asinh: 1e-6 };
  return { auto: true };
}
function yAxis(kind, label) {
  if (kind === LOG) return { label, size, splits: (u) => logTicks(u.scales.y.min, u.scales.y.max, 6), filter: (u, s) => s, values: (u, s) => logTickTexts(s) };
  if (kind === ASINH) return { label, size, values: (u, s) => s.map((v) => (v === 0 ? '0' : (v < 0 ? '−' : '') + logTickText(Math.abs(v)))) };
  return { label, size, values: (u, s) => linearTickTexts(s) };
}

/**
 * Mounts the views into `root` (a container the page provides). onNeeds(needs): the user asked to
 * turn on what a view needs; requestNoise(): measure the gradient noise of the current spec.
 */
export function mountLectureViews({ root, scheduler, onNeeds, requestNoise, requestSeeds, racerTitle = null }) {
  // A configuration's name in the seeds view: its first racer's name as the legend gives it (in the
  // page's language: a lesson's racer_labels), without the seed.
  const groupName = (g) => (racerTitle ? withoutSeed(racerTitle(g.racers[0])) : '') || g.label;
  const views = new Map();   // name → {figure, body, charts: [], task}
  let curves = null, racers = [], surface = false, shown = new Set(), noise = null, noiseError = null;
  // The seeds view: the runs asked for (their JSON is the key: the same race after a reset or a
  // language change reuses the results) and the worker's answers {results, total, error}.
  let seeds = { key: '', groups: [], answer: null };
  // A racer's colour as the legend shows it (page.js colourOf: a removed racer recolours no other).
  const colourOf = (i) => curves?.racers[i]?.colour ?? RACER_COLOURS[i];

  const toggles = el('div', { className: 'view-toggles' });
  root.append(toggles);
  for (const name of VIEW_NAMES) {
    const box = el('input', { type: 'checkbox', id: `view-${name}` });
    box.addEventListener('change', () => { if (box.checked) shown.add(name); else shown.delete(name); rebuildView(name); });
    const label = el('label', { htmlFor: box.id });
    label.dataset.viewTitle = name;
    toggles.append(el('span', { className: 'view-toggle' }, box, label));
    const figure = el('figure', { className: 'lecture-view', hidden: true });
    figure.dataset.view = name;
    const heading = el('h3');
    const body = el('div', { className: 'view-body' });
    const caption = el('figcaption');
    figure.append(heading, body, caption);
    root.append(figure);
    views.set(name, { figure, heading, body, caption, charts: [], task: null });
  }

  function destroy(v) {
    for (const c of v.charts) c.plot?.destroy();
    v.charts = [];
    v.task?.remove();
    v.task = null;
    v.body.replaceChildren();
  }

  function needsNote(name) {
    const spec = VIEWS[name].needs;
    const key = spec.trace ? `trace.${Object.keys(spec.trace)[0]}` : `optimizer.average = "${spec.average}"`;
    const button = el('button', { type: 'button', className: 'view-needs-on' });
    button.textContent = t('vTurnOn', key);
    button.addEventListener('click', () => onNeeds(spec));
    const note = el('p', { className: 'view-needs' });
    note.textContent = t('vNeeds', key) + ' ';
    note.append(button);
    return note;
  }

  function chartQuantities(view, chart) {
    if (chart.quantities !== 'stepLength') return chart.quantities;
    // α as racer i runs at that step: its spec's optimizer with its recorded changes (changes.js).
    const alphaAt = (i, step) => momentumOf(optimizerAt(racers[i], step));
    return [[() => '‖θₖ − θₖ₋₁‖', logColumn('step_length')], [() => 'ε‖g‖/(1 − α)', terminalVelocity(alphaAt)]];
  }

  function makeChart(node, chart, quantities) {
    const n = curves.racers.length;
    const series = [{ label: t('kStep') }];
    for (let i = 0; i < n; i++) {
      quantities.forEach(([label], q) => series.push({
        label: `${i + 1} ${labelText(label)}`, stroke: colourOf(i), width: q === chart.thick ? 3 : 2,
        dash: DASH[q % DASH.length], spanGaps: true,
      }));
    }
    const width = Math.max(240, Math.min(520, (node.parentElement?.clientWidth ?? 520) - 16));
    return new uPlot({
      width, height: 200,
      scales: { x: { time: false }, y: yScale(chart.y) },
      axes: [{ label: t('kStep'), values: (u, s) => linearTickTexts(s) }, yAxis(chart.y, chart.title())],
      series,
      // Lines told apart by dash style only (λ_max / λ_min, the three cost terms): the legend's marker
      // is drawn in the same style (uPlot draws it as a solid square otherwise).
      legend: { show: true, live: false, markers: { width: 3, dash: (u, i) => markerDash(u.series[i].dash) } },
      cursor: { drag: { x: true, y: false } },
    }, series.map(() => []), node);
  }

  function rebuildView(name) {
    const v = views.get(name), spec = VIEWS[name];
    destroy(v);
    v.figure.hidden = !shown.has(name) || !curves;
    v.figure.querySelector('h3').textContent = t(TITLE_KEYS[name]);
    v.caption.textContent = t(spec.caption);
    v.figure.dataset.state = 'empty';
    if (v.figure.hidden) return;
    if (spec.noise) { buildNoise(v); return; }
    if (spec.epochs && !hasColumns(curves, spec.columns)) { v.body.append(el('p', { className: 'view-needs', textContent: t('vEpochsSurface') })); v.figure.dataset.state = 'needs'; return; }
    if (spec.epochs) { buildEpochs(v); return; }
    if (spec.seeds && !hasColumns(curves, spec.columns)) { v.body.append(el('p', { className: 'view-needs', textContent: t('vSeedsSurface') })); v.figure.dataset.state = 'needs'; return; }
    if (spec.seeds) { buildSeeds(v); return; }
    if (!hasColumns(curves, spec.columns)) { v.body.append(needsNote(name)); v.figure.dataset.state = 'needs'; return; }
    if (spec.histogram) { buildHistogram(v); return; }
    for (const chart of spec.charts) {
      const node = el('div', { className: 'chart' });
      v.body.append(node);
      const quantities = chartQuantities(name, chart);
      v.charts.push({ plot: makeChart(node, chart, quantities), quantities });
    }
    v.task = scheduler.add(() => drawView(name), { interval: 300 });
    v.task.dirty();
  }

  const joined = (tables) => (tables.length === 0 ? [[]] : tables.length === 1 ? tables[0] : uPlot.join(tables));
  function drawView(name) {
    const v = views.get(name);
    let points = 0;
    for (const c of v.charts) {
      const data = c.epochs ? joined(epochTables(curves)) : seriesData(curves, c.quantities.map(([, q]) => q));
      points += data.slice(1).reduce((s, ys) => s + ys.filter((y) => y !== null).length, 0);
      c.plot.setData(data);
    }
    v.figure.dataset.points = String(points);
    v.figure.dataset.state = points > 0 ? 'data' : 'empty';
  }

  // ---- loss against epochs: each racer on its own x (its epoch column), joined for uPlot.
  function buildEpochs(v) {
    const node = el('div', { className: 'chart' });
    v.body.append(node);
    const series = [{ label: t('vEpochsAxis') }];
    curves.racers.forEach((r, i) => series.push({ label: `${i + 1}`, stroke: colourOf(i), width: 2, spanGaps: true }));
    const width = Math.max(240, Math.min(520, (node.parentElement?.clientWidth ?? 520) - 16));
    const plot = new uPlot({
      width, height: 220,
      scales: { x: { time: false, distr: 3 }, y: yScale(LOG) },
      axes: [{ label: t('vEpochsAxis'), splits: (u) => logTicks(u.scales.x.min, u.scales.x.max, 6), filter: (u, s) => s, values: (u, s) => logTickTexts(s) },
        yAxis(LOG, t('axisLoss'))],
      series, legend: { show: false },
      cursor: { drag: { x: true, y: false } },
    }, series.map(() => []), node);
    v.charts.push({ plot, epochs: true });
    v.task = scheduler.add(() => drawView('epochs'), { interval: 300 });
    v.task.dirty();
  }

  // ---- seeds: each configuration's final test loss at seeds 1…20 (trained by the worker).
  function buildSeeds(v) {
    const { groups, runs } = seedRuns(racers);
    const key = JSON.stringify(runs);
    if (key !== seeds.key) { seeds = { key, groups, answer: null }; requestSeeds(runs); }
    v.seedsNode = el('div', { className: 'chart' });
    v.seedsOut = el('p', { className: 'view-summary' });
    v.body.append(v.seedsNode, v.seedsOut);
    showSeeds(v);
  }
  function showSeeds(v) {
    if (!v.seedsNode) return;
    const { groups, answer } = seeds;
    for (const c of v.charts) c.plot?.destroy();
    v.charts = [];
    v.seedsNode.replaceChildren();
    if (answer?.error) { setText(v.seedsOut, answer.error); v.figure.dataset.state = 'error'; return; }
    const results = answer?.results ?? [];
    const total = groups.length * SEEDS;
    const cmp = seedComparison(groups.length, results);
    const series = [{ label: t('vSeedAxis') }, ...groups.map((g) => ({
      label: `${g.racers.map((i) => i + 1).join(', ')}: ${groupName(g)}`, stroke: colourOf(g.racers[0]), width: 1.5,
      points: { show: true, size: 7 }, spanGaps: false,
    }))];
    const plot = new uPlot({
      width: Math.max(240, Math.min(520, v.seedsNode.clientWidth || 520)), height: 220,
      scales: { x: { time: false, range: [0.5, SEEDS + 0.5] }, y: { auto: true } },
      axes: [{ label: t('vSeedAxis'), splits: () => cmp.seeds, values: (u, s) => s.map((x) => (x == null ? '' : String(x))) },
        yAxis(LIN, t('vFinalTestLoss'))],
      series, legend: { show: true, live: false },
    }, [cmp.seeds, ...cmp.loss], v.seedsNode);
    v.charts.push({ plot });
    const lines = [results.length < total ? t('vSeedsRunning', String(results.length), String(total)) : t('vSeedsDone', String(total))];
    for (const d of cmp.versus) {
      if (!d.n) continue;
      lines.push(t('vSeedsVersus', groupName(groups[0]), groupName(groups[d.group]), String(d.lower), String(d.n),
        statText(d.mean, 2), d.se === null ? '–' : statText(d.se, 2)));
    }
    setText(v.seedsOut, lines.join(' '));
    v.figure.dataset.points = String(cmp.loss.flat().filter((x) => x !== null).length);
    v.figure.dataset.state = results.length ? 'data' : 'empty';
    v.figure.dataset.versus = JSON.stringify(cmp.versus);
  }

  // ---- effective learning rates: one heat strip per racer (x: logged step, y: log₁₀ rate bins).
  function buildHistogram(v) {
    const canvas = el('canvas', { className: 'view-canvas' });
    canvas.width = 520; canvas.height = 90 * Math.max(1, curves.racers.length) + 30;
    canvas.setAttribute('role', 'img');
    v.body.append(canvas);
    v.canvas = canvas;
    v.task = scheduler.add(() => drawHistogram(v), { interval: 400 });
    v.task.dirty();
  }
  function drawHistogram(v) {
    const c = v.canvas, ctx = c.getContext('2d');
    const W = c.width, left = 64, right = 10, strip = 80, gap = 10, top = 6;
    ctx.clearRect(0, 0, W, c.height);
    ctx.font = '11px system-ui, "Noto Sans CJK JP", sans-serif';
    let points = 0;
    curves.racers.forEach((r, i) => {
      const h = effectiveLrHistogram(curves, i);
      const y0 = top + i * (strip + gap);
      ctx.fillStyle = '#f4f4f4';
      ctx.fillRect(left, y0, W - left - right, strip);
      const cols = h.steps.length;
      const cw = (W - left - right) / Math.max(1, cols), bh = strip / EFFECTIVE_LR_BINS;
      h.fractions.forEach((f, x) => {
        if (!f) return;
        points++;
        f.forEach((share, b) => {
          if (!(share > 0)) return;
          const a = Math.min(1, 0.15 + 0.85 * Math.sqrt(share));
          ctx.fillStyle = colourOf(i);
          ctx.globalAlpha = a;
          ctx.fillRect(left + x * cw, y0 + strip - (b + 1) * bh, Math.ceil(cw), Math.ceil(bh));
        });
      });
      ctx.globalAlpha = 1;
      // y axis: decades 10⁻⁸ … 10²; a label for the racer.
      ctx.fillStyle = '#333'; ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
      for (let e = EFFECTIVE_LR_LOG_LOW; e <= EFFECTIVE_LR_LOG_LOW + EFFECTIVE_LR_BINS * EFFECTIVE_LR_BIN_WIDTH; e += 2) {
        const y = y0 + strip - ((e - EFFECTIVE_LR_LOG_LOW) / EFFECTIVE_LR_BIN_WIDTH) * bh;
        ctx.fillText(logTickText(10 ** e), left - 4, y);
      }
      ctx.textAlign = 'left'; ctx.textBaseline = 'top';
      const name = racers[i]?.spec?.optimizer?.name ?? '';
      const none = h.fractions.length > 0 && h.fractions.every((f) => !f);
      ctx.fillText(`${i + 1} · ${name}${none ? ` — ${t('vNoRates')}` : ''}`, left + 4, y0 + 2);
    });
    const last = curves.racers[0]?.rows.at(-1);
    ctx.fillStyle = '#333'; ctx.textAlign = 'left'; ctx.textBaseline = 'bottom';
    ctx.fillText(`${t('kStep')} 0 → ${last ? last[curves.col.step] : 0}  ·  ${t('vEffLrAxis')}`, left, c.height - 2);
    c.setAttribute('aria-label', t('vEffLrCaption'));
    v.figure.dataset.points = String(points);
    v.figure.dataset.state = points > 0 ? 'data' : 'empty';
  }

  // ---- gradient noise: measured on request by the worker (a separate measurement, not the trace).
  function buildNoise(v) {
    if (surface) { v.body.append(el('p', { className: 'view-needs', textContent: t('vNoiseSurface') })); v.figure.dataset.state = 'needs'; return; }
    const button = el('button', { type: 'button', className: 'view-measure', textContent: t('vMeasure') });
    button.addEventListener('click', () => { noise = null; noiseError = null; requestNoise(); showNoise(v); });
    const node = el('div', { className: 'chart' });
    const out = el('p', { className: 'view-summary' });
    v.body.append(button, node, out);
    v.noiseNode = node; v.noiseOut = out;
    if (!noise && !noiseError) requestNoise();
    showNoise(v);
  }
  function showNoise(v) {
    if (!v.noiseNode) return;
    for (const c of v.charts) c.plot?.destroy();
    v.charts = [];
    if (noiseError) { setText(v.noiseOut, noiseError); v.figure.dataset.state = 'error'; return; }
    if (!noise) { setText(v.noiseOut, t('vMeasuring')); return; }
    const d = gradientNoiseData(noise);
    const series = [{ label: 'm' },
      { label: t('vMeasured'), stroke: colourOf(0), width: 2, points: { show: true, size: 6 } },
      { label: 'σ/√m', stroke: '#555', width: 1.5, dash: [7, 4] }];
    const plot = new uPlot({
      width: Math.max(240, Math.min(420, v.noiseNode.clientWidth || 420)), height: 220,   // a phone: the figure's width
      scales: { x: { time: false, distr: 3, log: 2 }, y: { distr: 3, range: (u) => logRange(u.data.slice(1)) } },
      // One tick per measured batch size (1, 2, 4, … 256): uPlot's own log-2 splits leave nulls between.
      axes: [{ label: t('vBatchAxis'), splits: () => d.m, filter: (u, s) => s, values: (u, s) => s.map((x) => (x == null ? '' : String(x))) },
        yAxis(LOG, t('vStdErrAxis'))],
      series, legend: { show: true, live: false },
    }, [d.m, d.measured, d.predicted], v.noiseNode);
    v.charts.push({ plot });
    setText(v.noiseOut, t('vNoiseSummary', statText(d.slope, 3), statText(d.sigma, 4), String(d.samples), String(d.examples)));
    v.figure.dataset.points = String(d.measured.filter((x) => x !== null).length);
    v.figure.dataset.state = 'data';
  }

  function relabelToggles() {
    for (const label of toggles.querySelectorAll('label')) label.textContent = t(TITLE_KEYS[label.dataset.viewTitle]);
  }
  relabelToggles();

  return {
    /** A new race: its curves, the racers [{index, label, spec}] (state.racers: each racer's complete
     *  spec with its changes), and whether it is a surface race. */
    rebuild(nextCurves, { racers: next, isSurface }) {
      curves = nextCurves; racers = next; surface = isSurface;
      noise = null; noiseError = null;
      // A new race (a reset too) stops the worker's seed runs: unfinished ones are asked for again.
      if (!seeds.answer?.error && (seeds.answer?.results.length ?? 0) < seeds.groups.length * SEEDS) seeds.key = '';
      for (const name of VIEW_NAMES) rebuildView(name);
    },
    /** Shows exactly these views (a lesson's list; names that are not views here are ignored): a
     *  lesson opened after another does not keep the other's views open. */
    show(names) {
      for (const name of VIEW_NAMES) {
        const on = names.includes(name);
        if (on) shown.add(name); else shown.delete(name);
        byName(name).checked = on;
      }
      if (curves) for (const name of VIEW_NAMES) rebuildView(name);
    },
    shown: () => [...shown],
    /** A change without reset was recorded: the racers' specs with it (the run and its curves go on). */
    setRacers(next) { racers = next; for (const v of views.values()) v.task?.dirty(); },
    /** The worker's seed runs so far (toPage.seedRuns), for the runs asked for last. */
    setSeeds(msg) {
      seeds.answer = msg;
      const v = views.get('seeds');
      if (!v.figure.hidden) showSeeds(v);
    },
    setNoise(msg) {
      noise = msg.lines ?? null;
      noiseError = msg.error ?? null;
      const v = views.get('gradient-noise');
      if (!v.figure.hidden) showNoise(v);
    },
    relabel() { relabelToggles(); if (curves) for (const name of VIEW_NAMES) rebuildView(name); },
    dirty() { for (const v of views.values()) v.task?.dirty(); },
    drawNow() { for (const [name, v] of views) if (v.task && !v.figure.hidden) (v.canvas ? drawHistogram(v) : drawView(name)); },
  };
  function byName(name) { return toggles.querySelector(`#view-${name}`); }
}
