// The decision regions of one racer's network over the data: class probabilities on a grid from
// the worker (nx × ny × classes, rows going up in y), blended from the class colours, confident
// regions saturated and uncertain ones faded; training points filled, test points ringed.
const PALETTE = [[31, 111, 209], [209, 83, 31], [46, 160, 67], [150, 70, 190], [200, 160, 0], [0, 150, 160], [220, 60, 130], [110, 110, 110]];

export function mountHeatmap({ canvas, scheduler, sizeCanvas }) {
  const ctx = canvas.getContext('2d');
  const off = document.createElement('canvas');
  const offCtx = off.getContext('2d');
  let grid = null, data = null, bounds = null;

  function draw() {
    if (grid && !Number.isFinite(grid.grid[0])) return;   // diverged: keep the last picture
    sizeCanvas(canvas);
    const W = canvas.width, H = canvas.height;
    if (grid) drawRegions(W, H);
    else { ctx.fillStyle = 'white'; ctx.fillRect(0, 0, W, H); }   // a network too heavy for a grid: the points alone
    drawPoints(W, H);
  }

  function drawRegions(W, H) {
    const { nx, ny, classes } = grid;
    const g = grid.grid;
    if (off.width !== nx || off.height !== ny) { off.width = nx; off.height = ny; }
    const img = offCtx.createImageData(nx, ny);
    for (let iy = 0; iy < ny; iy++) {
      const row = ny - 1 - iy;                // grid rows go up in y; canvas rows go down
      for (let ix = 0; ix < nx; ix++) {
        const at = (iy * nx + ix) * classes;
        let r = 0, gg = 0, b = 0, pmax = 0;
        for (let c = 0; c < classes; c++) {
          const p = g[at + c];
          const col = PALETTE[c % PALETTE.length];
          r += p * col[0]; gg += p * col[1]; b += p * col[2];
          if (p > pmax) pmax = p;
        }
        const conf = classes > 1 ? (pmax - 1 / classes) / (1 - 1 / classes) : 1;
        const a = 0.15 + 0.55 * Math.max(0, Math.min(1, conf));
        const o = (row * nx + ix) * 4;
        img.data[o] = 255 + (r - 255) * a;
        img.data[o + 1] = 255 + (gg - 255) * a;
        img.data[o + 2] = 255 + (b - 255) * a;
        img.data[o + 3] = 255;
      }
    }
    offCtx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, 0, 0, W, H);
  }

  function drawPoints(W, H) {
    if (!data || !bounds) return;
    const [xmin, xmax, ymin, ymax] = bounds;
    const sx = W / (xmax - xmin), sy = H / (ymax - ymin);
    const rad = Math.max(2, W / 140);
    const points = (X, Y, ring) => {
      for (let i = 0; i < Y.length; i++) {
        const px = (X[i * data.dim] - xmin) * sx, py = H - (X[i * data.dim + 1] - ymin) * sy;
        const col = PALETTE[Y[i] % PALETTE.length];
        ctx.beginPath();
        ctx.arc(px, py, rad, 0, 2 * Math.PI);
        if (ring) { ctx.lineWidth = rad * 0.7; ctx.strokeStyle = `rgb(${col})`; ctx.stroke(); }
        else { ctx.fillStyle = `rgb(${col})`; ctx.fill(); ctx.lineWidth = 1; ctx.strokeStyle = 'white'; ctx.stroke(); }
      }
    };
    points(data.trainX, data.trainY, false);
    points(data.testX, data.testY, true);
  }
  const task = scheduler.add(draw, { heavy: true, interval: 120 });
  return {
    /** A new race's data points (null for surfaces). */
    setData(d) { data = d; grid = null; task.dirty(); },
    /** A frame's grid; an empty one (not recomputed) keeps the last, and the picture is redrawn
     *  only when it changed (a playing race's frames mostly bring no grid: data that is not 2-D
     *  never does). */
    setGrid(frame, now) {
      const moved = !bounds || !frame.bounds || frame.bounds.some((v, i) => v !== bounds[i]);
      bounds = frame.bounds;
      if (frame.grid?.length) grid = { grid: frame.grid, nx: frame.nx, ny: frame.ny, classes: frame.classes };
      if (now) draw(); else if (moved || frame.grid?.length) task.dirty();
    },
    redraw: () => task.dirty(),
  };
}
