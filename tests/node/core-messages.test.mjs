// Every message of the C++ core that the page shows has a Japanese entry (web/core-messages.js):
// the validator's answers to every catalog probe (tests/node/catalog-probes.mjs: each option at its
// edges, unknown names, wrong types), to the committed fuzz corpus of hostile specs, and to a list
// of malformed texts, plus the reasons runs stop. A message passes when its Japanese form keeps the
// field path and has no English phrase left (two English words in a row, outside quoted values,
// JSON and identifiers) — a new core template without an entry fails here, naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOptlab } from '../../wasm/optlab.js';
import { localizeCoreMessage } from '../../web/core-messages.js';
import { makeProbes } from './catalog-probes.mjs';
import { englishPhrase } from './english-phrase.mjs';
import { root } from './helpers.mjs';

const lab = await loadOptlab();
const catalog = lab.catalog();

// The distinct rejections of a list of spec texts: [{field, message}].
function rejections(texts) {
  const seen = new Map();
  for (const text of texts) {
    const r = JSON.parse(lab.validateText(text));
    if (!r.ok) seen.set(r.message, { field: r.field, message: r.message });
  }
  return [...seen.values()];
}

function untranslated(list) {
  const bad = [];
  for (const { field, message } of list) {
    const ja = localizeCoreMessage(message, field, 'ja');
    const left = englishPhrase(ja.slice(field && ja.startsWith(`${field}: `) ? field.length + 2 : 0));
    if (ja === message || left) bad.push(`${message}\n    → ${ja}${left ? `\n    (English left: "${left}")` : ''}`);
    else if (field && message.startsWith(`${field}: `)) assert.ok(ja.startsWith(`${field}: `), `the field path is kept: ${ja}`);
  }
  return bad;
}

test('every catalog probe the validator rejects has a Japanese message that keeps the field path', () => {
  const { allOptions, probes } = makeProbes(catalog);
  const list = rejections(allOptions().flatMap(probes).map((c) => JSON.stringify(c.spec)));
  assert.ok(list.length > 50, `only ${list.length} distinct messages`);
  assert.deepEqual(untranslated(list), []);
});

