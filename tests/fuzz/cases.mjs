// Hostile specs for the fuzz replay (tests/node/fuzz.test.mjs): the committed corpus is built by
// corpusCases() (node tests/fuzz/cases.mjs > tests/fuzz/corpus.jsonl regenerates it), and
// mutate() draws the seeded random mutations of the short random run. Every case is spec *text*
// (not always JSON) that both runners must end cleanly: exit 0, 2 (an error naming a field) or 3
// (diverged, with its reason), within the time limit, never a crash or an uncaught exception.
//
// Values are chosen so that any spec the validator accepts runs in well under a second: steps and
// widths are either small or beyond what validation allows.

// A small deterministic generator, so a seed reproduces a run of mutations.
export { mulberry32 as rng } from '../../scripts/lib/mulberry32.mjs';

// Literal texts of hostile JSON values (inserted as text, so 1e999 and NaN stay what they are).
export const HOSTILE_VALUES = [
  'null', 'true', 'false', '0', '-0', '-1', '1', '2.5', '1e-320', '5e-324', '1e308', '-1e308', '1e999', '-1e999',
  '9007199254740993', '-9223372036854775809', '18446744073709551616', '1e18', '1e8', '10000001', '4097', '65',
  'NaN', 'Infinity', '-Infinity', '"NaN"', '""', '"é"', '"\\u0000"', '"\\ud800"', '"\u202e"', '"<img src=x onerror=alert(1)>"',
  '"' + 'x'.repeat(5000) + '"', '[]', '{}', '[1, 2, 3]', '[[[[]]]]', '{"a": {"b": {"c": {}}}}', '[null]', '[1e999]',
  '"full"', '"sgd"', '"quadratic"', '0.0000001', '1000', '-1e-300', '0x10', '01', '.5', '+1', '1.', '1e',
];

const BASES = [
  { seed: 1, steps: 20, log_every: 5 },
  { seed: 2, steps: 30, log_every: 3, dataset: { name: 'xor', samples: 60 }, network: { layers: [{ units: 4, activation: 'relu' }], loss: 'mean_squared_error' }, optimizer: { name: 'adam', lr: 0.01 } },
  { seed: 3, steps: 15, dataset: { name: 'circles', samples: 80 }, network: { layers: [{ units: 6, norm: { name: 'batch_norm' } }] }, batch_size: 8, optimizer: { name: 'momentum', lr: 0.1, clip_norm: 1, schedule: 'linear', lr_final: 0.01, tau: 10 } },
  { seed: 4, steps: 10, dataset: { name: 'gaussians', classes: 3, samples: 60 }, network: { layers: [{ units: 5 }] }, batch_size: 'full', optimizer: { name: 'lbfgs' }, trace: { curvature: true } },
  { problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'sgd', lr: 0.001 }, steps: 50, log_every: 10 },
  { problem: { name: 'quadratic', eigenvalues: [1, 100], angle: 30 }, optimizer: { name: 'newton' }, steps: 5, trace: { curvature: true, params: true } },
  { problem: { name: 'saddle' }, optimizer: { name: 'cg' }, steps: 40, log_every: 10 },
  { problem: { name: 'sparse_coding', atoms: 3, samples: 10 }, optimizer: { name: 'coordinate_descent' }, steps: 10 },
];

// Races and changes (docs/racing.md): bases of the random mutations (the corpus has its own cases).
const RACE_BASES = [
  { seed: 5, steps: 12, log_every: 4, optimizer: { name: 'adam', lr: 0.01 },
    racers: [{ batch_size: 1, label: 'one' }, { optimizer: { name: 'sgd', lr: 0.1 } }, { network: { layers: [{ units: 3, norm: 'layer_norm' }] } }],
    changes: [{ step: 4, racer: 0, set: { 'optimizer.lr': 0.02, batch_size: 8 } }, { step: 2, racer: 1, set: { 'optimizer.momentum': 0 } }] },
  { problem: { name: 'rosenbrock' }, optimizer: { name: 'momentum', lr: 0.001 }, steps: 20, log_every: 5,
    changes: [{ step: 10, set: { 'optimizer.lr': 0.0005, 'optimizer.schedule': 'step', 'optimizer.step_size': 3 } }] },
];

