// docs/spec-reference.md as a pure function of the core's catalog: one table per list of names
// and options, with each option's type, default, range, unit and meaning. Written by
// scripts/make-schema.mjs next to the schema; tests/node/catalog.test.mjs fails when the committed
// file differs, so the reference cannot drift from what the reader accepts.

import { catalogSections } from './catalog-schema.mjs';

const cell = (v) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function range(o) {
  if (o.min === undefined && o.max === undefined) return '';
  const lo = o.min === undefined ? '−∞' : o.min;
  const hi = o.max === undefined ? '∞' : o.max;
  return `${o.min_open || o.min === undefined ? '(' : '['}${lo}, ${hi}${o.max_open || o.max === undefined ? ')' : ']'}`;
}

function defaultOf(o) {
  if (o.default !== undefined) return `\`${JSON.stringify(o.default)}\``;
  if (o.defaults) return Object.entries(o.defaults).map(([k, v]) => `${k}: \`${v}\``).join(', ');
  if (o.default_factor) return `${o.default_factor.factor} × ${o.default_factor.of}`;
  if (o.required) return 'required';
  return 'depends on the run';
}

function optionRows(options) {
  if (!options.length) return ['(no options)', ''];
  return [
    '| key | type | default | range | unit | meaning |',
    '|---|---|---|---|---|---|',
    ...options.map((o) => `| \`${o.key}\` | ${o.type}${o.choices ? `: ${o.choices.join(', ')}` : ''} | ${defaultOf(o)} | ` +
      `${range(o)} | ${cell(o.unit)} | ${cell(`${o.symbol ? `${o.symbol}: ` : ''}${o.meaning}`)} |`),
    '',
  ];
}

function entries(title, list, extra = () => []) {
  const out = [`## ${title}`, ''];
  for (const e of list) {
    out.push(`### \`${e.name}\``, '', `${e.meaning}${e.source ? ` (${e.source})` : ''}`, '', ...extra(e), ...optionRows(e.options));
  }
  return out;
}

export function catalogMarkdown(catalog) {
  const lines = [
    '# Spec reference',
    '',
    'GENERATED from the core\'s catalog by `node scripts/make-schema.mjs` — do not edit by hand (see docs/catalog.md).',
    '',
    '## Top level',
    '',
    ...optionRows(catalog.spec.options),
    '## `network`',
    '',
    ...optionRows(catalog.network.options),
    '### `network.layers[]`',
    '',
    ...optionRows(catalog.network.layer.options),
    '## `trace`',
    '',
    ...optionRows(catalog.trace.options),
    ...catalogSections(catalog).flatMap(([k, v]) => [`## \`${k}\``, '', `${v.runs.join(', ')} runs only`, '', ...optionRows(v.options)]),
    ...(catalog.race ? [
      '## Races: `racers[]` and `changes[]` (docs/racing.md)',
      '',
      `At most ${catalog.race.max_racers} racers; each a partial spec merged over the base spec, with these keys of its own:`,
      '',
      ...optionRows(catalog.race.racer.options),
      `A change (\`changes[]\`); \`set\` takes the paths ${catalog.race.change.options.find((o) => o.key === 'set').paths.map((p) => `\`${p}\``).join(', ')} ` +
        `(not ${catalog.race.change.options.find((o) => o.key === 'set').not.map((p) => `\`${p}\``).join(', ')}):`,
      '',
      ...optionRows(catalog.race.change.options),
    ] : []),
    ...(catalog.stage ? [
      '## `stages[]`',
      '',
      'One stage of staged training (docs/staged-training.md).',
      '',
      ...optionRows(catalog.stage.options),
      '### `stages[].hint`',
      '',
      ...optionRows(catalog.hint.options),
      '### `stages[].distill`',
      '',
      ...optionRows(catalog.distill.options),
      '## `teacher`',
      '',
      `${catalog.teacher.meaning}.`,
      '',
      '## `curriculum`',
      '',
      ...optionRows(catalog.curriculum.options),
    ] : []),
    ...entries('Data sets (`dataset.name`)', catalog.datasets),
    ...entries('Optimizers (`optimizer.name`)', catalog.optimizers, (e) => [
      `${e.kind.replace('_', '-')}${e.algorithm ? `, ${e.algorithm}` : ''}; default ε for networks ${e.lr.network}; PyTorch: ${cell(e.pytorch)}`, '']),
    ...entries('Schedules (`optimizer.schedule`)', catalog.schedules),
    ...entries('Averaging (`optimizer.average`)', catalog.averaging),
    ...entries('Test surfaces (`problem.name`)', catalog.surfaces, (s) => [
      `dim ${s.dim}, x0 \`${JSON.stringify(s.x0)}\`${s.box ? `, box \`${JSON.stringify(s.box)}\`` : ''}, f_min ${s.f_min ?? 'unbounded below'}; ` +
      `learning rates: ${Object.entries(s.lr).map(([m, v]) => `${m} ${v}`).join(', ')}`, '']),
    ...entries('Initializers (`init`, `bias_init`, `output_init`, `output_bias_init`)', catalog.initializers),
    ...entries('Normalizations (`norm`)', catalog.norms),
    ...entries('Activations', catalog.activations),
    ...entries('Losses (`network.loss`)', catalog.losses),
    ...entries('Readouts (`readout.name`; a spec with `readout` has only `seed` beside it)', catalog.readouts ?? []),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
