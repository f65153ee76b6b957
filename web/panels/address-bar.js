// The address bar holds the link to what is on screen (url-state.js), rewritten in place (no
// history entries) after every accepted change, so moving a slider does not flood the history.
// Opening a lesson from the tour is a navigation: push() adds a history entry first, so the
// browser's Back returns to the previous lesson (or the experiment before the tour) and Forward
// comes back. Back, Forward and editing the hash by hand load what the address names (onLink);
// the page's own writes are remembered (`written`) and never loaded again, so there is no loop.
// A link the worker rejected, or a lesson that does not open, stays as it was, so its text can be
// corrected there, until the user changes the experiment; a language or speed switch meanwhile
// rewrites only those keys.
import { parseHash, formatHash } from '../url-state.js';

export function mountAddressBar(app, { onLink }) {
  let written = null;
  // A link with a rejected part, kept in the address bar: {lessonText, specText, racersText,
  // specRejected} (texts as in the link, null when it had none), or null.
  let kept = null;

  // The address for what is on screen (or the kept link's texts with the page's current flags).
  function address() {
    // An untouched lesson's race is named by its id alone (#lesson=<id>, page.js lessonRace).
    const onLesson = !!app.lessonRace && app.lessonRace === app.raceKey();
    if (!kept) return formatHash({ spec: onLesson ? undefined : app.state.spec, ...app.state.page });
    // Keep the link's lesson, spec and racers text exactly; the page flags follow the page.
    const flags = formatHash({ ...app.state.page, spec: undefined, lesson: kept.lessonText == null ? app.state.page.lesson : undefined }).replace(/^#/, '');
    const texts = [['lesson', kept.lessonText], ['spec', kept.specText], ['racers', kept.racersText]]
      .filter(([, text]) => text != null).map(([key, text]) => `${key}=${encodeURIComponent(text)}`);
    return '#' + [...texts, flags].filter(Boolean).join('&');
  }

  function write() {
    if (!app.state.spec) return;
    // An address typed (or Back) while the page was still loading is loaded now, not written over.
    if (early) {
      early = false;
      if (location.hash !== written) { fromAddress(); return; }
    }
    const h = address();
    if (location.hash !== h) history.replaceState(null, '', h);
    written = location.hash;
  }

  // Back/Forward fire popstate and (when the hash differs) hashchange; a hand edit fires hashchange.
  // Either loads the address once.
  // Before the first race is on screen there is nothing to load it over: it waits for it (write()).
  let early = false;
  function fromAddress() {
    if (location.hash === written) return;
    if (!app.state.spec) { early = true; return; }
    written = location.hash;
    onLink(parseHash(location.hash));
  }
  window.addEventListener('hashchange', fromAddress);
  window.addEventListener('popstate', fromAddress);

  return {
    write,
    /** A navigation (the tour opened a lesson): a new history entry with the page's address as it
     *  is now (state.page names the new lesson; its race is on its way). The entry left keeps the
     *  address of what was on screen, so Back returns to it. */
    push() {
      kept = null;
      const h = formatHash({ ...app.state.page, spec: undefined });
      if (location.hash !== h) history.pushState(null, '', h);
      written = location.hash;
    },
    /** A part of the link was rejected: keep its text in the address bar.
     *  link: {lessonText, specText, racersText, specRejected} (specRejected: the spec itself, not only racers). */
    keepRejected(link) {
      kept = { lessonText: link.lessonText ?? null, specText: link.specText ?? null, racersText: link.racersText ?? null, specRejected: !!link.specRejected };
    },
    /** The user changed the experiment: the address bar follows the page again. */
    release() { kept = null; },
    /** The rejected link's spec text while it is kept, else null. */
    get rejectedText() { return kept?.specRejected ? kept.specText : null; },
  };
}
