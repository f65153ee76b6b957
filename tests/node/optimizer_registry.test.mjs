// The page's optimizer registry (web/registry.js) against the core: every method the module accepts
// is reachable from the page, and every control's default and both ends of its range make a spec
// the C++ validator accepts (so a slider can never produce an invalid spec).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { OPTIMIZERS, defaultOptimizerSpec, setParam } from '../../web/registry.js';

const lab = await loadOptlab();

test('every optimizer the core accepts has a registry entry with a formula', () => {
  for (const name of lab.optimizers()) {
    const entry = OPTIMIZERS.find((o) => o.name === name);
    assert.ok(entry, `no registry entry for ${name}`);
    assert.ok(entry.tex && entry.tex.length > 10, `${name} has no formula`);
  }
});

test('registry defaults and range ends are valid specs for the core', () => {
  for (const entry of OPTIMIZERS) {
    if (!lab.optimizers().includes(entry.name)) continue;
    const base = defaultOptimizerSpec(entry);
    const r = lab.validate({ optimizer: base });
    assert.equal(r.ok, true, `${entry.name} defaults: ${r.message}`);
    for (const p of entry.params) {
      assert.ok(p.min <= p.default && p.default <= p.max, `${entry.name}.${p.key} default outside its range`);
      for (const v of [p.min, p.max]) {
        const o = structuredClone(base);
        setParam(o, p, v);
        const rv = lab.validate({ optimizer: o });
        assert.equal(rv.ok, true, `${entry.name}.${p.key} = ${v}: ${rv.message}`);
      }
    }
  }
});
