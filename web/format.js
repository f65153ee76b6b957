// Numbers as the page prints them. No DOM; tested under Node (tests/node/web-format.test.mjs).

/** A hyperparameter's exact value, short: 0.05, 1e-8, 0.99899 (never cut: the field widens). */
export function paramText(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential().replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(v);
}

/** A readout of 4 significant digits; trailing zeros after a decimal point are dropped, never
 *  those of an integer part (epoch 4000 stays 4000). */
export function statText(v, digits = 4) {
  if (typeof v !== 'number') return '–';
  if (!Number.isFinite(v)) return String(v);
  const s = Math.abs(v) >= 1e21 || (v !== 0 && Math.abs(v) < 1e-6) ? v.toExponential(digits - 1) : v.toPrecision(digits);
  if (/e/.test(s)) return s.replace(/\.?0+e/, 'e');
  if (s.includes('.')) return s.replace(/\.?0+$/, '');
  return s;
}

// Superscript digits for 10ⁿ labels.
const SUP = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const superscript = (n) => String(n).split('').map((c) => SUP[c] ?? c).join('');

/** Tick labels of a log axis: 1, 10, 100 and 0.1, 0.01 as such; beyond that 10ⁿ (1e-23 reads 10⁻²³);
 *  a tick between decades as m·10ⁿ. */
export function logTickText(v) {
  if (!(v > 0) || !Number.isFinite(v)) return '';
  const e = Math.floor(Math.log10(v) + 1e-9);
  const m = Number((v / 10 ** e).toPrecision(2));
  if (e >= -2 && e <= 3) return String(Number(v.toPrecision(2)));
  return m === 1 ? `10${superscript(e)}` : `${m}·10${superscript(e)}`;
}

/** Tick labels of a log axis's ticks (chart-data.js logTicks): powers of ten as logTickText writes
 *  them; the evenly spaced ticks of a range narrower than a decade as a linear axis's (every label
 *  distinct: 499850, 499900, … not 5·10⁵ five times). */
export function logTickTexts(values) {
  const decades = values.every((v) => !(v > 0) || Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  return decades ? values.map(logTickText) : linearTickTexts(values);
}

/** Tick labels of a linear axis: each label states its tick's value (read back, it equals the tick to
 *  within a millionth of the tick spacing, so floating-point noise like 0.30000000000000004 is dropped),
 *  with the fewest significant digits that do so for every tick: 0, 25, 50, 75 (never "30", "80");
 *  0.0015, 0.00175. Labels of distinct ticks are therefore distinct. values: the axis splits (numbers;
 *  non-finite ones get ''). */
export function linearTickTexts(values) {
  const finite = [...new Set(values.filter((v) => Number.isFinite(v)))].sort((a, b) => a - b);
  let spacing = Infinity;
  for (let i = 1; i < finite.length; i++) spacing = Math.min(spacing, finite[i] - finite[i - 1]);
  // One tick alone: exact to its own magnitude.
  const tolerance = 1e-6 * (Number.isFinite(spacing) ? spacing : Math.abs(finite[0] ?? 0));
  for (let digits = 1; digits <= 17; digits++) {
    const texts = values.map((v) => (Number.isFinite(v) ? short(v, digits) : ''));
    if (values.every((v, i) => !Number.isFinite(v) || Math.abs(Number(texts[i]) - v) <= tolerance)) return texts;
  }
  return values.map((v) => (Number.isFinite(v) ? String(v) : ''));
}
function short(v, digits) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(digits)));
}
