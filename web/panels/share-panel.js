// Share and export: the JSON box (the spec on screen, or a rejected link's text to correct; Apply
// sends what is typed), Copy link, Copy embed code, the autoplay flag both carry, and the exports. Where the clipboard is not available (a
// course server over plain http), the text is shown selected in a box, to copy by hand.
import { t } from '../i18n.js';
import { parseSpecText } from '../spec-text.js';
import { shareLink, embedCode } from '../share.js';
import { exportCsv, exportJson, exportPng } from '../views/export.js';
import { optimizersOf } from '../state.js';
import { byId } from '../views/dom.js';

export function mountSharePanel(app, { canvases, racerName }) {
  const base = () => new URL('./', location.href).href;
  const values = () => ({ spec: app.state.spec, ...app.state.page });
  // A page flag the link and the embed code carry (autoplay=1, <opt-lab autoplay>).
  const autoplay = byId('autoplay');
  autoplay.checked = app.state.page.autoplay;
  autoplay.addEventListener('change', () => { app.state.page.autoplay = autoplay.checked; app.pageChanged(); });

  byId('apply').addEventListener('click', () => {
    const { spec, note } = parseSpecText(byId('spec').value);
    app.requestSpec(spec, 'json', note);
  });

  const manual = byId('copy-manual'), manualText = byId('copy-text');
  function showManual(text) {
    manual.hidden = false;
    manualText.value = text;
    manualText.focus();
    manualText.select();
  }
  byId('copy-close').addEventListener('click', () => { manual.hidden = true; });

  async function copy(button, text, okKey) {
    button.dataset.copied = text;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard here');
      await navigator.clipboard.writeText(text);
      button.textContent = t(okKey);
      manual.hidden = true;
    } catch {
      button.textContent = t('copyFailed');
      showManual(text);
    }
    setTimeout(() => { button.textContent = t(button.dataset.i18n); }, 1500);
  }
  byId('copy-link').addEventListener('click', () => copy(byId('copy-link'), shareLink(base(), values()), 'linkCopied'));
  byId('copy-embed').addEventListener('click', () => copy(byId('copy-embed'), embedCode(base(), values()), 'embedCopied'));

  const exportData = () => ({
    spec: app.state.spec, optimizers: optimizersOf(app.state), columns: app.curves.columns, curves: app.curves.racers,
  });
  byId('export-csv').addEventListener('click', () => exportCsv(exportData()));
  byId('export-json').addEventListener('click', () => exportJson(exportData()));
  byId('export-png').addEventListener('click', () => exportPng(canvases(), optimizersOf(app.state).map((o, i) => [app.colourOf(i), racerName(i)])));

  return {
    /** The JSON box shows the running spec, or `text` (a rejected link's spec, to correct). */
    sync(text) {
      if (typeof text !== 'string') { byId('spec').value = JSON.stringify(app.state.spec, null, 2); return; }
      try { byId('spec').value = JSON.stringify(JSON.parse(text), null, 2); } catch { byId('spec').value = text; }
    },
  };
}