const pick = (r, a) => a[Math.floor(r() * a.length)];

// Every [path, object] of objects and arrays inside v, so a mutation can reach any field.
function containers(v, path = [], out = []) {
  if (v && typeof v === 'object') {
    out.push([path, v]);
    for (const [k, c] of Object.entries(v)) containers(c, [...path, k], out);
  }
  return out;
}

const KEYS = ['seed', 'steps', 'log_every', 'batch_size', 'shuffle', 'single_pass', 'dataset', 'network', 'optimizer',
  'problem', 'trace', 'name', 'lr', 'units', 'layers', 'activation', 'init', 'value', 'x0', 'dim', 'eigenvalues',
  'samples', 'classes', 'noise', 'curvature', 'params', 'lanczos_steps', 'momentum', 'betas', 'clip_norm', 'average',
  'schedule', 'tau', 'norm', 'groups', 'weight_decay', '', '\u0000', 'é', '__proto__', 'constructor',
  'racers', 'changes', 'racer', 'set', 'step', 'label', 'optimizer.lr', 'batch_size'];

const SENTINEL = '@@HOSTILE@@';

// One random mutation of a base spec, returned as text.
export function mutate(r) {
  const spec = structuredClone(pick(r, [...BASES, ...RACE_BASES]));
  const ops = 1 + Math.floor(r() * 3);
  let raw = null;  // a literal inserted as text
  for (let i = 0; i < ops; ++i) {
    const [, obj] = pick(r, containers(spec));
    const keys = Object.keys(obj);
    const op = r();
    if (op < 0.45) {  // set a field (existing or not) to a hostile literal
      const key = Array.isArray(obj) ? Math.floor(r() * (obj.length + 1)) : (r() < 0.7 && keys.length ? pick(r, keys) : pick(r, KEYS));
      raw = pick(r, HOSTILE_VALUES);
      obj[key] = SENTINEL;
    } else if (op < 0.6 && keys.length) {  // delete a field
      const k = pick(r, keys);
      if (Array.isArray(obj)) obj.splice(Number(k), 1); else delete obj[k];
    } else if (op < 0.75 && keys.length) {  // replace a value by another part of the spec
      const [, other] = pick(r, containers(spec));
      obj[pick(r, keys)] = structuredClone(other);
    } else if (op < 0.85) {  // a plausible value of another field
      obj[pick(r, KEYS)] = pick(r, [1, 0.5, 'relu', 'adam', 'quadratic', [2, 2], { name: 'sgd' }, { units: 3 }, [{ units: 3 }], true]);
    }
  }
  let text = JSON.stringify(spec).replace(`"${SENTINEL}"`, raw ?? 'null').replaceAll(`"${SENTINEL}"`, '0');
  const t = r();
  if (t < 0.08) text = text.slice(0, Math.floor(r() * text.length));  // truncated
  else if (t < 0.14) {  // a duplicated key
    const m = text.match(/"([a-z_]+)":/);
    if (m) text = text.replace(m[0], `${m[0]} 1, ${m[0]}`);
  } else if (t < 0.2) {  // a stray character
    const at = Math.floor(r() * text.length);
    text = text.slice(0, at) + pick(r, ['é', '\u0000', '\uFEFF', '}', ',', '"', '\\', '𝜀', '\u2028']) + text.slice(at);
  }
  return text;
}

