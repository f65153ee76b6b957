// A race in a spec (docs/racing.md), the few edits of its lists that the page and the worker both
// make: leaving a racer out, and reading an old link's race. The merge of a racer over the base and
// every check are the core's (lab.expandRace, lab.validate): nothing here merges or validates.
// No DOM, no wasm; the worker imports it too.

/** The spec without racer i: its recorded changes go with it, later racers' changes follow their
 *  new places; a race left without racers is the base alone. */
export function withoutRacer(spec, i) {
  const out = { ...spec, racers: spec.racers.filter((_, j) => j !== i) };
  if (Array.isArray(spec.changes)) {
    out.changes = spec.changes.filter((c) => c?.racer !== i).map((c) => (typeof c?.racer === 'number' && c.racer > i ? { ...c, racer: c.racer - 1 } : c));
    if (!out.changes.length) delete out.changes;
  }
  if (!out.racers.length) delete out.racers;
  return out;
}

/** An old link's race (#spec=S&racers=[o₁, o₂, …]: racer 1 ran S, racer k+1 ran S with its
 *  optimizer replaced by oₖ) as the same race in the spec: racers [{}, {optimizer: o₁′}, …], oₖ′ =
 *  oₖ with "key": null for every key of S's optimizer that oₖ lacks, so the merge replaces the
 *  optimizer as the old page did (docs/racing.md, "Old links"). Items that are not objects are
 *  kept as they are, for the validator to name (racers[k]). */
export function fromOldLink(spec, optimizers) {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec) || !Array.isArray(optimizers) || !optimizers.length) return spec;
  const base = spec.optimizer !== null && typeof spec.optimizer === 'object' ? spec.optimizer : {};
  const racers = [{}, ...optimizers.map((o) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return o;
    const patch = { ...o };
    for (const k of Object.keys(base)) if (!(k in patch)) patch[k] = null;
    return { optimizer: patch };
  })];
  return { ...spec, racers };
}

/** A field the core named in the converted race ('racers[2].optimizer.lr'), as the old link names
 *  it ('racers[1].lr': its list of optimizers); other fields as they are. */
export function oldLinkField(field) {
  const m = /^racers\[(\d+)\](?:\.optimizer)?(.*)$/.exec(field ?? '');
  return m && Number(m[1]) >= 1 ? `racers[${Number(m[1]) - 1}]${m[2]}` : field;
}

/** The places (indices into spec.changes) of racer i's recorded changes, in the spec's order — the
 *  order of the racer's own list (core/run/race.cpp expand_race keeps it). Without racers, every
 *  change is racer 0's (a race's changes each name their racer). */
export function changePlaces(spec, i) {
  const list = Array.isArray(spec?.changes) ? spec.changes : [];
  const inRace = Array.isArray(spec?.racers) && spec.racers.length > 0;
  return list.flatMap((c, k) => ((inRace ? c?.racer === i : i === 0) ? [k] : []));
}

/** The spec without the recorded changes at `places` (indices into spec.changes); without a
 *  `changes` key when none is left. */
export function withoutChanges(spec, places) {
  const drop = new Set(places);
  const out = { ...spec, changes: (Array.isArray(spec.changes) ? spec.changes : []).filter((_, k) => !drop.has(k)) };
  if (!out.changes.length) delete out.changes;
  return out;
}

/** A change to racer i that sets `paths` ('optimizer.lr', 'batch_size') from `step` steps done on
 *  (-1: a value in the racer's patch, from the start) replaces what the racer's recorded changes
 *  after `step` set for those paths: left in, they would undo it at their step (changes apply in
 *  step order, docs/racing.md). Those changes lose these paths, and one left setting nothing goes.
 *  Changes at `step` itself stay (a change made live at s is recorded after them and wins).
 *  Returns {spec, dropped}: dropped lists the parts removed ({step, racer?, set}), as recorded. */
export function dropLaterChanges(spec, i, paths, step) {
  const mine = new Set(changePlaces(spec, i));
  const dropped = [], changes = [];
  (Array.isArray(spec.changes) ? spec.changes : []).forEach((c, k) => {
    const set = {}, keep = {};
    for (const [p, v] of Object.entries(c?.set ?? {})) (paths.includes(p) ? set : keep)[p] = v;
    if (!mine.has(k) || !(c.step > step) || !Object.keys(set).length) { changes.push(c); return; }
    dropped.push({ ...c, set });
    if (Object.keys(keep).length) changes.push({ ...c, set: keep });
  });
  const out = { ...spec, changes };
  if (!changes.length) delete out.changes;
  return { spec: out, dropped };
}
