// The racer panel: "Compare by" (a race of one field's standard choices, state.js compareBy), and one
// block per racer — its colour and name, what it sets differently from the base, its method, the
// method's hyperparameter sliders (each with an exact number field), its update rule typeset, and
// the folded schedule & regularization group — plus "Add an optimizer". Each control edits one field
// of that racer's optimizer (its patch in spec.racers, or the spec's own optimizer without racers;
// while a run is under way, page.js applies it without reset where the core allows); the blocks are
// redrawn from the state after the worker accepts. Racer 1 keeps the ids of the single-optimizer
// page (#optimizer, #opt-lr, #formula); racer i: #optimizer{i}, #opt{i}-lr.
import { t, paramTitle } from '../i18n.js';
import { names, optionDefault } from '../catalog.js';
import { OPTIMIZER_LOOK, optimizerLabel, optimizerSource, CHOICE_LOOK } from '../registry.js';
import { sliderParams, commonFields, paramValue } from '../racer-options.js';
import { optimizersOf, setMethod, addRacer, removeRacer, compareBy, comparedField, COMPARE_FIELDS, kindOf, MAX_RACERS } from '../state.js';
import { racerDiff } from '../racer-label.js';
import { changesOf, changeLabel } from '../changes.js';
import { paramText } from '../format.js';
import { sliderRow, notANumber } from './number-control.js';
import { renderTex, stackedTex } from '../views/tex.js';
import { el, byId } from '../views/dom.js';

const idFor = (i, base) => (i === 0 ? base : `${base}${i + 1}`);
const prefix = (i) => (i === 0 ? 'opt' : `opt${i + 1}`);

function symbolLabel(tex, words) {
  const sym = el('span', { className: 'sym' });
  renderTex(sym, tex, false);
  return [sym, ` ${words}`];
}

