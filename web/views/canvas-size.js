// Canvas sizes come from a ResizeObserver, never from reading clientWidth while drawing (that would
// force a synchronous layout in every animation frame). sizeCanvas(c) gives a square canvas its
// CSS width × devicePixelRatio; onResize is called when a watched canvas changes size.
export function createCanvasSizer(onResize) {
  const cssWidth = new Map();
  const watch = new ResizeObserver((entries) => {
    for (const e of entries) cssWidth.set(e.target, e.contentRect.width);
    onResize();
  });
  return function sizeCanvas(c) {
    if (!cssWidth.has(c)) { watch.observe(c); cssWidth.set(c, c.clientWidth || 400); }
    const px = Math.round((cssWidth.get(c) || 400) * (window.devicePixelRatio || 1));
    if (c.width !== px) { c.width = px; c.height = px; }
  };
}
