// Formula surfaces (issue 14, item 3): f typed in x and y, differentiated by math.js, evaluated by
// the core. The reference is independent: the built-in surfaces' hand-written gradients and
// Hessians (core/problems/surfaces.cpp), themselves checked against finite differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab, OptlabSpecError } from '../../wasm/optlab.js';
import { compileFormula } from '../../wasm/formula.js';
import { formulaProblems, formulasOf, formulaUnavailable } from '../../wasm/formula-loader.js';
import { localizeCoreMessage } from '../../web/core-messages.js';
import { englishPhrase } from './english-phrase.mjs';
import { runRunner } from './helpers.mjs';

const lab = await loadOptlab();
const catalog = lab.catalog();

const BEALE = '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2';
const TYPED = {
  beale: BEALE,
  rosenbrock: '(1 - x)^2 + 100*(y - x^2)^2',
  himmelblau: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  booth: '(x + 2*y - 7)^2 + (2*x + y - 5)^2',
  saddle: 'x^2 - y^2',
  monkey_saddle: 'x^3 - 3*x*y^2',
  cliff: '0.5*y^2 + 0.05*(x - 3)^2 + 0.5*20*(1 - tanh(50*x))',
};

function trajectory(spec) {
  const run = lab.createRun(spec);
  while (!run.done) run.step(1000);
  const out = { params: run.paramsTrace(), records: run.records(), columns: run.columns, diverged: run.diverged };
  run.delete();
  return out;
}

// |a − b| ≤ tol · max(1, |b|) elementwise; returns the worst scaled difference.
function worst(a, b) {
  assert.equal(a.length, b.length);
  let w = 0;
  for (let i = 0; i < a.length; ++i) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    w = Math.max(w, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  }
  return w;
}

test('f and ∇f of typed formulas equal the built-in surfaces at 200 points each (1e-12 relative)', () => {
  for (const [name, f] of Object.entries(TYPED)) {
    const typed = lab.createRun({ problem: { name: 'formula', f }, optimizer: { name: 'sgd' }, steps: 1 });
    const built = lab.createRun({ problem: { name }, optimizer: { name: 'sgd' }, steps: 1 });
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 6 - 3;
    for (let k = 0; k < 200; ++k) {
      const p = [rand(), rand()];
      const a = typed.surfaceEval(p), b = built.surfaceEval(p);
      assert.ok(worst([a.f, ...a.g], [b.f, ...b.g]) <= 1e-12, `${name} at ${p}: ${a.f} ${a.g} vs ${b.f} ${b.g}`);
    }
    typed.delete();
    built.delete();
  }
});

test('Beale typed as a formula gives the built-in beale\'s trajectory (≤ 1e-12) for every first- and second-order method', () => {
  const beale = catalog.surfaces.find((s) => s.name === 'beale');
  for (const o of catalog.optimizers) {
    const common = { seed: 3, steps: 150, log_every: 1, trace: { params: true, curvature: true },
      optimizer: { name: o.name, lr: beale.lr[o.name] } };
    const built = trajectory({ ...common, problem: { name: 'beale', x0: [1, 1] } });
    const typed = trajectory({ ...common, problem: { name: 'formula', f: BEALE, x0: [1, 1] } });
    assert.equal(typed.diverged, built.diverged, o.name);
    assert.ok(typed.params.length > 2, o.name);
    const w = worst(typed.params, built.params);
    assert.ok(w <= 1e-12, `${o.name}: trajectories differ by ${w}`);
    // The Hessian (curvature trace: λ_min, λ_max, gᵀHg) agrees as well.
    for (const col of ['loss', 'lambda_min', 'lambda_max', 'gTHg']) {
      const c = built.columns.indexOf(col);
      assert.ok(c >= 0, col);
      const pick = (t) => Array.from({ length: t.records.length / t.columns.length }, (_, i) => t.records[i * t.columns.length + c]);
      const wc = worst(pick(typed), pick(built));
      assert.ok(wc <= 1e-10, `${o.name} ${col}: ${wc}`);
    }
  }
});

