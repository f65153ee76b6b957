// Which control of the page shows a spec field, so that an error naming the field (the core's
// path: "optimizer.lr", "racers[1].optimizer.betas[0]", "batch_size", "network.layers[2].units") is
// marked at the control as well as told in the error box. No DOM of its own: byId is passed in, so
// the mapping is tested under Node.

// Fields of the experiment form (web/index.html ids); a layer's field is the form's one control
// for every hidden layer.
const FORM = {
  seed: 'seed', steps: 'steps', batch_size: 'batch',
  'dataset.name': 'dataset', 'dataset.classes': 'classes', 'dataset.noise': 'noise-num',
  'network.layers': 'layers', 'network.layers.units': 'units', 'network.layers.activation': 'activation',
  'problem.name': 'surface', 'problem.f': 'surface-formula', 'problem.x0': 'x0', 'problem.x0[0]': 'x0', 'problem.x0[1]': 'y0',
};

/** The ids of the controls that may show `field`, best first (the racer panel's number field before
 *  its slider): racer i's optimizer option k is #opt-k (racer 1) or #opt<i+1>-k, an indexed option
 *  (betas[1]) #opt-betas-1; other fields of the base spec as the form shows them. [] when no control
 *  shows it (a racer's own batch size or network, a field no control edits). */
export function controlIds(field) {
  if (typeof field !== 'string' || !field) return [];
  const m = /^(?:racers\[(\d+)\]\.)?optimizer(?:\.([a-z_0-9]+)(?:\[(\d+)\])?)?/.exec(field);
  if (m) {
    const i = m[1] === undefined ? 0 : Number(m[1]);
    const prefix = i === 0 ? 'opt' : `opt${i + 1}`;
    if (!m[2] || m[2] === 'name') return [i === 0 ? 'optimizer' : `optimizer${i + 1}`];
    const id = `${prefix}-${m[2]}${m[3] === undefined ? '' : `-${m[3]}`}`;
    return [`${id}-num`, id];
  }
  // A racer's own batch size, network, … : the form shows the base spec's, not the racer's.
  if (field.startsWith('racers[')) return [];
  const layerFree = field.replace(/^network\.layers\[\d+\]/, 'network.layers');
  for (const key of [field, layerFree, layerFree.replace(/\[\d+\]$/, '')]) {
    if (FORM[key]) return [FORM[key]];
  }
  return [];
}

/** The first of controlIds(field) that the page has (byId: id → element or null), or null. */
export function controlFor(field, byId) {
  for (const id of controlIds(field)) {
    const e = byId(id);
    if (e) return e;
  }
  return null;
}
