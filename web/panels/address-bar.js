// The address bar holds the link to what is on screen (url-state.js), rewritten in place (no
// history entries) after every accepted change. A link the worker rejected stays as it was, so its
// text can be corrected there, until the user changes the experiment; a language or speed switch
// meanwhile rewrites only those keys. Editing the hash by hand loads it.
import { parseHash, formatHash } from '../url-state.js';

export function mountAddressBar(app, { onLink }) {
  let written = null;
  // A link with a rejected part, kept in the address bar: {specText, racersText, specRejected}
  // (texts as in the link, null when it had none), or null.
  let kept = null;

  function write() {
    if (!app.state.spec) return;
    // An untouched lesson's race is named by its id alone (#lesson=<id>, page.js lessonRace).
    const onLesson = !!app.lessonRace && app.lessonRace === app.raceKey();
    const v = { spec: onLesson ? undefined : app.state.spec, ...app.state.page };
    let h = formatHash(v);
    if (kept) {
      // Keep the link's spec and racers text exactly; the page flags follow the page.
      const flags = formatHash({ ...app.state.page, spec: undefined }).replace(/^#/, '');
      const texts = [['spec', kept.specText], ['racers', kept.racersText]]
        .filter(([, text]) => text != null).map(([key, text]) => `${key}=${encodeURIComponent(text)}`);
      h = '#' + [...texts, flags].filter(Boolean).join('&');
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
    /** A part of the link was rejected: keep its text in the address bar.
     *  link: {specText, racersText, specRejected} (specRejected: the spec itself, not only racers). */
    keepRejected(link) { kept = { specText: link.specText ?? null, racersText: link.racersText ?? null, specRejected: !!link.specRejected }; },
    /** The user changed the experiment: the address bar follows the page again. */
    release() { kept = null; },
    /** The rejected link's spec text while it is kept, else null. */
    get rejectedText() { return kept?.specRejected ? kept.specText : null; },
  };
}
