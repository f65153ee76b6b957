// A pool worker's message loop (web/worker/pool.js starts it): instantiates the module the training
// worker compiled (or loads its own) and runs one lane of the race (lane.js serveLane). Messages, from the training worker only:
//   {type: 'start', race, entries: [{index, spec}], isSurface, columns}   (→ {type: 'failed', race, message} if refused;
//     columns: the race's columns, lane.js raceColumns(): every update's rows are that wide)
//   {type: 'advance', race, round, goal, picture?: {index, bounds, n} | {index, predictions: true}}
//                                        → {type: 'advanced', race, round, updates, picture?, pictureMs, ms}
//     (picture: the heatmap of 2-D data or the test-set predictions of other data; lane.js picture())
//   {type: 'change', race, round, index, set}  → {type: 'changed', race, round, step}
//                                          or {type: 'failed', race, round, message, field}
//   {type: 'stop'}                       → frees the lane's Runs
// `race` and `round` are the training worker's counters, echoed so it can drop stale answers.
// A racer whose step throws is reported in its update (error) and the others go on; a lane whose
// module itself fails answers every racer with the error (pool.js).
import { loadOptlab } from '../../wasm/optlab-web.js';
import { formulasOf, prepareFormulas } from '../../wasm/formula-loader.js';
import { serveLane } from './lane.js';

const post = (msg, transfer = []) => self.postMessage(msg, transfer);
let ready = null;   // the lane's message handler, once the module is loaded

self.onmessage = async ({ data: msg }) => {
  try {
    if (msg.type === 'init') {
      // A load that fails is reported in answer to each message after this one (below).
      ready ??= loadOptlab({ module: msg.module ?? null }).then((lab) => serveLane(lab, post));
      ready.catch(() => {});
      return;
    }
    ready ??= loadOptlab().then((lab) => serveLane(lab, post));
    // Racers walking a formula need math.js in this worker too (fetched on first use,
    // wasm/formula-loader.js); the messages after this one wait with it, in order.
    const withFormula = msg.type === 'start' && Array.isArray(msg.entries) ? msg.entries.find((e) => formulasOf(e?.spec).length) : null;
    if (withFormula) ready = Promise.all([ready, prepareFormulas(withFormula.spec)]).then(([serve]) => serve);
    (await ready)(msg);
  } catch (e) {
    post({ type: 'failed', race: msg.race, round: msg.round, message: `pool worker: ${e?.message ?? e}` });
  }
};
