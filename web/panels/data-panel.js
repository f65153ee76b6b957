// "Your data": a CSV file (pasted or opened) or points drawn by clicking on the data view become the
// spec's inline dataset ({"name": "inline", "x", "y"}), so the link and both runners carry it
// (docs/datasets.md). A bad file is refused here with a message naming the row and the column
// (web/csv-data.js) and nothing is sent: the running experiment keeps running. The core checks
// the spec again (its message, e.g. the size limit, comes back through the page's error box).
import { t } from '../i18n.js';
import { setField } from '../state.js';
import { byId, el } from '../views/dom.js';
import { parseCsvDataset, csvColumns, guessLabelColumn, checkCsvSize, CsvError } from '../csv-data.js';

const DRAW_CLASSES = 4;

export function mountDataPanel(app, { canvas, bounds }) {
  const text = byId('csv-text'), file = byId('csv-file'), label = byId('csv-label'), kind = byId('csv-kind'), message = byId('data-message');
  const drawButton = byId('draw-toggle'), classBox = byId('draw-classes');
  let drawing = false, drawClass = 0;

  function say(msg, ok = false) {
    message.textContent = msg;
    message.hidden = !msg;
    message.classList.toggle('ok', ok);
    message.dataset.seq = String(Number(message.dataset.seq ?? 0) + 1);
  }

  function fillLabels() {
    const cols = csvColumns(text.value);
    const keep = label.value;
    label.replaceChildren(...cols.map((c) => el('option', { value: c, textContent: c })));
    label.value = cols.includes(keep) ? keep : guessLabelColumn(cols) ?? '';
  }

  // Parses the text box with the chosen label column and sends the dataset; a bad file: the message.
  function useCsv() {
    let d;
    try {
      d = parseCsvDataset(text.value, label.value || undefined, kind.value || 'auto');
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      say(t('csvRejected', e.message));
      return;
    }
    const regression = d.kind === 'regression';
    let note = regression ? t('csvAcceptedRegression', d.x.length, d.features.length, d.label)
      : t('csvAccepted', d.x.length, d.features.length, d.classNames.length, d.label, d.classNames.join(', '));
    const ds = regression ? { name: 'inline', x: d.x, targets: d.targets } : { name: 'inline', x: d.x, y: d.y };
    const ts = app.state.spec?.dataset?.test_fraction;
    if (ts !== undefined) ds.test_fraction = ts;
    // A small file: a minibatch larger than its training split (the core's split: round(test_fraction·N)
    // held out) would be refused, so the batch size becomes the whole training split, and the note says so.
    const nTrain = d.x.length - Math.round((ts ?? 0.2) * d.x.length);
    const batch = app.state.spec?.batch_size;
    // A regression target is fitted with the mean squared error on one output (the core refuses a
    // classification loss for it); classes after a regression go back to the softmax cross-entropy.
    let next = setField(app.state, ['dataset'], ds);
    if (typeof batch === 'number' && batch > nTrain && nTrain >= 1) {
      next = setField(next, ['batch_size'], nTrain);
      note += ` ${t('csvBatchClamped', batch, nTrain)}`;
    }
    say(note, true);
    const loss = next.spec?.network?.loss;
    if (regression && loss !== 'mean_squared_error') next = setField(next, ['network', 'loss'], 'mean_squared_error');
    if (!regression && loss === 'mean_squared_error' && app.state.spec?.dataset?.targets) next = setField(next, ['network', 'loss'], 'softmax_cross_entropy');
    if (regression && next.spec?.network?.output_bias_init === 'class_prior') next = setField(next, ['network', 'output_bias_init'], 'zeros');
    app.edit(next);
  }

  text.addEventListener('input', () => { try { fillLabels(); } catch { /* shown on use */ } });
  byId('csv-use').addEventListener('click', useCsv);
  label.addEventListener('change', useCsv);
  kind.addEventListener('change', useCsv);
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    try {
      checkCsvSize(f.size);   // a 50 MB file is refused before it is read
    } catch (e) {
      say(t('csvRejected', e.message));
      file.value = '';
      return;
    }
    text.value = await f.text();
    file.value = '';
    try { fillLabels(); } catch { /* shown on use */ }
    useCsv();
  });

  // Drawing: the data view's points become inline data (raw coordinates, not standardized, so a
  // point stays where it was drawn); each click adds one of the chosen class and restarts the run.
  function setClass(k) {
    drawClass = k;
    for (const b of classBox.children) b.setAttribute('aria-pressed', String(Number(b.dataset.k) === k));
  }
  classBox.replaceChildren(...Array.from({ length: DRAW_CLASSES }, (_, k) => {
    const b = el('button', { type: 'button', textContent: String(k + 1) });
    b.dataset.k = String(k);
    b.title = t('drawClassHint', k + 1);
    b.addEventListener('click', () => setClass(k));
    return b;
  }));
  setClass(0);
  function setDrawing(on) {
    drawing = on;
    drawButton.setAttribute('aria-pressed', String(on));
    classBox.hidden = !on;
    canvas.classList.toggle('drawing', on);
  }
  setDrawing(false);
  drawButton.addEventListener('click', () => setDrawing(!drawing));
  document.addEventListener('keydown', (e) => {
    if (!drawing || e.target.closest?.('input, textarea, select')) return;
    const k = Number(e.key);
    if (Number.isInteger(k) && k >= 1 && k <= DRAW_CLASSES) setClass(k - 1);
  });

  canvas.addEventListener('click', (e) => {
    if (!drawing) return;
    const spec = app.state.spec;
    const data = app.data;
    const b = bounds();
    if (!spec || !data || data.dim !== 2 || !b) { say(t('drawNeeds2d')); return; }
    const r = canvas.getBoundingClientRect();
    const px = b[0] + ((e.clientX - r.left) / r.width) * (b[1] - b[0]);
    const py = b[2] + (1 - (e.clientY - r.top) / r.height) * (b[3] - b[2]);
    // The current points in raw coordinates (train then test), plus the new one.
    const ds = spec.dataset ?? {};
    let x, y;
    if (ds.name === 'inline' && ds.standardize === false) {
      x = ds.x.slice(); y = ds.y.slice();
    } else {
      x = []; y = [];
      const add = (X, Y) => { for (let i = 0; i < Y.length; ++i) { x.push([X[2 * i], X[2 * i + 1]].map(Number)); y.push(Y[i]); } };
      add(data.trainX, data.trainY);
      add(data.testX, data.testY);
      const raw = data.scale?.length ? (v, j) => v * data.scale[j] + data.mean[j] : (v) => v;
      x = x.map((p) => p.map((v, j) => Number(raw(v, j).toPrecision(6))));
    }
    x.push([Number(px.toPrecision(6)), Number(py.toPrecision(6))]);
    // Labels run 0…k−1 without gaps: a class beyond the present ones is drawn as the next one.
    y.push(Math.min(drawClass, Math.max(-1, ...y) + 1));
    say(t('drawAdded', x.length), true);
    app.edit(setField(app.state, ['dataset'], { name: 'inline', x, y, standardize: false, test_fraction: ds.test_fraction ?? 0.2 }));
  });

  return {
    relabel() {
      for (const b of classBox.children) b.title = t('drawClassHint', Number(b.dataset.k) + 1);
    },
  };
}
