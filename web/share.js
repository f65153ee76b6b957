// What the page hands out: the link to the experiment on screen, and the embed code for a course
// page (<opt-lab> with its inline JSON, or an <iframe>), carrying the speed and autoplay. No DOM;
// tested under Node (tests/node/web-url-state.test.mjs).
import { formatHash } from './url-state.js';

/** The page's own address for what is on screen. base: the folder URL holding index.html. */
export function shareLink(base, values) {
  return `${base}index.html${formatHash(values)}`;
}

/** Both embed forms. values: {spec, lang, speed, autoplay} (a race is in the spec's racers). The
 *  iframe's border is inside its 100% width (a frame at 390 px is not wider than its column). */
export function embedCode(base, values) {
  const config = { spec: values.spec };
  // Inside <script type="application/json">, "</" would end the element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const attrs = [
    values.lang && values.lang !== 'en' ? ` lang="${values.lang}"` : '',
    values.autoplay ? ' autoplay' : '',
    values.speed > 0 ? ` speed="${values.speed}"` : '',
  ].join('');
  const frameHash = formatHash({ ...values, heatmapRacer: values.heatmapRacer, embed: true });
  return `<script src="${base}opt-lab.js"></script>\n` +
    `<opt-lab${attrs}><script type="application/json">${json}</script></opt-lab>\n` +
    `<!-- or, without the script: <iframe src="${base}index.html${frameHash}" width="100%" height="760" style="box-sizing:border-box;border:1px solid #d5dae0" title="optlab"></iframe> -->`;
}