export function mountRacerPanel(app) {
  const list = byId('racers');
  let blocks = [];   // per racer: {box, select, paramBox, formula, source, common, method, sliders}

  function buildBlock(i) {
    const colour = app.colourOf(i);
    const select = el('select', { id: idFor(i, 'optimizer') });
    for (const name of names(app.catalog, 'optimizers')) select.append(el('option', { value: name, textContent: optimizerLabel(name) }));
    select.addEventListener('change', () => app.edit(setMethod(app.state, app.catalog, i, select.value)));
    const swatch = el('span', { className: 'swatch', title: colour });
    swatch.style.background = colour;
    const name = el('span', { className: 'racer-label', textContent: app.racerName(i) });
    const label = el('label', { htmlFor: select.id }, swatch, name);
    const tools = el('div', { className: 'racer-tools' });
    const heat = el('button', { type: 'button', className: 'small heat-btn network-only', textContent: '◐', title: t('showHeatmap') });
    heat.setAttribute('aria-label', `${t('showHeatmap')} (${t('racer')} ${i + 1})`);
    heat.addEventListener('click', () => app.showPredictionsOf(i));
    tools.append(heat);
    {
      const rm = el('button', { type: 'button', className: 'small', textContent: '×', title: t('removeRacer') });
      rm.setAttribute('aria-label', t('removeRacerLabel', i + 1));
      rm.addEventListener('click', () => app.edit(removeRacer(app.state, i)));
      tools.append(rm);
      rm.classList.add('remove-racer');
    }
    const head = el('div', { className: 'row racer-head' }, label, select, tools);
    const diff = el('div', { className: 'racer-diff' });
    const changes = el('div', { className: 'racer-diff racer-changes' });
    const stopped = el('div', { className: 'racer-diff racer-stopped', hidden: true });
    const paramBox = el('div', { id: `${prefix(i)}-params` });
    const formula = el('div', { id: idFor(i, 'formula'), className: 'formula', role: 'math' });
    const source = el('div', { className: 'source formula-source' });
    const details = el('details', { className: 'common-options', id: idFor(i, 'common-options') }, el('summary', { textContent: t('commonOptions') }));
    const commonBox = el('div');
    const scheduleFormula = el('div', { id: idFor(i, 'schedule-formula'), className: 'schedule-formula', role: 'math' });
    details.append(commonBox, scheduleFormula);
    const box = el('div', { className: 'racer' }, head, diff, stopped, changes, paramBox, formula, source, details);
    box.style.setProperty('--racer', colour);
    box.dataset.index = String(i);
    return { box, swatch, name, diff, changes, stopped, changesKey: null, colour, select, paramBox, formula, source, details, commonBox, scheduleFormula, method: null, sliders: [], commonKey: null, commonInputs: {}, tex: null };
  }

  // The method's sliders, rebuilt when the method changes.
  function buildSliders(b, i, method) {
    b.paramBox.replaceChildren();
    b.sliders = sliderParams(app.catalog, method).map((p) => {
      const words = paramTitle(p.look.title);
      const r = sliderRow({
        id: `${prefix(i)}-${p.id}`, label: symbolLabel(p.look.label, words), words, scale: p.look.scale,
        onCommit: (v) => app.editOptimizer(i, p.key, v, p.index),
        onReject: (kept) => app.edit(notANumber(`${app.state.spec.racers ? `racers[${i}].optimizer` : 'optimizer'}.${p.key}${p.index === undefined ? '' : `[${p.index}]`}`, kept)),
      });
      b.paramBox.append(r.row);
      return { p, show: r.show };
    });
    const look = OPTIMIZER_LOOK[method];
    if (look) { renderTex(b.formula, stackedTex(look.tex), true); b.source.textContent = `${optimizerLabel(method)} — ${optimizerSource(method)}`; }
    else { b.formula.textContent = ''; b.source.textContent = ''; }
  }

  // The shared fields this method reads, rebuilt when the set of them changes.
  function buildCommon(b, i, fields) {
    b.commonBox.replaceChildren();
    b.commonInputs = {};
    for (const { look, option } of fields) {
      const id = `${prefix(i)}-${look.key}`;
      const words = paramTitle(look.title);
      const label = el('label', { htmlFor: id, title: words }, ...symbolLabel(look.label, words));
      let input;
      if (look.kind === 'choice') {
        input = el('select', { id });
        for (const name of option.choices ?? []) input.append(el('option', { value: name, textContent: paramTitle(CHOICE_LOOK[look.from]?.[name]?.label ?? name) }));
        input.addEventListener('change', () => app.editOptimizer(i, look.key, input.value === option.default ? undefined : input.value));
      } else {
        input = el('input', { id, type: 'number', step: option.type === 'integer' ? '1' : 'any', className: 'num' });
        const d = optionDefault(option);
        input.placeholder = typeof d === 'number' ? paramText(d) : '';
        if (typeof option.min === 'number') input.min = String(option.min);
        if (typeof option.max === 'number') input.max = String(option.max);
        input.addEventListener('change', () => {
          const text = input.value.trim();
          app.editOptimizer(i, look.key, text === '' ? undefined : Number(text));
        });
      }
      const row = el('div', { className: 'row' }, label, input);
      b.commonBox.append(row);
      b.commonInputs[look.key] = { input, row, look, option };
    }
  }

  function syncBlock(b, i, o) {
    // The racer's colour and name (colours stay with racers: removing one recolours no other).
    const colour = app.colourOf(i);
    if (colour !== b.colour) { b.colour = colour; b.swatch.style.background = colour; b.swatch.title = colour; b.box.style.setProperty('--racer', colour); }
    b.name.textContent = app.racerName(i);
    const diff = racerDiff(app.state.spec?.racers?.[i], app.state.racers[i], app.state.spec, comparedField(app.state.spec, app.catalog));
    b.diff.textContent = diff ? t('differs', diff) : '';
    b.diff.hidden = !diff;
    syncChanges(b, i);
    b.box.querySelector('.remove-racer').hidden = opts().length < 2;
    if (o.name !== b.method) {
      if (![...b.select.options].some((x) => x.value === o.name)) b.select.append(el('option', { value: o.name, textContent: String(o.name) }));
      buildSliders(b, i, o.name);
      b.method = o.name;
    }
    b.select.value = o.name;
    for (const s of b.sliders) s.show(paramValue(app.catalog, o, s.p));
    const fields = commonFields(app.catalog, o);
    const key = fields.map((f) => f.look.key).join(',');
    if (key !== b.commonKey) { buildCommon(b, i, fields); b.commonKey = key; }
    const texs = [];
    let changed = false;
    for (const f of fields) {
      const { input, row, look, option } = b.commonInputs[f.look.key];
      const v = o[look.key];
      if (look.kind === 'choice') {
        input.value = typeof v === 'string' ? v : option.default;
        const tex = CHOICE_LOOK[look.from]?.[input.value]?.tex;
        if (tex) texs.push(tex);
      } else {
        input.value = typeof v === 'number' ? String(v) : '';
      }
      row.hidden = !f.shown;
      if (f.shown && v !== undefined && v !== option.default && v !== 0) changed = true;
    }
    const tex = stackedTex(texs.join(',\\quad '));
    if (tex !== b.tex) { b.tex = tex; renderTex(b.scheduleFormula, tex, true); }
    // Open when anything in it differs from the defaults, so a link shows what it changed.
    if (changed) b.details.open = true;
  }

  // The racer's recorded changes (a timeline: the controls below show the values at the run's
  // current step), each with the values it replaces, "ε 0.1 → 0.05 at step 1000", and a × that
  // removes it (page.js removeChange: the race is replayed to the step on screen without it).
  function syncChanges(b, i) {
    const list = changesOf(app.state.racers[i]);
    const texts = list.map((c) => t('changeAt', changeLabel(c.set, c.before), c.step));
    const key = `${t('racerChanges')}|${JSON.stringify(list.map((c) => c.own))}|${texts.join(';')}`;
    if (key === b.changesKey) return;
    b.changesKey = key;
    b.changes.hidden = !list.length;
    if (!list.length) { b.changes.replaceChildren(); return; }
    const [head, tail] = t('racerChanges', '\u0000').split('\u0000');
    const items = list.flatMap((c, j) => {
      const rm = el('button', { type: 'button', className: 'small remove-change', textContent: '×', title: t('removeChange', texts[j]) });
      rm.setAttribute('aria-label', t('removeChange', texts[j]));
      rm.addEventListener('click', () => app.removeChange(i, c.own));
      return [...(j ? ['; '] : []), el('span', { className: 'change' }, texts[j], ' ', rm)];
    });
    b.changes.replaceChildren(head, ...items, tail ?? '');
  }

  // Racers that stopped while the others go on (page.js stopOf per racer: {step, why} or null): the
  // panel says so, and that a change to it needs a restart of the race. A change made to it offers
  // the restart here too ({label, run}, page.js offerRestart), beside the field just edited: the
  // status line with the same button may be scrolled out of view.
  let stops = [], offers = [];
  function syncStopped(b, i) {
    const s = stops[i];
    b.stopped.hidden = !s;
    if (!s) { b.stopped.replaceChildren(); return; }
    const offer = offers[i];
    const button = offer && el('button', { type: 'button', className: 'small restart-offer', textContent: offer.label });
    button?.addEventListener('click', () => { button.disabled = true; offer.run(); });
    b.stopped.replaceChildren(t('racerStopped', t(s.why, s.step)), ...(button ? [' ', button] : []));
  }

  const opts = () => optimizersOf(app.state);
  function sync() {
    const all = opts();
    while (blocks.length > all.length) blocks.pop().box.remove();
    while (blocks.length < all.length) { const b = buildBlock(blocks.length); blocks.push(b); list.append(b.box); }
    all.forEach((o, i) => { syncBlock(blocks[i], i, o); syncStopped(blocks[i], i); });
    byId('add-racer').disabled = all.length >= MAX_RACERS;
    byId('clear-changes').hidden = !app.state.spec?.changes?.length;
    fillCompare();
    compare.value = comparedField(app.state.spec, app.catalog);
  }

  // "Compare by": the fields a race of this kind can vary (networks: all; surfaces: lr, optimizer).
  const compare = byId('compare-by');
  let compareKey = null;
  function fillCompare() {
    const surface = kindOf(app.state.spec) === 'surface';
    const key = `${surface}|${t('compareBy')}`;
    if (key === compareKey) return;
    compareKey = key;
    compare.replaceChildren(el('option', { value: '', textContent: t('compareNone') }),
      ...Object.entries(COMPARE_FIELDS).filter(([, f]) => !(surface && f.network)).map(([field]) => el('option', { value: field, textContent: t(`compare_${field}`) })));
  }
  compare.addEventListener('change', () => app.edit(compareBy(app.state, app.catalog, compare.value)));

  byId('add-racer').addEventListener('click', () => app.edit(addRacer(app.state, app.catalog)));
  byId('clear-changes').addEventListener('click', () => app.clearChanges());
  return {
    sync,
    /** Which racers have stopped while the race goes on: [{step, why} | null] per racer (none: the
     *  offers of restarts go too). */
    setStopped(list) { stops = list; if (!list.some(Boolean)) offers = []; blocks.forEach((b, i) => syncStopped(b, i)); },
    /** Racer i's restart offer ({label, run}) beside its stopped note. */
    offerRestart(i, offer) { offers[i] = offer; if (blocks[i]) syncStopped(blocks[i], i); },
    /** Interface text changed: blocks are rebuilt in the new language. */
    rebuild() { for (const b of blocks) b.box.remove(); blocks = []; compareKey = null; if (app.state.spec) sync(); },
  };
}
