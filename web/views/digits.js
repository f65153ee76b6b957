// The view of a classifier on data that is not 2-D (digits, an inline dataset of d ≠ 2 features),
// in place of the decision heatmap: sample test examples, the test set's confusion matrix and the
// misclassified test examples, from the race's data and the frames' test-set predictions (the
// worker's run.predictTest(): one predicted class per test example, in testY's order).
// Examples whose width is a square (64 = 8 × 8) are drawn as images, in raw pixel values
// (input · scale + mean undoes the standardization); others are listed as feature values.
// Regression data (inline targets, the adding problem: classes 0) has no classes: the examples are
// shown with their target y and the network's prediction ŷ (raw units when the targets were
// standardized), the prediction updated as the run goes.
// Sequence data (recall: L steps of one-hot symbols) is shown as the task reads it: each sequence a
// small table of its steps' symbols, the marked step highlighted, with its label (sequence-data.js).
import { el, setText } from './dom.js';
import { t } from '../i18n.js';
import { statText } from '../format.js';
import { sequenceShape, sequenceSteps } from './sequence-data.js';

const SAMPLES = 20;
// el() with data-* attributes (an element's dataset cannot be assigned whole).
const tagged = (tag, data, props = {}, ...children) => { const e = el(tag, props, ...children); Object.assign(e.dataset, data); return e; };
const MISSED = 24;
const SEQUENCES = 8;   // sequences shown (samples and misclassified): each is a table, wider than a digit
const PIXEL = 4;   // screen pixels per image pixel

/** counts[true·k + predicted] of the test set: sums to labels.length. */
export function confusionMatrix(labels, predicted, k) {
  const m = new Array(k * k).fill(0);
  for (let i = 0; i < labels.length; ++i) m[labels[i] * k + predicted[i]] += 1;
  return m;
}

