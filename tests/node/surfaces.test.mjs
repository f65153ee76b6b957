// Test-surface runs in WebAssembly: the same trajectories as the native runner, curvature columns
// as views, and field-named errors for bad problem specs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab, OptlabSpecError } from '../../wasm/optlab.js';
import { runRunner } from './helpers.mjs';

const lab = await loadOptlab();

const cases = [
  { problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'newton', line_search: true } },
  { problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'cg' } },
  { problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'bfgs' } },
  { problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'lbfgs', memory: 5 } },
  { problem: { name: 'himmelblau' }, optimizer: { name: 'coordinate_descent', order: 'random' } },
  { problem: { name: 'sparse_coding' }, optimizer: { name: 'coordinate_descent' } },
  { problem: { name: 'quadratic', condition: 50, dim: 6, angle: 20 }, optimizer: { name: 'cg', beta: 'fletcher_reeves' } },
  { problem: { name: 'saddle' }, optimizer: { name: 'newton' } },
  { problem: { name: 'cliff' }, optimizer: { name: 'sgd', lr: 0.1, clip_norm: 1 } },
  { problem: { name: 'beale' }, optimizer: { name: 'adam', lr: 0.05 } },
];

for (const c of cases) {
  const label = `${c.optimizer.name} on ${c.problem.name}`;
  test(`a surface spec runs in wasm and its params trace equals the native runner's to 1e-9: ${label}`, () => {
    const spec = { seed: 5, steps: 40, log_every: 1, trace: { params: true, curvature: true }, ...c };
    const run = lab.createRun(spec);
    while (!run.done) run.step(1000);
    const trace = run.paramsTrace();
    const n = run.params().length;
    const rows = run.recordCount;
    const columns = run.columns;
    const records = run.records();
    run.delete();

    const native = runRunner('native', spec);
    assert.equal(native.status, 0, native.stderr);
    const lines = native.rows.filter((r) => !r.summary);
    assert.equal(lines.length, rows);
    let worst = 0;
    for (let i = 0; i < rows; ++i) {
      assert.equal(lines[i].params.length, n);
      for (let k = 0; k < n; ++k) {
        const a = trace[i * n + k], b = lines[i].params[k];
        worst = Math.max(worst, Math.abs(a - b) / Math.max(1, Math.abs(b)));
      }
      // The curvature columns are in the records view and in the JSON lines alike.
      const lam = records[i * columns.length + columns.indexOf('lambda_max')];
      if (lines[i].lambda_max !== null) assert.ok(Math.abs(lam - lines[i].lambda_max) <= 1e-9 * Math.max(1, Math.abs(lam)));
    }
    assert.ok(worst <= 1e-9, `largest difference ${worst}`);
    // The walk really moved.
    assert.notDeepEqual(Array.from(trace.slice(0, n)), Array.from(trace.slice((rows - 1) * n)));
  });
}

test('run.curvature() gives the curvature columns as named Float64Array views', () => {
  const run = lab.createRun({ problem: { name: 'quadratic', eigenvalues: [1, 10] , angle: 0 }, optimizer: { name: 'sgd', lr: 0.25 },
                              steps: 5, log_every: 1, trace: { curvature: true } });
  while (!run.done) run.step(10);
  const c = run.curvature();
  run.delete();
  assert.equal(c.lambda_min.length, 6);
  for (let i = 0; i < 6; ++i) {
    assert.ok(Math.abs(c.lambda_min[i] - 1) < 1e-12);
    assert.ok(Math.abs(c.lambda_max[i] - 10) < 1e-12);
    assert.ok(Math.abs(c.condition[i] - 10) < 1e-12);
    assert.equal(c.negative_eigenvalues[i], 0);
  }
  // ε = 0.25 > 2/λ_max: once g lines up with the steep direction, −εgᵀg + ½ε²gᵀHg > 0 (eq. 8.10) —
  // each gradient step now increases f.
  assert.ok(c.ill_conditioning.some((v) => v > 0));
});

test('bad problem specs throw OptlabSpecError naming the field', () => {
  const bad = [
    [{ problem: { name: 'nope' } }, 'problem.name'],
    [{ problem: { name: 'rosenbrock', x0: [1] } }, 'problem.x0'],
    [{ problem: { name: 'rosenbrock', x0: [1, NaN] } }, 'problem.x0'], // JSON.stringify(NaN) is null
    [{ problem: { name: 'booth' }, dataset: { name: 'xor' } }, 'dataset'],
    [{ problem: { name: 'booth' }, optimizer: { name: 'lbfgs', memory: 0 } }, 'optimizer.memory'],
  ];
  for (const [spec, field] of bad) {
    assert.throws(() => lab.createRun(spec), (e) => e instanceof OptlabSpecError && e.field === field, JSON.stringify(spec));
    assert.equal(lab.validate(spec).ok, false);
  }
});
