// Why a run diverged, named from what the run is (the fresh reviewer found the note blaming the
// learning rate in the long-term-dependencies lesson, where a recurrent net with spectral radius
// 1.2 and no clipping diverges at ε = 0.1 by design). The core reports what happened
// ("diverged at step k: <cause>", Run::stop_diverged) and, for a loss or gradient that blew up,
// adds "(learning rate ε may be too large)". The page chooses the likely cause from the racer's
// complete spec at the step it stopped:
//   - a recurrent layer (rnn, lstm) with neither clip_norm nor clip_value: exploding gradients —
//     backpropagation through time multiplies the gradient by the recurrent weight matrix at every
//     time step, so its components along eigenvalues with |λ| > 1 grow like |λ|^T (Goodfellow et
//     al. §8.2.5, eq. 8.11–8.13; Pascanu, Mikolov & Bengio 2013); clipping the gradient's norm
//     bounds the step (§10.11.1);
//   - anything else (a network or a surface): the learning rate, as the core says.
// No DOM; tested under Node (tests/node/web-divergence.test.mjs).
import { optimizerAt } from './changes.js';

// The core's learning-rate clause (core/run/run.cpp Run::stop_diverged).
const LR_HINT = / \(learning rate \S+ may be too large\)$/;

/** The likely cause of racer's divergence at `step` (steps done): 'exploding' (recurrent, no
 *  clipping) or 'lr'. racer: {spec} as lab.expandRace gives it (with its own changes). */
export function divergenceCause(racer, step = Infinity) {
  const spec = racer?.spec;
  const recurrent = (spec?.network?.layers ?? []).some((l) => l?.type === 'rnn' || l?.type === 'lstm');
  if (!recurrent) return 'lr';
  const o = optimizerAt(racer, step);
  const clipped = (typeof o.clip_norm === 'number' && o.clip_norm > 0) || (typeof o.clip_value === 'number' && o.clip_value > 0);
  return clipped ? 'lr' : 'exploding';
}

/** The core's divergence message for this cause: for exploding gradients without the core's
 *  learning-rate clause (the page names the cause itself); otherwise as the core wrote it. */
export function divergenceMessage(message, cause) {
  return cause === 'exploding' ? String(message).replace(LR_HINT, '') : String(message);
}
