// The weight-space symmetry view (book §8.2.2; docs/staged-training.md "Weight-space symmetry"),
// shown for a race whose racers trace it ("trace": {"symmetry": true}). When a racer's run has
// finished, the worker's lane sends the core's readout once (the summary line's "symmetry",
// core/run/symmetry_readout.cpp) and this view tabulates, per racer:
//   J(θ)        the training loss of the trained parameters θ
//   J(Pθ)       the training loss after a random permutation P of every hidden layer's units (signs
//               flipped where the activation is odd): the same function, so the same loss
//   ‖Pθ − θ‖    how far that copy lies in weight space
//   ‖c(Pθ) − c(θ)‖  after the canonical form c (units sorted, signs fixed): 0, the copies are one point
// and, between every two racers (other seeds of the same network and data), the distance of their
// θ before and after the canonical form: solutions of equal loss that stay apart after c are
// different minima, not permuted copies of one. Numbers only come from the core; the distances
// between racers are Euclidean norms of the readouts' parameter vectors (float32 values, summed in
// double). No worker messages of its own; no wasm.
import { el, setText } from './dom.js';
import { addTexts, t } from '../i18n.js';

addTexts({
  en: {
    symTitle: 'Weight-space symmetry (§8.2.2)',
    symCaption: 'Per racer, after its last step: J(θ) the training loss; J(Pθ) the training loss after a random permutation P of the hidden units (signs flipped where the activation is odd); ‖Pθ − θ‖ how far that copy lies in weight space; ‖c(Pθ) − c(θ)‖ the same distance after the canonical form c (each unit\'s sign makes its bias positive, units sorted by the norm of their incoming weights). Below: every two racers\' distance before and after c.',
    symWaiting: 'The readout comes when a racer\'s run has finished.',
    symRacer: 'racer', symPair: 'racers', symRaw: '‖θa − θb‖', symCanonical: '‖c(θa) − c(θb)‖',
    symSummary: 'Largest |J(Pθ) − J(θ)|: {0}. Between racers: losses {1} … {2}; mean distance {3} before and {4} after the canonical form (ratio {5}).',
  },
  ja: {
    symTitle: '重み空間の対称性 (§8.2.2)',
    symCaption: '各競争者の最後のステップの後: J(θ) は訓練損失、J(Pθ) は隠れユニットをランダムな置換 P で並べ替えた（活性化が奇関数なら符号も反転した）後の訓練損失、‖Pθ − θ‖ はその複製が重み空間でどれだけ離れているか、‖c(Pθ) − c(θ)‖ は正準形 c（各ユニットの符号をバイアスが正になるように決め、入力重みのノルムの順に並べる）の後の同じ距離。下: 競争者どうしの c の前と後の距離。',
    symWaiting: '競争者の実行が終わると測定値が表示されます。',
    symRacer: '競争者', symPair: '競争者の組', symRaw: '‖θa − θb‖', symCanonical: '‖c(θa) − c(θb)‖',
    symSummary: '|J(Pθ) − J(θ)| の最大: {0}。競争者の間: 損失 {1} … {2}、平均距離は正準形の前 {3}、後 {4}（比 {5}）。',
  },
});

const norm2 = (a, b) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
};

/** Distances between every two readouts (racers i < j, both present and of one size):
 *  [{a, b, raw: ‖θa − θb‖, canonical: ‖c(θa) − c(θb)‖}]. readouts[i]: the core's symmetry object or null. */
export function symmetryPairs(readouts) {
  const out = [];
  for (let a = 0; a < readouts.length; a++) {
    for (let b = a + 1; b < readouts.length; b++) {
      const x = readouts[a], y = readouts[b];
      if (!x || !y || x.params.length !== y.params.length) continue;
      out.push({ a, b, raw: norm2(x.params, y.params), canonical: norm2(x.canonical_params, y.canonical_params) });
    }
  }
  return out;
}

/** The summary numbers: largest loss change under P, the racers' loss range, mean pair distances. */
export function symmetrySummary(readouts) {
  const got = readouts.filter(Boolean);
  const pairs = symmetryPairs(readouts);
  const mean = (k) => (pairs.length ? pairs.reduce((s, p) => s + p[k], 0) / pairs.length : NaN);
  const losses = got.map((r) => r.loss);
  return {
    maxLossChange: got.length ? Math.max(...got.map((r) => Math.abs(r.permuted_loss - r.loss))) : NaN,
    lossMin: losses.length ? Math.min(...losses) : NaN, lossMax: losses.length ? Math.max(...losses) : NaN,
    meanRaw: mean('raw'), meanCanonical: mean('canonical'), pairs,
  };
}

const fmt = (v, digits = 4) => (Number.isFinite(v) ? Number(v).toPrecision(digits) : '–');
const fmtSmall = (v) => (Number.isFinite(v) ? (v === 0 ? '0' : Number(v).toExponential(1)) : '–');

/** figure: an empty <figure data-view="symmetry">; racerName(i): the legend's name of racer i. */
export function mountSymmetryView({ figure, racerName }) {
  let on = false, readouts = [];
  const title = el('h3', { className: 'view-title' });
  const table = el('table', { className: 'symmetry' });
  const pairs = el('table', { className: 'symmetry' });
  const summary = el('p', { className: 'view-summary' });
  const caption = el('figcaption');
  figure.append(title, table, pairs, summary, caption);
  figure.hidden = true;

  function cells(tag, values) { return el('tr', {}, ...values.map((v) => el(tag, { textContent: v }))); }

  function render() {
    figure.hidden = !on;
    if (!on) return;
    setText(title, t('symTitle'));
    setText(caption, t('symCaption'));
    const got = readouts.filter(Boolean);
    figure.dataset.state = got.length && got.length === readouts.length ? 'data' : 'waiting';
    table.replaceChildren(cells('th', [t('symRacer'), 'J(θ)', 'J(Pθ)', '‖Pθ − θ‖', '‖c(Pθ) − c(θ)‖']),
      ...readouts.map((r, i) => cells('td', [racerName(i), ...(r
        ? [fmt(r.loss, 6), fmt(r.permuted_loss, 6), fmt(r.permuted_distance), fmtSmall(r.permuted_canonical_distance)]
        : ['…', '', '', ''])])));
    const s = symmetrySummary(readouts);
    pairs.hidden = s.pairs.length === 0;
    pairs.replaceChildren(cells('th', [t('symPair'), t('symRaw'), t('symCanonical')]),
      ...s.pairs.map((p) => cells('td', [`${p.a + 1} – ${p.b + 1}`, fmt(p.raw), fmt(p.canonical)])));
    setText(summary, got.length
      ? t('symSummary', fmtSmall(s.maxLossChange), fmt(s.lossMin), fmt(s.lossMax), fmt(s.meanRaw), fmt(s.meanCanonical), fmt(s.meanCanonical / s.meanRaw, 3))
      : t('symWaiting'));
  }

  return {
    /** A new race: racers = [{index, label, spec}] (protocol.js race); shown when any traces symmetry. */
    setRace(racers) {
      const specOf = (r) => (typeof r.spec === 'string' ? JSON.parse(r.spec) : r.spec);
      on = racers.some((r) => !!specOf(r)?.trace?.symmetry);
      readouts = racers.map(() => null);
      render();
    },
    /** A frame's updates: an update carries `symmetry` once, when its racer's run has finished. */
    update(updates) {
      let changed = false;
      (updates ?? []).forEach((u, i) => { if (u.symmetry && i < readouts.length) { readouts[i] = u.symmetry; changed = true; } });
      if (changed) render();
    },
    relabel: render,
  };
}
