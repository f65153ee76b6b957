// The contour map of a 2-D surface with every racer's trajectory (contour.js draws); a click sets
// the start point (through onStart), hovering asks the worker for f and ∇f there. Zoom: the wheel
// or a two-finger pinch zooms about the pointer, a drag moves the view, "Reset zoom" returns to the
// surface's box. Until the user zooms, the view follows the racers (zoom.js followBox): a racer
// thrown off the surface's box grows the view to keep its path on the picture. The worker then evaluates f on the new box (onGrid → setGrid), so contours stay
// sharp at any zoom (the coordinate-descent staircase near the minimum, for example).
import { drawContour, buildContourImage } from './contour.js';
import { zoomBox, panBox, followBox, MIN_ZOOM, MAX_ZOOM } from './zoom.js';
import { RACER_COLOURS } from '../registry.js';
import { t } from '../i18n.js';
import '../i18n-views.js';

const GRID_DELAY_MS = 120;   // a new grid is asked for once the wheel or drag pauses this long
const GRID_MAX_WAIT_MS = 400; // … or after this long at most: a view that follows growing paths changes
                              // every frame and never pauses (momentum's lesson played at 300 steps/s)

export function mountSurfaceMap({ canvas, scheduler, sizeCanvas, onStart, onProbe, onProbeAnswer, onGrid = () => {} }) {
  let surface = null, image = null, curves = null, probe = null;
  let view = null;         // the box shown
  let follow = true;       // the view follows the racers' paths (until the user zooms or drags)
  let grid = null;         // {box, nx, ny, values} the image was built from
  let gridTimer = 0, gridId = 0, gridWaitingSince = null;   // since when a new view waits for its grid
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.id = 'contour-reset';
  reset.className = 'zoom-reset';
  const hint = document.createElement('span');
  hint.className = 'source zoom-hint';
  // Said when the view follows paths that lie wholly outside the surface's box (zoom.js followBox).
  const far = document.createElement('span');
  far.className = 'source zoom-far';
  far.id = 'contour-far';
  canvas.closest('figure')?.querySelector('figcaption')?.prepend(reset, ' ', hint, ' ', far, ' ');
  reset.addEventListener('click', () => { if (surface) { follow = true; setView(followBox(surface.box, traces()), true); } });

  const outside = (a, b) => a[1] < b[0] || a[0] > b[1] || a[3] < b[2] || a[2] > b[3];
  function relabel() {
    reset.textContent = t('zoomReset'); hint.textContent = t('zoomHint');
    far.textContent = surface && view && follow && outside(view, surface.box) ? t('zoomFar') : '';
  }
  relabel();

  const traces = () => curves?.racers.map((r) => r.trace) ?? [];
  function draw() {
    if (!surface || !curves) return;
    if (follow) {
      const next = followBox(surface.box, traces());
      if (!sameBox(next, view)) setView(next, true);
    }
    sizeCanvas(canvas);
    if (!image || image.width !== canvas.width) image = buildContourImage(grid, canvas.width, canvas.height);
    drawContour(canvas, image, { ...surface, box: view }, curves.racers.map((r, i) => ({ trace: r.trace, colour: r.colour ?? RACER_COLOURS[i] })),
      probe, sameBox(grid.box, view) ? view : grid.box);
    relabel();
    canvas.dataset.view = view.map((v) => Number(v.toPrecision(6))).join(',');
    canvas.dataset.zoom = String(Number(((surface.box[1] - surface.box[0]) / (view[1] - view[0])).toPrecision(4)));
  }
  const sameBox = (a, b) => a.every((v, i) => v === b[i]);
  const task = scheduler.add(draw, { heavy: true, interval: 0 });

  // next: the box to show; byFollow: the paths asked for it, not the user.
  function setView(next, byFollow = false) {
    if (!byFollow) follow = false;
    view = next;
    task.dirty();
    clearTimeout(gridTimer);
    const now = performance.now();
    gridWaitingSince ??= now;
    gridTimer = setTimeout(() => {
      gridWaitingSince = null;
      // The race may have changed meanwhile (a network race has no grid, no surface).
      if (!grid || !surface || !view || sameBox(grid.box, view)) return;
      onGrid({ id: ++gridId, box: view.slice(), n: surface.nx });
    }, Math.max(0, Math.min(GRID_DELAY_MS, gridWaitingSince + GRID_MAX_WAIT_MS - now)));
  }

  // Position in [0, 1]² of a pointer event on the canvas (u right, v down).
  function fraction(ev) {
    const r = canvas.getBoundingClientRect();
    return [(ev.clientX - r.left) / r.width, (ev.clientY - r.top) / r.height];
  }
  function toPoint(ev) {
    const [xmin, xmax, ymin, ymax] = view;
    const [u, v] = fraction(ev);
    return [xmin + u * (xmax - xmin), ymax - v * (ymax - ymin)];
  }
  const limits = () => ({ base: surface.box, min: MIN_ZOOM, max: MAX_ZOOM });

  canvas.addEventListener('wheel', (ev) => {
    if (!surface) return;
    ev.preventDefault();
    setView(zoomBox(view, fraction(ev), Math.pow(1.0015, ev.deltaY), limits()));
  }, { passive: false });

  // Drag (one pointer) moves the view; two pointers pinch. A press that hardly moves is a click.
  const pointers = new Map();
  let moved = false, pinchDist = 0;
  canvas.addEventListener('pointerdown', (ev) => {
    if (!surface) return;
    pointers.set(ev.pointerId, [ev.clientX, ev.clientY]);
    canvas.setPointerCapture?.(ev.pointerId);
    moved = false;
    if (pointers.size === 2) { const [a, b] = [...pointers.values()]; pinchDist = Math.hypot(a[0] - b[0], a[1] - b[1]); }
  });
  canvas.addEventListener('pointermove', (ev) => {
    const last = pointers.get(ev.pointerId);
    if (!surface || !last) return;
    const r = canvas.getBoundingClientRect();
    if (pointers.size === 1) {
      const du = (ev.clientX - last[0]) / r.width, dv = (ev.clientY - last[1]) / r.height;
      if (Math.abs(ev.clientX - last[0]) + Math.abs(ev.clientY - last[1]) > 0 && (moved || Math.hypot(du * r.width, dv * r.height) > 3)) {
        moved = true;
        pointers.set(ev.pointerId, [ev.clientX, ev.clientY]);
        setView(panBox(view, du, dv));
      }
    } else if (pointers.size === 2) {
      pointers.set(ev.pointerId, [ev.clientX, ev.clientY]);
      const [a, b] = [...pointers.values()];
      const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
      if (pinchDist > 0 && d > 0) {
        const centre = [((a[0] + b[0]) / 2 - r.left) / r.width, ((a[1] + b[1]) / 2 - r.top) / r.height];
        setView(zoomBox(view, centre, pinchDist / d, limits()));
        moved = true;
      }
      pinchDist = d;
    }
  });
  const release = (ev) => { pointers.delete(ev.pointerId); if (pointers.size < 2) pinchDist = 0; };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', release);

  canvas.addEventListener('click', (ev) => {
    if (!surface || moved) return;
    const [x, y] = toPoint(ev).map((v) => Number(v.toPrecision(4)));
    onStart(x, y);
  });
  let pending = false;
  canvas.addEventListener('mousemove', (ev) => {
    if (!surface || pending || pointers.size) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; if (surface) onProbe(...toPoint(ev)); });
  });
  canvas.addEventListener('mouseleave', () => { probe = null; onProbeAnswer(null); task.dirty(); });
  return {
    /** A new race: its surface ({box, nx, ny, values, minimizers, minimum}) or null, and its curves.
     *  The zoom is kept when the surface and its box are the same (a new start point, another racer). */
    setRace(s, c) {
      const keep = s && surface && view && s.name === surface.name && sameBox(s.box, surface.box);
      surface = s; image = null; curves = c; probe = null;
      clearTimeout(gridTimer);   // a grid asked for the last race's view is not this race's
      gridWaitingSince = null;
      grid = s ? { box: s.box, nx: s.nx, ny: s.ny, values: s.values } : null;
      if (!keep) { view = s ? s.box.slice() : null; follow = true; }
      else if (s && !sameBox(view, s.box)) setView(view, follow);
      canvas.closest('figure').hidden = !s;
    },
    /** The worker's grid for a zoomed box (protocol.js toPage.surfaceGrid). */
    setGrid(msg) {
      if (!surface || msg.id !== gridId || !msg.values) return;
      grid = { box: msg.box, nx: msg.nx, ny: msg.ny, values: msg.values };
      image = null;
      task.dirty();
    },
    setProbe(p) { probe = p; onProbeAnswer(p); task.dirty(); },
    relabel,
    dirty: () => task.dirty(),
    drawNow: draw,
  };
}
