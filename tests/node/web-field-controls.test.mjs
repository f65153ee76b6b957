// An error naming a spec field is marked at the control that shows it (web/field-controls.js): the
// core's field paths, as its messages name them, mapped to the page's control ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { controlIds, controlFor } from '../../web/field-controls.js';

const html = readFileSync(new URL('../../web/index.html', import.meta.url), 'utf8');
const inPage = (id) => html.includes(`id="${id}"`);

test('racers\' optimizer options map to their racer\'s number field, then its slider', () => {
  assert.deepEqual(controlIds('optimizer.lr'), ['opt-lr-num', 'opt-lr']);
  assert.deepEqual(controlIds('racers[1].optimizer.lr'), ['opt2-lr-num', 'opt2-lr']);
  assert.deepEqual(controlIds('racers[2].optimizer.betas[1]'), ['opt3-betas-1-num', 'opt3-betas-1']);
  assert.deepEqual(controlIds('optimizer.name'), ['optimizer']);
  assert.deepEqual(controlIds('racers[1].optimizer'), ['optimizer2']);
});

test('fields of the base spec map to the form\'s controls, each of which the page has', () => {
  const cases = {
    batch_size: 'batch', seed: 'seed', steps: 'steps', 'dataset.noise': 'noise-num', 'dataset.classes': 'classes',
    'network.layers': 'layers', 'network.layers[3].units': 'units', 'network.layers[0].activation': 'activation',
    'problem.f': 'surface-formula', 'problem.x0[1]': 'y0', 'problem.x0': 'x0', 'problem.name': 'surface',
  };
  for (const [field, id] of Object.entries(cases)) {
    assert.deepEqual(controlIds(field), [id], field);
    assert.ok(inPage(id), `#${id} is in web/index.html`);
  }
});

test('fields no control shows are not marked anywhere', () => {
  for (const field of ['racers[2].batch_size', 'racers[1].network.layers', 'network.layers[1].init', 'changes[0].set.optimizer.lr', 'trace.layers', '', undefined]) {
    assert.deepEqual(controlIds(field), [], String(field));
  }
  // controlFor takes the first control the page has.
  const page = { 'opt2-lr': 'slider' };
  assert.equal(controlFor('racers[1].optimizer.lr', (id) => page[id] ?? null), 'slider');
  assert.equal(controlFor('racers[4].optimizer.lr', (id) => page[id] ?? null), null);
});
