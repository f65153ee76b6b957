// A slider with a number field beside it. The slider shows the nearest of its positions
// (registry.js slider scale) and, when moved, sets the simplest value there; the number field
// shows and sets the exact value (a typed 0.5 stays 0.5, a linked 0.0501 stays 0.0501).
import { sliderPosition, sliderValue, SLIDER_STEPS } from '../registry.js';
import { paramText } from '../format.js';
import { el } from '../views/dom.js';
import { t } from '../i18n.js';

/** The edit of a field that was emptied or holds no number: rejected with a message naming the
 *  field (never a silent snap back, and no earlier message left standing), the field back at `kept`. */
export const notANumber = (field, kept) => ({ error: { field, message: `${field}: must be a number (the field was empty or not a number); kept ${kept}` } });

/** Wires an <input type=range> and an <input type=number>; onCommit(value) on a finished edit;
 *  onReject(shownText) when the number field is emptied or holds no number. */
export function bindSliderPair(range, field, scale, onCommit, onReject = null) {
  range.min = '0'; range.max = String(SLIDER_STEPS); range.step = '1';
  field.step = 'any';
  range.addEventListener('input', () => {
    const v = sliderValue(scale, Number(range.value));
    field.value = paramText(v);
    range.setAttribute('aria-valuetext', paramText(v));
  });
  range.addEventListener('change', () => onCommit(sliderValue(scale, Number(range.value))));
  field.addEventListener('change', () => {
    const text = field.value.trim();
    const v = Number(text);
    if (text === '' || !Number.isFinite(v)) {
      field.value = field.dataset.shown ?? '';
      onReject?.(field.value);
      return;
    }
    onCommit(v);
  });
  return {
    show(v) {
      range.value = String(sliderPosition(scale, v));
      const text = paramText(v);
      field.value = text;
      field.dataset.shown = text;
      range.setAttribute('aria-valuetext', text);
    },
  };
}

/** A labelled row: [label] [slider #id] [number #id-num]. label: nodes; words: accessible name. */
export function sliderRow({ id, label, words, scale, onCommit, onReject = null }) {
  const range = el('input', { id, type: 'range' });
  const field = el('input', { id: `${id}-num`, type: 'number', className: 'exact' });
  const fieldLabel = el('label', { htmlFor: `${id}-num`, className: 'sr-only', textContent: `${words} (${t('exactValue')})` });
  const row = el('div', { className: 'row slider-row' }, el('label', { htmlFor: id, title: words }, ...label), range, field, fieldLabel);
  return { row, ...bindSliderPair(range, field, scale, onCommit, onReject) };
}
