// Browser/worker loader: the ES module factory built by Emscripten (optlab_web.js) finds
// optlab_web.wasm next to itself; `locateFile` can point elsewhere.
//
// The compiled module is kept (lab.wasmModule, a WebAssembly.Module) so that the race's pool
// workers (web/worker/pool.js) instantiate that one module instead of each fetching and compiling
// the ~5 MB binary again: a WebAssembly.Module posted to another worker of the same page shares its
// compiled code (WebAssembly JS API, "structured serialization" of WebAssembly.Module), so the
// engine compiles — and optimizes hot functions — once for all of them.
import createOptlab from '../build/wasm/optlab_web.js';
import { makeLab } from './api.js';

export { OptlabSpecError } from './api.js';

// The module at `url`: streaming compilation, or, where the server does not send
// application/wasm (streaming refuses it), compilation from the fetched bytes.
async function compileFrom(url) {
  const get = () => fetch(url, { credentials: 'same-origin' }).then((r) => {
    if (!r.ok) throw new Error(`failed to load the wasm module at '${url}' (HTTP ${r.status})`);
    return r;
  });
  if (typeof WebAssembly.compileStreaming === 'function') {
    try { return await WebAssembly.compileStreaming(get()); } catch (e) {
      if (!(e instanceof TypeError)) throw e;   // TypeError: wrong MIME type; compile the bytes instead
    }
  }
  return WebAssembly.compile(await (await get()).arrayBuffer());
}

/** Loads the module and returns the lab (wasm/api.js makeLab) with `wasmModule` set.
 *  module: a WebAssembly.Module compiled from optlab_web.wasm (another lab's wasmModule): it is
 *  instantiated, nothing is fetched. Rejects when the binary cannot be fetched or instantiated. */
export async function loadOptlab({ locateFile, module = null } = {}) {
  let wasmUrl = null, compiled = null, fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  const Module = await Promise.race([failed, createOptlab({
    // Called by the factory with the binary's name before it instantiates (its scriptDirectory is
    // the directory of optlab_web.js): where to fetch it from.
    locateFile: (path, dir) => (wasmUrl = locateFile ? locateFile(path, dir) : dir + path),
    // Emscripten's hook: instantiate with the factory's imports and hand the instance back.
    instantiateWasm(imports, receiveInstance) {
      (module ? Promise.resolve(module) : compileFrom(wasmUrl))
        .then((m) => { compiled = m; return WebAssembly.instantiate(m, imports); })
        .then((instance) => receiveInstance(instance, compiled))
        .catch(fail);
      return {};   // the exports arrive through receiveInstance
    },
  })]);
  const lab = makeLab(Module);
  lab.wasmModule = compiled;
  return lab;
}
