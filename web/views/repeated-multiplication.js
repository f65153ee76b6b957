// The "repeated-multiplication" view (book §8.2.5, eq. 8.11–8.13): ‖Wᵗv‖ against t for a matrix W
// with the eigenvalues the student types, its eigen-components |c_i||λ_i|ᵗ (those with |λ| > 1
// explode, those with |λ| < 1 vanish), and an untied chain W_t⋯W_1 v of independent matrices with the
// same eigenvalues. The worker computes the core's readout (web/worker/repeated-multiplication.js);
// data: repeated-multiplication-data.js. Mounted by page.js into <details id="repmul">.
import uPlot from 'uplot';
import { toWorker } from '../protocol.js';
import { logRange, logTicks } from './chart-data.js';
import { logTickTexts, linearTickTexts, statText } from '../format.js';
import { el, setText } from './dom.js';
import { t, addTexts, lang } from '../i18n.js';
import { localizeCoreMessage } from '../core-messages.js';
import { parseEigenvalues, repeatedMultiplicationData, growthPerStep } from './repeated-multiplication-data.js';

addTexts({
  en: {
    rmSummary: 'Repeated multiplication ‖Wᵗv‖ — long-term dependencies (§8.2.5)',
    rmEigen: 'eigenvalues λ of W',
    rmLength: 'steps t',
    rmTied: 'same W every step: ‖Wᵗv‖',
    rmUntied: 'independent W₁ … Wₜ: ‖Wₜ⋯W₁v‖',
    rmComponent: '|cᵢ| |λᵢ|ᵗ, λ = {0}',
    rmGrowth: 'growth per step: same W ×{0} (max |λ| = {1}), independent W ×{2}',
    rmCaption: 'A recurrent network multiplies by the same W at every step: with W = Q diag(λ) Qᵀ, Wᵗv = Q diag(λ)ᵗ Qᵀv (eq. 8.12), so the part of v along each eigenvector is multiplied by λᵢᵗ — components with |λ| > 1 explode, those with |λ| < 1 vanish, and ‖Wᵗv‖ soon follows the largest |λ| alone (thin lines: the components, thick: ‖Wᵗv‖, log scale). A chain of independent matrices with the same eigenvalues (dashed) mixes the directions at every step and grows at a rate between them. v is a random unit vector; the core computes it (the readout spec in docs/recurrent.md).',
  },
  ja: {
    rmSummary: '繰り返しの掛け算 ‖Wᵗv‖ — 長期依存性（§8.2.5）',
    rmEigen: 'W の固有値 λ',
    rmLength: 'ステップ数 t',
    rmTied: '毎ステップ同じ W: ‖Wᵗv‖',
    rmUntied: '独立な W₁ … Wₜ: ‖Wₜ⋯W₁v‖',
    rmComponent: '|cᵢ| |λᵢ|ᵗ、λ = {0}',
    rmGrowth: '1 ステップあたりの増加: 同じ W ×{0}（max |λ| = {1}）、独立な W ×{2}',
    rmCaption: '再帰型ネットワークは毎ステップ同じ W を掛ける。W = Q diag(λ) Qᵀ なら Wᵗv = Q diag(λ)ᵗ Qᵀv（式 8.12）なので、v の各固有ベクトル方向の成分は λᵢᵗ 倍になる。|λ| > 1 の成分は爆発し、|λ| < 1 の成分は消失し、‖Wᵗv‖ はすぐに最大の |λ| だけに従う（細線: 各成分、太線: ‖Wᵗv‖、対数軸）。同じ固有値を持つ独立な行列の積（破線）は毎ステップ方向を混ぜ、その間の速さで増える。v はランダムな単位ベクトルで、計算はコアが行う（readout の仕様は docs/recurrent.md）。',
  },
});

const COMPONENT_COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#e377c2'];
const fmt = (v) => (Number.isFinite(v) ? statText(v) : '–');

/** Mounts the view into root (<details id="repmul">); it asks the worker when opened or changed. */
export function mountRepeatedMultiplication({ root, client, seed = () => 1 }) {
  const summary = root.querySelector('summary');
  const eigen = el('input', { id: 'rm-eigen', type: 'text', value: '1.1, 0.9, 0.5, -0.3', spellcheck: false });
  const length = el('input', { id: 'rm-length', type: 'number', value: '50', min: '1', max: '1000', step: '1' });
  const eigenLabel = el('label', { htmlFor: 'rm-eigen' });
  const lengthLabel = el('label', { htmlFor: 'rm-length' });
  const status = el('p', { className: 'rm-status' });
  const chart = el('div', { id: 'rm-chart', className: 'chart' });
  const caption = el('p', { className: 'caption' });
  status.setAttribute('role', 'status');
  root.append(el('div', { className: 'rm-body' }, el('div', { className: 'rm-controls' }, eigenLabel, eigen, lengthLabel, length), status, chart, caption));
  let id = 0, plot = null, last = null;

  function request() {
    const n = Number(length.value);
    client.send(toWorker.repeatedMultiplication({ id: ++id, eigenvalues: parseEigenvalues(eigen.value), length: Number.isFinite(n) ? n : length.value, seed: seed() }));
  }

  function draw() {
    plot?.destroy();
    plot = null;
    chart.dataset.points = '0';
    if (!last) return;
    if (last.error) {
      status.classList.add('error');
      setText(status, localizeCoreMessage(last.error, last.field ?? '', lang()));
      return;
    }
    status.classList.remove('error');
    const { data, lambdas } = repeatedMultiplicationData(last.columns, last.request.eigenvalues);
    const maxAbs = Math.max(...lambdas.map((l) => Math.abs(l)));
    setText(status, t('rmGrowth', fmt(growthPerStep(data[1])), fmt(maxAbs), fmt(growthPerStep(data[2]))));
    const series = [
      { label: 't' },
      { label: t('rmTied'), stroke: '#1b1f24', width: 3, spanGaps: true },
      { label: t('rmUntied'), stroke: '#5b6470', width: 2, dash: [7, 4], spanGaps: true },
      ...lambdas.map((l, i) => ({ label: t('rmComponent', String(l)), stroke: COMPONENT_COLOURS[i % COMPONENT_COLOURS.length], width: 1.2, spanGaps: true })),
    ];
    plot = new uPlot({
      width: Math.max(240, Math.min(720, root.clientWidth - 24)), height: 260,
      scales: { x: { time: false }, y: { distr: 3, range: (u) => logRange(u.data.slice(1)) } },
      axes: [
        { label: 't', values: (u, s) => linearTickTexts(s) },
        { label: '‖·‖', splits: (u) => logTicks(u.scales.y.min, u.scales.y.max, 6), filter: (u, s) => s, values: (u, s) => logTickTexts(s), size: 60 },
      ],
      series,
      cursor: { drag: { x: true, y: false } },
    }, data, chart);
    chart.dataset.points = String(data.slice(1).reduce((s, ys) => s + ys.filter((y) => y !== null).length, 0));
  }

  function relabel() {
    setText(summary, t('rmSummary'));
    setText(eigenLabel, t('rmEigen'));
    setText(lengthLabel, t('rmLength'));
    setText(caption, t('rmCaption'));
    if (root.open) draw();
  }

  client.on('repeatedMultiplication', (msg) => {
    if (msg.id !== id) return;
    last = msg;
    draw();
  });
  root.addEventListener('toggle', () => { if (root.open && !last) request(); });
  // (The worker drops requests until its module has loaded: ask again once it is ready.)
  client.on('ready', () => { if (root.open && !last) request(); });
  eigen.addEventListener('change', request);
  length.addEventListener('change', request);
  relabel();
  return { relabel };
}
