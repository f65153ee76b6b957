// Presentation only: what the page SHOWS for each name of the core's catalog (web/catalog.js reads
// names, defaults and ranges): labels (English; i18n.js translates titles), the lecture's TeX of
// each update rule and schedule, and each slider's scale. A name the catalog lists but this file
// does not know still gets a control (its key as label, its range from the catalog); a name here
// the catalog does not list is never offered. No DOM; tested under Node (web-registry.test.mjs).

import { lang } from './i18n.js';

const G = '\\mathbf{g} \\leftarrow \\tfrac{1}{m}\\nabla_{\\theta}\\textstyle\\sum_i L(f(\\mathbf{x}^{(i)};\\theta),\\mathbf{y}^{(i)})';

// Per method: label, source of the update rule, its TeX (assignments separated by \quad).
const OPTIMIZER_LIST = [
  {
    name: 'sgd',
    label: 'SGD',
    source: 'Algorithm 8.1',
    tex: `${G},\\qquad \\theta \\leftarrow \\theta - \\epsilon\\,\\mathbf{g}`,
  },
  {
    name: 'momentum',
    label: 'SGD + momentum',
    source: 'Algorithm 8.2',
    tex: `${G},\\qquad \\mathbf{v} \\leftarrow \\alpha\\mathbf{v} - \\epsilon\\,\\mathbf{g},\\qquad \\theta \\leftarrow \\theta + \\mathbf{v}`,
  },
  {
    name: 'nesterov',
    label: 'Nesterov momentum',
    source: 'Algorithm 8.3 (Sutskever et al. 2013)',
    tex: '\\tilde\\theta \\leftarrow \\theta + \\alpha\\mathbf{v},\\quad ' +
      '\\mathbf{g} \\leftarrow \\tfrac{1}{m}\\nabla_{\\tilde\\theta}\\textstyle\\sum_i L(f(\\mathbf{x}^{(i)};\\tilde\\theta),\\mathbf{y}^{(i)}),\\quad ' +
      '\\mathbf{v} \\leftarrow \\alpha\\mathbf{v} - \\epsilon\\,\\mathbf{g},\\quad \\theta \\leftarrow \\theta + \\mathbf{v}',
  },
  {
    name: 'adam',
    label: 'Adam',
    source: 'Algorithm 8.7 (Kingma & Ba 2014); δ outside the root, as the Adam paper and PyTorch',
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
    tex: `${G},\\quad \\mathbf{r} \\leftarrow \\mathbf{r} + \\mathbf{g}\\odot\\mathbf{g},\\quad ` +
      '\\Delta\\theta \\leftarrow -\\frac{\\epsilon}{\\delta + \\sqrt{\\mathbf{r}}}\\odot\\mathbf{g},\\quad \\theta \\leftarrow \\theta + \\Delta\\theta',
  },
  {
    name: 'rmsprop',
    label: 'RMSProp',
    source: 'Algorithm 8.5 (Hinton 2012); PyTorch puts δ outside the root (spec: eps_inside_sqrt: false)',
    tex: `${G},\\quad \\mathbf{r} \\leftarrow \\rho\\mathbf{r} + (1-\\rho)\\,\\mathbf{g}\\odot\\mathbf{g},\\quad ` +
      '\\Delta\\theta \\leftarrow -\\frac{\\epsilon}{\\sqrt{\\delta + \\mathbf{r}}}\\odot\\mathbf{g},\\quad \\theta \\leftarrow \\theta + \\Delta\\theta',
  },
  {
    name: 'rmsprop_nesterov',
    label: 'RMSProp + Nesterov',
    source: 'Algorithm 8.6 (δ inside the root, as in 8.5)',
    tex: '\\tilde\\theta \\leftarrow \\theta + \\alpha\\mathbf{v},\\quad \\mathbf{g} \\leftarrow \\tfrac{1}{m}\\nabla_{\\tilde\\theta}\\textstyle\\sum_i L(f(\\mathbf{x}^{(i)};\\tilde\\theta),\\mathbf{y}^{(i)}),\\quad ' +
      '\\mathbf{r} \\leftarrow \\rho\\mathbf{r} + (1-\\rho)\\,\\mathbf{g}\\odot\\mathbf{g},\\quad ' +
      '\\mathbf{v} \\leftarrow \\alpha\\mathbf{v} - \\frac{\\epsilon}{\\sqrt{\\delta + \\mathbf{r}}}\\odot\\mathbf{g},\\quad \\theta \\leftarrow \\theta + \\mathbf{v}',
  },
  {
    name: 'adamw',
    label: 'AdamW',
    source: 'Loshchilov & Hutter 2019 (Adam, Algorithm 8.7, with decoupled weight decay)',
    tex: '\\text{Adam moments } \\hat{\\mathbf{s}}, \\hat{\\mathbf{r}} \\text{ as in Algorithm 8.7},\\quad ' +
      '\\theta \\leftarrow \\theta - \\epsilon\\Big(\\frac{\\hat{\\mathbf{s}}}{\\sqrt{\\hat{\\mathbf{r}}}+\\delta} + \\lambda\\theta\\Big)',
  },
  {
    name: 'amsgrad',
    label: 'AMSGrad',
    source: 'Reddi et al. 2018 (Adam, Algorithm 8.7, with a running maximum)',
    tex: '\\text{Adam moments } \\mathbf{s}, \\mathbf{r} \\text{ as in Algorithm 8.7},\\quad \\mathbf{r}_{\\max} \\leftarrow \\max(\\mathbf{r}_{\\max}, \\mathbf{r}),\\quad ' +
      '\\theta \\leftarrow \\theta - \\frac{\\epsilon}{1-\\rho_1^t}\\,\\frac{\\mathbf{s}}{\\sqrt{\\mathbf{r}_{\\max}/(1-\\rho_2^t)}+\\delta}',
  },
  {
    name: 'nadam',
    label: 'NAdam',
    source: 'Dozat 2016 (Adam with Nesterov momentum)',
    tex: '\\mu_t = \\rho_1\\big(1 - \\tfrac12\\,0.96^{t\\psi}\\big),\\quad \\text{Adam moments } \\mathbf{s}, \\hat{\\mathbf{r}},\\quad ' +
      '\\theta \\leftarrow \\theta - \\epsilon\\,\\frac{\\frac{1-\\mu_t}{1-\\prod_{i\\le t}\\mu_i}\\,\\mathbf{g} + \\frac{\\mu_{t+1}}{1-\\prod_{i\\le t+1}\\mu_i}\\,\\mathbf{s}}{\\sqrt{\\hat{\\mathbf{r}}}+\\delta}',
  },
  {
    name: 'adadelta',
    label: 'AdaDelta',
    source: 'Zeiler 2012',
    tex: `${G},\\quad \\mathbf{r} \\leftarrow \\rho\\mathbf{r} + (1-\\rho)\\,\\mathbf{g}\\odot\\mathbf{g},\\quad ` +
      '\\Delta\\theta \\leftarrow -\\frac{\\sqrt{\\mathbf{u}+\\delta}}{\\sqrt{\\mathbf{r}+\\delta}}\\odot\\mathbf{g},\\quad ' +
      '\\mathbf{u} \\leftarrow \\rho\\mathbf{u} + (1-\\rho)\\,\\Delta\\theta\\odot\\Delta\\theta,\\quad \\theta \\leftarrow \\theta + \\epsilon\\,\\Delta\\theta',
  },
  {
    name: 'newton',
    label: 'Newton',
    source: 'Algorithm 8.8',
    tex: '\\mathbf{g} \\leftarrow \\nabla_\\theta J(\\theta),\\quad \\mathbf{H} \\leftarrow \\nabla^2_\\theta J(\\theta),\\quad ' +
      '\\theta \\leftarrow \\theta - \\epsilon\\,(\\mathbf{H} + \\alpha\\mathbf{I})^{-1}\\mathbf{g}',
  },
  {
    name: 'cg',
    label: 'Conjugate gradients',
    source: 'Algorithm 8.9 (nonlinear CG, Polak–Ribière)',
    tex: '\\mathbf{g}_t \\leftarrow \\nabla_\\theta J(\\theta),\\quad \\beta_t \\leftarrow \\frac{(\\mathbf{g}_t-\\mathbf{g}_{t-1})^\\top\\mathbf{g}_t}{\\mathbf{g}_{t-1}^\\top\\mathbf{g}_{t-1}},\\quad ' +
      '\\rho_t \\leftarrow -\\mathbf{g}_t + \\beta_t\\rho_{t-1},\\quad \\epsilon^* \\leftarrow \\arg\\min_\\epsilon J(\\theta + \\epsilon\\rho_t),\\quad \\theta \\leftarrow \\theta + \\epsilon^*\\rho_t',
  },
  {
    name: 'bfgs',
    label: 'BFGS',
    source: 'Section 8.6.3',
    tex: '\\rho_t \\leftarrow -\\mathbf{M}_t\\mathbf{g}_t \\;(\\mathbf{M}_t \\approx \\mathbf{H}^{-1}),\\quad \\epsilon^* \\leftarrow \\arg\\min_\\epsilon J(\\theta + \\epsilon\\rho_t),\\quad ' +
      '\\theta \\leftarrow \\theta + \\epsilon^*\\rho_t,\\quad \\mathbf{M}_{t+1} \\leftarrow \\text{BFGS update from } \\Delta\\theta, \\Delta\\mathbf{g}',
  },
  {
    name: 'lbfgs',
    label: 'L-BFGS',
    source: 'Section 8.6.3 (limited memory)',
    tex: '\\rho_t \\leftarrow -\\mathbf{M}_t\\mathbf{g}_t \\text{ from the last } m \\text{ pairs } (\\Delta\\theta, \\Delta\\mathbf{g}),\\quad ' +
      '\\epsilon^* \\leftarrow \\arg\\min_\\epsilon J(\\theta + \\epsilon\\rho_t),\\quad \\theta \\leftarrow \\theta + \\epsilon^*\\rho_t',
  },
  {
    name: 'coordinate_descent',
    label: 'Coordinate descent',
    source: 'Section 8.7.2',
    tex: '\\theta_i \\leftarrow \\arg\\min_{\\theta_i} J(\\theta) \\quad \\text{for } i = 1, 2, \\dots \\text{ in turn}',
  },
];

