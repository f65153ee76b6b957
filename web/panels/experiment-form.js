// The experiment form: kind of problem (network on a dataset, or a test surface), the surface and
// its start point, the dataset, the network's layers, and the run's batch size, steps and seed.
// Each control edits one field of the state's spec (state.js); everything it does not show — a
// layer's init or norm, the loss, log_every, … — is carried along untouched.
import { t, lang } from '../i18n.js';
import { names, choosableDatasets, datasetEntry, optionOf, surfaceEntry, specOption, rangeText, inRange } from '../catalog.js';
import { DATASET_LABELS, ACTIVATION_LABELS, SURFACE_LABELS, DATASET_LABELS_JA, SURFACE_LABELS_JA, ACTIVATION_LABELS_JA, labelsIn } from '../registry.js';
import { kindOf, surfaceNames, setField, setDataset, setHiddenLayers, setLayerField, setKind, setSurface, setStart, batchSizeShown } from '../state.js';
import { bindSliderPair, notANumber } from './number-control.js';
import { el, byId } from '../views/dom.js';
import { loadFormula, formulaModule, formulaUnavailable, FormulaError } from '../../wasm/formula-loader.js';
import { localizeCoreMessage } from '../core-messages.js';

const NOISE_SCALE = { min: 0, max: 0.5, log: false };

function fill(select, values, labels, suffix = () => '') {
  select.replaceChildren(...values.map((v) => el('option', { value: v, textContent: (labels[v] ?? v) + suffix(v) })));
}

