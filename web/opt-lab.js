// <opt-lab>: one experiment of the lab on any page. Load this script (a classic script; no
// module support needed) from wherever dist/ is hosted, then place elements:
//
//   <script src="https://course.example/optlab/opt-lab.js"></script>
//   <opt-lab lang="ja" autoplay><script type="application/json">
//     {"spec": {...}, "racers": [{"name": "adam", "lr": 0.01}]}
//   </script></opt-lab>
//   <opt-lab spec='{"seed": 3, ...}' racers='[{"name": "sgd", "lr": 0.05}]' height="700"></opt-lab>
//   <opt-lab lesson="momentum" lang="ja"></opt-lab>     a lesson of the chapter tour (lessons/<id>.json)
//
// Configuration: an inline JSON script child ({"spec", "racers", "lang"} or a bare spec) and/or the
// attributes lesson (a lesson id: its race, text and claim; it plays to its end), spec, racers (JSON text), lang (en|ja), autoplay, speed (steps per second the page
// offers: 300 or 30; default full speed), height (px), src (the folder of
// index.html, default: next to this script). Each element shows the lab in its own iframe
// (index.html#spec=…&embed=1), so every instance has its own worker and wasm module, and the
// course page's CSS and the lab's cannot disturb each other. Bad configuration is reported inside
// the frame by the lab itself (with a safe default experiment); nothing from the configuration is
// ever parsed as markup here — it only travels, URL-encoded, in the frame's address.
(() => {
  const script = document.currentScript;
  const HERE = script && script.src ? new URL('./', script.src).href : new URL('./', location.href).href;
  const ATTRS = ['lesson', 'spec', 'racers', 'lang', 'autoplay', 'speed', 'height', 'src'];

  function readConfig(elem) {
    const cfg = { spec: null, racers: null, lang: null };
    const inline = elem.querySelector('script[type="application/json"]');
    if (inline) {
      const text = inline.textContent.trim();
      let obj;
      try { obj = JSON.parse(text); } catch { obj = undefined; }
      if (obj === undefined) cfg.spec = text;        // the lab reports where it breaks
      else if (obj && typeof obj === 'object' && !Array.isArray(obj) && 'spec' in obj) {
        cfg.spec = obj.spec;
        cfg.racers = obj.racers ?? null;
        cfg.lang = typeof obj.lang === 'string' ? obj.lang : null;
      } else cfg.spec = obj;
    }
    if (elem.hasAttribute('spec')) cfg.spec = elem.getAttribute('spec');
    if (elem.hasAttribute('racers')) cfg.racers = elem.getAttribute('racers');
    if (elem.hasAttribute('lang')) cfg.lang = elem.getAttribute('lang');
    return cfg;
  }

  const asText = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

  class OptLab extends HTMLElement {
    static get observedAttributes() { return ATTRS; }

    // The element is upgraded at its start tag, before its inline JSON child has been parsed:
    // while the document is still loading, wait for it.
    connectedCallback() {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.render(), { once: true });
      else this.render();
    }

    attributeChangedCallback() { if (this.frame) this.render(); }

    render() {
      const cfg = readConfig(this);
      const parts = [];
      // The lab checks the id (lower-case words joined by -) and says so when there is no such lesson.
      if (this.hasAttribute('lesson')) parts.push('lesson=' + encodeURIComponent(this.getAttribute('lesson')));
      if (cfg.spec != null) parts.push('spec=' + encodeURIComponent(asText(cfg.spec)));
      if (cfg.racers != null) parts.push('racers=' + encodeURIComponent(asText(cfg.racers)));
      if (cfg.lang === 'ja') parts.push('lang=ja');
      if (this.hasAttribute('autoplay')) parts.push('autoplay=1');
      // Paced play so a class can watch the run; the lab ignores values it does not offer.
      const speed = Number(this.getAttribute('speed'));
      if (Number.isInteger(speed) && speed > 0) parts.push('speed=' + speed);
      parts.push('embed=1');
      let base = HERE;
      const src = this.getAttribute('src');
      if (src) {
        // Only a web address: never a javascript: or data: URL into the frame.
        try {
          const u = new URL(src.endsWith('/') ? src : src + '/', location.href);
          if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'file:') base = u.href;
        } catch { base = HERE; }
      }
      const h = Number(this.getAttribute('height'));
      const height = Number.isFinite(h) && h >= 200 ? Math.min(h, 4000) : 780;
      if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
      const frame = document.createElement('iframe');
      frame.src = `${base}index.html#${parts.join('&')}`;
      frame.title = this.getAttribute('title') || 'optlab experiment';
      frame.style.cssText = `display:block;box-sizing:border-box;width:100%;height:${height}px;border:1px solid #d5dae0;border-radius:6px;background:white`;
      frame.setAttribute('allow', 'clipboard-write');
      this.shadowRoot.replaceChildren(frame);
      this.frame = frame;
    }
  }

  if (!customElements.get('opt-lab')) customElements.define('opt-lab', OptLab);
})();
