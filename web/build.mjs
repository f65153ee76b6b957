#!/usr/bin/env node
// Builds the page into dist/: bundles web/main.js (page), web/worker/main.js (module worker, as worker.js),
// web/worker/lane-main.js (a pool worker, as lane.js) and wasm/formula.js (math.js, loaded when a
// formula is used, as formula.js) with esbuild (their shared code in chunk-<hash>.js files),
// bundles web/style.css (with uPlot's and KaTeX's CSS and KaTeX's fonts), copies index.html, the
// lessons (lessons/*.json → dist/lessons/) and the browser wasm build (build/wasm/optlab_web.{js,wasm}).
// Every URL in dist/ is relative, so it runs from any host and sub-path, offline.
//
//   node web/build.mjs [--outdir=DIR]    production build (minified); needs the browser wasm build
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const args = process.argv.slice(2);
const outArg = args.find((a) => a.startsWith('--outdir='));
const dist = outArg ? resolve(outArg.slice('--outdir='.length)) : join(root, 'dist');
const wasmDir = join(root, 'build', 'wasm');
const wasmFiles = ['optlab_web.js', 'optlab_web.wasm'];

{
  const missing = wasmFiles.filter((f) => !existsSync(join(wasmDir, f)));
  if (missing.length) {
    console.error(`web/build.mjs: the browser wasm build is missing: ${missing.map((f) => join('build/wasm', f)).join(', ')}\n` +
      'Build it first (npm run build, or the wasm target of CMake with emcmake), then run this again.');
    process.exit(1);
  }
  if (!existsSync(join(root, 'wasm', 'optlab-web.js'))) {
    console.error('web/build.mjs: wasm/optlab-web.js (the browser loader of the module) is missing.');
    process.exit(1);
  }
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// wasm/optlab-web.js imports the Emscripten factory from build/wasm/; in dist/ the factory sits
// next to worker.js (and finds optlab_web.wasm next to itself), so the import is kept out of the
// bundle and rewritten to './optlab_web.js'.
const wasmFactoryPlugin = {
  name: 'optlab-web-factory',
  setup(b) {
    b.onResolve({ filter: /optlab_web\.js$/ }, () => ({ path: './optlab_web.js', external: true }));
  },
};
// KaTeX's CSS lists woff2, woff and ttf for every font; every browser that runs WebAssembly SIMD
// reads woff2, so only those are shipped (about a third of the bytes).
const woff2OnlyPlugin = {
  name: 'katex-woff2-only',
  setup(b) {
    b.onLoad({ filter: /katex(\.min)?\.css$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/,\s*url\([^)]*\.(woff|ttf)\)\s*format\("(woff|truetype)"\)/g, ''),
      loader: 'css',
      resolveDir: dirname(args.path),
    }));
  },
};

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['es2022'],
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'eof',
};

// The page (main.js, a module script), the training worker (worker.js) and the pool workers (lane.js,
// started by worker.js from next to itself), all ES modules, in one build with code splitting: code
// two of them share is one chunk (chunk-<hash>.js) fetched once, and math.js — wasm/formula.js, which
// the page and the workers import() only when a spec or the formula box holds a formula
// (wasm/formula-loader.js) — is formula.js, which a page without a formula never fetches. Every
// import between them is a relative URL ('./chunk-….js') next to the importing file.
await esbuild.build({
  ...common,
  entryPoints: {
    main: join(web, 'main.js'),
    worker: join(web, 'worker', 'main.js'),
    lane: join(web, 'worker', 'lane-main.js'),
    // Named here so that its file is formula.js (the name its load-failure message gives).
    formula: join(root, 'wasm', 'formula.js'),
  },
  splitting: true,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  outdir: dist,
  plugins: [wasmFactoryPlugin],
});
await esbuild.build({
  ...common,
  entryPoints: { style: join(web, 'style.css') },
  outdir: dist,
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  assetNames: 'fonts/[name]',
  plugins: [woff2OnlyPlugin],
});
// The embed script: <script src=".../opt-lab.js"></script> defines <opt-lab>, a classic script
// (IIFE) so a course page needs no module support or bundler to use it.
await esbuild.build({
  ...common,
  format: 'iife',
  entryPoints: { 'opt-lab': join(web, 'opt-lab.js') },
  outdir: dist,
});
copyFileSync(join(web, 'index.html'), join(dist, 'index.html'));
copyFileSync(join(web, 'embed-example.html'), join(dist, 'embed-example.html'));
for (const f of wasmFiles) copyFileSync(join(wasmDir, f), join(dist, f));
// The chapter tour's lessons (lessons/*.json: data the page, the runners and the tests all read).
// The page's index lists only the lessons that have a file (lessons/index.json may name lessons to come).
mkdirSync(join(dist, 'lessons'));
const lessonFiles = readdirSync(join(root, 'lessons')).filter((n) => n.endsWith('.json') && n !== 'index.json');
for (const f of lessonFiles) copyFileSync(join(root, 'lessons', f), join(dist, 'lessons', f));
{
  const index = JSON.parse(readFileSync(join(root, 'lessons', 'index.json'), 'utf8'));
  index.lessons = index.lessons.filter((id) => lessonFiles.includes(`${id}.json`));
  writeFileSync(join(dist, 'lessons', 'index.json'), JSON.stringify(index, null, 2) + '\n');
}
console.log(`web/build.mjs: wrote ${dist}`);
