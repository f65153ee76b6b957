// The contour map of a 2-D surface with every racer's trajectory (contour.js draws); a click sets
// the start point (through onStart), hovering asks the worker for f and ∇f there.
import { drawContour, buildContourImage } from './contour.js';
import { RACER_COLOURS } from '../registry.js';

export function mountSurfaceMap({ canvas, scheduler, sizeCanvas, onStart, onProbe, onProbeAnswer }) {
  let surface = null, image = null, curves = null, probe = null;
  function draw() {
    if (!surface || !curves) return;
    sizeCanvas(canvas);
    if (!image || image.width !== canvas.width) image = buildContourImage(surface, canvas.width, canvas.height);
    drawContour(canvas, image, surface, curves.racers.map((r, i) => ({ trace: r.trace, colour: RACER_COLOURS[i] })), probe);
  }
  const task = scheduler.add(draw, { heavy: true, interval: 0 });
  function toPoint(ev) {
    const r = canvas.getBoundingClientRect();
    const [xmin, xmax, ymin, ymax] = surface.box;
    const u = (ev.clientX - r.left) / r.width, v = (ev.clientY - r.top) / r.height;
    return [xmin + u * (xmax - xmin), ymax - v * (ymax - ymin)];
  }
  canvas.addEventListener('click', (ev) => {
    if (!surface) return;
    const [x, y] = toPoint(ev).map((v) => Number(v.toPrecision(4)));
    onStart(x, y);
  });
  let pending = false;
  canvas.addEventListener('mousemove', (ev) => {
    if (!surface || pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; if (surface) onProbe(...toPoint(ev)); });
  });
  canvas.addEventListener('mouseleave', () => { probe = null; onProbeAnswer(null); task.dirty(); });
  return {
    /** A new race: its surface ({box, nx, ny, values, minimizers, minimum}) or null, and its curves. */
    setRace(s, c) { surface = s; image = null; curves = c; probe = null; canvas.closest('figure').hidden = !s; },
    setProbe(p) { probe = p; onProbeAnswer(p); task.dirty(); },
    dirty: () => task.dirty(),
    drawNow: draw,
  };
}
