// What the page calls each racer: its own "label" when the spec gives one, else what its patch
// sets differently from the base, in the page's language and the field's standard names
// (m = 16, full batch, He normal, batch norm, ε = 0.05, Adam …); a racer that sets nothing is
// named by its method, as the one-optimizer page does. No DOM; tested under Node.
import { t, lang } from './i18n.js';
import { lessonRacerLabel } from './lessons.js';
import { optimizerLabel } from './registry.js';
import { paramText } from './format.js';
import { changesOf, changeLabel } from './changes.js';

const INIT_LABELS = {
  glorot_normal: 'Glorot normal', glorot_uniform: 'Glorot uniform', he_normal: 'He normal', he_uniform: 'He uniform',
  lecun_normal: 'LeCun normal', lecun_uniform: 'LeCun uniform', orthogonal: 'orthogonal', default_uniform: 'U(±1/√m)',
  zeros: '0', identity: 'identity', sparse: 'sparse',
};
// In Japanese: the authors' names stay as they are written in Japanese texts (Glorot, He, LeCun —
// 「He の初期値」), with the distribution and the method's kind in Japanese (正規分布, 一様分布, 直交初期化).
const INIT_LABELS_JA = {
  glorot_normal: 'Glorot 初期化（正規分布）', glorot_uniform: 'Glorot 初期化（一様分布）',
  he_normal: 'He 初期化（正規分布）', he_uniform: 'He 初期化（一様分布）',
  lecun_normal: 'LeCun 初期化（正規分布）', lecun_uniform: 'LeCun 初期化（一様分布）',
  orthogonal: '直交初期化', identity: '単位行列', sparse: 'スパース初期化',
};
const NORM_KEYS = { none: 'normNone', batch_norm: 'normBatch', group_norm: 'normGroup', layer_norm: 'normLayer', instance_norm: 'normInstance' };
const nameOf = (v) => (typeof v === 'string' ? v : v && typeof v === 'object' ? v.name : undefined);

/** An initializer (a name or {name, …} as in a layer's init) as the page names it, in its language. */
export function initText(init) {
  const name = nameOf(init);
  if (name === 'random_normal') return `N(${paramText(init.mean ?? 0)}, ${init.stddev === 1 || init.stddev === undefined ? '1' : `${paramText(init.stddev)}²`})`;
  return (lang() === 'ja' ? INIT_LABELS_JA[name] : undefined) ?? INIT_LABELS[name] ?? String(name);
}

// The words for one top-level key of a racer's patch, or null (then the core's label says it).
// base: the base spec (a layer's init or norm is named only where it differs from the base's).
function keyText(key, v, running, base, compared) {
  switch (key) {
    case 'batch_size': return v === 'full' ? t('fullBatch') : `m = ${v}`;
    case 'shuffle': return t(v ? 'shuffleOn' : 'shuffleOff');
    case 'seed': return `seed ${v}`;
    case 'optimizer': {
      if (!v || typeof v !== 'object') return null;
      const parts = [];
      if (v.name !== undefined) parts.push(optimizerLabel(running?.optimizer?.name ?? v.name));
      if (typeof v.lr === 'number') parts.push(`ε = ${paramText(v.lr)}`);
      // Clipping (§10.11.1): a racer that clips differently is named by it; clip_norm 0 turns it off.
      const clip = [];
      if (typeof v.clip_norm === 'number') clip.push(v.clip_norm > 0 ? `clip_norm = ${paramText(v.clip_norm)}` : t('noClipping'));
      if (typeof v.clip_value === 'number' && v.clip_value > 0) clip.push(`clip_value = ${paramText(v.clip_value)}`);
      return [parts.join(' '), ...clip].filter(Boolean).join(', ') || null;
    }
    case 'network': {
      const layers = v?.layers;
      if (!Array.isArray(layers) || !layers.length || Object.keys(v).length > 1) return null;
      const parts = [];
      const baseLayers = base?.network?.layers ?? [];
      const differs = (k) => layers.some((l, j) => l[k] !== undefined && JSON.stringify(l[k]) !== JSON.stringify(baseLayers[j]?.[k]));
      const same = (k) => new Set(layers.map((l) => JSON.stringify(k === 'norm' ? nameOf(l.norm) ?? null : l[k] ?? null))).size === 1;
      // A race of Compare by names its field even where a racer keeps the base's value.
      const named = (k) => (compared ? compared === k : differs(k)) && same(k) && layers[0][k] !== undefined;
      if (named('init')) parts.push(initText(layers[0].init));
      if (named('norm')) parts.push(NORM_KEYS[nameOf(layers[0].norm)] ? t(NORM_KEYS[nameOf(layers[0].norm)]) : String(nameOf(layers[0].norm)));
      // A recurrent layer's W = ρ·Q (orthogonal Q times the gain): named by its spectral radius ρ (§8.2.5).
      const rec = layers[0].recurrent_init;
      if (differs('recurrent_init') && same('recurrent_init')) parts.push(nameOf(rec) === 'orthogonal' && typeof rec.gain === 'number' ? `ρ = ${paramText(rec.gain)}` : initText(rec));
      if (!parts.length && !compared && !differs('init') && !differs('norm') && !differs('recurrent_init') && layers.length === baseLayers.length) return '';
      return parts.length ? parts.join(', ') : null;
    }
    default: return null;
  }
}

