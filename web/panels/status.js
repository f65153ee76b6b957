// Status and messages: the step/epoch/loss readouts, progress, the run's state (also body
// data-state for tests), and the error, warning and divergence boxes. Text only (textContent):
// nothing from a spec, a link or the worker is ever parsed as markup.
import { t, lang } from '../i18n.js';
import { localizeCoreMessage, localizeLines } from '../core-messages.js';
import { statText } from '../format.js';
import { valueColumn, lastRow } from '../curves.js';
import { byId, setText, el } from '../views/dom.js';
import { controlFor } from '../field-controls.js';
import { divergenceCause, divergenceMessage } from '../divergence.js';

// A box of messages. The error box also marks the control that shows the field it names (red
// outline, aria-invalid, described by the box), until the error is cleared or another is shown.
function box(id, { markField = false } = {}) {
  const e = byId(id);
  let marked = null;
  function unmark() {
    if (!marked) return;
    marked.classList.remove('invalid');
    marked.removeAttribute('aria-invalid');
    if (marked.getAttribute('aria-describedby') === id) marked.removeAttribute('aria-describedby');
    marked = null;
  }
  return {
    show(text, field) {
      e.textContent = text;
      e.hidden = false;
      e.dataset.seq = String(Number(e.dataset.seq ?? 0) + 1);
      if (field !== undefined) { if (field) e.dataset.field = field; else delete e.dataset.field; }
      if (!markField) return;
      unmark();
      marked = field ? controlFor(field, byId) : null;
      if (!marked) return;
      marked.classList.add('invalid');
      marked.setAttribute('aria-invalid', 'true');
      if (!marked.hasAttribute('aria-describedby')) marked.setAttribute('aria-describedby', id);
    },
    clear() { e.hidden = true; e.textContent = ''; if (markField) unmark(); },
  };
}

const STATE_TEXT = { diverged: 'stDiverged', finished: 'stFinished', playing: 'stTraining', paused: 'stPaused', ready: 'stReady', busy: 'stBusy' };

/** The run's state word from a frame. */
function runState(frame) {
  if (frame.done && frame.diverged) return 'diverged';
  if (frame.done) return 'finished';
  if (frame.playing) return 'playing';
  return frame.stepCount > 0 ? 'paused' : 'ready';
}

export function mountStatus() {
  const error = box('error', { markField: true }), warning = box('warning');
  const setBodyState = (s) => { if (document.body.dataset.state !== s) document.body.dataset.state = s; };
  setBodyState('loading');
  function stat(id, value, text) {
    const e = byId(id);
    setText(e, text);
    const v = String(value);
    if (e.dataset.value !== v) e.dataset.value = v;
  }
  return {
    error, warning, setBodyState,
    /** A line in the status area: what the page just did with an edit (changed without reset,
     *  restarted and why); '' clears it. action {label, run}: a button after the text that offers
     *  what the line proposes (#notice-action; the restart of a race for a racer that stopped). */
    notice(text, action = null) {
      const n = byId('notice');
      if (!action) { if (n.firstElementChild) n.replaceChildren(); setText(n, text); return; }
      const b = el('button', { type: 'button', id: 'notice-action', className: 'small', textContent: action.label });
      b.addEventListener('click', () => { b.disabled = true; action.run(); });
      n.replaceChildren(`${text} `, b);
    },
    /** Readouts from a frame and the curves; racerName(i) for the divergence lines, racers
     *  (state.racers: each racer's complete spec) for their likely cause. */
    update(frame, curves, racerName, racers = []) {
      // The race's step and length: the furthest racer's (the frame's own are racer 1's, which stop
      // where racer 1 diverged while the others play on: "5 / 300" for a race at step 200).
      const ups = frame.updates ?? [];
      const step = Math.max(frame.stepCount, ...ups.map((u) => u.stepCount ?? 0));
      const total = Math.max(frame.totalSteps, ...ups.map((u) => u.totalSteps ?? 0));
      stat('stat-step', step, `${step} / ${total}`);
      const progress = byId('progress');
      if (progress.max !== Math.max(1, total)) progress.max = Math.max(1, total);
      if (progress.value !== step) progress.value = step;
      const L = lastRow(curves), c = curves.col;
      const get = (name) => (L && name !== undefined && c[name] !== undefined ? L[c[name]] : NaN);
      if (L) {
        stat('stat-epoch', get('epoch'), statText(get('epoch')));
        stat('stat-loss', get(valueColumn(curves)), statText(get(valueColumn(curves))));
        stat('stat-test-loss', get('test_loss'), Number.isFinite(get('test_loss')) ? statText(get('test_loss')) : '–');   // NaN: no test set
        const acc = get('test_acc');
        stat('stat-test-acc', acc, Number.isFinite(acc) ? `${(acc * 100).toFixed(1)}%` : '–');
      }
      setText(byId('stat-rate'), frame.playing && frame.stepsPerSecond ? String(Math.round(frame.stepsPerSecond)) : '–');
      const s = runState(frame);
      // A step that takes long: say the worker is at it (Pause and Reset still answer).
      const busy = !!frame.busy && s === 'playing';
      setText(byId('stat-state'), t(busy ? STATE_TEXT.busy : STATE_TEXT[s]));
      setBodyState(s);
      if (document.body.dataset.busy !== String(busy)) document.body.dataset.busy = String(busy);
      const lines = [];
      (frame.updates ?? []).forEach((u, i) => {
        // A racer whose run failed stopped with its error; the others went on (worker pool).
        if (u.error) lines.push(t('racerFailed', racerName(i), localizeLines(u.error, lang())));
        else if (u.diverged) {
          // The likely cause from what the run is (divergence.js): exploding gradients in a
          // recurrent net without clipping, else the learning rate (the core's own clause).
          const cause = divergenceCause(racers?.[i], u.stepCount);
          const why = localizeCoreMessage(divergenceMessage(u.diverged, cause), '', lang());
          const one = frame.updates.length === 1;
          if (cause === 'exploding') lines.push(one ? t('divergedExplodingMsg', why, t('explodingCause')) : t('racerDivergedExploding', racerName(i), why, t('explodingCause')));
          else lines.push(one ? t('divergedMsg', why) : t('racerDiverged', racerName(i), why));
        }
      });
      const dv = byId('diverged');
      if (lines.length) { setText(dv, lines.join('\n')); dv.hidden = false; } else if (!dv.hidden) { dv.hidden = true; dv.textContent = ''; }
    },
  };
}
