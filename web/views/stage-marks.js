// Stage boundaries of staged training (docs/staged-training.md) on the line charts: a dashed
// vertical line where a racer's trace goes from stage k to k + 1, labelled "k+1". The rows carry a
// "stage" column; the boundary is the last logged step of stage k (every stage's last step is logged).
// stageBoundaries is DOM-free (tests/node/web-stage-marks.test.mjs); stageMarksPlugin is a uPlot plugin.

/** [{step, stage}] for racer 0: the step at which each stage after the first begins. */
export function stageBoundaries(curves) {
  const col = curves?.col?.stage;
  const stepCol = curves?.col?.step;
  if (col === undefined || stepCol === undefined) return [];
  const rows = curves.racers[0]?.rows ?? [];
  const out = [];
  for (let i = 1; i < rows.length; i++) {
    if (rows[i][col] !== rows[i - 1][col]) out.push({ step: rows[i - 1][stepCol], stage: rows[i][col] });
  }
  return out;
}

/** A uPlot plugin drawing the boundaries `get()` returns, on charts whose x axis is the step. */
export function stageMarksPlugin(get) {
  return {
    hooks: {
      draw: [(u) => {
        const marks = get();
        if (!marks.length) return;
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.strokeStyle = '#888';
        ctx.fillStyle = '#555';
        ctx.setLineDash([4, 4]);
        ctx.lineWidth = 1;
        ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
        for (const m of marks) {
          const x = Math.round(u.valToPos(m.step, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillText(String(m.stage), x + 3 * devicePixelRatio, top + 12 * devicePixelRatio);
        }
        ctx.restore();
      }],
    },
  };
}
