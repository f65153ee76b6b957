// Exports of what is on screen: the curves as CSV and JSON, the plots as one PNG. Everything is
// built in the page from numbers it already has; downloads are blob: URLs (no request leaves).
function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const csvCell = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

// The data: {spec, optimizers (every racer's optimizer object), columns, curves (curves.js racers:
// {rows, times, trace} per racer)}. The files keep the key "racers" (one entry per racer).
// One row per logged record of every racer: racer, optimizer (JSON), time_ms, then the columns.
export function curvesCsv({ optimizers, columns, curves }) {
  const lines = [['racer', 'optimizer', 'time_ms', ...columns].map(csvCell).join(',')];
  curves.forEach((r, i) => {
    const opt = JSON.stringify(optimizers[i]);
    r.rows.forEach((row, j) => lines.push([i + 1, opt, r.times[j], ...row].map(csvCell).join(',')));
  });
  return lines.join('\n') + '\n';
}

export function curvesJson({ spec, optimizers, columns, curves }) {
  return JSON.stringify({
    spec,
    racers: curves.map((r, i) => ({
      optimizer: optimizers[i], columns: ['time_ms', ...columns],
      rows: r.rows.map((row, j) => [r.times[j], ...row].map((v) => (Number.isFinite(v) ? v : null))),
      ...(r.trace.length ? { params_trace: r.trace } : {}),
    })),
  }, null, 1);
}

export function exportCsv(data) {
  download(`optlab-curves-${stamp()}.csv`, new Blob([curvesCsv(data)], { type: 'text/csv' }));
}
export function exportJson(data) {
  download(`optlab-curves-${stamp()}.json`, new Blob([curvesJson(data)], { type: 'application/json' }));
}

// The plot canvases side by side (two per row) on white, with the racers' colour key on top.
export function composePng(canvases, legend) {
  const pad = 12, cols = 2;
  const w = Math.max(...canvases.map((c) => c.width), 200);
  const cellH = canvases.map((c) => c.height);
  const rows = Math.ceil(canvases.length / cols);
  const rowH = Array.from({ length: rows }, (_, r) => Math.max(...cellH.slice(r * cols, r * cols + cols)));
  const key = 28;
  const out = document.createElement('canvas');
  out.width = cols * w + (cols + 1) * pad;
  out.height = key + rowH.reduce((a, b) => a + b + pad, pad);
  const ctx = out.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.font = '16px system-ui, sans-serif';
  let x = pad;
  for (const [colour, label] of legend) {
    ctx.fillStyle = colour; ctx.fillRect(x, 10, 14, 14);
    ctx.fillStyle = '#1b1f24'; ctx.fillText(label, x + 18, 23);
    x += 26 + ctx.measureText(label).width;
  }
  let y = key + pad;
  canvases.forEach((c, i) => {
    const r = Math.floor(i / cols), col = i % cols;
    if (col === 0 && i > 0) y += rowH[r - 1] + pad;
    ctx.drawImage(c, pad + col * (w + pad), y);
  });
  return out;
}

export function exportPng(canvases, legend) {
  composePng(canvases, legend).toBlob((b) => { if (b) download(`optlab-plots-${stamp()}.png`, b); }, 'image/png');
}
