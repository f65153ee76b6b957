// Small helpers for running child processes from the dev script. Plain Node, no dependencies.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

// Runs a command to completion. `out` decides where its stdout and stderr go:
//   'inherit'      → our stdout/stderr (interactive commands such as `npm run build`)
//   'stderr'       → both to our stderr (native-cli: our stdout must stay clean JSON lines)
//   a file path    → appended to that log file, and also collected in the returned `output`
//   'capture'      → only collected in the returned `output`
// Resolves to { code, signal, output } and never rejects: a missing executable becomes code 127.
export function run(cmd, args, { cwd, env, out = 'inherit' } = {}) {
  return new Promise((resolve) => {
    const collect = out !== 'inherit' && out !== 'stderr';
    const stdio = out === 'inherit' ? ['ignore', 'inherit', 'inherit']
      : out === 'stderr' ? ['ignore', process.stderr, process.stderr]
        : ['ignore', 'pipe', 'pipe'];
    let log = null;
    if (collect && out !== 'capture') {
      log = fs.createWriteStream(out, { flags: 'a' });
      log.write(`$ ${[cmd, ...args].join(' ')}\n`);
    }
    const chunks = [];
    let child;
    try {
      child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio });
    } catch (err) {
      resolve({ code: 127, signal: null, output: String(err.message) });
      return;
    }
    if (collect) {
      for (const s of [child.stdout, child.stderr]) {
        s.on('data', (d) => { chunks.push(d); if (log) log.write(d); });
      }
    }
    child.on('error', (err) => {
      const msg = `${cmd}: ${err.code === 'ENOENT' ? 'command not found' : err.message}\n`;
      chunks.push(Buffer.from(msg));
      if (log) log.write(msg);
    });
    child.on('close', (code, signal) => {
      const finish = () => resolve({
        code: code ?? (signal ? 128 : 127), signal, output: Buffer.concat(chunks).toString('utf8'),
      });
      if (log) log.end(finish); else finish();
    });
  });
}

// Synchronous, captured; for quick queries (dpkg-query, id). Returns { code, stdout, stderr }.
export function runQuiet(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return { code: r.error ? 127 : r.status ?? 128, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function lastLines(text, n) {
  const lines = text.replace(/\s+$/, '').split('\n');
  return lines.slice(-n).join('\n');
}

export function seconds(startMs) {
  return `${((Date.now() - startMs) / 1000).toFixed(1)} s`;
}
