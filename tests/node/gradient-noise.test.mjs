// The gradient-noise command (core/run/gradient_noise.hpp) through both runners and lab.gradientNoise:
// the same lines natively and in wasm, the σ/√m law of §8.1.3, and a rejected spec naming its field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadOptlab } from '../../wasm/optlab.js';
import { nativeRunner, nodeRunner } from './helpers.mjs';

const lab = await loadOptlab();
const run = (which, spec) => {
  const [cmd, argv] = which === 'native' ? [nativeRunner, ['gradient-noise', '-']] : [process.execPath, [nodeRunner, 'gradient-noise', '-']];
  return spawnSync(cmd, argv, { encoding: 'utf8', input: JSON.stringify(spec) });
};

test('both runners and lab.gradientNoise print the same lines; the standard error falls as σ/√m', () => {
  const spec = { seed: 5, dataset: { name: 'spiral', samples: 400 }, network: { layers: [{ units: 16 }] } };
  const native = run('native', spec), node = run('node', spec);
  assert.equal(native.status, 0, native.stderr);
  assert.equal(node.stdout, native.stdout);
  assert.equal(lab.gradientNoise(spec).join('\n') + '\n', native.stdout);
  const lines = native.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const rows = lines.filter((l) => !l.summary), summary = lines.at(-1);
  assert.deepEqual(rows.map((r) => r.batch_size), [1, 2, 4, 8, 16, 32, 64, 128, 256]);
  for (const r of rows) assert.ok(Math.abs(r.std_error / r.sigma_over_sqrt_m - 1) < 0.15, JSON.stringify(r));
  assert.ok(Math.abs(summary.slope + 0.5) < 0.03, `slope ${summary.slope}`);
  assert.equal(summary.samples, 256);
});

test('a surface spec or batch norm is rejected naming the field, exit 2', () => {
  for (const [spec, field] of [[{ problem: { name: 'saddle' } }, 'problem'],
    [{ network: { layers: [{ units: 4, norm: 'batch_norm' }] } }, 'network.layers[0].norm']]) {
    for (const which of ['native', 'node']) {
      const r = run(which, spec);
      assert.equal(r.status, 2, `${which}: ${r.stderr}`);
      assert.ok(r.stderr.startsWith(`error: ${field}: `), `${which}: ${r.stderr}`);
    }
    assert.throws(() => lab.gradientNoise(spec), (e) => e.field === field);
  }
});
