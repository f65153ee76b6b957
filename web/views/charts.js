// The line charts (uPlot), one series per racer: loss or f against step and against wall-clock
// time (or function evaluations), test accuracy, gradient norm, learning rate. Data comes from
// chart-data.js; axes are labelled by format.js (log axes by decades: 10⁻²³, never "0").
import uPlot from 'uplot';
import { chartData, yOffset, logRange, logTicks } from './chart-data.js';
import { logTickTexts, linearTickTexts } from '../format.js';
import { valueColumn } from '../curves.js';
import { RACER_COLOURS } from '../registry.js';
import { byId } from './dom.js';
import { stageBoundaries, stageMarksPlugin } from './stage-marks.js';
import { t } from '../i18n.js';
import { changeMarks } from '../changes.js';

// A log axis reaches at most this many decades above the median racer's largest value: a racer
// that blows up leaves the chart at its top edge, the others stay in view (chart-data.js logRange).
const BLOW_UP_DECADES = 10;

// Axis titles in words and the book's symbols (the column names are identifiers, not titles).
// Functions: read in the page's language when drawn.
// Regression data (no classes): test_acc is the share of test examples within 0.04 of their target.
let accKey = 'kTestAcc';
const AXIS_TITLES = {
  loss: () => t('axisLoss'), test_acc: () => t(accKey), grad_norm: () => '‖g‖', lr: () => 'ε',
  step: () => t('kStep'), evaluations: () => t('axisEvals'), ms: () => 'ms',
};
const axisTitle = (name) => (AXIS_TITLES[name] ? AXIS_TITLES[name]() : name);

// y: the column drawn; log: log axis; test: also the test-set column; offset: f − f* on surfaces.
const CHARTS = [
  { id: 'loss-chart', y: (c) => valueColumn(c), log: true, test: true, offset: true },
  { id: 'time-chart', y: (c) => valueColumn(c), log: true, time: true, offset: true },
  { id: 'acc-chart', y: () => 'test_acc', log: false },
  { id: 'grad-chart', y: () => 'grad_norm', log: true },
  { id: 'lr-chart', y: () => 'lr', log: false },
];

function chartSize(node) {
  const w = Math.max(200, Math.min(560, node.parentElement.clientWidth - 16));
  return { width: w, height: 220 };
}

// The spec's changes (docs/racing.md) as marks on a step-axis chart: a dashed vertical line at the
// change's step, labelled with what it set (ε → 0.05) at the top — in the racer's colour, or in the
// page's text colour when one change was made for several racers (a batch size: changes.js
// changeMarks merges identical labels at one step into one mark).
const SHARED_MARK = '#555';
function drawChanges(u, changes) {
  if (!changes.list.length) return;
  const ctx = u.ctx;
  const { top, height, left, width } = u.bbox;
  ctx.save();
  ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';   // uPlot leaves the y axis's 'right' set: labels then ran left, over its ticks
  let row = 0;
  for (const m of changes.list) {
    const x = u.valToPos(m.step, 'x', true);
    if (!Number.isFinite(x) || x < left || x > left + width) continue;
    ctx.strokeStyle = m.racers.length === 1 ? changes.colourOf(m.racers[0]) : SHARED_MARK;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
    // Right of its line, or left of it where the label would leave the plot on the right.
    const w = ctx.measureText(m.text).width, gap = 3 * devicePixelRatio;
    ctx.fillText(m.text, x + gap + w > left + width ? x - gap - w : x + gap, top + 2 * devicePixelRatio + (row++ % 3) * 13 * devicePixelRatio);
  }
  ctx.restore();
}

