// "Signals through depth": how the initial scale of the weights decides whether activations and
// gradients vanish, explode or saturate in a deep network (book §8.4), and how batch or layer
// normalization (§8.7.1) repairs it. For each initializer the worker builds a deep network
// (default 10 hidden layers of 32 units) on the spiral data and records one probe pass at the
// initial weights with trace.layers (core/run/layer_trace.hpp); the page plots, per layer, the
// standard deviation of the activations, of the gradients dL/dh, and the saturated (tanh, sigmoid)
// or dead (ReLU) fraction, plus the activation histograms of one chosen initializer.
//
// This file: the worker side, computeSignals(lab, request) (no DOM). The page side, the view, is
// web/views/signals.js (mountSignals).
// The same experiment from the command line: any initializer below with
//   {"network": {"layers": [10 × {"units": 32, "activation": "tanh", "init": ..., "norm": ...}]},
//    "steps": 1, "trace": {"layers": [0]}}

import { toPage } from '../protocol.js';

export const SIGNAL_INITS = [
  { label: 'N(0, 1)', init: { name: 'random_normal', stddev: 1 } },
  { label: 'N(0, 0.05²)', init: { name: 'random_normal', stddev: 0.05 } },
  { label: 'U(±1/√m)', init: 'default_uniform' },
  { label: 'Glorot normal', init: 'glorot_normal' },
  { label: 'He normal', init: 'he_normal' },
  { label: 'LeCun normal', init: 'lecun_normal' },
  { label: 'orthogonal', init: 'orthogonal' },
];

export function signalSpec({ activation = 'tanh', norm = 'none', depth = 10, width = 32, seed = 1 }, init) {
  const layer = { units: width, activation, init, norm: norm === 'group_norm' ? { name: 'group_norm', groups: 4 } : norm };
  return {
    seed,
    dataset: { name: 'spiral', classes: 3, samples: 300 },
    network: { layers: Array.from({ length: depth }, () => ({ ...layer })) },
    steps: 1,
    log_every: 1,
    trace: { layers: [0] },
  };
}

// Runs in the worker: one short-lived run per initializer; copies the step-0 statistics out.
export function computeSignals(lab, req) {
  const results = [];
  for (const entry of SIGNAL_INITS) {
    let run = null;
    try {
      run = lab.createRun(signalSpec(req, entry.init));
      const s = run.layerStats();
      results.push({ label: entry.label, init: entry.init, columns: s.columns, stride: s.stride, layers: s.layers, bins: s.bins,
                     data: s.data.slice() });
    } catch (e) {
      results.push({ label: entry.label, init: entry.init, error: e?.message ?? String(e) });
    } finally {
      run?.delete();
    }
  }
  return toPage.signals({ id: req.id, request: { activation: req.activation, norm: req.norm, depth: req.depth }, results });
}

