// What the page knows about each optimizer, dataset and activation. Controls are generated from
// these tables; adding an optimizer to the page is one entry here (the C++ validator stays the
// authority on what a spec may contain — a field the page does not know simply stays in the JSON box).
//
// Optimizer entry:
//   name      the spec's optimizer.name
//   label     shown in the select
//   source    where the update rule comes from (book algorithm / paper)
//   params    [{key, index?, label (TeX symbol), title, min, max, log, default, step?}] — key is the
//             spec field under optimizer.* (index: element of an array field, as in PyTorch's
//             betas=(β1, β2)); log: the slider moves over log10(value)
//   tex       the update rule in the lecture's notation (ε learning rate, g gradient, θ params)

const G = '\\mathbf{g} \\leftarrow \\tfrac{1}{m}\\nabla_{\\theta}\\textstyle\\sum_i L(f(\\mathbf{x}^{(i)};\\theta),\\mathbf{y}^{(i)})';

const lr = (def) => ({ key: 'lr', label: '\\epsilon', title: 'learning rate', min: 1e-4, max: 10, log: true, default: def });

export const OPTIMIZERS = [
  {
    name: 'sgd',
    label: 'SGD',
    source: 'Algorithm 8.1',
    params: [lr(0.1)],
    tex: `${G},\\qquad \\theta \\leftarrow \\theta - \\epsilon\\,\\mathbf{g}`,
  },
  {
    name: 'momentum',
    label: 'SGD + momentum',
    source: 'Algorithm 8.2',
    params: [lr(0.05), { key: 'momentum', label: '\\alpha', title: 'momentum', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 }],
    tex: `${G},\\qquad \\mathbf{v} \\leftarrow \\alpha\\mathbf{v} - \\epsilon\\,\\mathbf{g},\\qquad \\theta \\leftarrow \\theta + \\mathbf{v}`,
  },
  {
    name: 'nesterov',
    label: 'Nesterov momentum',
    source: 'Algorithm 8.3 (Sutskever et al. 2013)',
    params: [lr(0.05), { key: 'momentum', label: '\\alpha', title: 'momentum', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 }],
    tex: '\\tilde\\theta \\leftarrow \\theta + \\alpha\\mathbf{v},\\quad ' +
      '\\mathbf{g} \\leftarrow \\tfrac{1}{m}\\nabla_{\\tilde\\theta}\\textstyle\\sum_i L(f(\\mathbf{x}^{(i)};\\tilde\\theta),\\mathbf{y}^{(i)}),\\quad ' +
      '\\mathbf{v} \\leftarrow \\alpha\\mathbf{v} - \\epsilon\\,\\mathbf{g},\\quad \\theta \\leftarrow \\theta + \\mathbf{v}',
  },
  {
    name: 'adam',
    label: 'Adam',
    source: 'Algorithm 8.7 (Kingma & Ba 2014)',
    params: [
      lr(0.01),
      { key: 'betas', index: 0, label: '\\rho_1', title: 'first-moment decay', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 },
      { key: 'betas', index: 1, label: '\\rho_2', title: 'second-moment decay', min: 0.9, max: 0.99999, log: false, default: 0.999, step: 0.00001 },
      { key: 'eps', label: '\\delta', title: 'numerical stabilizer', min: 1e-10, max: 1e-2, log: true, default: 1e-8 },
    ],
    tex: `${G},\\quad t \\leftarrow t+1,\\quad ` +
      '\\mathbf{s} \\leftarrow \\rho_1\\mathbf{s} + (1-\\rho_1)\\mathbf{g},\\quad ' +
      '\\mathbf{r} \\leftarrow \\rho_2\\mathbf{r} + (1-\\rho_2)\\,\\mathbf{g}\\odot\\mathbf{g},\\quad ' +
      '\\hat{\\mathbf{s}} \\leftarrow \\frac{\\mathbf{s}}{1-\\rho_1^t},\\quad \\hat{\\mathbf{r}} \\leftarrow \\frac{\\mathbf{r}}{1-\\rho_2^t},\\quad ' +
      '\\theta \\leftarrow \\theta - \\epsilon\\,\\frac{\\hat{\\mathbf{s}}}{\\sqrt{\\hat{\\mathbf{r}}}+\\delta}',
  },
];