/** Racer i's name (without its number). patch: spec.racers[i] or undefined (no race); racer: the
 *  worker's expanded {index, label, spec} (label: the core's default); base: the spec; compared:
 *  the field of a Compare by race ('init', 'norm', … state.js comparedField), or ''; lesson: the
 *  open lesson and i the racer's index — its own racer keeps the label but shows in the page's
 *  language (racer_labels, web/lessons.js lessonRacerLabel). The name says what the racer is from
 *  step 0; its recorded changes follow it ("ρ = 1.2, no clipping; clip_norm → 1 from step 40"), so a
 *  label never goes on naming a value the racer no longer uses — unless `changes` is false (a line
 *  that names the change itself). */
export function racerTitle(patch, racer, base, compared = '', { lesson = null, i = -1, changes = true } = {}) {
  const title = startTitle(patch, racer, base, compared, lesson, i);
  const list = changes ? changesOf(racer) : [];
  return list.length ? t('titleWithChanges', title, list.map((c) => t('changeFrom', changeLabel(c.set), c.step)).join(', ')) : title;
}

function startTitle(patch, racer, base, compared, lesson, i) {
  if (patch && typeof patch.label === 'string') return lessonRacerLabel(lesson, i, patch.label, lang()) ?? patch.label;
  const method = optimizerLabel(racer?.spec?.optimizer?.name ?? '');
  if (!patch || typeof patch !== 'object') return method;
  const keys = Object.keys(patch).filter((k) => k !== 'label');
  if (!keys.length) return method;
  const parts = keys.map((k) => keyText(k, patch[k], racer?.spec, base, compared)).filter((p) => p !== '');
  if (parts.some((p) => p === null)) return racer?.label || parts.filter(Boolean).join(', ');
  return parts.join(', ') || method;
}

/** What racer i's patch sets differently from the base, for its panel ('' when nothing but the
 *  optimizer, which the panel's own controls show). A key the patch sets to the base's own value
 *  (Compare by's m = 16 over a base at batch 16) is no difference. */
export function racerDiff(patch, racer, base, compared = '') {
  if (!patch || typeof patch !== 'object') return '';
  const asBase = (k) => base && typeof base === 'object' && JSON.stringify(base[k]) === JSON.stringify(patch[k]);
  const keys = Object.keys(patch).filter((k) => k !== 'label' && k !== 'optimizer' && !asBase(k));
  if (!keys.length) return '';
  const parts = keys.map((k) => keyText(k, patch[k], racer?.spec, base, compared)).filter((p) => p !== '');
  return parts.every((p) => p !== null) ? parts.join(', ') : (racer?.label ?? '');
}
