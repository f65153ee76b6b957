// `build`: native (CMake + g++), WebAssembly (emcmake + Emscripten) and the web bundle (web/build.mjs).
// Each step returns { ok, skipped, message }. CMake decides what is out of date, so a second
// run only rebuilds what changed.
import fs from 'node:fs';
import path from 'node:path';
import { run, lastLines, seconds } from './proc.mjs';

const SYSTEM_EM_CACHE = '/usr/share/emscripten/cache';

function configured(dir) {
  return fs.existsSync(path.join(dir, 'CMakeCache.txt'))
    && (fs.existsSync(path.join(dir, 'Makefile')) || fs.existsSync(path.join(dir, 'build.ninja')));
}

function report(step, r, { say, out, started }) {
  if (r.code === 0) return { ok: true, message: `${step}: ok (${seconds(started)})` };
  // When output went to a log file, show its end here so the error is visible without opening it.
  if (out !== 'inherit' && out !== 'stderr') {
    say(`${step}: FAILED (exit ${r.code}); last lines of the log:\n${lastLines(r.output, 40)}\n(full log: ${out})`);
  }
  return { ok: false, message: `${step}: FAILED (exit ${r.code})` };
}

function needCMakeLists(root, step) {
  if (fs.existsSync(path.join(root, 'CMakeLists.txt'))) return null;
  return { ok: false, message: `${step}: FAILED — there is no CMakeLists.txt at ${root} yet, so nothing can be built` };
}

export async function buildNative({ root, say, out = 'inherit', target = null }) {
  const missing = needCMakeLists(root, 'native build');
  if (missing) return missing;
  const started = Date.now();
  const dir = path.join(root, 'build', 'native');
  if (!configured(dir)) {
    say('native: configuring build/native (cmake, Release)');
    const c = await run('cmake', ['-S', '.', '-B', 'build/native', '-DCMAKE_BUILD_TYPE=Release'], { cwd: root, out });
    if (c.code !== 0) return report('native configure', c, { say, out, started });
  }
  const args = ['--build', 'build/native', '-j2', ...(target ? ['--target', target] : [])];
  say(`native: building (cmake ${args.join(' ')})`);
  const b = await run('cmake', args, { cwd: root, out });
  return report('native build', b, { say, out, started });
}

// The native tests and runner again, with AddressSanitizer and UndefinedBehaviorSanitizer, in
// build/sanitize (RelWithDebInfo at -O1: fast enough to run, stacks readable). Only `npm test`
// builds it; runSanitizeSuite (test-suites.mjs) runs it.
export async function buildSanitize({ root, say, out = 'inherit' }) {
  const missing = needCMakeLists(root, 'sanitize build');
  if (missing) return missing;
  const started = Date.now();
  const dir = path.join(root, 'build', 'sanitize');
  if (!configured(dir)) {
    say('sanitize: configuring build/sanitize (cmake, -fsanitize=address,undefined)');
    const c = await run('cmake', ['-S', '.', '-B', 'build/sanitize', '-DCMAKE_BUILD_TYPE=RelWithDebInfo',
      '-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g', '-DOPTLAB_SANITIZE=ON'], { cwd: root, out });
    if (c.code !== 0) return report('sanitize configure', c, { say, out, started });
  }
  const args = ['--build', 'build/sanitize', '-j2', '--target', 'optlab_tests', 'optlab_native'];
  say(`sanitize: building (cmake ${args.join(' ')})`);
  const b = await run('cmake', args, { cwd: root, out });
  return report('sanitize build', b, { say, out, started });
}

// Debian's default Emscripten cache is under /usr/share and read-only for non-root users, so
// builds use build/emcache. It is seeded once from the system cache when that one is readable
// (it holds prebuilt libc/libc++ variants); otherwise Emscripten fills it on the first build,
// which takes several minutes.
export function wasmEnv(root, say) {
  const cache = path.join(root, 'build', 'emcache');
  if (!fs.existsSync(cache)) {
    const seed = path.join(SYSTEM_EM_CACHE, 'sysroot');
    let seeded = false;
    if (fs.existsSync(path.join(SYSTEM_EM_CACHE, 'sysroot_install.stamp')) && fs.existsSync(seed)) {
      say(`wasm: seeding build/emcache from ${SYSTEM_EM_CACHE} (one time, ~750 MB)`);
      const tmp = `${cache}.partial`;
      try {
        fs.rmSync(tmp, { recursive: true, force: true });
        fs.mkdirSync(tmp, { recursive: true });
        fs.cpSync(seed, path.join(tmp, 'sysroot'), { recursive: true, preserveTimestamps: true });
        fs.copyFileSync(path.join(SYSTEM_EM_CACHE, 'sysroot_install.stamp'), path.join(tmp, 'sysroot_install.stamp'));
        fs.renameSync(tmp, cache);
        seeded = true;
      } catch (err) {
        say(`wasm: could not seed the cache (${err.message}); Emscripten will build it`);
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
    if (!seeded) {
      fs.mkdirSync(cache, { recursive: true });
      say('wasm: build/emcache is empty — the first wasm build compiles the Emscripten system libraries (several minutes)');
    }
  }
  const nodePath = ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  return { ...process.env, NODE_PATH: nodePath, EM_CACHE: cache };
}

export async function buildWasm({ root, say, out = 'inherit' }) {
  const missing = needCMakeLists(root, 'wasm build');
  if (missing) return missing;
  const started = Date.now();
  const env = wasmEnv(root, say);
  const dir = path.join(root, 'build', 'wasm');
  if (!configured(dir)) {
    say('wasm: configuring build/wasm (emcmake cmake, Release)');
    const c = await run('emcmake', ['cmake', '-S', '.', '-B', 'build/wasm', '-DCMAKE_BUILD_TYPE=Release'], { cwd: root, env, out });
    if (c.code !== 0) return report('wasm configure', c, { say, out, started });
  }
  say('wasm: building (cmake --build build/wasm -j2)');
  const b = await run('cmake', ['--build', 'build/wasm', '-j2'], { cwd: root, env, out });
  return report('wasm build', b, { say, out, started });
}

export async function buildWeb({ root, say, out = 'inherit' }) {
  const script = path.join(root, 'web', 'build.mjs');
  if (!fs.existsSync(script)) {
    const message = 'web: skipped — web/build.mjs does not exist yet, so dist/ was not built';
    return { ok: true, skipped: true, message };
  }
  const started = Date.now();
  say('web: bundling (node web/build.mjs → dist/)');
  const r = await run(process.execPath, [script], { cwd: root, out });
  return report('web bundle', r, { say, out, started });
}

// All three in order. The web bundle needs the wasm output, so it is skipped when wasm failed.
export async function buildAll({ root, say, out = 'inherit' }) {
  const native = await buildNative({ root, say, out });
  const wasm = await buildWasm({ root, say, out });
  const web = wasm.ok
    ? await buildWeb({ root, say, out })
    : { ok: false, message: 'web: not bundled because the wasm build failed' };
  return { native, wasm, web, ok: native.ok && wasm.ok && web.ok };
}