export const DATASETS = [
  { name: 'spiral', label: 'Spiral', hasClasses: true },
  { name: 'circles', label: 'Circles', hasClasses: true },
  { name: 'xor', label: 'XOR', hasClasses: false },
  { name: 'gaussians', label: 'Gaussians', hasClasses: true },
];

export const ACTIVATIONS = [
  { name: 'linear', label: 'linear' },
  { name: 'tanh', label: 'tanh' },
  { name: 'sigmoid', label: 'sigmoid' },
  { name: 'relu', label: 'ReLU' },
  { name: 'leaky_relu', label: 'leaky ReLU' },
];

// Reading and writing one parameter of a spec's optimizer object.
export const paramId = (p) => (p.index === undefined ? p.key : `${p.key}-${p.index}`);
export function getParam(opt, p) {
  const v = opt?.[p.key];
  if (p.index === undefined) return typeof v === 'number' ? v : p.default;
  return Array.isArray(v) && typeof v[p.index] === 'number' ? v[p.index] : p.default;
}
export function setParam(opt, p, value) {
  if (p.index === undefined) { opt[p.key] = value; return; }
  if (!Array.isArray(opt[p.key])) opt[p.key] = [];
  opt[p.key][p.index] = value;
}
export function defaultOptimizerSpec(entry) {
  const o = { name: entry.name };
  for (const p of entry.params) setParam(o, p, p.default);
  return o;
}

export function optimizerByName(name) {
  return OPTIMIZERS.find((o) => o.name === name) ?? null;
}

// Slider position (0..1000) <-> value, linear or log10 per the registry entry.
export const SLIDER_STEPS = 1000;
export function paramToSlider(p, v) {
  const t = p.log
    ? (Math.log10(v) - Math.log10(p.min)) / (Math.log10(p.max) - Math.log10(p.min))
    : (v - p.min) / (p.max - p.min);
  return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
}
export function sliderToParam(p, s) {
  const t = s / SLIDER_STEPS;
  const v = p.log
    ? 10 ** (Math.log10(p.min) + t * (Math.log10(p.max) - Math.log10(p.min)))
    : p.min + t * (p.max - p.min);
  // Three significant digits for log sliders (0.0316 not 0.031622776…); the step grid otherwise.
  if (p.log) return Number(v.toPrecision(3));
  const step = p.step ?? (p.max - p.min) / SLIDER_STEPS;
  return Number((Math.round(v / step) * step).toFixed(Math.max(0, -Math.floor(Math.log10(step)))));
}

// Racer colours: the Okabe–Ito palette (distinguishable with the common colour-vision
// deficiencies), ordered so the first racers get the most contrasting colours; yellow last.
export const RACER_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

// 2-D test surfaces (spec "problem": {"name", "x0"}); x0 is the page's default start point.
export const SURFACES = [
  { name: 'rosenbrock', label: 'Rosenbrock', x0: [-1.2, 1] },
  { name: 'beale', label: 'Beale', x0: [1, 1.5] },
  { name: 'booth', label: 'Booth', x0: [-5, 5] },
  { name: 'himmelblau', label: 'Himmelblau', x0: [0, 0] },
  { name: 'saddle', label: 'Saddle x² − y²', x0: [-1, 0.01] },
  { name: 'monkey_saddle', label: 'Monkey saddle', x0: [1, 0.5] },
  { name: 'quadratic', label: 'Ill-conditioned quadratic', x0: [-2, 1] },
];
export function surfaceByName(name) {
  return SURFACES.find((s) => s.name === name) ?? null;
}
