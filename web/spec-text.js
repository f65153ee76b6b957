// Spec text (from the JSON box or a link) to what the worker validates. JSON has no NaN/Infinity:
// so that "lr": NaN in a hand-edited link is reported against its field (by the validator) rather
// than as a parse error, such bare tokens become strings the validator rejects, with a note.
// Returns {spec, note}: spec is the parsed value, or the raw text when it is not JSON at all (the
// validator then reports where it breaks). No DOM; tested under Node.
export function parseSpecText(text) {
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
      try { return { spec: JSON.parse(out), note: ' (NaN and Infinity are not numbers in JSON)' }; } catch { /* fall through */ }
    }
    return { spec: text, note: '' };
  }
}
