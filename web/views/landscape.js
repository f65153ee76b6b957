// The loss landscape of a finished network run (spec "landscape"; docs/landscapes.md):
//   - a curve of J((1 − α)θ₀ + αθ₁) against α (Goodfellow, Vinyals & Saxe 2015), with θ₀ and θ₁
//     marked — the curve meets the loss chart's first and last points there;
//   - a contour map of J(θ₁ + aδ + bη) on the plane of two filter-normalized random directions
//     (Li et al. 2018), with the run's trajectory projected onto it (contour.js draws both).
// The worker sends the result in chunks (toPage.landscape); unfinished points are null (grey).
import uPlot from 'uplot';
import { buildContourImage, drawContour } from './contour.js';
import { linearTickTexts } from '../format.js';
import { RACER_COLOURS } from '../registry.js';
import { t } from '../i18n.js';

const num = (v) => (v === null || v === undefined ? NaN : v);

// The plane as contour.js's surface: values row-major with b (y) outer, rows going up.
export function planeSurface(result) {
  const side = result.axis.length;
  const lo = result.axis[0], hi = result.axis[side - 1];
  return {
    nx: side, ny: side, box: [lo, hi, lo, hi], minimizers: [[0, 0]],
    values: Float64Array.from(result.plane_loss, num),
  };
}

// The trajectory as contour.js's flat [a₀, b₀, a₁, b₁, …].
export function planeTrace(result) {
  const { a, b } = result.trajectory;
  const out = new Float64Array(2 * a.length);
  for (let i = 0; i < a.length; i++) { out[2 * i] = num(a[i]); out[2 * i + 1] = num(b[i]); }
  return out;
}

// Median of the trajectory's off-plane fractions (how much of the path the plane misses).
export function medianOffPlane(result) {
  const v = result.trajectory.off_plane.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
}

export function mountLandscape({ lineNode, planeCanvas, caption, sizeCanvas }) {
  let result = null, image = null, plot = null;
  const figures = [lineNode.closest('figure'), planeCanvas.closest('figure')];

  function lineData() {
    const x = result.alpha;
    const y = result.line_loss.map(num);
    const ends = x.map((a, i) => (a === 0 || a === 1 ? y[i] : null));
    return [x, y, ends];
  }

  function drawLine() {
    if (!result || !result.alpha.length) { lineNode.closest('figure').hidden = true; return; }
    lineNode.closest('figure').hidden = false;
    if (!plot) {
      const width = Math.max(200, Math.min(560, lineNode.parentElement.clientWidth - 16));
      plot = new uPlot({
        width, height: 220,
        scales: { x: { time: false }, y: { auto: true } },
        axes: [{ label: 'α', values: (u, s) => linearTickTexts(s) },
          { label: t('axisLoss'), values: (u, s) => linearTickTexts(s), size: 60 }],
        series: [{ label: 'α' },
          { label: 'J', stroke: RACER_COLOURS[0], width: 2, spanGaps: false },
          { label: 'θ₀, θ₁', stroke: 'black', width: 0, points: { show: true, size: 9, fill: 'white' } }],
        legend: { show: false },
      }, lineData(), lineNode);
    } else {
      plot.setData(lineData());
    }
  }

  function drawPlane() {
    const fig = planeCanvas.closest('figure');
    if (!result || !result.axis.length) { fig.hidden = true; return; }
    fig.hidden = false;
    sizeCanvas(planeCanvas);
    const surface = planeSurface(result);
    image = buildContourImage(surface, planeCanvas.width, planeCanvas.height);
    drawContour(planeCanvas, image, surface, [{ trace: planeTrace(result), colour: RACER_COLOURS[0] }], null);
    const off = medianOffPlane(result);
    caption.textContent = Number.isFinite(off) ? t('landscapeOffPlane', Math.round(off * 100)) : '';
  }

  return {
    /** A new race: shown only when the spec asks for a landscape (network runs). */
    setRace(enabled) {
      result = null;
      if (plot) { plot.destroy(); plot = null; }
      for (const f of figures) f.hidden = true;
      caption.textContent = enabled ? t('landscapeWaiting') : '';
      planeCanvas.dataset.done = '0';
    },
    /** toPage.landscape: progress or the finished result. */
    update(msg) {
      result = msg.result;
      drawLine();
      drawPlane();
      planeCanvas.dataset.done = String(result.done);
      planeCanvas.dataset.total = String(result.total);
      if (msg.finished) planeCanvas.dataset.finished = 'true';
    },
    relabel() { if (plot) { plot.axes[1].label = t('axisLoss'); plot.redraw(false, true); } if (result) drawPlane(); },
    redraw() { if (result) drawPlane(); },
  };
}