export const OPTIMIZER_LOOK = Object.fromEntries(OPTIMIZER_LIST.map(({ name, ...look }) => [name, look]));
// The methods' labels and sources in Japanese (names of people and of methods stay in Latin letters).
const OPTIMIZER_JA = {
  sgd: { label: 'SGD', source: 'アルゴリズム 8.1' },
  momentum: { label: 'SGD + モーメンタム', source: 'アルゴリズム 8.2' },
  nesterov: { label: 'Nesterov のモーメンタム', source: 'アルゴリズム 8.3 (Sutskever ら 2013)' },
  adam: { label: 'Adam', source: 'アルゴリズム 8.7 (Kingma & Ba 2014)。δ は Adam の論文・PyTorch と同じく根号の外' },
  adagrad: { label: 'AdaGrad', source: 'アルゴリズム 8.4 (Duchi ら 2011)' },
  rmsprop: { label: 'RMSProp', source: 'アルゴリズム 8.5 (Hinton 2012)。PyTorch は δ を根号の外に置く（仕様: eps_inside_sqrt: false）' },
  rmsprop_nesterov: { label: 'RMSProp + Nesterov', source: 'アルゴリズム 8.6（8.5 と同じく δ は根号の中）' },
  adamw: { label: 'AdamW', source: 'Loshchilov & Hutter 2019（アルゴリズム 8.7 の Adam に分離型の重み減衰）' },
  amsgrad: { label: 'AMSGrad', source: 'Reddi ら 2018（アルゴリズム 8.7 の Adam に累積最大値）' },
  nadam: { label: 'NAdam', source: 'Dozat 2016（Nesterov のモーメンタム付き Adam）' },
  adadelta: { label: 'AdaDelta', source: 'Zeiler 2012' },
  newton: { label: 'Newton 法', source: 'アルゴリズム 8.8' },
  cg: { label: '共役勾配法', source: 'アルゴリズム 8.9（非線形共役勾配法, Polak–Ribière）' },
  bfgs: { label: 'BFGS', source: '8.6.3 節' },
  lbfgs: { label: 'L-BFGS', source: '8.6.3 節（記憶制限付き）' },
  coordinate_descent: { label: '座標降下法', source: '8.7.2 節' },
};
/** A method's label and the source of its update rule in the page's language. */
export const optimizerLabel = (name) => (lang() === 'ja' ? OPTIMIZER_JA[name]?.label : null) ?? OPTIMIZER_LOOK[name]?.label ?? String(name);
export const optimizerSource = (name) => (lang() === 'ja' ? OPTIMIZER_JA[name]?.source : null) ?? OPTIMIZER_LOOK[name]?.source ?? '';

