#!/usr/bin/env node
// The WebAssembly command-line runner: `npm run -s optlab -- run SPEC.json` (or `-` for stdin).
// Prints the same JSON lines as the native runner (both print lines the C++ core formats); a spec
// with "racers" runs every racer in turn, each line tagged {"racer": i, "label": "…", …}.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadOptlab, OptlabSpecError } from '../wasm/optlab.js';
import { readLesson, LessonFileError } from '../scripts/lib/lessons.mjs';

function usage() {
  process.stderr.write('usage: npm run -s optlab -- run SPEC.json   (SPEC.json may be - for standard input)\n' +
                       '       npm run -s optlab -- default-spec\n' +
                       '       npm run -s optlab -- catalog             (every name, option, default and range, as JSON)\n' +
                       '       npm run -s optlab -- validate SPECS.jsonl  (one spec per line; one result line each)\n' +
                       '       npm run -s optlab -- lesson ID           (runs lessons/ID.json: every racer\'s lines; or a path to a lesson file)\n' +
                       '       npm run -s optlab -- gradient-noise SPEC.json  (standard error of the minibatch gradient, m = 1…256)\n');
  return 2;
}

async function main(argv) {
  const lab = await loadOptlab();
  if (argv.length === 1 && argv[0] === 'default-spec') {
    process.stdout.write(JSON.stringify(lab.defaultSpec(), null, 2) + '\n');
    return 0;
  }
  if (argv.length === 1 && argv[0] === 'catalog') {
    process.stdout.write(lab.catalogText() + '\n');
    return 0;
  }
  if (argv.length !== 2 || !['run', 'validate', 'lesson', 'gradient-noise'].includes(argv[0])) return usage();
  let text;
  if (argv[0] === 'lesson') {
    // A lesson is data: its spec runs exactly as `run` would run it (docs/lessons.md).
    try {
      text = JSON.stringify(readLesson(argv[1], { lab }).spec);
    } catch (e) {
      if (!(e instanceof LessonFileError)) throw e;
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
  } else try {
    // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
    text = readFileSync(argv[1] === '-' ? 0 : resolve(process.env.INIT_CWD ?? process.cwd(), argv[1]), 'utf8');
  } catch (e) {
    process.stderr.write(`error: cannot read spec file '${argv[1]}': ${e.code ?? e.message}\n`);
    return 2;
  }
  if (argv[0] === 'validate') {
    const out = text.split('\n').filter((l) => l.length > 0).map((l) => lab.validateText(l));
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    return 0;
  }
  if (argv[0] === 'gradient-noise') {
    try {
      process.stdout.write(lab.gradientNoise(text).join('\n') + '\n');
    } catch (e) {
      if (!(e instanceof OptlabSpecError)) throw e;
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    return 0;
  }
  // One run per racer (docs/racing.md), one after the other; a spec without racers is one run whose
  // lines carry no racer tag — exactly what the native runner prints.
  // The core reads the text (as the native runner does): a race's racers all carry a label, a
  // spec without racers comes back as one racer with label "" and runs from its own text.
  const expanded = lab.expandRace(text);
  if (!expanded.ok) {
    process.stderr.write(`error: ${expanded.message}\n`);
    return 2;
  }
  const racers = expanded.racers[0].label === '' ? null : expanded.racers;
  let status = 0;
  for (const racer of racers ?? [null]) {
    let run;
    try {
      run = lab.createRun(racer ? JSON.stringify(racer.spec) : text);
    } catch (e) {
      if (e instanceof OptlabSpecError) {
        process.stderr.write(`error: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    const tag = (line) => (racer ? lab.racerLine(line, racer.index, racer.label) : line);
    let printed = 0;
    const out = [];
    const flush = () => {
      for (const n = run.recordCount; printed < n; ++printed) out.push(tag(run.jsonLine(printed)));
      if (out.length) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
    };
    flush();
    while (!run.done) {
      run.step(1000);
      flush();
    }
    for (const line of run.finalLines()) out.push(tag(line));
    flush();
    process.stdout.write(tag(run.summaryLine()) + '\n');
    const diverged = run.diverged;
    run.delete();
    if (diverged) {
      process.stderr.write(`warning: ${racer ? `racer ${racer.index} (${racer.label}): ` : ''}${diverged}\n`);
      status = 3;
    }
  }
  return status;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`error: ${e.message}\n`);
  process.exitCode = 1;
});
