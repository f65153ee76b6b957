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
