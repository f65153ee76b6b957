// The two DOM helpers every panel and view uses: element creation, and text that is written only
// when it changes (an unchanged write still costs a style and layout pass).
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}
export const byId = (id) => document.getElementById(id);
export function setText(e, text) { if (e.textContent !== text) e.textContent = text; }