/** Mounts the charts; rebuild() for each new race, then dirty() after each frame. */
export function mountCharts({ scheduler }) {
  let charts = [];   // [{spec, plot, task, col, testCol, avgCol, xCol}]
  let curves = null, minimum = NaN, surface = false;
  const changes = { list: [], colourOf: () => RACER_COLOURS[0] };   // what the step-axis charts mark

  function draw(c) {
    c.plot.setData(dataOf(c));
    if (!c.spec.time) node(c).dataset.stages = stageBoundaries(curves).map((m) => `${m.step}:${m.stage}`).join(';');
  }
  const node = (c) => byId(c.spec.id);
  function dataOf(c) {
    const data = chartData(curves, c.spec, { xCol: c.xCol, offset: c.offset });
    if (!c.spec.time) return data;
    if (data.length === 0) return [[]];
    return data.length === 1 ? data[0] : uPlot.join(data);
  }

  function rebuild(nextCurves, { isSurface, surfaceMinimum, averaging, regression = false }) {
    accKey = regression ? 'kTestWithin' : 'kTestAcc';
    for (const c of charts) { c.plot.destroy(); c.task.remove(); }
    charts = [];
    curves = nextCurves; surface = isSurface; minimum = surfaceMinimum;
    const col = curves.col;
    const n = curves.racers.length;
    // On a surface unbounded below (the saddle) f − f* means nothing: f itself, on a linear axis.
    const bounded = !surface || Number.isFinite(minimum);
    for (const base of CHARTS) {
      const node = byId(base.id);
      const name = base.y(curves);
      const yCol = col[name];
      node.closest('figure').hidden = yCol === undefined;
      if (yCol === undefined) continue;
      const valueChart = base.offset !== undefined;
      const spec = { ...base, log: base.log && (!valueChart || bounded), col: yCol };
      spec.testCol = base.test && !surface ? col.test_loss : undefined;
      spec.avgCol = base.test && !surface && averaging ? col.avg_test_loss : undefined;
      const offset = surface && bounded ? yOffset(spec, minimum) : 0;
      const xCol = base.time ? (surface ? col.evaluations : undefined) : col.step;
      const series = [{ label: base.time ? 'ms' : 'step' }];
      for (let i = 0; i < n; i++) {
        const colour = curves.racers[i].colour ?? RACER_COLOURS[i];
        series.push({ label: `${i + 1}`, stroke: colour, width: 2, spanGaps: true });
        if (spec.testCol !== undefined) series.push({ label: `${i + 1} test`, stroke: colour, width: 1.5, dash: [6, 4], spanGaps: true });
        if (spec.avgCol !== undefined) series.push({ label: `${i + 1} averaged test`, stroke: colour, width: 1.5, dash: [1, 3], spanGaps: true });
      }
      const yName = valueChart ? (surface ? (bounded ? 'f − f*' : 'f') : 'loss') : name;
      const xName = base.time ? (surface && col.evaluations !== undefined ? 'evaluations' : 'ms') : 'step';
      const yLabel = axisTitle(yName), xLabel = axisTitle(xName);
      const yScale = spec.log
        ? { distr: 3, range: (u) => logRange(u.data.slice(1), { headroom: BLOW_UP_DECADES }) }
        : { auto: true };
      // Wide enough for the longest tick label, so the axis title never overlaps it.
      const size = (u, values) => 34 + 7 * Math.max(3, ...(values ?? []).map((v) => String(v ?? '').length));
      const yAxis = spec.log
        ? { label: yLabel, splits: (u) => logTicks(u.scales.y.min, u.scales.y.max, 6), filter: (u, splits) => splits, values: (u, splits) => logTickTexts(splits), size }
        : { label: yLabel, values: (u, splits) => linearTickTexts(splits), size };
      const plot = new uPlot({
        ...chartSize(node),
        scales: { x: { time: false }, y: yScale },
        axes: [{ label: xLabel, values: (u, splits) => linearTickTexts(splits) }, yAxis],
        series,
        // The racers' colour key sits above the plots; per-chart legends would repeat it 5 times.
        legend: { show: false },
        // Changes without reset: a vertical line at each change's step on the step-axis charts.
        hooks: base.time ? {} : { draw: [(u) => drawChanges(u, changes)] },
        cursor: { drag: { x: true, y: false } },
        // Staged training: dashed lines where each stage begins (step charts only).
        plugins: base.time ? [] : [stageMarksPlugin(() => stageBoundaries(curves))],
      }, series.map(() => []), node);
      const c = { spec, plot, xCol, offset, names: [xName, yName] };
      c.task = scheduler.add(() => draw(c), { interval: 250 });
      charts.push(c);
    }
  }

  new ResizeObserver(() => {
    for (const c of charts) {
      const s = chartSize(byId(c.spec.id));
      if (Math.abs(s.width - c.plot.width) > 4) c.plot.setSize(s);
    }
  }).observe(document.querySelector('.plots'));

  return {
    rebuild,
    /** The language changed: axis titles in it. */
    relabel() {
      for (const c of charts) {
        c.names.forEach((name, i) => { c.plot.axes[i].label = axisTitle(name); });
        c.plot.redraw(false, true);
      }
    },
    dirty() { for (const c of charts) c.task.dirty(); },
    /** The spec's changes, marked on the step-axis charts: one mark per step and label (each
     *  racer's in its colour). Also in data-changes of each chart's node, for tests. */
    setChanges(list, colourOf) {
      changes.list = changeMarks(list);
      changes.colourOf = colourOf;
      for (const c of charts) {
        byId(c.spec.id).dataset.changes = c.spec.time ? '' : changes.list.map((m) => `${m.step}:${m.text}`).join(';');
        c.task.dirty();   // redrawn with its data (an empty chart has no scales to draw on yet)
      }
    },
    drawNow() { for (const c of charts) draw(c); },
    canvases: () => charts.map((c) => c.plot.root.querySelector('canvas')).filter(Boolean),
    averaged: () => charts.some((c) => c.spec.avgCol !== undefined),
    bounded: () => !surface || Number.isFinite(minimum),
  };
}