test('every rejection of the fuzz corpus and of malformed texts has a Japanese message', () => {
  const corpus = readFileSync(join(root, 'tests', 'fuzz', 'corpus.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
    .map((l) => JSON.parse(l)).map((e) => e.text ?? Buffer.from(e.base64, 'base64').toString());
  const malformed = ['{', '{"seed": 1,}', '[1, 2]', '{"seed": 1e999}', '{"seed": 1, "seed": 2}', '{"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}',
    '{"problem": {"name": "saddle"}, "dataset": {"name": "spiral"}}', '{"problem": {"name": "quadratic", "eigenvalues": [1, 2], "condition": 10}}',
    '{"problem": {"name": "rosenbrock", "x0": [1, 2, 3]}}', '{"network": {"layers": [{"units": 4, "norm": "group_norm"}]}}',
    '{"optimizer": {"name": "adam", "betas": [0.9, 0.999], "beta1": 0.8}}', '{"optimizer": {"name": "cg", "c1": 0.5, "c2": 0.4}}',
    '{"network": {"layers": [{"units": 4, "init": {"name": "random_uniform", "minval": 1, "maxval": 0}}]}}',
    '{"batch_size": 100000}', '{"problem": {"name": "saddle"}, "trace": {"layers": [0]}}'];
  const list = rejections([...corpus, ...malformed]);
  assert.ok(list.length > 30, `only ${list.length} distinct messages`);
  assert.deepEqual(untranslated(list), []);
});

test('every rejection of recurrent layers, sequence data sets and the readout has a Japanese message', () => {
  // One spec per message of the recurrent-network code (core/run/spec.cpp, repeated_multiplication.cpp,
  // spec_limits.cpp), each rejected.
  const recall = { name: 'recall' };
  const rnn = { units: 4, type: 'rnn' };
  const specs = [
    { dataset: recall, network: { layers: [{ units: 4 }, rnn] } },
    { network: { layers: [rnn] } },
    { dataset: recall, network: { layers: [{ ...rnn, norm: 'batch_norm' }] } },
    { dataset: recall, network: { layers: [{ units: 4, type: 'lstm', activation: 'relu' }] } },
    { dataset: { name: 'adding' }, network: { loss: 'softmax_cross_entropy' } },
    { dataset: { name: 'adding' }, network: { output_bias_init: 'class_prior' } },
    { trace: { hidden_grad: true } },
    { dataset: { name: 'adding' }, trace: { layers: [0] } },
    { dataset: recall, network: { layers: [rnn] }, trace: { symmetry: true } },
    { dataset: recall, stages: [{ steps: 10 }] },
    { dataset: recall, curriculum: {} },
    { dataset: { name: 'recall', classes: 10, length: 50, samples: 100000 } },
    { readout: {}, steps: 10 },
    { readout: { eigenvalues: [] } },
    { readout: { eigenvalues: [1.5], dim: 3 } },
    { readout: { eigenvalues: [1.1, 'x'] } },
    { readout: { eigenvalues: [20] } },
    { readout: { spectral_radius: 10, length: 400 } },
  ];
  const list = rejections(specs.map((s) => JSON.stringify(s)));
  assert.equal(list.length, specs.length, list.map((x) => x.message).join('\n'));
  assert.deepEqual(untranslated(list), []);
  // A change of a readout is refused by the run, not the validator (RepeatedMultiplicationRun::apply_change).
  assert.deepEqual(untranslated([{ field: 'changes', message: 'changes: a readout has no optimizer or minibatch to change' }]), []);
});

test('every rejection of staged training, the teacher and the curriculum has a Japanese message', () => {
  // One spec per message of core/run/stages_spec.cpp (and the changes it refuses), each rejected.
  const specs = [
    { stages: [{ steps: 10, hint: 3 }] },
    { stages: [{ steps: 10, train: [] }] },
    { stages: [{ steps: 10, train: [3] }] },
    { teacher: { layers: [{ units: 8 }] }, stages: [{ model: 'teacher', steps: 10 }, { steps: 10, hint: true, train: ['output'] }] },
    { stages: [{ steps: 10, train: ['regressor'] }] },
    { stages: [{ steps: 10, train: ['layers[5]'] }] },
    { stages: [{ steps: 10, train: ['bias'] }] },
    { stages: [{ depth: 1 }] },
    { stages: [{ steps: 10, model: 'teacher' }] },
    { teacher: { layers: [{ units: 8 }] }, stages: [{ model: 'teacher', steps: 10, hint: true }] },
    { teacher: { layers: [{ units: 8 }] }, stages: [{ model: 'teacher', steps: 10 }, { steps: 10, hint: true, distill: true }] },
    { stages: [{ steps: 10, hint: true }] },
    { teacher: { layers: [] }, stages: [{ model: 'teacher', steps: 10 }, { steps: 10, hint: true }] },
    { teacher: { layers: [{ units: 8 }] }, network: { layers: [] }, stages: [{ model: 'teacher', steps: 10 }, { steps: 10, hint: true }] },
    { teacher: { layers: [{ units: 8 }] }, stages: [{ model: 'teacher', steps: 10 }, { steps: 10, hint: { hint_layer: 4 } }] },
    { teacher: { layers: [{ units: 8 }] }, network: { layers: [{ units: 4 }] }, stages: [{ model: 'teacher', steps: 10 }, { steps: 10, hint: { guided_layer: 4 } }] },
    { teacher: { layers: [{ units: 8 }], loss: "mean_squared_error" }, network: { layers: [{ units: 4 }], loss: "mean_squared_error" }, stages: [{ model: 'teacher', steps: 10 }, { steps: 10, distill: true }] },
    { teacher: { layers: [{ units: 8 }, { units: 8 }] }, stages: [{ model: 'teacher', steps: 10, depth: 1 }] },
    { stages: [{ steps: 10, depth: 9 }] },
    { network: { layers: [{ units: 4 }] }, stages: [{ steps: 10, depth: 9 }] },
    { stages: [{ steps: 10, optimizer: 'nosuch' }] },
    { stages: [{ steps: 10, optimizer: { name: 'sgd', average: 'polyak' } }] },
    { curriculum: { score: "neighbors" }, dataset: { name: "spiral", samples: 30000 } },
    { curriculum: { neighbors: 100 }, dataset: { name: 'spiral', samples: 60 } },
    { curriculum: true, single_pass: true },
    { teacher: { layers: [{ units: 8 }] } },
    { stages: [] },
    { stages: Array.from({ length: 40 }, () => ({ steps: 1 })) },
    { stages: [{ steps: 6000000 }, { steps: 6000000 }] },
    { steps: 5, stages: [{ steps: 10 }] },
    { stages: [{ steps: 10 }], trace: { params: true } },
    { stages: [{ steps: 10 }], trace: { curvature: true } },
    { stages: [{ steps: 10 }], trace: { layers: { every: 5 } } },
    { stages: [{ steps: 10 }], trace: { step_length: true } },
    { stages: [{ steps: 10 }], trace: { effective_lr: true } },
    { stages: [{ steps: 10 }], single_pass: true },
    { stages: [{ steps: 10 }], landscape: {} },
    { stages: [{ steps: 10 }], curriculum: true },
    { stages: [{ steps: 10 }], optimizer: { name: 'sgd', average: 'polyak' } },
    { stages: [{ steps: 10 }], network: { layers: [{ units: 4, norm: 'batch_norm' }] } },
    { teacher: { layers: [{ units: 8 }] }, stages: [{ steps: 10 }] },
    { teacher: { layers: [{ units: 8 }], loss: "mean_squared_error" }, stages: [{ model: 'teacher', steps: 10 }] },
    { stages: [{ steps: 10 }, { steps: 10 }], changes: [{ step: 5, set: { 'optimizer.lr': 0.1 } }] },
    { curriculum: true, steps: 100, changes: [{ step: 5, set: { batch_size: 4 } }] },
    { teacher: { layers: [{ units: 4096 }, { units: 4096 }] }, stages: [{ model: 'teacher', steps: 10 }] },
  ];
  const texts = specs.map((s) => JSON.stringify(s));
  for (const t of texts) assert.equal(JSON.parse(lab.validateText(t)).ok, false, `rejected: ${t}`);
  const list = rejections(texts);
  assert.ok(list.length >= 40, `only ${list.length} distinct messages`);
  assert.deepEqual(untranslated(list), []);
});

test('the reasons a run stops (divergence, a runaway to −∞, a bad start) have Japanese messages', () => {
  const specs = [
    { problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 1 }, steps: 200 },
    { problem: { name: 'saddle', x0: [0, 1] }, optimizer: { name: 'sgd', lr: 0.5 }, steps: 5000 },
    { problem: { name: 'quadratic', eigenvalues: [1, 0], angle: 0, x0: [1, 1] }, optimizer: { name: 'newton' }, steps: 5 },
    { dataset: { name: 'spiral', samples: 60 }, network: { layers: [{ units: 8, activation: 'relu' }] }, optimizer: { name: 'sgd', lr: 1e30 }, steps: 50 },
    { dataset: { name: 'spiral', samples: 60 }, network: { layers: [{ units: 4, init: { name: 'random_normal', stddev: 1e39 } }] }, steps: 5 },
    { dataset: { name: 'spiral', samples: 60 }, network: { layers: [{ units: 4, activation: 'relu', init: { name: 'random_normal', stddev: 1e30 } }, { units: 4, activation: 'relu', init: { name: 'random_normal', stddev: 1e30 } }] }, steps: 5 },
  ];
  const list = [];
  for (const spec of specs) {
    const run = lab.createRun(spec);
    while (!run.done) run.step(1000);
    assert.ok(run.diverged, `${JSON.stringify(spec)} stops early`);
    list.push({ field: '', message: run.diverged });
    run.delete();
  }
  assert.deepEqual(untranslated(list), []);
});

test('the English page shows the core\'s message unchanged, and a text without an entry stays as it is', () => {
  const m = 'optimizer.lr: must be > 0, got -1';
  assert.equal(localizeCoreMessage(m, 'optimizer.lr', 'en'), m);
  assert.equal(localizeCoreMessage(m, 'optimizer.lr', 'ja'), 'optimizer.lr: > 0 でなければなりません（入力: -1）');
  assert.equal(localizeCoreMessage('x: a text no template knows', 'x', 'ja'), 'x: a text no template knows');
  // A link's racer the page left out (web/worker/race.js validateRace), last or followed by others.
  const f = 'racers[1].optimizer.lr';
  assert.equal(localizeCoreMessage(`${f}: must be > 0, got -1 (racer 2 not raced)`, f, 'ja'), `${f}: > 0 でなければなりません（入力: -1）（手法 2 は競争に加えていません）`);
  assert.equal(localizeCoreMessage(`${f}: must be > 0, got -1 (racer 2 not raced; the racers after it move up one place)`, f, 'ja'),
    `${f}: > 0 でなければなりません（入力: -1）（手法 2 は競争に加えていません。後の手法は番号が一つ繰り上がります）`);
  assert.equal(englishPhrase('a text no template knows'), 'text no');
  assert.equal(englishPhrase('optimizer.lr: > 0 の数 "not a number"'), null);
});