export function mountExperimentForm(app) {
  const $ = byId;
  const num = (id) => { const text = $(id).value.trim(); return text === '' ? NaN : Number(text); };

  // Integer spec fields, checked against the catalog before they are sent (the message names the field).
  function specInteger(id, key) {
    const v = num(id);
    const option = specOption(app.catalog, key);
    if (option && !inRange(option, v)) return { error: { field: key, message: `${key}: must be ${rangeText(option)} (got ${$(id).value.trim() || 'nothing'})` } };
    return setField(app.state, [key], v);
  }
  const on = (id, edit) => $(id).addEventListener('change', () => app.edit(edit()));
  on('kind', () => setKind(app.state, app.catalog, $('kind').value));
  on('surface', () => setSurface(app.state, app.catalog, $('surface').value));
  // An emptied start coordinate is not 0: the field goes back to the running value.
  for (const id of ['x0', 'y0']) {
    on(id, () => (Number.isFinite(num('x0')) && Number.isFinite(num('y0')) ? setStart(app.state, num('x0'), num('y0'))
      : notANumber(`problem.x0[${id === 'x0' ? 0 : 1}]`, app.state.spec.problem?.x0?.[id === 'x0' ? 0 : 1] ?? '')));
  }
  // A typed formula is parsed here first (math.js, wasm/formula.js), so a typo is named with its
  // place and the text stays in the box to correct; the running experiment goes on meanwhile.
  // math.js is fetched the first time a formula is needed (wasm/formula-loader.js): the page stays
  // usable while it comes, the last formula typed is the one applied, and a load that fails is
  // named in the status line with the typed text kept in the box.
  let shownFormula = null, typed = 0;
  const box = () => $('surface-formula');
  const markFormula = (bad) => {
    box().classList.toggle('invalid', bad);
    if (bad) box().setAttribute('aria-invalid', 'true'); else box().removeAttribute('aria-invalid');
  };
  box().title = t('formulaHelp');
  box().addEventListener('change', async () => {
    const f = box().value, mine = ++typed;
    let formula;
    try {
      formula = await loadFormula();
    } catch (e) {
      if (mine !== typed) return;
      markFormula(true);
      return app.edit({ error: { field: 'problem.f', message: formulaUnavailable('problem', e) } });
    }
    // A later formula, or another surface picked meanwhile, wins.
    if (mine !== typed || app.state.spec?.problem?.name !== 'formula') return;
    try {
      formula.compileFormula(f);
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      markFormula(true);
      return app.edit({ error: { field: 'problem.f', message: `problem.f: ${e.message}` } });
    }
    markFormula(false);
    app.edit(setField(app.state, ['problem', 'f'], f));
  });
  box().addEventListener('input', () => markFormula(false));
  // The gradient as math.js writes it, under the box (once math.js is there).
  function showDerivatives(f) {
    const out = $('surface-formula-derivatives');
    const write = (formula) => {
      if (f !== shownFormula) return;   // another formula is shown by now
      let text = '';
      try {
        const d = formula.compileFormula(f).text;
        text = t('formulaGradient', d.gradient[0], d.gradient[1]);
      } catch { /* the status line names the problem */ }
      out.textContent = text;
    };
    if (formulaModule()) return write(formulaModule());
    out.textContent = t('formulaLoading');
    loadFormula().then(write, (e) => {
      if (f === shownFormula) out.textContent = localizeCoreMessage(formulaUnavailable('problem', e), 'problem.f', lang());
    });
  }
  function showFormula(f) {
    // The spec's formula replaces the box's text unless the box holds a rejected draft of the same one.
    if (f !== shownFormula || !box().classList.contains('invalid')) {
      box().value = typeof f === 'string' ? f : '';
      markFormula(false);
    }
    shownFormula = f;
    showDerivatives(f);
  }
  on('dataset', () => setDataset(app.state, app.catalog, $('dataset').value));
  on('classes', () => setField(app.state, ['dataset', 'classes'], num('classes')));
  const noise = bindSliderPair($('noise'), $('noise-num'), NOISE_SCALE, (v) => app.edit(setField(app.state, ['dataset', 'noise'], v)),
    (kept) => app.edit(notANumber('dataset.noise', kept)));
  on('layers', () => setHiddenLayers(app.state, app.catalog, num('layers')));
  on('units', () => setLayerField(app.state, app.catalog, 'units', num('units')));
  on('activation', () => setLayerField(app.state, app.catalog, 'activation', $('activation').value));
  // batch_size may be "full" in the spec; an empty box leaves the spec's value.
  // A batch size changed while a run is under way applies from the current step (page.js).
  $('batch').addEventListener('change', () => app.editBatchSize($('batch').value.trim() === '' ? notANumber('batch_size', app.state.spec.batch_size) : specInteger('batch', 'batch_size')));
  on('steps', () => specInteger('steps', 'steps'));
  on('seed', () => specInteger('seed', 'seed'));

  return {
    /** The catalog arrived: the lists of names. */
    fillLists() {
      const cat = app.catalog;
      // inline data comes from the data panel (CSV, drawing); the list shows it only while it runs
      fill($('dataset'), choosableDatasets(cat), labelsIn(lang(), DATASET_LABELS, DATASET_LABELS_JA));
      fill($('activation'), names(cat, 'activations'), labelsIn(lang(), ACTIVATION_LABELS, ACTIVATION_LABELS_JA));
      // A surface of more than two variables has no contour map; its curves still race.
      fill($('surface'), surfaceNames(cat), labelsIn(lang(), SURFACE_LABELS, SURFACE_LABELS_JA), (n) => (surfaceEntry(cat, n)?.dim > 2 ? t('noContour', surfaceEntry(cat, n).dim) : ''));
      const noiseOption = optionOf(datasetEntry(cat, names(cat, 'datasets')[0]), 'noise');
      if (noiseOption?.max < NOISE_SCALE.max) NOISE_SCALE.max = noiseOption.max;
    },
    /** Shows the state's spec. */
    sync() {
      const s = app.state.spec;
      const surface = kindOf(s) === 'surface';
      $('kind').value = surface ? 'surface' : 'network';
      if (surface) {
        const pr = s.problem ?? {};
        if (![...$('surface').options].some((x) => x.value === pr.name)) $('surface').append(el('option', { value: pr.name, textContent: String(pr.name) }));
        $('surface').value = pr.name;
        const formula = pr.name === 'formula';
        for (const row of document.querySelectorAll('.formula-only')) row.hidden = !formula;
        if (formula) showFormula(pr.f);
        const x0 = Array.isArray(pr.x0) ? pr.x0 : [];
        $('x0').value = x0[0] ?? '';
        $('y0').value = x0[1] ?? '';
      } else {
        const ds = s.dataset ?? {};
        if (![...$('dataset').options].some((x) => x.value === ds.name)) $('dataset').append(el('option', { value: ds.name, textContent: DATASET_LABELS[ds.name] ?? String(ds.name) }));
        $('dataset').value = ds.name;
        const classes = optionOf(datasetEntry(app.catalog, ds.name), 'classes');
        $('classes').value = ds.classes ?? classes?.default ?? '';
        $('classes').disabled = !classes || classes.min === classes.max;   // XOR: 2 classes only
        noise.show(ds.noise ?? 0);
        const layers = s.network?.layers ?? [];
        $('layers').value = layers.length;
        $('units').value = layers[0]?.units ?? '';
        $('activation').value = layers[0]?.activation ?? 'tanh';
        // No hidden layer: nothing has units or an activation (a linear model); the fields say so.
        $('units').disabled = layers.length === 0;
        $('activation').disabled = layers.length === 0;
        // The batch size in use at the run's step (a recorded change applies from its step on).
        const m = batchSizeShown(app.state);
        $('batch').value = typeof m === 'number' ? m : '';
        // "full" (the whole training set each step) is not a number: the empty box says it.
        $('batch').placeholder = m === 'full' ? t('fullBatch') : '';
      }
      $('steps').value = s.steps;
      $('seed').value = s.seed;
    },
  };
}
