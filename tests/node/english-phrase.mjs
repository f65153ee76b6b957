// The rule the translation tests apply to Japanese text: an English phrase — two English words of
// two or more letters in a row — left outside quoted values ("…"), JSON arrays/objects, spec
// identifiers (snake_case, dotted paths, names with digits) and symbols. Returns the first such
// phrase, or null. A single English word (a method's name such as Adam, a unit) passes.
export function englishPhrase(text) {
  const stripped = String(text)
    .replace(/"[^"]*"|'[^']*'|“[^”]*”/g, ' ')
    .replace(/\{[^{}]*\}|\[[^[\]]*\]/g, ' ')
    .replace(/\S*[_\d.]\S*/g, ' ');
  const m = /\b([A-Za-z]{2,})\s+([A-Za-z]{2,})\b/.exec(stripped);
  return m ? `${m[1]} ${m[2]}` : null;
}
