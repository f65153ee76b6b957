// schema/experiment.schema.json and the C++ validator must agree on what a valid spec is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadOptlab } from '../../wasm/optlab.js';
import { root } from './helpers.mjs';

const schema = JSON.parse(readFileSync(join(root, 'schema', 'experiment.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const lab = await loadOptlab();

const good = [
  {},
  lab.defaultSpec(),
  { dataset: { name: 'xor', classes: 2 }, batch_size: 'full', shuffle: false },
  { network: { layers: [{ units: 4, activation: 'relu', init: 'default_uniform', bias_init: 'zeros' }], loss: 'mean_squared_error' } },
  { optimizer: { name: 'sgd', lr: 0.05, schedule: 'linear', lr_final: 0.0005, tau: 500, clip_norm: 1 } },
  { trace: { params: true }, steps: 10, log_every: 5 },
  { network: { layers: [{ units: 8, init: { name: 'orthogonal', gain: 1.5 }, norm: 'batch_norm' },
                        { units: 8, init: { name: 'sparse', k: 4 }, bias_init: { name: 'constant', value: 0.1 },
                          norm: { name: 'group_norm', groups: 2 } },
                        { units: 8, init: { name: 'variance_scaling', scale: 2, mode: 'fan_avg', distribution: 'uniform' },
                          norm: 'layer_norm' }],
               output_init: 'he_normal', output_bias_init: 'class_prior' },
    trace: { layers: { every: 100 } } },
  { trace: { layers: [0, 10, 100] }, steps: 100 },
  { optimizer: { name: 'adam', lr: 0.01, betas: [0.8, 0.99], eps: 1e-7, schedule: 'cosine', tau: 100, warmup_steps: 10 } },
  { optimizer: { name: 'nadam', beta1: 0.9, beta2: 0.99, momentum_decay: 0.004 } },
  { optimizer: { name: 'rmsprop', rho: 0.95, eps_inside_sqrt: false, schedule: 'step', step_size: 100, gamma: 0.5 } },
  { optimizer: { name: 'rmsprop_nesterov', momentum: 0.5 } },
  { optimizer: { name: 'adamw', weight_decay: 0.05, schedule: 'exponential', gamma: 0.999 } },
  { optimizer: { name: 'momentum', average: 'ema', ema_decay: 0.9 }, single_pass: true },
  { problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'bfgs' }, trace: { params: true, curvature: true } },
  { problem: { name: 'quadratic', condition: 100, dim: 4, angle: 10 }, optimizer: { name: 'cg', beta: 'polak_ribiere', restart: 4 } },
  { problem: { name: 'sparse_coding', lambda: 0.2 }, optimizer: { name: 'coordinate_descent', order: 'random', seed: 3 } },
  { problem: { name: 'saddle' }, optimizer: { name: 'newton', damping: 0.5, line_search: true }, trace: { curvature: { lanczos_steps: 10 } } },
  { optimizer: { name: 'lbfgs', memory: 5, c1: 0.001, c2: 0.5 }, batch_size: 'full' },
  // Races and changes (docs/racing.md).
  { racers: [{ batch_size: 1, label: 'one' }, { optimizer: { name: 'adam' } }, { network: { layers: [{ units: 4 }] }, seed: null }] },
  { optimizer: { name: 'adam' }, changes: [{ step: 10, set: { 'optimizer.lr': 0.01, batch_size: 'full' } }] },
  { racers: [{}, { optimizer: { name: 'adam' } }], changes: [{ step: 3, racer: 1, set: { 'optimizer.betas': [0.8, 0.9] } }] },
];
const bad = [
  { optimizer: { lr: -1 } },
  { optimizer: { name: 'nope' } },
  { batch_size: 0 },
  { batch_size: 'half' },
  { seed: 1.5 },
  { dataset: { name: 'xor', classes: 3 } },
  { dataset: { noise: -0.1 } },
  { network: { layers: [{ units: 0 }] } },
  { network: { layers: [{ units: 4, activation: 'gelu' }] } },
  { trace: { params: 'yes' } },
  { surprise: true },
  { network: { layers: [{ init: 'xavier' }] } },
  { network: { layers: [{ init: { name: 'orthogonal', gain: 0 } }] } },
  { network: { layers: [{ init: { name: 'sparse', k: 0 } }] } },
  { network: { layers: [{ bias_init: 'class_prior' }] } },
  { network: { layers: [{ norm: 'group_norm' }] } },
  { network: { layers: [{ norm: { name: 'batch_norm', momentum: 1.5 } }] } },
  { trace: { layers: { every: 0 } } },
  { trace: { layers: 'often' } },
  { optimizer: { name: 'momentum', momentum: 1 } },
  { optimizer: { name: 'adam', betas: [0.9, 1] } },
  { optimizer: { name: 'adam', betas: [0.9] } },
  { optimizer: { name: 'adagrad', eps: 0 } },
  { optimizer: { name: 'sgd', schedule: 'warm' } },
  { optimizer: { name: 'sgd', schedule: 'step', gamma: 0 } },
  { optimizer: { name: 'sgd', average: 'mean' } },
  { single_pass: 1 },
  { problem: { name: 'banana' } },
  { problem: { name: 'booth' }, dataset: { name: 'xor' } },
  { problem: { name: 'booth', sigma: 1 } },
  { optimizer: { name: 'lbfgs', memory: 0 } },
  { optimizer: { name: 'cg', beta: 'hestenes_stiefel' } },
  { trace: { curvature: 'yes' } },
  { racers: [] },
  { racers: Array.from({ length: 9 }, () => ({})) },
  { racers: [{ label: '' }] },
  { racers: [{ racers: [{}] }] },
  { racers: [{ changes: [] }] },
  { racers: [{ batch_size: 0 }] },
  { racers: [{ bogus: 1 }] },
  { changes: [{ set: { 'optimizer.lr': 0.1 } }] },
  { changes: [{ step: 1, set: { 'optimizer.name': 'adam' } }] },
  { changes: [{ step: 1, set: { seed: 2 } }] },
  { changes: [{ step: -1, set: { 'optimizer.lr': 0.1 } }] },
  { changes: [{ step: 1, set: {} }] },
];

test('every good spec passes both the schema and the C++ validator', () => {
  for (const spec of good) {
    assert.equal(validate(spec), true, JSON.stringify(validate.errors));
    assert.equal(lab.validate(spec).ok, true, JSON.stringify(spec));
  }
});

test('every bad spec fails both the schema and the C++ validator', () => {
  for (const spec of bad) {
    assert.equal(validate(spec), false, `schema accepted ${JSON.stringify(spec)}`);
    assert.equal(lab.validate(spec).ok, false, `validator accepted ${JSON.stringify(spec)}`);
  }
});

test('the normalized spec the validator returns is itself valid under the schema', () => {
  for (const spec of good) assert.equal(validate(lab.validate(spec).spec), true, JSON.stringify(validate.errors));
});
