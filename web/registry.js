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
    source: 'Algorithm 8.7 (Kingma & Ba 2014); δ outside the root, as the Adam paper and PyTorch',
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
  {
    name: 'adagrad',
    label: 'AdaGrad',
    source: 'Algorithm 8.4 (Duchi et al. 2011)',
    params: [lr(0.05), { key: 'eps', label: '\\delta', title: 'numerical stabilizer', min: 1e-10, max: 1e-2, log: true, default: 1e-7 }],
    tex: `${G},\\quad \\mathbf{r} \\leftarrow \\mathbf{r} + \\mathbf{g}\\odot\\mathbf{g},\\quad ` +
      '\\Delta\\theta \\leftarrow -\\frac{\\epsilon}{\\delta + \\sqrt{\\mathbf{r}}}\\odot\\mathbf{g},\\quad \\theta \\leftarrow \\theta + \\Delta\\theta',
  },
  {
    name: 'rmsprop',
    label: 'RMSProp',
    source: 'Algorithm 8.5 (Hinton 2012); PyTorch puts δ outside the root (spec: eps_inside_sqrt: false)',
    params: [lr(0.005), { key: 'rho', label: '\\rho', title: 'decay rate', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 },
      { key: 'eps', label: '\\delta', title: 'numerical stabilizer', min: 1e-10, max: 1e-2, log: true, default: 1e-6 }],
    tex: `${G},\\quad \\mathbf{r} \\leftarrow \\rho\\mathbf{r} + (1-\\rho)\\,\\mathbf{g}\\odot\\mathbf{g},\\quad ` +
      '\\Delta\\theta \\leftarrow -\\frac{\\epsilon}{\\sqrt{\\delta + \\mathbf{r}}}\\odot\\mathbf{g},\\quad \\theta \\leftarrow \\theta + \\Delta\\theta',
  },
  {
    name: 'rmsprop_nesterov',
    label: 'RMSProp + Nesterov',
    source: 'Algorithm 8.6 (δ inside the root, as in 8.5)',
    params: [lr(0.001), { key: 'rho', label: '\\rho', title: 'decay rate', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 },
      { key: 'momentum', label: '\\alpha', title: 'momentum', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 },
      { key: 'eps', label: '\\delta', title: 'numerical stabilizer', min: 1e-10, max: 1e-2, log: true, default: 1e-6 }],
    tex: '\\tilde\\theta \\leftarrow \\theta + \\alpha\\mathbf{v},\\quad \\mathbf{g} \\leftarrow \\tfrac{1}{m}\\nabla_{\\tilde\\theta}\\textstyle\\sum_i L(f(\\mathbf{x}^{(i)};\\tilde\\theta),\\mathbf{y}^{(i)}),\\quad ' +
      '\\mathbf{r} \\leftarrow \\rho\\mathbf{r} + (1-\\rho)\\,\\mathbf{g}\\odot\\mathbf{g},\\quad ' +
      '\\mathbf{v} \\leftarrow \\alpha\\mathbf{v} - \\frac{\\epsilon}{\\sqrt{\\delta + \\mathbf{r}}}\\odot\\mathbf{g},\\quad \\theta \\leftarrow \\theta + \\mathbf{v}',
  },
  {
    name: 'adamw',
    label: 'AdamW',
    source: 'Loshchilov & Hutter 2019 (Adam, Algorithm 8.7, with decoupled weight decay)',
    params: [
      lr(0.01),
      { key: 'betas', index: 0, label: '\\rho_1', title: 'first-moment decay', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 },
      { key: 'betas', index: 1, label: '\\rho_2', title: 'second-moment decay', min: 0.9, max: 0.99999, log: false, default: 0.999, step: 0.00001 },
      { key: 'weight_decay', label: '\\lambda', title: 'decoupled weight decay', min: 1e-5, max: 1, log: true, default: 0.01 },
      { key: 'eps', label: '\\delta', title: 'numerical stabilizer', min: 1e-10, max: 1e-2, log: true, default: 1e-8 },
    ],
    tex: '\\text{Adam moments } \\hat{\\mathbf{s}}, \\hat{\\mathbf{r}} \\text{ as in Algorithm 8.7},\\quad ' +
      '\\theta \\leftarrow \\theta - \\epsilon\\Big(\\frac{\\hat{\\mathbf{s}}}{\\sqrt{\\hat{\\mathbf{r}}}+\\delta} + \\lambda\\theta\\Big)',
  },
  {
    name: 'amsgrad',
    label: 'AMSGrad',
    source: 'Reddi et al. 2018 (Adam, Algorithm 8.7, with a running maximum)',
    params: [
      lr(0.01),
      { key: 'betas', index: 0, label: '\\rho_1', title: 'first-moment decay', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 },
      { key: 'betas', index: 1, label: '\\rho_2', title: 'second-moment decay', min: 0.9, max: 0.99999, log: false, default: 0.999, step: 0.00001 },
      { key: 'eps', label: '\\delta', title: 'numerical stabilizer', min: 1e-10, max: 1e-2, log: true, default: 1e-8 },
    ],
    tex: '\\text{Adam moments } \\mathbf{s}, \\mathbf{r} \\text{ as in Algorithm 8.7},\\quad \\mathbf{r}_{\\max} \\leftarrow \\max(\\mathbf{r}_{\\max}, \\mathbf{r}),\\quad ' +
      '\\theta \\leftarrow \\theta - \\frac{\\epsilon}{1-\\rho_1^t}\\,\\frac{\\mathbf{s}}{\\sqrt{\\mathbf{r}_{\\max}/(1-\\rho_2^t)}+\\delta}',
  },
  {
    name: 'nadam',
    label: 'NAdam',
    source: 'Dozat 2016 (Adam with Nesterov momentum)',
    params: [
      lr(0.01),
      { key: 'betas', index: 0, label: '\\rho_1', title: 'first-moment decay', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 },
      { key: 'betas', index: 1, label: '\\rho_2', title: 'second-moment decay', min: 0.9, max: 0.99999, log: false, default: 0.999, step: 0.00001 },
      { key: 'eps', label: '\\delta', title: 'numerical stabilizer', min: 1e-10, max: 1e-2, log: true, default: 1e-8 },
      { key: 'momentum_decay', label: '\\psi', title: 'momentum decay', min: 0, max: 0.02, log: false, default: 0.004, step: 0.0005 },
    ],
    tex: '\\mu_t = \\rho_1\\big(1 - \\tfrac12\\,0.96^{t\\psi}\\big),\\quad \\text{Adam moments } \\mathbf{s}, \\hat{\\mathbf{r}},\\quad ' +
      '\\theta \\leftarrow \\theta - \\epsilon\\,\\frac{\\frac{1-\\mu_t}{1-\\prod_{i\\le t}\\mu_i}\\,\\mathbf{g} + \\frac{\\mu_{t+1}}{1-\\prod_{i\\le t+1}\\mu_i}\\,\\mathbf{s}}{\\sqrt{\\hat{\\mathbf{r}}}+\\delta}',
  },
  {
    name: 'adadelta',
    label: 'AdaDelta',
    source: 'Zeiler 2012',
    params: [lr(1), { key: 'rho', label: '\\rho', title: 'decay rate', min: 0, max: 0.999, log: false, default: 0.9, step: 0.001 },
      { key: 'eps', label: '\\delta', title: 'numerical stabilizer', min: 1e-10, max: 1e-2, log: true, default: 1e-6 }],
    tex: `${G},\\quad \\mathbf{r} \\leftarrow \\rho\\mathbf{r} + (1-\\rho)\\,\\mathbf{g}\\odot\\mathbf{g},\\quad ` +
      '\\Delta\\theta \\leftarrow -\\frac{\\sqrt{\\mathbf{u}+\\delta}}{\\sqrt{\\mathbf{r}+\\delta}}\\odot\\mathbf{g},\\quad ' +
      '\\mathbf{u} \\leftarrow \\rho\\mathbf{u} + (1-\\rho)\\,\\Delta\\theta\\odot\\Delta\\theta,\\quad \\theta \\leftarrow \\theta + \\epsilon\\,\\Delta\\theta',
  },
  {
    name: 'newton',
    label: 'Newton',
    source: 'Algorithm 8.8',
    params: [{ key: 'lr', label: '\\epsilon', title: 'step scale', min: 1e-3, max: 1, log: true, default: 1 },
      { key: 'damping', label: '\\alpha', title: 'damping (regularization)', min: 0, max: 10, log: false, default: 0, step: 0.01 }],
    tex: '\\mathbf{g} \\leftarrow \\nabla_\\theta J(\\theta),\\quad \\mathbf{H} \\leftarrow \\nabla^2_\\theta J(\\theta),\\quad ' +
      '\\theta \\leftarrow \\theta - \\epsilon\\,(\\mathbf{H} + \\alpha\\mathbf{I})^{-1}\\mathbf{g}',
  },
  {
    name: 'cg',
    label: 'Conjugate gradients',
    source: 'Algorithm 8.9 (nonlinear CG, Polak–Ribière)',
    params: [{ key: 'restart', label: 'k', title: 'restart (β = 0) every k iterations; 0: only when not a descent direction', min: 0, max: 20, log: false, default: 0, step: 1 }],
    tex: '\\mathbf{g}_t \\leftarrow \\nabla_\\theta J(\\theta),\\quad \\beta_t \\leftarrow \\frac{(\\mathbf{g}_t-\\mathbf{g}_{t-1})^\\top\\mathbf{g}_t}{\\mathbf{g}_{t-1}^\\top\\mathbf{g}_{t-1}},\\quad ' +
      '\\rho_t \\leftarrow -\\mathbf{g}_t + \\beta_t\\rho_{t-1},\\quad \\epsilon^* \\leftarrow \\arg\\min_\\epsilon J(\\theta + \\epsilon\\rho_t),\\quad \\theta \\leftarrow \\theta + \\epsilon^*\\rho_t',
  },
  {
    name: 'bfgs',
    label: 'BFGS',
    source: 'Section 8.6.3',
    params: [],
    tex: '\\rho_t \\leftarrow -\\mathbf{M}_t\\mathbf{g}_t \\;(\\mathbf{M}_t \\approx \\mathbf{H}^{-1}),\\quad \\epsilon^* \\leftarrow \\arg\\min_\\epsilon J(\\theta + \\epsilon\\rho_t),\\quad ' +
      '\\theta \\leftarrow \\theta + \\epsilon^*\\rho_t,\\quad \\mathbf{M}_{t+1} \\leftarrow \\text{BFGS update from } \\Delta\\theta, \\Delta\\mathbf{g}',
  },
  {
    name: 'lbfgs',
    label: 'L-BFGS',
    source: 'Section 8.6.3 (limited memory)',
    params: [{ key: 'memory', label: 'm', title: 'memory (pairs kept)', min: 1, max: 50, log: false, default: 10, step: 1 }],
    tex: '\\rho_t \\leftarrow -\\mathbf{M}_t\\mathbf{g}_t \\text{ from the last } m \\text{ pairs } (\\Delta\\theta, \\Delta\\mathbf{g}),\\quad ' +
      '\\epsilon^* \\leftarrow \\arg\\min_\\epsilon J(\\theta + \\epsilon\\rho_t),\\quad \\theta \\leftarrow \\theta + \\epsilon^*\\rho_t',
  },
  {
    name: 'coordinate_descent',
    label: 'Coordinate descent',
    source: 'Section 8.7.2',
    params: [],
    tex: '\\theta_i \\leftarrow \\arg\\min_{\\theta_i} J(\\theta) \\quad \\text{for } i = 1, 2, \\dots \\text{ in turn}',
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

// 2-D test surfaces (spec "problem": {"name", "x0"}); x0 is the page's default start point (none:
// the surface's own start from the core).
export const SURFACES = [
  { name: 'rosenbrock', label: 'Rosenbrock', x0: [-1.2, 1] },
  { name: 'beale', label: 'Beale', x0: [1, 1.5] },
  { name: 'booth', label: 'Booth', x0: [-5, 5] },
  { name: 'himmelblau', label: 'Himmelblau', x0: [0, 0] },
  { name: 'saddle', label: 'Saddle x² − y²', x0: [-1, 0.01] },
  { name: 'monkey_saddle', label: 'Monkey saddle', x0: [1, 0.5] },
  { name: 'quadratic', label: 'Ill-conditioned quadratic', x0: [-2, 1] },
  { name: 'cliff', label: 'Cliff (exploding gradient)' },
  { name: 'cd_counterexample', label: 'Coordinate descent counterexample' },
  { name: 'sparse_coding', label: 'Sparse coding (36-D: no contour view)' },
];
export function surfaceByName(name) {
  return SURFACES.find((s) => s.name === name) ?? null;
}

// Options every first-order method shares (core/run/optimizer_factory.cpp: read_schedule,
// read_gradient_options, the averaging keys), as one table the page builds its "schedule &
// regularization" controls from. Entry:
//   key     the spec field under optimizer.*
//   kind    'choice' (a select; choices [{name, label, tex?}], default) or 'number' (a number box;
//           empty means "not in the spec": the validator's default, shown as the placeholder)
//   label   TeX symbol; title: the words (translated by i18n.paramTitle)
//   min, max, step   the number box's bounds (the validator stays the authority)
//   when(o) shown (and sent) only when true for the optimizer object being built
//   gradientOnly     not read by the second-order methods (Newton, CG, BFGS, …)
export const SECOND_ORDER = ['newton', 'cg', 'bfgs', 'lbfgs', 'coordinate_descent'];
const scheduled = (...names) => (o) => names.includes(o.schedule ?? 'constant');
export const COMMON_OPTIONS = [
  {
    key: 'schedule', kind: 'choice', label: '\\epsilon_k', title: 'learning-rate schedule', default: 'constant', gradientOnly: true,
    choices: [
      { name: 'constant', label: 'constant', tex: '\\epsilon_k = \\epsilon_0' },
      { name: 'linear', label: 'linear', tex: '\\epsilon_k = \\big(1 - \\tfrac{k}{\\tau}\\big)\\epsilon_0 + \\tfrac{k}{\\tau}\\,\\epsilon_\\tau \\;(k < \\tau),\\quad \\epsilon_k = \\epsilon_\\tau \\;(k \\ge \\tau)' },
      { name: 'step', label: 'step', tex: '\\epsilon_k = \\epsilon_0\\,\\gamma^{\\lfloor k/s \\rfloor}' },
      { name: 'exponential', label: 'exponential', tex: '\\epsilon_k = \\epsilon_0\\,\\gamma^{k}' },
      { name: 'cosine', label: 'cosine', tex: '\\epsilon_k = \\epsilon_\\tau + \\tfrac12(\\epsilon_0 - \\epsilon_\\tau)\\big(1 + \\cos\\tfrac{\\pi k}{\\tau}\\big) \\;(k < \\tau),\\quad \\epsilon_k = \\epsilon_\\tau \\;(k \\ge \\tau)' },
    ],
  },
  { key: 'lr_final', kind: 'number', label: '\\epsilon_\\tau', title: 'final learning rate', min: 0, step: 'any', placeholder: '0.01 ε₀', when: scheduled('linear', 'cosine'), gradientOnly: true },
  { key: 'tau', kind: 'number', label: '\\tau', title: 'decay steps', min: 1, step: 1, placeholder: '1000', when: scheduled('linear', 'cosine'), gradientOnly: true },
  { key: 'step_size', kind: 'number', label: 's', title: 'steps between decays', min: 1, step: 1, placeholder: '1000', when: scheduled('step'), gradientOnly: true },
  { key: 'gamma', kind: 'number', label: '\\gamma', title: 'decay factor', min: 0, max: 1, step: 'any', placeholder: '0.1', when: scheduled('step', 'exponential'), gradientOnly: true },
  { key: 'warmup_steps', kind: 'number', label: 'W', title: 'warm-up steps', min: 0, step: 1, placeholder: '0', gradientOnly: true },
  { key: 'warmup_start_factor', kind: 'number', label: 'f', title: 'warm-up start factor', min: 0, max: 1, step: 'any', placeholder: '0.1', when: (o) => o.warmup_steps > 0, gradientOnly: true },
  {
    key: 'average', kind: 'choice', label: '\\hat\\theta', title: 'parameter averaging', default: 'none',
    choices: [
      { name: 'none', label: 'none' },
      { name: 'polyak', label: 'Polyak', tex: '\\hat\\theta_k = \\tfrac{1}{k}\\textstyle\\sum_{i=1}^{k} \\theta_i' },
      { name: 'ema', label: 'EMA', tex: '\\hat\\theta \\leftarrow \\beta\\hat\\theta + (1-\\beta)\\,\\theta' },
    ],
  },
  { key: 'ema_decay', kind: 'number', label: '\\beta', title: 'EMA decay', min: 0, max: 1, step: 'any', placeholder: '0.99', when: (o) => o.average === 'ema' },
  { key: 'weight_decay', kind: 'number', label: '\\lambda', title: 'weight decay (L2)', min: 0, step: 'any', placeholder: '0', gradientOnly: true },
  { key: 'clip_norm', kind: 'number', label: 'c', title: 'clip gradient norm', min: 0, step: 'any', placeholder: '0 (off)', gradientOnly: true },
  { key: 'clip_value', kind: 'number', label: 'c', title: 'clip gradient values', min: 0, step: 'any', placeholder: '0 (off)', gradientOnly: true },
];
// Whether a common option applies to a method (its own params table wins: AdamW's weight_decay).
export function commonApplies(entryName, c) {
  if (c.gradientOnly && SECOND_ORDER.includes(entryName)) return false;
  const entry = optimizerByName(entryName);
  return !(entry?.params ?? []).some((p) => p.key === c.key);
}
// Writes the common options into an optimizer object: values[key] is a choice name or the text of a
// number box ('' = leave it to the validator's default). Options that do not apply are removed.
export function setCommonOptions(o, values) {
  for (const c of COMMON_OPTIONS) {
    if (!commonApplies(o.name, c)) { if (!optimizerByName(o.name)?.params.some((p) => p.key === c.key)) delete o[c.key]; continue; }
    delete o[c.key];
    if (c.when && !c.when(o)) continue;
    const v = values[c.key];
    if (c.kind === 'choice') { if (v && v !== c.default) o[c.key] = v; } else if (v !== undefined && String(v).trim() !== '') o[c.key] = Number(v);
  }
  return o;
}
