// The "rnn-gradients" view: ‖∂L/∂h_t‖ against t (log scale) for a recurrent network run with
// trace.hidden_grad — the gradient reaching each step of the sequence (book §8.2.5, eq. 8.11–8.13:
// a straight line of slope log|λ| when W is repeated). One colour per racer; solid the latest logged
// row, dashed the initial weights θ_0. Data: hidden-grad-data.js.
import uPlot from 'uplot';
import { logRange, logTicks } from './chart-data.js';
import { logTickTexts, linearTickTexts } from '../format.js';
import { RACER_COLOURS } from '../registry.js';
import { byId } from './dom.js';
import { t } from '../i18n.js';
import { hiddenGradColumns, hiddenGradData } from './hidden-grad-data.js';

/** Mounts the chart into #rnn-grad-chart; rebuild() for each new race, dirty() after each frame. */
export function mountRnnGradients({ scheduler }) {
  const node = byId('rnn-grad-chart');
  let plot = null, task = null, curves = null;

  function draw() {
    if (!plot) return;
    const { data } = hiddenGradData(curves);
    plot.setData(data);
    node.dataset.points = String(data.slice(1).reduce((s, ys) => s + ys.filter((y) => y !== null).length, 0));
  }

  function rebuild(nextCurves) {
    plot?.destroy();
    task?.remove();
    plot = null; task = null;
    curves = nextCurves;
    const present = hiddenGradColumns(curves).length > 0;
    node.closest('figure').hidden = !present;
    if (!present) return;
    const series = [{ label: 't' }];
    curves.racers.forEach((_, i) => {
      series.push({ label: `${i + 1}`, stroke: RACER_COLOURS[i], width: 2, spanGaps: true });
      series.push({ label: `${i + 1} θ₀`, stroke: RACER_COLOURS[i], width: 1.5, dash: [6, 4], spanGaps: true });
    });
    const size = (u, values) => 34 + 7 * Math.max(3, ...(values ?? []).map((v) => String(v ?? '').length));
    plot = new uPlot({
      width: Math.max(200, Math.min(560, node.parentElement.clientWidth - 16)), height: 220,
      scales: { x: { time: false }, y: { distr: 3, range: (u) => logRange(u.data.slice(1)) } },
      axes: [
        { label: t('axisSeqStep'), values: (u, s) => linearTickTexts(s) },
        { label: '‖∂L/∂hₜ‖', splits: (u) => logTicks(u.scales.y.min, u.scales.y.max, 6), filter: (u, s) => s, values: (u, s) => logTickTexts(s), size },
      ],
      series,
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
    }, series.map(() => []), node);
    task = scheduler.add(draw, { interval: 300 });
    task.dirty();
  }

  return {
    rebuild,
    dirty() { task?.dirty(); },
    drawNow: draw,
    relabel() {
      if (!plot) return;
      plot.axes[0].label = t('axisSeqStep');
      plot.redraw(false, true);
    },
  };
}
