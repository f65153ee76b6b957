// Zoom and pan of a plot box [xmin, xmax, ymin, ymax] (the contour map). No DOM; tested under Node
// (tests/node/web-views.test.mjs).

export const MIN_ZOOM = 1e-3;   // at most 1000 × the surface's box (zoomed out)
export const MAX_ZOOM = 1e6;    // at most a millionth of it (zoomed in)

/**
 * The box scaled by `factor` (> 1 zooms out) about the point at fraction [u, v] of the view (u from
 * the left, v from the top), which stays where it is. The width is kept within
 * [base width / MAX_ZOOM, base width / MIN_ZOOM] of limits.base (the unzoomed box), likewise height.
 */
export function zoomBox(box, [u, v], factor, limits = null) {
  const [x0, x1, y0, y1] = box;
  const w = x1 - x0, h = y1 - y0;
  let f = Number.isFinite(factor) && factor > 0 ? factor : 1;
  if (limits) {
    const bw = limits.base[1] - limits.base[0];
    const lo = bw / limits.max, hi = bw / limits.min;
    f = Math.min(Math.max(f, lo / w), hi / w);
  }
  const px = x0 + u * w, py = y1 - v * h;   // the fixed point
  return [px - u * w * f, px + (1 - u) * w * f, py - (1 - v) * h * f, py + v * h * f];
}

/** The box moved by a drag of (du, dv) fractions of the view (content follows the pointer). */
export function panBox(box, du, dv) {
  const [x0, x1, y0, y1] = box;
  const dx = -du * (x1 - x0), dy = dv * (y1 - y0);
  return [x0 + dx, x1 + dx, y0 + dy, y1 + dy];
}

export const FOLLOW_MAX = 10;   // the map follows racers to at most 10 × the surface's box
export const FAR_MIN = 0.01;    // paths far outside it: a view at least 1% of the box's size about them

/**
 * The box the contour map shows before the user zooms: the surface's box `base`, grown to take in
 * every point of the racers' paths `traces` (flat [x0, y0, x1, y1, …] arrays) with a margin of 5%,
 * so a racer thrown off the surface's box (unclipped SGD at the cliff, to x ≈ 21) stays on the
 * picture. The grown box keeps base's width/height ratio (contours are not squashed) and its centre
 * where the paths allow; it is at most FOLLOW_MAX times base in each direction, so a diverging racer
 * (‖θ‖ → 10³⁰⁰) does not shrink the surface to a dot; non-finite points are skipped. When no point
 * of any path lies within those limits (a start far off the box), the view is the paths' own box.
 */
export function followBox(base, traces) {
  const [bx0, bx1, by0, by1] = base;
  const bw = bx1 - bx0, bh = by1 - by0;
  const cx = (bx0 + bx1) / 2, cy = (by0 + by1) / 2;
  const half = (FOLLOW_MAX / 2);
  const lim = [cx - half * bw, cx + half * bw, cy - half * bh, cy + half * bh];
  let [x0, x1, y0, y1] = base;
  // The paths' own box, and whether any point of them lies within the limits.
  let px0 = Infinity, px1 = -Infinity, py0 = Infinity, py1 = -Infinity, within = false;
  for (const t of traces) {
    for (let i = 0; i + 1 < t.length; i += 2) {
      const x = t[i], y = t[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < x0) x0 = x; else if (x > x1) x1 = x;
      if (y < y0) y0 = y; else if (y > y1) y1 = y;
      px0 = Math.min(px0, x); px1 = Math.max(px1, x); py0 = Math.min(py0, y); py1 = Math.max(py1, y);
      within ||= x >= lim[0] && x <= lim[1] && y >= lim[2] && y <= lim[3];
    }
  }
  // Every path far outside (momentum's lesson starts at x = −10⁶ on a bowl whose box is a few units
  // wide): the map shows the paths — with base's aspect, a 5% margin, at least FAR_MIN of base's size —
  // not a box with no racer on it. (A racer that only passes out of the limits keeps the rule below.)
  if (!within && px0 <= px1) {
    const s = Math.max(1.1 * (px1 - px0) / bw, 1.1 * (py1 - py0) / bh, FAR_MIN);
    const mx = (px0 + px1) / 2, my = (py0 + py1) / 2;
    return [mx - s * bw / 2, mx + s * bw / 2, my - s * bh / 2, my + s * bh / 2];
  }
  if (x0 === bx0 && x1 === bx1 && y0 === by0 && y1 === by1) return base.slice();
  // A margin around the paths, then the limits.
  const mx = 0.05 * (x1 - x0), my = 0.05 * (y1 - y0);
  if (x0 < bx0) x0 -= mx;
  if (x1 > bx1) x1 += mx;
  if (y0 < by0) y0 -= my;
  if (y1 > by1) y1 += my;
  x0 = Math.max(x0, lim[0]); x1 = Math.min(x1, lim[1]); y0 = Math.max(y0, lim[2]); y1 = Math.min(y1, lim[3]);
  // The base's aspect: widen the narrower side about its middle (within the limits).
  const s = Math.max((x1 - x0) / bw, (y1 - y0) / bh);
  const grow = (lo, hi, want, l0, l1) => {
    const extra = want - (hi - lo);
    let a = lo - extra / 2, b = hi + extra / 2;
    if (a < l0) { b += l0 - a; a = l0; }
    if (b > l1) { a -= b - l1; b = l1; }
    return [a, b];
  };
  [x0, x1] = grow(x0, x1, s * bw, lim[0], lim[1]);
  [y0, y1] = grow(y0, y1, s * bh, lim[2], lim[3]);
  return [x0, x1, y0, y1];
}