// Hyperparameter sliders, by option key: TeX symbol, words (translated by i18n.paramTitle), and the
// slider's scale {min, max, log}. The catalog's range stays the authority (the number field beside
// the slider takes any value it allows); the scale only says which values the slider sweeps.
// A number_array option (betas) has one look per item. `methods` overrides a look for one method.
const lrScale = { min: 1e-4, max: 10, log: true };
const decay = (label, title, min = 0, max = 0.999) => ({ label, title, scale: { min, max, log: false } });
const stabilizer = { label: '\\delta', title: 'numerical stabilizer', scale: { min: 1e-10, max: 1e-2, log: true } };
export const PARAM_LOOK = {
  lr: { label: '\\epsilon', title: 'learning rate', scale: lrScale },
  momentum: decay('\\alpha', 'momentum'),
  betas: [decay('\\rho_1', 'first-moment decay'), decay('\\rho_2', 'second-moment decay', 0.9, 0.99999)],
  rho: decay('\\rho', 'decay rate'),
  eps: stabilizer,
  momentum_decay: { label: '\\psi', title: 'momentum decay', scale: { min: 0, max: 0.02, log: false } },
  damping: { label: '\\alpha', title: 'damping (regularization)', scale: { min: 0, max: 10, log: false } },
  restart: { label: 'k', title: 'restart (β = 0) every k iterations; 0: only when not a descent direction', scale: { min: 0, max: 20, log: false, integer: true } },
  memory: { label: 'm', title: 'memory (pairs kept)', scale: { min: 1, max: 50, log: false, integer: true } },
};
const METHOD_PARAM_LOOK = {
  newton: { lr: { label: '\\epsilon', title: 'step scale', scale: { min: 1e-3, max: 1, log: true } } },
  adamw: { weight_decay: { label: '\\lambda', title: 'decoupled weight decay', scale: { min: 1e-5, max: 1, log: true } } },
};
/** Slider look of option `key` (item `index` of an array option) of `method`, or null (no slider). */
export function paramLook(method, key, index) {
  const look = METHOD_PARAM_LOOK[method]?.[key] ?? PARAM_LOOK[key];
  if (!look) return null;
  return Array.isArray(look) ? (look[index ?? 0] ?? null) : look;
}

