// The light half of formula surfaces ("problem": {"name": "formula", "f": …}): which specs carry a
// formula, and math.js (wasm/formula.js, the parser and symbolic differentiator) loaded on first use.
//
// math.js is about 100 KB of JavaScript (gzipped), and only a formula needs it. In the browser
// web/build.mjs makes wasm/formula.js an ES module of its own (dist/formula.js, fetched by the
// import() below with a URL relative to the importing file, so dist/ still runs from any sub-path),
// and a page without a formula never fetches it. The page (web/panels/experiment-form.js), the
// training worker and the pool workers (web/worker/main.js, lane-main.js) call prepareFormulas()
// before they hand a spec to wasm/api.js, whose calls stay synchronous: api.js reads the loaded module
// with formulaModule(). The Node loader (wasm/optlab.js) loads it before it returns the lab.
// No DOM; no math.js here.

export class FormulaError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FormulaError';
  }
}

// Every problem object a spec (or a racer of it) carries whose surface is "formula", with the path
// the messages name: [{path: 'problem' | 'racers[2].problem', f}].
export function formulaProblems(spec) {
  const out = [];
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return out;
  const base = spec.problem && typeof spec.problem === 'object' ? spec.problem : null;
  if (base && base.name === 'formula' && 'f' in base) out.push({ path: 'problem', f: base.f });
  if (Array.isArray(spec.racers)) {
    spec.racers.forEach((r, i) => {
      const p = r && typeof r === 'object' && r.problem && typeof r.problem === 'object' ? r.problem : null;
      const name = p && 'name' in p ? p.name : base?.name;
      if (name !== 'formula') return;
      const f = p && 'f' in p ? p.f : base?.f;
      if (f !== undefined) out.push({ path: `racers[${i}].problem`, f });
    });
  }
  return out;
}

// The formulas (strings) of a spec given as an object or as JSON text; [] for anything else.
// Text that does not parse has none here (the core names the JSON error).
export function formulasOf(spec) {
  let value = spec;
  if (typeof spec === 'string') {
    if (!spec.includes('formula')) return [];
    try { value = JSON.parse(spec); } catch { return []; }
  }
  return formulaProblems(value).filter((p) => typeof p.f === 'string');
}

let loaded = null;     // the module wasm/formula.js once it has loaded
let failure = null;    // why the last load failed (an Error), until a load succeeds
let loading = null;    // the load under way

/** wasm/formula.js (math.js), fetched on the first call; later calls share that load. A load that
 *  failed (the file could not be fetched: offline, a copy of dist/ without it) is tried again by the
 *  next call. Rejects with the import's error. */
export function loadFormula() {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('./formula.js').then(
    (m) => { loaded = m; failure = null; loading = null; return m; },
    (e) => { failure = e instanceof Error ? e : new Error(String(e)); loading = null; throw failure; });
  return loading;
}

/** Resolves (never rejects) once the formulas `spec` carries can be compiled — at once when it
 *  carries none — or once loading math.js has failed; wasm/api.js then names the cause. */
export function prepareFormulas(spec) {
  if (loaded || formulasOf(spec).length === 0) return Promise.resolve();
  return loadFormula().then(() => {}, () => {});
}

/** The loaded wasm/formula.js, or null (not asked for yet, still loading, or failed). */
export const formulaModule = () => loaded;

/** Why a formula at `path` ('problem', 'racers[1].problem') cannot be compiled while math.js is not
 *  there: "problem.f: cannot be read: …" naming the load's error `cause` (default: the last failure),
 *  or saying that it is still loading. */
export function formulaUnavailable(path, cause = failure) {
  return cause
    ? `${path}.f: cannot be read: the formula parser (math.js, formula.js) did not load (${cause.message || cause})`
    : `${path}.f: cannot be read yet: the formula parser (math.js) is still loading; try again in a moment`;
}
