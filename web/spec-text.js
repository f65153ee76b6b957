// Spec text (from the JSON box or a link) to what the worker validates. JSON has no NaN/Infinity:
// so that "lr": NaN in a hand-edited link is reported against its field (by the validator) rather
// than as a parse error, such bare tokens become strings the validator rejects, with a note.
// Returns {spec, note}: spec is the parsed value, or the raw text when it is not JSON at all (the
// validator then reports where it breaks). A value nested deeper than MAX_DEPTH stays text too:
// copying it to the worker (structured clone) would overflow the stack, and the validator reports
// the depth without recursing. A number literal beyond a double's range (1e999) would come out of
// JSON.parse as ±Infinity and be sent on as null: such text also goes to the validator as it is,
// which names the field and says the number is out of range. No DOM; tested under Node.
export const MAX_DEPTH = 100;

/** Whether a parsed JSON value nests arrays/objects deeper than `limit` (iterative: any depth). */
/** The note added to a message about a spec whose NaN or Infinity was read as text (the page shows
 *  it in its language: i18n key nanNote). */
export const NAN_NOTE = ' (NaN and Infinity are not numbers in JSON)';

export function deeperThan(value, limit) {
  const stack = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return false;
}

/** Whether a parsed JSON value holds a number that is not finite (iterative: any depth). */
export function hasNonFinite(value) {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'number' && !Number.isFinite(v)) return true;
    if (v !== null && typeof v === 'object') stack.push(...(Array.isArray(v) ? v : Object.values(v)));
  }
  return false;
}

export function parseSpecText(text) {
  const r = parseText(text);
  if (typeof r.spec !== 'object' || r.spec === null) return r;
  if (deeperThan(r.spec, MAX_DEPTH)) return { spec: text, note: ` (nested deeper than ${MAX_DEPTH} levels)` };
  if (hasNonFinite(r.spec)) return { spec: text, note: '' };
  return r;
}

function parseText(text) {
  try {
    return { spec: JSON.parse(text), note: '' };
  } catch {
    let out = '', inString = false, replaced = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        out += c;
        if (c === '\\') out += text[++i] ?? ''; else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') { inString = true; out += c; continue; }
      const m = /^(-?Infinity|NaN)\b/.exec(text.slice(i, i + 9));
      if (m) { out += JSON.stringify(m[1]); i += m[1].length - 1; replaced = true; continue; }
      out += c;
    }
    if (replaced) {
      try { return { spec: JSON.parse(out), note: NAN_NOTE }; } catch { /* fall through */ }
    }
    return { spec: text, note: '' };
  }
}