// The "schedule & regularization" group: options every first-order method shares (in the catalog
// under schedules[], averaging[] and the optimizers' own options), in the order shown. kind
// 'choice' lists the catalog's schedules or averaging entries (TeX per choice below).
export const COMMON_LOOK = [
  { key: 'schedule', kind: 'choice', from: 'schedules', label: '\\epsilon_k', title: 'learning-rate schedule' },
  { key: 'lr_final', label: '\\epsilon_\\tau', title: 'final learning rate' },
  { key: 'tau', label: '\\tau', title: 'decay steps' },
  { key: 'step_size', label: 's', title: 'steps between decays' },
  { key: 'gamma', label: '\\gamma', title: 'decay factor' },
  { key: 'warmup_steps', label: 'W', title: 'warm-up steps' },
  { key: 'warmup_start_factor', label: 'f', title: 'warm-up start factor', shownWhen: (o) => o.warmup_steps > 0 },
  { key: 'average', kind: 'choice', from: 'averaging', label: '\\hat\\theta', title: 'parameter averaging' },
  { key: 'ema_decay', label: '\\beta', title: 'EMA decay' },
  { key: 'weight_decay', label: '\\lambda', title: 'weight decay (L2)' },
  { key: 'clip_norm', label: 'c', title: 'clip gradient norm' },
  { key: 'clip_value', label: 'c', title: 'clip gradient values' },
];
export const CHOICE_LOOK = {
  schedules: {
    constant: { label: 'constant', tex: '\\epsilon_k = \\epsilon_0' },
    linear: { label: 'linear', tex: '\\epsilon_k = \\big(1 - \\tfrac{k}{\\tau}\\big)\\epsilon_0 + \\tfrac{k}{\\tau}\\,\\epsilon_\\tau \\;(k < \\tau),\\quad \\epsilon_k = \\epsilon_\\tau \\;(k \\ge \\tau)' },
    step: { label: 'step', tex: '\\epsilon_k = \\epsilon_0\\,\\gamma^{\\lfloor k/s \\rfloor}' },
    exponential: { label: 'exponential', tex: '\\epsilon_k = \\epsilon_0\\,\\gamma^{k}' },
    cosine: { label: 'cosine', tex: '\\epsilon_k = \\epsilon_\\tau + \\tfrac12(\\epsilon_0 - \\epsilon_\\tau)\\big(1 + \\cos\\tfrac{\\pi k}{\\tau}\\big) \\;(k < \\tau),\\quad \\epsilon_k = \\epsilon_\\tau \\;(k \\ge \\tau)' },
  },
  averaging: {
    none: { label: 'none' },
    polyak: { label: 'Polyak', tex: '\\hat\\theta_k = \\tfrac{1}{k}\\textstyle\\sum_{i=1}^{k} \\theta_i' },
    ema: { label: 'EMA', tex: '\\hat\\theta \\leftarrow \\beta\\hat\\theta + (1-\\beta)\\,\\theta' },
  },
};