// The committed corpus: the examples, then hostile values in every field of every base.
export function corpusCases() {
  const cases = [];
  const add = (name, text) => cases.push({ name, text: typeof text === 'string' ? text : JSON.stringify(text) });
  const nest = (n) => '['.repeat(n) + ']'.repeat(n);
  add('non-ASCII at a syntax error', '{"seed": é}');
  add('four-byte character at a syntax error', '{"seed": 𝜀}');
  // Bytes that are not UTF-8 are stored as base64 (a JSON line holds only Unicode text).
  const addBytes = (name, bytes) => cases.push({ name, base64: Buffer.from(bytes).toString('base64') });
  addBytes('lone UTF-8 lead byte at a syntax error', [...Buffer.from('{"seed": '), 0xc3, 0x7d]);
  addBytes('0xFF in a key', [...Buffer.from('{"s'), 0xff, ...Buffer.from('": 1}')]);
  addBytes('truncated three-byte character in a string', [...Buffer.from('{"optimizer": {"name": "'), 0xe2, 0x88, ...Buffer.from('"}}')]);
  addBytes('encoded surrogate in a string', [...Buffer.from('{"x": "'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]);
  addBytes('NUL byte in the text', [...Buffer.from('{"seed": 1'), 0x00, ...Buffer.from('}')]);
  add('right-to-left override in a key', '{"\u202eoptimizer": 1}');
  add('7,000 nested arrays', `{"seed": ${nest(7000)}}`);
  add('3,000 nested arrays', `{"seed": ${nest(3000)}}`);
  add('100,000 nested arrays', nest(100000));
  add('nested objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
  add('quadratic dim 1000, one step', { problem: { name: 'quadratic', dim: 1000 }, steps: 1 });
  add('quadratic dim 1000 with curvature', { problem: { name: 'quadratic', dim: 1000 }, steps: 2, trace: { curvature: true } });
  add('quadratic dim 1001', { problem: { name: 'quadratic', dim: 1001 }, steps: 1 });
  add('ten layers of 4096', { network: { layers: Array.from({ length: 10 }, () => ({ units: 4096 })) } });
  add('ten million steps, every row, params traced', { steps: 10000000, log_every: 1, trace: { params: true } });
  add('NUL key', '{"\\u0000": 1}');
  add('control characters in a nested key', '{"optimizer": {"l\\u001b[2Jr": 1}}');
  add('spec null', '{"spec": null}');
  add('optimizer null', '{"optimizer": null}');
  add('duplicate key', '{"steps": 5, "steps": 6}');
  add('lr 1e999', '{"optimizer": {"name": "sgd", "lr": 1e999}}');
  add('saddle cg', { problem: { name: 'saddle' }, optimizer: { name: 'cg' }, steps: 200, log_every: 50 });
  add('saddle bfgs', { problem: { name: 'saddle' }, optimizer: { name: 'bfgs' }, steps: 200, log_every: 50 });
  add('saddle coordinate descent', { problem: { name: 'saddle' }, optimizer: { name: 'coordinate_descent' }, steps: 200, log_every: 50 });
  add('rosenbrock sgd 6 steps', { problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'sgd', lr: 0.01 }, steps: 6, log_every: 1 });
  add('constant init 1e300', { network: { layers: [{ units: 4, init: { name: 'constant', value: 1e300 } }] }, steps: 5 });
  add('quadratic 1.4e154 clipped', { problem: { name: 'quadratic', eigenvalues: [1.4e154], x0: [1] }, optimizer: { name: 'sgd', clip_norm: 1 }, steps: 5 });
  add('booth newton', { problem: { name: 'booth' }, optimizer: { name: 'newton' }, steps: 1, trace: { curvature: true } });
  add('sgd lr 1e30', { steps: 50, optimizer: { name: 'sgd', lr: 1e30 }, network: { layers: [{ units: 8, activation: 'relu' }], loss: 'mean_squared_error' } });
  add('empty text', '');
  add('whitespace', ' \n\t ');
  add('a bare number', '42');
  add('a bare array', '[1, 2]');
  add('byte order mark', '\uFEFF{}');
  add('huge key', `{"${'k'.repeat(20000)}": 1}`);
  add('20,000 keys', `{${Array.from({ length: 20000 }, (_, i) => `"k${i}": ${i}`).join(',')}}`);
  add('many layers', { network: { layers: Array.from({ length: 65 }, () => ({ units: 2 })) } });
  // Races and changes (docs/racing.md): each must end with a message naming racers[i]… or changes[k]….
  add('nine racers', { steps: 5, racers: Array.from({ length: 9 }, () => ({})) });
  add('a racer inside a racer', { steps: 5, racers: [{ racers: [{}] }] });
  add('racers null', { steps: 5, racers: null });
  add('a racer that is a string', { steps: 5, racers: ['adam'] });
  add('a racer turning a network race into a surface', { steps: 5, racers: [{ problem: { name: 'booth' } }] });
  add('a racer removing the problem', { problem: { name: 'booth' }, steps: 5, racers: [{ problem: null }] });
  add('eight racers of a million parameters', { steps: 2, network: { layers: [{ units: 1000 }, { units: 990 }] }, racers: Array.from({ length: 8 }, () => ({})) });
  add('a label of 5000 bytes', { steps: 5, racers: [{ label: 'x'.repeat(5000) }] });
  add('a label with control characters', { steps: 5, racers: [{ label: '\u001b[2J\u202e' }] });
  add('a change of the method', { steps: 5, changes: [{ step: 1, set: { 'optimizer.name': 'adam' } }] });
  add('a change at step 1e18', { steps: 5, changes: [{ step: 1e18, set: { 'optimizer.lr': 0.1 } }] });
  add('a change to lr 1e999', '{"steps": 5, "changes": [{"step": 1, "set": {"optimizer.lr": 1e999}}]}');
  add('a change with a racer but no racers', { steps: 5, changes: [{ step: 1, racer: 0, set: { 'optimizer.lr': 0.1 } }] });
  add('a change for racer 7 of 2', { steps: 5, racers: [{}, {}], changes: [{ step: 1, racer: 7, set: { 'optimizer.lr': 0.1 } }] });
  add('a change of batch size to 1e6', { steps: 5, changes: [{ step: 1, set: { batch_size: 1e6 } }] });
  add('a change of batch size to 1 under batch_norm', { steps: 5, network: { layers: [{ units: 4, norm: 'batch_norm' }] }, changes: [{ step: 1, set: { batch_size: 1 } }] });
  add('a change of Newton\'s damping', { problem: { name: 'booth' }, optimizer: { name: 'newton' }, steps: 5, changes: [{ step: 1, set: { 'optimizer.damping': 1 } }] });
  add('a change with a path into an array', { steps: 5, changes: [{ step: 1, set: { 'optimizer.betas[0]': 0.5 } }] });
  add('a change with __proto__', '{"steps": 5, "changes": [{"step": 1, "set": {"__proto__": {"lr": 1}}}]}');
  add('a thousand changes', { steps: 1000, log_every: 500, changes: Array.from({ length: 1000 }, (_, i) => ({ step: i, set: { 'optimizer.lr': 0.01 + i * 1e-5 } })) });
  // Every field of every base set to every hostile value (raw text, so 1e999 and NaN survive).
  BASES.forEach((base, b) => {
    for (const [path, obj] of containers(base)) {
      for (const key of Object.keys(obj)) {
        for (const [v, lit] of HOSTILE_VALUES.entries()) {
          if ((v + key.length + b + path.length) % 18 !== 0) continue;  // a spread, not the full product
          const copy = structuredClone(base);
          let o = copy;
          for (const p of path) o = o[p];
          o[key] = SENTINEL;
          add(`base ${b}: ${[...path, key].join('.')} = ${lit.slice(0, 20)}`, JSON.stringify(copy).replace(`"${SENTINEL}"`, lit));
        }
      }
    }
  });
  return cases;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const c of corpusCases()) process.stdout.write(JSON.stringify(c) + '\n');
}
