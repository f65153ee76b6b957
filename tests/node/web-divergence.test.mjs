// The page's divergence note names the likely cause from what the run is (web/divergence.js): the
// long-term-dependencies lesson's unclipped ρ = 1.2 recurrent net diverges from exploding gradients
// (§8.2.5), not from its ε = 0.1, while an MLP or a surface at a large ε is told about the learning
// rate as the core says. The messages are the runners' own (the lesson's racers and a run that
// diverges), the racers' specs the core's expansion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runLesson } from './lessons/harness.mjs';
import { root } from './helpers.mjs';
import { readLesson } from '../../scripts/lib/lessons.mjs';
import { divergenceCause, divergenceMessage } from '../../web/divergence.js';
import { setLang, t, keysOf } from '../../web/i18n.js';
import { localizeCoreMessage } from '../../web/core-messages.js';

const { loadOptlab } = await import(join(root, 'wasm', 'optlab.js'));
const lab = await loadOptlab();
const expand = (spec) => { const r = lab.expandRace(spec); assert.ok(r.ok, r.message); return r.racers; };
// The Node runner's summary line of a one-racer spec.
function summaryOf(spec) {
  const r = spawnSync(process.execPath, [join(root, 'cli', 'optlab.mjs'), 'run', '-'], { input: JSON.stringify(spec), encoding: 'utf8', cwd: root });
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.summary);
}

test('long-term-dependencies: the unclipped ρ = 1.2 net\'s divergence is exploding gradients, not the learning rate', () => {
  const { racers } = runLesson('long-term-dependencies', { allowDiverged: true });
  const specs = expand(readLesson('long-term-dependencies').spec);
  const plain = racers[2];
  assert.match(plain.summary.diverged, /diverged at step \d+: .*\(learning rate 0\.1 may be too large\)$/, 'the core\'s text blames ε');
  assert.equal(divergenceCause(specs[2], plain.summary.steps), 'exploding');
  assert.equal(divergenceCause(specs[1], 200), 'lr', 'the same net with clip_norm = 1: clipped, so not this cause');
  const message = divergenceMessage(plain.summary.diverged, 'exploding');
  assert.match(message, /^diverged at step \d+: on a minibatch, the loss became NaN$/, 'the learning-rate clause goes');
  for (const lang of ['en', 'ja']) {
    setLang(lang);
    const note = t('divergedExplodingMsg', localizeCoreMessage(message, '', lang), t('explodingCause'));
    assert.doesNotMatch(note, lang === 'en' ? /learning rate/ : /学習率 0\.1/, `${lang}: ${note}`);
    assert.match(note, lang === 'en' ? /exploding gradients.*clip gradient norm/ : /勾配爆発.*勾配ノルムのクリップ/, `${lang}: ${note}`);
  }
  setLang('en');
});

test('a surface at a large ε and a recurrent net clipped by a recorded change: the learning rate', () => {
  const walk = { seed: 1, problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 0.1 }, steps: 50, log_every: 1 };
  const diverged = summaryOf(walk).diverged;
  assert.match(diverged, /\(learning rate 0\.1 may be too large\)$/);
  const [racer] = expand(walk);
  assert.equal(divergenceCause(racer, 50), 'lr');
  assert.equal(divergenceMessage(diverged, 'lr'), diverged, 'the core\'s clause stays');
  const [mlp] = expand({ seed: 1, dataset: { name: 'spiral' }, network: { layers: [{ units: 8, activation: 'relu' }] }, optimizer: { name: 'sgd', lr: 100 } });
  assert.equal(divergenceCause(mlp), 'lr', 'a feed-forward net: the learning rate');
  // The lesson's unclipped racer with clip_norm = 1 from step 5 on (a change without reset).
  const rnn = expand(readLesson('long-term-dependencies').spec)[2];
  const changed = { ...rnn, spec: { ...rnn.spec, changes: [{ step: 5, set: { 'optimizer.clip_norm': 1 } }] } };
  assert.equal(divergenceCause(changed, 3), 'exploding');
  assert.equal(divergenceCause(changed, 5), 'lr', 'clipped from step 5');
  for (const k of ['explodingCause', 'divergedExplodingMsg', 'racerDivergedExploding']) for (const l of ['en', 'ja']) assert.ok(keysOf(l).includes(k), `${l}: ${k}`);
});