export const DATASET_LABELS = {
  spiral: 'Spiral', circles: 'Circles', xor: 'XOR', gaussians: 'Gaussians', digits: 'Digits (8×8, 64-D)', inline: 'Your data',
  recall: 'Recall (sequence)', adding: 'Adding problem (sequence)',  // core/problems/sequence.hpp
};
export const ACTIVATION_LABELS = { linear: 'linear', tanh: 'tanh', sigmoid: 'sigmoid', relu: 'ReLU', leaky_relu: 'leaky ReLU' };
// The same names in Japanese (a name missing here shows in English: the page's translation test
// finds it). Person names stay in Latin letters with the word for "function".
export const DATASET_LABELS_JA = { spiral: 'スパイラル', circles: '同心円', xor: 'XOR', gaussians: 'ガウス分布の混合', digits: '手書き数字 (8×8, 64 次元)', inline: '自分のデータ',
  recall: '想起（系列）', adding: '加算問題（系列）' };
export const SURFACE_LABELS_JA = {
  rosenbrock: 'Rosenbrock 関数', beale: 'Beale 関数', booth: 'Booth 関数', himmelblau: 'Himmelblau 関数', saddle: '鞍点 x² − y²',
  monkey_saddle: 'モンキーサドル', quadratic: '悪条件の2次関数', cliff: '崖（勾配の爆発）',
  cd_counterexample: '座標降下法の反例', sparse_coding: 'スパースコーディング', formula: '自分の式 f(x, y)',
  rastrigin: 'Rastrigin 関数（局所最小値が多数）',
};
export const ACTIVATION_LABELS_JA = { linear: '線形', sigmoid: 'シグモイド', leaky_relu: 'リーキー ReLU' };
/** A label table in the page's language: the Japanese names over the English ones. */
export const labelsIn = (lang, en, ja) => (lang === 'ja' ? { ...en, ...ja } : en);
export const SURFACE_LABELS = {
  rosenbrock: 'Rosenbrock', beale: 'Beale', booth: 'Booth', himmelblau: 'Himmelblau', saddle: 'Saddle x² − y²',
  monkey_saddle: 'Monkey saddle', quadratic: 'Ill-conditioned quadratic', cliff: 'Cliff (exploding gradient)',
  cd_counterexample: 'Coordinate descent counterexample', sparse_coding: 'Sparse coding',
  rastrigin: 'Rastrigin (many local minima)',
  formula: 'Your formula f(x, y)',
};

// The formula a switch to the "formula" surface starts from (Beale's function, so a student can
// compare it with the built-in beale).
export const FORMULA_EXAMPLE = '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2';

// Racer colours: the Okabe–Ito palette (distinguishable with the common colour-vision
// deficiencies), ordered so the first racers get the most contrasting colours; yellow last.
export const RACER_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

// ---------------------------------------------------------------- slider scale
// A slider has SLIDER_STEPS positions over [min, max], linear or log10. A position stands for the
// simplest number (fewest significant digits) within half a position of it, so ε = 0.5 or 0.01 is
// reachable exactly; a value between positions shows at the nearest one and is kept as it is.
export const SLIDER_STEPS = 1000;
function at(scale, t) {
  return scale.log
    ? 10 ** (Math.log10(scale.min) + t * (Math.log10(scale.max) - Math.log10(scale.min)))
    : scale.min + t * (scale.max - scale.min);
}
export function sliderPosition(scale, v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 0;
  const t = scale.log
    ? (Math.log10(Math.max(v, Number.MIN_VALUE)) - Math.log10(scale.min)) / (Math.log10(scale.max) - Math.log10(scale.min))
    : (v - scale.min) / (scale.max - scale.min);
  return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
}
export function sliderValue(scale, position) {
  const p = Math.min(SLIDER_STEPS, Math.max(0, Math.round(position)));
  if (p === 0) return scale.min;
  if (p === SLIDER_STEPS) return scale.max;
  const v = at(scale, p / SLIDER_STEPS);
  if (scale.integer) return Math.round(v);
  const lo = at(scale, (p - 0.5) / SLIDER_STEPS), hi = at(scale, (p + 0.5) / SLIDER_STEPS);
  for (let digits = 1; digits <= 15; digits++) {
    const c = Number(v.toPrecision(digits));
    if (c >= lo && c <= hi) return c;
  }
  return v;
}
