// TeX typeset with KaTeX (HTML + MathML); a formula KaTeX cannot read is shown as its source text.
import katex from 'katex';

export function renderTex(node, tex, display) {
  try {
    katex.render(tex, node, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
  } catch {
    node.textContent = tex;
  }
}

// An update rule is a sequence of assignments separated by ",\quad" in the registry; next to the
// controls (a narrow column) they are stacked one per line, as an algorithm box prints them.
export function stackedTex(tex) {
  const parts = tex.split(/,\s*\\q?quad\s*/);
  return parts.length < 2 ? tex : `\\begin{aligned} ${parts.map((p) => `&${p}`).join(' \\\\ ')} \\end{aligned}`;
}
