// The address bar holds the link to what is on screen (url-state.js), rewritten in place (no
// history entries) after every accepted change. A link the worker rejected stays as it was, so its
// text can be corrected there, until the user changes the experiment; a language or speed switch
// meanwhile rewrites only those keys. Editing the hash by hand loads it.
import { parseHash, formatHash } from '../url-state.js';

export function mountAddressBar(app, { onLink }) {
  let written = null;
  let rejectedSpecText = null;   // the text of a rejected link's spec, kept in the address bar

  function write() {
    if (!app.state.spec) return;
    const v = { spec: app.state.spec, extraOptimizers: app.state.extraOptimizers, ...app.state.page };
    let h = formatHash(v);
    if (rejectedSpecText !== null) {
      // Keep the rejected spec (and racers) text exactly; the page flags follow the page.
      const raw = parseHash(location.hash);
      h = formatHash({ ...app.state.page, spec: undefined }).replace(/^#/, '');
      const kept = [`spec=${encodeURIComponent(rejectedSpecText)}`];
      if (raw.values.extraOptimizers) kept.push(`racers=${encodeURIComponent(JSON.stringify(raw.values.extraOptimizers))}`);
      h = '#' + [...kept, h].filter(Boolean).join('&');
    }
    if (location.hash !== h) history.replaceState(null, '', h);
    written = location.hash;
  }

  window.addEventListener('hashchange', () => {
    if (!app.state.spec || location.hash === written) return;
    onLink(parseHash(location.hash));
  });

  return {
    write,
    /** The link's spec was rejected: keep its text in the address bar. */
    keepRejected(text) { rejectedSpecText = text; },
    /** The user changed the experiment: the address bar follows the page again. */
    release() { rejectedSpecText = null; },
    /** The rejected link's spec text while it is kept, else null. */
    get rejectedText() { return rejectedSpecText; },
  };
}