export function mountDigitsView({ root, scheduler }) {
  const samples = el('div', { className: 'digit-strip', id: 'digit-samples' });
  const table = el('table', { className: 'confusion', id: 'confusion' });
  const missed = el('div', { className: 'digit-strip', id: 'digit-missed' });
  const missedCount = el('span', { id: 'missed-count' });
  const classParts = el('div', { className: 'class-parts' },
    tagged('h3', { i18n: 'confusionTitle' }, { className: 'digits-h' }), table,
    el('h3', { className: 'digits-h' }, tagged('span', { i18n: 'misclassified' }), ' ', missedCount), missed);
  const samplesTitle = el('h3', { className: 'digits-h' });
  const seqNote = el('p', { className: 'source', id: 'sequence-note', hidden: true });
  root.replaceChildren(samplesTitle, seqNote, samples, classParts);
  for (const h of root.querySelectorAll('[data-i18n]')) h.textContent = t(h.dataset.i18n);
  let data = null, predicted = null, shape = null;   // shape: {length, features} of sequence data
  function relabelTitles() {
    samplesTitle.textContent = t(data?.classes === 0 ? 'regSamples' : shape ? 'seqSamples' : 'digitSamples');
    seqNote.textContent = shape ? t(shape.name === 'recall' ? 'seqNote' : 'seqNoteValues', shape.length, shape.length) : '';
    seqNote.hidden = !shape;
  }
  relabelTitles();

  const side = (dim) => { const s = Math.round(Math.sqrt(dim)); return s * s === dim && s >= 3 ? s : 0; };
  const raw = (X, i, j) => (data.scale.length ? X[i * data.dim + j] * data.scale[j] + data.mean[j] : X[i * data.dim + j]);

  // A sequence: its steps' symbols (or values) in a two-row table, t above; the marked step highlighted.
  function sequence(i) {
    const row = Array.from({ length: data.dim }, (_, j) => raw(data.testX, i, j));
    const { steps, gap } = sequenceSteps(row, shape, data.classes);
    const cells = (key) => steps.flatMap((s, k) => {
      const td = el('td', { textContent: key === 't' ? String(s.t) : s.text, className: s.marked ? 'marked' : '' });
      return gap && k === steps.length - 1 ? [el('td', { textContent: '…' }), td] : [td];
    });
    return el('table', { className: 'sequence' }, el('tr', {}, el('th', { textContent: 't' }), ...cells('t')),
      el('tr', {}, el('th', { textContent: 'xₜ' }), ...cells('x')));
  }

  // One example: an image (grey levels scaled to the data's range) or its first feature values.
  function example(i, caption, wrong) {
    const s = shape ? 0 : side(data.dim);
    let body;
    if (shape) body = sequence(i);
    else if (s) {
      const c = el('canvas', { width: s, height: s, className: 'digit' });
      c.style.width = c.style.height = `${s * PIXEL}px`;
      const ctx = c.getContext('2d');
      const img = ctx.createImageData(s, s);
      for (let j = 0; j < data.dim; ++j) {
        const v = Math.max(0, Math.min(1, (raw(data.testX, i, j) - lo) / (hi - lo || 1)));
        const g = Math.round(255 * (1 - v));
        img.data.set([g, g, g, 255], j * 4);
      }
      ctx.putImageData(img, 0, 0);
      body = c;
    } else {
      const values = Array.from({ length: Math.min(data.dim, 6) }, (_, j) => Number(raw(data.testX, i, j).toPrecision(3)));
      body = el('code', { textContent: values.join(', ') + (data.dim > 6 ? ', …' : '') });
    }
    return tagged('figure', { index: String(i) }, { className: `example${wrong ? ' wrong' : ''}` }, body, el('figcaption', { textContent: caption }));
  }
  let lo = 0, hi = 1;

  function drawSamples() {
    const n = Math.min(shape ? SEQUENCES : SAMPLES, data.testY.length);
    samples.replaceChildren(...Array.from({ length: n }, (_, i) => example(i, data.classes > 0 ? String(data.testY[i]) : regressionText(i), false)));
  }

  // Regression: "y 0.52 → ŷ 0.47" — test example i's target and (once a frame brought them) the
  // network's outputs, per output column, in raw units (value · targetScale + targetMean).
  function regressionText(i) {
    const k = data.testY.length ? Math.round(data.testT.length / data.testY.length) : 0;
    const unit = (v, j) => (data.targetScale?.length ? v * data.targetScale[j] + data.targetMean[j] : v);
    const values = (arr) => Array.from({ length: k }, (_, j) => statText(unit(arr[i * k + j], j), 4)).join(', ');
    if (!k) return '';
    return `y ${values(data.testT)}` + (predicted?.length === data.testT.length ? ` → ŷ ${values(predicted)}` : '');
  }
  // Only the captions change while a run plays (the examples are drawn once per race).
  function drawRegression() {
    for (const f of samples.children) setText(f.lastChild, regressionText(Number(f.dataset.index)));
  }

  // The confusion table's cells, made once per class count and language and then only updated:
  // while a run plays the predictions come a few times a second, and rebuilding k² + 2k cells
  // and the misclassified images each time kept the page's main thread busy (layout), which on a
  // 2-core machine takes CPU from the racers' pool workers (docs/benchmarks.md).
  let cells = null;   // {k, lang, td: [k·k]}
  function confusionCells(k) {
    const lang = t('trueVsPredicted');
    if (cells?.k === k && cells.lang === lang) return cells.td;
    const td = Array.from({ length: k * k }, () => el('td'));
    const head = el('tr', {}, el('th', { textContent: lang }), ...Array.from({ length: k }, (_, p) => el('th', { textContent: String(p) })));
    const rows = Array.from({ length: k }, (_, c) => el('tr', {}, el('th', { textContent: String(c) }), ...td.slice(c * k, c * k + k)));
    table.replaceChildren(head, ...rows);
    cells = { k, lang, td };
    return td;
  }
  const missedFigures = new Map();   // test index → its figure in the misclassified list
  let missedShown = [];               // the test indices shown there, in order

  function draw() {
    if (data?.classes === 0) { drawRegression(); return; }
    if (!data || !predicted || predicted.length !== data.testY.length) return;
    const k = data.classes;
    const m = confusionMatrix(data.testY, predicted, k);
    const total = m.reduce((a, b) => a + b, 0);
    const max = Math.max(1, ...m);
    const td = confusionCells(k);
    for (let c = 0; c < k; ++c) {
      for (let p = 0; p < k; ++p) {
        const v = m[c * k + p], a = v / max, cell = td[c * k + p];
        setText(cell, String(v));
        const bg = c === p ? `rgba(46,160,67,${(0.1 + 0.6 * a).toFixed(3)})` : v ? `rgba(209,83,31,${(0.15 + 0.6 * a).toFixed(3)})` : '';
        if (cell.dataset.bg !== bg) { cell.dataset.bg = bg; cell.style.background = bg; }
      }
    }
    table.dataset.total = String(total);
    table.dataset.correct = String(Array.from({ length: k }, (_, c) => m[c * k + c]).reduce((a, b) => a + b, 0));
    // The examples shown stay while they are still misclassified, in their places, and the
    // first others misclassified (in test-set order) fill the free places: while a run plays the
    // list changes only where the network's answers do, instead of reshuffling a few times a second.
    const cap = shape ? SEQUENCES : MISSED;
    const isWrong = (i) => predicted[i] !== data.testY[i];
    const wrong = missedShown.filter(isWrong);
    for (let i = 0; i < predicted.length && wrong.length < cap; ++i) if (isWrong(i) && !wrong.includes(i)) wrong.push(i);
    missedShown = wrong;
    const nWrong = predicted.reduce((n, p, i) => n + (p !== data.testY[i] ? 1 : 0), 0);
    setText(missedCount, `(${nWrong} / ${total})`);
    missed.dataset.count = String(nWrong);
    // Each example's figure is made once (its image drawn once) and kept while the race lasts;
    // only the list's order and the captions change.
    const wanted = new Set(wrong.map((i) => missedFigures.get(i)));
    for (const f of [...missed.children]) if (!wanted.has(f)) f.remove();
    wrong.forEach((i, j) => {
      let f = missedFigures.get(i);
      if (!f) { f = example(i, '', true); missedFigures.set(i, f); }
      setText(f.lastChild, `${data.testY[i]}→${predicted[i]}`);
      if (missed.children[j] !== f) missed.insertBefore(f, missed.children[j] ?? null);
    });
    if (missedFigures.size > 4 * MISSED) for (const i of missedFigures.keys()) if (!wrong.includes(i)) missedFigures.delete(i);
  }
  const task = scheduler.add(draw, { interval: 250 });

  return {
    /** A new race's data (null for surfaces) and the spec's dataset object (sequence data is
     *  shown as sequences); the view is for data whose width is not 2. */
    setData(d, dataset = null) {
      data = d && (d.dim !== 2 || d.classes === 0) ? d : null;
      shape = data ? sequenceShape(dataset, data.dim) : null;
      relabelTitles();
      predicted = null;
      cells = null;
      missedFigures.clear();
      missedShown = [];
      table.replaceChildren();
      missed.replaceChildren();
      setText(missedCount, '');
      delete table.dataset.total;
      classParts.hidden = !!data && !(data.classes > 0);
      if (!data) { samples.replaceChildren(); return; }
      lo = Infinity; hi = -Infinity;
      for (let i = 0; i < data.testY.length; ++i) for (let j = 0; j < data.dim; ++j) { const v = raw(data.testX, i, j); lo = Math.min(lo, v); hi = Math.max(hi, v); }
      drawSamples();
    },
    /** A frame's predictions of the test set (empty: not recomputed, keep the last). */
    setPredictions(p, now) {
      if (!data || !p?.length) return;
      predicted = p;
      if (now) draw(); else task.dirty();
    },
    relabel() {
      for (const h of root.querySelectorAll('[data-i18n]')) h.textContent = t(h.dataset.i18n);
      relabelTitles();
      if (data) drawSamples();
      task.dirty();
    },
  };
}
