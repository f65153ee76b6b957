// Browser/worker loader: the ES module factory built by Emscripten (optlab_web.js) finds
// optlab_web.wasm next to itself; `locateFile` can point elsewhere.
import createOptlab from '../build/wasm/optlab_web.js';
import { makeLab } from './api.js';

export { OptlabSpecError } from './api.js';

export async function loadOptlab({ locateFile } = {}) {
  const Module = await createOptlab(locateFile ? { locateFile } : {});
  return makeLab(Module);
}
