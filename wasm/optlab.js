// Node loader: instantiates build/wasm/optlab_node.{js,wasm} (CommonJS factory, synchronous
// compilation) and returns the API of wasm/api.js, with math.js loaded (formula surfaces;
// wasm/formula-loader.js), so every call of the lab takes a formula at once.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeLab } from './api.js';
import { loadFormula } from './formula-loader.js';

export { OptlabSpecError } from './api.js';

const here = dirname(fileURLToPath(import.meta.url));

export async function loadOptlab({ buildDir = join(here, '..', 'build', 'wasm') } = {}) {
  const script = join(buildDir, 'node', 'optlab_node.js');
  if (!existsSync(script)) throw new Error(`WebAssembly build not found at ${script}; run \`npm run build\` first`);
  const require = createRequire(import.meta.url);
  const createOptlab = require(script);
  const wasmBinary = readFileSync(join(buildDir, 'node', 'optlab_node.wasm'));
  const [Module] = await Promise.all([createOptlab({ wasmBinary }), loadFormula()]);
  return makeLab(Module);
}
