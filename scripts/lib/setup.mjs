// `setup`: make sure the Debian packages and node_modules the build needs are present.
// Prints nothing but a one-line "setup: ok" when everything is already there.
import fs from 'node:fs';
import path from 'node:path';
import { run, runQuiet, lastLines } from './proc.mjs';

export const DEBIAN_PACKAGES = [
  'cmake', 'g++', 'make', 'libeigen3-dev', 'doctest-dev', 'nlohmann-json3-dev', 'emscripten', 'chromium',
  'fonts-noto-cjk',   // Japanese text in the browser tests' screenshots and the page's Japanese text (lessons, views; the browser tests check the font used)
];

// Returns the packages from `wanted` that dpkg does not report as installed,
// or null when dpkg-query is not available (not a Debian system).
export function missingDebianPackages(wanted = DEBIAN_PACKAGES) {
  const r = runQuiet('dpkg-query', ['-W', '-f=${Package}\t${db:Status-Status}\n', ...wanted]);
  if (r.code === 127) return null;
  const installed = new Set();
  for (const line of r.stdout.split('\n')) {
    const [name, status] = line.split('\t');
    if (status === 'installed') installed.add(name.replace(/:.*$/, '')); // strip ":amd64"
  }
  return wanted.filter((p) => !installed.has(p));
}

async function installDebianPackages(missing, { root, say, logDir }) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    say(`setup: missing Debian packages: ${missing.join(' ')}`);
    say('setup: install them, then run this again:');
    say(`  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
    return false;
  }
  fs.mkdirSync(logDir, { recursive: true });
  const log = path.join(logDir, 'apt.log');
  say(`setup: installing missing Debian packages: ${missing.join(' ')} (log: ${path.relative(root, log)})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=300']; // wait for another apt instead of failing at once
  const upd = await run('apt-get', [...lock, 'update'], { env, out: log });
  if (upd.code !== 0) {
    say(`setup: apt-get update failed (exit ${upd.code}):\n${lastLines(upd.output, 15)}`);
    return false;
  }
  const inst = await run('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...missing], { env, out: log });
  if (inst.code !== 0) {
    say(`setup: apt-get install failed (exit ${inst.code}):\n${lastLines(inst.output, 15)}`);
    return false;
  }
  const still = missingDebianPackages(missing) ?? [];
  if (still.length) {
    say(`setup: apt-get finished but these are still not installed: ${still.join(' ')}`);
    return false;
  }
  return true;
}

// npm ci only when node_modules is missing or package-lock.json is newer than our stamp.
// When node_modules exists but the stamp does not (installed by hand), `npm ls` checks it
// offline first; only an inconsistent tree is reinstalled.
async function ensureNodeModules({ root, say, logDir }) {
  const nm = path.join(root, 'node_modules');
  const stamp = path.join(nm, '.optlab-installed');
  const lock = path.join(root, 'package-lock.json');
  const mtime = (f) => { try { return fs.statSync(f).mtimeMs; } catch { return null; } };
  const lockTime = mtime(lock) ?? 0; // no lock file: nothing npm ci could install from
  const stampTime = mtime(stamp);
  if (stampTime !== null && lockTime <= stampTime) return true;

  let reason;
  if (!fs.existsSync(nm)) reason = 'node_modules is missing';
  else if (stampTime !== null) reason = 'package-lock.json changed';
  else {
    const ls = runQuiet('npm', ['ls', '--depth=0'], { cwd: root });
    if (ls.code === 0) { fs.writeFileSync(stamp, `${new Date().toISOString()}\n`); return true; }
    reason = 'node_modules does not match package-lock.json';
  }
  fs.mkdirSync(logDir, { recursive: true });
  const log = path.join(logDir, 'npm-ci.log');
  say(`setup: ${reason}; running npm ci (log: ${path.relative(root, log)})`);
  const r = await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, out: log });
  if (r.code !== 0) {
    say(`setup: npm ci failed (exit ${r.code}):\n${lastLines(r.output, 15)}`);
    return false;
  }
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return true;
}

export async function setup({ root, say, packages = DEBIAN_PACKAGES }) {
  const logDir = path.join(root, 'build', 'logs');
  const missing = missingDebianPackages(packages);
  if (missing === null) {
    say('setup: dpkg-query not found (not Debian?); skipping the system package check');
  } else if (missing.length) {
    if (!(await installDebianPackages(missing, { root, say, logDir }))) return false;
  }
  return ensureNodeModules({ root, say, logDir });
}