test('the Hessian of a formula is exact where f is not a polynomial (sin, exp, log, sqrt, tanh)', () => {
  const f = 'sin(x)*exp(y/3) + log(1 + x^2) * sqrt(2 + y^2) + tanh(x*y)';
  const { hessian } = compileFormula(f);
  assert.equal(hessian.length, 3);
  // Central differences of the formula's own gradient (evaluated by the core) against its Hessian.
  const run = lab.createRun({ problem: { name: 'formula', f, x0: [0.3, -0.7] }, optimizer: { name: 'newton' },
    steps: 1, log_every: 1, trace: { curvature: true } });
  const at = (p) => run.surfaceEval(p).g;
  const p = [0.3, -0.7], h = 1e-5;
  const hxx = (at([p[0] + h, p[1]])[0] - at([p[0] - h, p[1]])[0]) / (2 * h);
  const hxy = (at([p[0], p[1] + h])[0] - at([p[0], p[1] - h])[0]) / (2 * h);
  const hyy = (at([p[0], p[1] + h])[1] - at([p[0], p[1] - h])[1]) / (2 * h);
  const lam = (a, b, c) => {
    const m = (a + c) / 2, d = Math.hypot((a - c) / 2, b);
    return [m - d, m + d];
  };
  const [lo, hi] = lam(hxx, hxy, hyy);
  run.step(1);
  const cols = run.columns, rec = run.records();
  const row0 = (name) => rec[cols.indexOf(name)];
  assert.ok(Math.abs(row0('lambda_min') - lo) < 1e-7, `${row0('lambda_min')} vs ${lo}`);
  assert.ok(Math.abs(row0('lambda_max') - hi) < 1e-7, `${row0('lambda_max')} vs ${hi}`);
  run.delete();
});

test('the Node runner runs a formula spec with the same lines as the in-process lab (what the page runs)', () => {
  const spec = { seed: 1, steps: 60, log_every: 5, problem: { name: 'formula', f: TYPED.rosenbrock, x0: [-1.2, 1] },
    optimizer: { name: 'bfgs' } };
  const r = runRunner('node', spec);
  assert.equal(r.status, 0, r.stderr);
  const run = lab.createRun(spec);
  const lines = [];
  while (!run.done) run.step(7);
  for (let i = 0; i < run.recordCount; ++i) lines.push(run.jsonLine(i));
  lines.push(run.summaryLine());
  run.delete();
  assert.deepEqual(r.lines, lines);
  assert.ok(r.rows.at(-1).summary !== undefined || r.rows.at(-1).final !== undefined || r.rows.length === lines.length);
});

test('the native runner says clearly that a formula needs the Node runner', () => {
  const r = runRunner('native', { problem: { name: 'formula', f: 'x^2 + y^2' }, optimizer: { name: 'sgd' } });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /problem\.f/);
  assert.match(r.stderr, /npm run -s optlab -- run/);
});

function rejected(spec) {
  try {
    lab.createRun(spec).delete();
  } catch (e) {
    assert.ok(e instanceof OptlabSpecError, e.message);
    const v = lab.validate(spec);
    assert.equal(v.ok, false);
    assert.equal(v.field, e.field);
    return e;
  }
  assert.fail(`accepted ${JSON.stringify(spec)}`);
}

