// The contour map of a 2-D test surface and the racers' trajectories over it.
//
// f comes from the worker as a grid evaluated in wasm (row-major, y outer, rows going UP in y).
// Levels are log-spaced in f − min f (valleys like Rosenbrock's span many decades), filled with a
// viridis-like ramp (readable with colour-vision deficiencies and in greyscale), with the level
// lines darkened and a colour scale on the right edge.
const RAMP = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
const LEVELS = 24;

function ramp(t) {
  const x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i, a = RAMP[i], b = RAMP[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

// The log-level scale of a grid: z(f) in [0, 1].
export function levelScale(values) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  const span = Math.max(hi - lo, 1e-300);
  const delta = span * 1e-5;
  const zlo = Math.log10(delta), zhi = Math.log10(span + delta);
  return { lo, hi, z: (v) => (Math.log10(Math.max(0, v - lo) + delta) - zlo) / (zhi - zlo) };
}

export function buildContourImage(surface, W, H) {
  const { nx, ny, values } = surface;
  const scale = levelScale(values);
  const z = new Float32Array(nx * ny);
  for (let i = 0; i < z.length; i++) z[i] = Number.isFinite(values[i]) ? scale.z(values[i]) : NaN;
  // Bilinear interpolation of z at pixel centres, then the band index.
  const band = new Int16Array(W * H);
  const zp = new Float32Array(W * H);
  for (let py = 0; py < H; py++) {
    const gy = (1 - (py + 0.5) / H) * (ny - 1);
    const j = Math.min(ny - 2, Math.floor(gy)), fy = gy - j;
    for (let px = 0; px < W; px++) {
      const gx = ((px + 0.5) / W) * (nx - 1);
      const i = Math.min(nx - 2, Math.floor(gx)), fx = gx - i;
      const a = z[j * nx + i], b = z[j * nx + i + 1], c = z[(j + 1) * nx + i], d = z[(j + 1) * nx + i + 1];
      const v = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
      zp[py * W + px] = v;
      band[py * W + px] = Number.isFinite(v) ? Math.min(LEVELS - 1, Math.floor(v * LEVELS)) : -1;
    }
  }
  const img = new ImageData(W, H);
  const bar = Math.max(8, Math.round(W * 0.025));
  for (let py = 0; py < H; py++) {
    for (let px = 0; px < W; px++) {
      const k = py * W + px, o = k * 4;
      let rgb;
      if (px >= W - bar) {
        // The colour scale: low f at the bottom.
        const tt = 1 - py / (H - 1);
        rgb = ramp((Math.floor(tt * LEVELS) + 0.5) / LEVELS);
      } else if (band[k] < 0) {
        rgb = [200, 200, 200];
      } else {
        rgb = ramp((band[k] + 0.5) / LEVELS);
        const edge = (px + 1 < W - bar && band[k + 1] !== band[k]) || (py + 1 < H && band[k + W] !== band[k]);
        if (edge) rgb = [rgb[0] * 0.6, rgb[1] * 0.6, rgb[2] * 0.6];
      }
      img.data[o] = rgb[0]; img.data[o + 1] = rgb[1]; img.data[o + 2] = rgb[2]; img.data[o + 3] = 255;
    }
  }
  const c = document.createElement('canvas');
  c.width = W; c.height = H;
  const ctx = c.getContext('2d');
  ctx.putImageData(img, 0, 0);
  // Scale labels: f at the bottom and top of the bar.
  ctx.font = `${Math.round(W / 40)}px system-ui, sans-serif`;
  ctx.fillStyle = 'white';
  ctx.strokeStyle = 'rgba(0,0,0,.7)';
  ctx.lineWidth = 3;
  ctx.textAlign = 'right';
  // Enough significant digits to tell the two apart: f from 499810 to 500000 (momentum's lesson, far
  // from the minimum) reads 4.9980e+5 and 5.0001e+5, not 5.0e+5 twice.
  const digits = Math.min(8, Math.max(2, 1 + Math.ceil(Math.log10(Math.max(Math.abs(scale.lo), Math.abs(scale.hi)) / (scale.hi - scale.lo))))) || 2;   // 0/0: a flat grid at f = 0
  const fmt = (v) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(digits - 1) : String(Number(v.toPrecision(Math.max(3, digits)))));
  for (const [text, y] of [[fmt(scale.hi), W / 40 + 4], [fmt(scale.lo), H - 6]]) {
    ctx.strokeText(text, W - bar - 4, y);
    ctx.fillText(text, W - bar - 4, y);
  }
  c.dataset.levels = String(LEVELS);
  return c;
}

// Canvas pixel of a point of the plane.
export function toPixel(box, W, H, x, y) {
  const [xmin, xmax, ymin, ymax] = box;
  return [((x - xmin) / (xmax - xmin)) * W, H - ((y - ymin) / (ymax - ymin)) * H];
}

