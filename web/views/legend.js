// The racers' colour key above the plots, with each racer's latest value (and accuracy) beside its
// name, also in data-* attributes for tests and scripts (data-racer, data-value, data-step, data-acc).
import { valueColumn } from '../curves.js';
import { el, setText } from './dom.js';

// racerName(i): '2 · m = 16' (racer-label.js); colourOf(i): the racer's colour (kept when others go).
export function mountLegend({ box, racerName, colourOf }) {
  return {
    /** One item per racer (a new race, or a language switch). */
    build(count) {
      box.replaceChildren();
      for (let i = 0; i < count; i++) {
        const sw = el('span', { className: 'swatch' });
        sw.style.background = colourOf(i);
        const item = el('span', { className: 'legend-item' }, sw, racerName(i), el('span', { className: 'v' }));
        item.dataset.racer = String(i + 1);
        box.append(item);
      }
    },
    update(curves) {
      const col = curves.col[valueColumn(curves)], acc = curves.col.test_acc;
      const num = (v) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));
      curves.racers.forEach((r, i) => {
        const it = box.children[i];
        const last = r.rows.at(-1);
        if (!it || !last) return;
        it.dataset.value = String(last[col]);
        it.dataset.step = String(r.stepCount ?? 0);
        let text = ` ${num(last[col])}`;
        if (acc !== undefined && Number.isFinite(last[acc])) { it.dataset.acc = String(last[acc]); text += ` · ${(last[acc] * 100).toFixed(1)}%`; }   // NaN: no test set
        if (r.diverged || r.error) text += ' ✕';
        setText(it.querySelector('.v'), text);
      });
    },
  };
}