test('a formula that does not parse, uses an unknown name or is not finite at x0 gets a message that points at the place', () => {
  const surf = (problem) => ({ problem: { name: 'formula', ...problem }, optimizer: { name: 'sgd' } });
  let e = rejected(surf({ f: 'x + * y' }));
  assert.equal(e.field, 'problem.f');
  assert.match(e.message, /does not parse/);
  assert.match(e.message, /character 5/);
  assert.match(e.message, /x \+ ⟨\*⟩ y/);

  e = rejected(surf({ f: '(x - 1)^2 + z*y' }));
  assert.equal(e.field, 'problem.f');
  assert.match(e.message, /unknown name "z"/);
  assert.match(e.message, /character 13/);

  e = rejected(surf({ f: 'foo(x) + y' }));
  assert.match(e.message, /unknown function "foo"/);
  assert.match(e.message, /character 1/);

  e = rejected(surf({ f: 'sin(x' }));
  assert.match(e.message, /does not parse/);

  e = rejected(surf({ f: 'x = 3' }));
  assert.equal(e.field, 'problem.f');

  e = rejected(surf({ f: 'log(x) + y^2' }));  // x0 defaults to (0, 0)
  assert.equal(e.field, 'problem.x0');
  assert.match(e.message, /not defined at the start point \(0, 0\): f = −∞/);

  e = rejected(surf({ f: 'sqrt(x) + y^2', x0: [0, 1] }));  // f finite, ∂f/∂x = 1/(2√0) = +∞
  assert.equal(e.field, 'problem.x0');
  assert.match(e.message, /∇f/);

  e = rejected(surf({ f: 2 }));
  assert.equal(e.field, 'problem.f');
  assert.match(e.message, /string/);

  e = rejected(surf({}));
  assert.equal(e.field, 'problem.f');
  assert.match(e.message, /required/);

  e = rejected(surf({ f: '   ' }));
  assert.match(e.message, /empty/);

  e = rejected(surf({ f: 'x+'.repeat(600) + 'y' }));
  assert.match(e.message, /at most 1000/);

  e = rejected(surf({ f: 'x^2', view: [1, 0, -1, 1] }));
  assert.equal(e.field, 'problem.view');
  assert.match(e.message, /xmin < xmax/);

  e = rejected({ problem: { name: 'rosenbrock', f: 'x' }, optimizer: { name: 'sgd' } });
  assert.equal(e.field, 'problem.f');  // f belongs to formula only: the reader lists the allowed keys
});

test('formulaProblems finds the formula of the base spec and of every racer that walks one', () => {
  const spec = { problem: { name: 'formula', f: 'x^2' }, racers: [{}, { problem: { f: 'y^2' } }, { problem: { name: 'beale' } }] };
  assert.deepEqual(formulaProblems(spec), [
    { path: 'problem', f: 'x^2' },
    { path: 'racers[0].problem', f: 'x^2' },
    { path: 'racers[1].problem', f: 'y^2' },
  ]);
});

test('formulasOf: the string formulas of a spec object or its JSON text, the ones that make the page fetch math.js', () => {
  const spec = { problem: { name: 'formula', f: 'x^2' }, racers: [{}, { problem: { f: 'y^2' } }] };
  assert.deepEqual(formulasOf(JSON.stringify(spec)), formulaProblems(spec));
  assert.equal(formulasOf(spec).length, 3);
  // None: no formula surface, an f that is not a string (the core names it), text that does not parse
  // (the core names the JSON error), nothing at all.
  assert.deepEqual(formulasOf({ problem: { name: 'rosenbrock' } }), []);
  assert.deepEqual(formulasOf({ problem: { name: 'formula', f: 3 } }), []);
  assert.deepEqual(formulasOf('{"problem": {"name": "formula", "f": "x^2"'), []);
  for (const v of [null, undefined, 7, [], '']) assert.deepEqual(formulasOf(v), []);
});

test('math.js that did not load: the message names the field, math.js, formula.js and the cause, in English and Japanese', () => {
  const cause = new Error('Failed to fetch dynamically imported module: http://127.0.0.1:8080/course/formula.js');
  const m = formulaUnavailable('racers[1].problem', cause);
  assert.equal(m, `racers[1].problem.f: cannot be read: the formula parser (math.js, formula.js) did not load (${cause.message})`);
  const still = formulaUnavailable('problem', null);
  assert.match(still, /^problem\.f: cannot be read yet: the formula parser \(math\.js\) is still loading/);
  for (const [field, text] of [['racers[1].problem.f', m], ['problem.f', still]]) {
    const ja = localizeCoreMessage(text, field, 'ja');
    assert.ok(ja.startsWith(`${field}: `) && ja !== text, ja);
    assert.equal(englishPhrase(ja.slice(field.length + 2).replace(cause.message, '')), null, `no English left but the browser's cause: ${ja}`);
    if (text === m) assert.ok(ja.includes(cause.message), 'the cause is kept as it is');
  }
});
