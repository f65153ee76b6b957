// Transport: Play/Pause, Step, Reset, Speed, and their keys — Space plays/pauses, → steps. The keys
// work wherever focus is except in a field that needs them (text, numbers, selects); after a click
// on Play or Step (focus stays on the button) → still steps and Space plays/pauses (on Step too,
// as the hint says), and Space on a slider still plays.
import { t } from '../i18n.js';
import { toWorker } from '../protocol.js';
import { byId, el, setText } from '../views/dom.js';

/** Whether a key press on `target` is the page's to take (pure; tested under Node with stand-ins). */
export function keyAction(key, target) {
  const tag = target?.tagName?.toLowerCase?.() ?? '';
  const type = (target?.type ?? '').toLowerCase();
  if (key !== ' ' && key !== 'ArrowRight') return null;
  const action = key === ' ' ? 'toggle' : 'step';
  if (target?.isContentEditable || tag === 'textarea' || tag === 'select') return null;
  if (tag === 'input') return type === 'range' && key === ' ' ? action : null;   // a slider has no use for Space
  if (tag === 'button' && target.id === 'step') return action;   // → steps, and Space plays/pauses as everywhere
  // A button, link or summary: Space is its own click; → means nothing to it, so it steps.
  if (tag === 'button' || tag === 'a' || tag === 'summary') return key === 'ArrowRight' ? action : null;
  return action;
}

export function mountTransport(app) {
  const play = byId('play'), step = byId('step'), reset = byId('reset'), speed = byId('speed');
  const sendStep = () => app.client.send(toWorker.step(1));
  function toggle() {
    if (!app.ready) return;
    app.client.send(app.playing ? toWorker.pause() : toWorker.play());
    app.playing = !app.playing;   // optimistic; the next frame confirms
    update(false);
  }
  play.addEventListener('click', toggle);
  step.addEventListener('click', sendStep);
  reset.addEventListener('click', () => app.client.send(toWorker.reset()));
  speed.addEventListener('change', () => {
    app.state.page.speed = Number(speed.value);
    app.client.send(toWorker.speed(app.state.page.speed));
    app.pageChanged();
  });
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const action = keyAction(e.key, e.target);
    if (!action) return;
    e.preventDefault();
    if (action === 'toggle') toggle(); else sendStep();
  });

  function update(finished) {
    setText(play, app.playing ? t('pause') : t('play'));
    play.dataset.i18n = app.playing ? 'pause' : 'play';
    if (play.getAttribute('aria-pressed') !== String(app.playing)) play.setAttribute('aria-pressed', String(app.playing));
    play.disabled = !app.ready || finished;
    step.disabled = !app.ready || finished;
  }
  return {
    update,
    enable() { for (const b of [play, step, reset]) b.disabled = false; },
    /** Shows a speed; one the menu does not offer (an embed's speed="120") is added to it. */
    showSpeed(v) {
      if (![...speed.options].some((o) => o.value === String(v))) speed.append(el('option', { value: String(v), textContent: `${v} ${t('kRate')}` }));
      speed.value = String(v);
    },
  };
}
