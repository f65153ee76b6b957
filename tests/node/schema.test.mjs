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