// surface.box: the region the canvas shows; imageBox: the region the image was computed for (a
// zoomed view shows the previous image moved and scaled until the worker's new grid arrives).
export function drawContour(canvas, image, surface, racers, probe, imageBox = surface.box) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height;
  const box = surface.box;
  if (imageBox === box) {
    ctx.drawImage(image, 0, 0, W, H);
  } else {
    ctx.fillStyle = '#ddd';
    ctx.fillRect(0, 0, W, H);
    const [u0, v0] = toPixel(box, W, H, imageBox[0], imageBox[3]);
    const [u1, v1] = toPixel(box, W, H, imageBox[1], imageBox[2]);
    ctx.drawImage(image, u0, v0, u1 - u0, v1 - v0);
  }
  const px = (x, y) => toPixel(box, W, H, x, y);
  const lw = Math.max(1.5, W / 250);
  // Known minimizers: white crosses.
  ctx.lineWidth = lw;
  ctx.strokeStyle = 'white';
  for (const m of surface.minimizers ?? []) {
    if (!Array.isArray(m) || m.length < 2) continue;
    const [u, v] = px(m[0], m[1]);
    const s = lw * 4;
    ctx.beginPath(); ctx.moveTo(u - s, v - s); ctx.lineTo(u + s, v + s); ctx.moveTo(u - s, v + s); ctx.lineTo(u + s, v - s); ctx.stroke();
  }
  // Trajectories: a white halo under each coloured path, so every colour reads on every level.
  for (const pass of [0, 1]) {
    for (const r of racers) {
      const t = r.trace;
      if (t.length < 2) continue;
      ctx.beginPath();
      let [lu, lv] = px(t[0], t[1]);
      ctx.moveTo(lu, lv);
      for (let i = 2; i + 1 < t.length; i += 2) {
        const [u, v] = px(t[i], t[i + 1]);
        if (!Number.isFinite(u) || !Number.isFinite(v)) break;
        if (Math.abs(u - lu) + Math.abs(v - lv) < 0.75 && i + 3 < t.length) continue;
        const cu = Math.max(-1e4, Math.min(1e4, u)), cv = Math.max(-1e4, Math.min(1e4, v));
        ctx.lineTo(cu, cv);
        lu = u; lv = v;
      }
      ctx.lineWidth = pass === 0 ? lw * 2.6 : lw;
      ctx.strokeStyle = pass === 0 ? 'rgba(255,255,255,.85)' : r.colour;
      ctx.lineJoin = 'round';
      ctx.stroke();
    }
  }
  // Start (ring) and current point (dot) of each racer.
  for (const r of racers) {
    const t = r.trace;
    if (t.length < 2) continue;
    const [su, sv] = px(t[0], t[1]);
    ctx.beginPath(); ctx.arc(su, sv, lw * 3, 0, 2 * Math.PI);
    ctx.lineWidth = lw; ctx.strokeStyle = 'white'; ctx.stroke();
    const [cu, cv] = px(t[t.length - 2], t[t.length - 1]);
    if (!Number.isFinite(cu) || !Number.isFinite(cv)) continue;
    ctx.beginPath(); ctx.arc(cu, cv, lw * 2.4, 0, 2 * Math.PI);
    ctx.fillStyle = r.colour; ctx.fill();
    ctx.strokeStyle = 'white'; ctx.stroke();
  }
  // The gradient under the pointer: an arrow along −∇f (the way a gradient step goes).
  if (probe && Array.isArray(probe.g) && probe.g.every(Number.isFinite)) {
    const [u, v] = px(probe.x, probe.y);
    const gu = -probe.g[0] / (box[1] - box[0]), gv = probe.g[1] / (box[3] - box[2]);   // in canvas units
    const n = Math.hypot(gu, gv);
    if (n > 0) {
      const len = W / 10;
      const eu = u + (gu / n) * len, ev = v + (gv / n) * len;
      ctx.strokeStyle = 'black'; ctx.fillStyle = 'black'; ctx.lineWidth = lw;
      ctx.beginPath(); ctx.moveTo(u, v); ctx.lineTo(eu, ev); ctx.stroke();
      const a = Math.atan2(ev - v, eu - u), h = lw * 5;
      ctx.beginPath(); ctx.moveTo(eu, ev);
      ctx.lineTo(eu - h * Math.cos(a - 0.4), ev - h * Math.sin(a - 0.4));
      ctx.lineTo(eu - h * Math.cos(a + 0.4), ev - h * Math.sin(a + 0.4));
      ctx.closePath(); ctx.fill();
    }
    ctx.beginPath(); ctx.arc(u, v, lw * 2, 0, 2 * Math.PI); ctx.fillStyle = 'white'; ctx.fill();
  }
}
