// The build of the TypeScript sources into dist/ (tsconfig.build.json), run by
// `npm ci` (prepare), and by bin/tacit.js and the tests whenever a source is
// newer than the build. Plain JavaScript: it runs before there is a build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
/** Written last: a build without it is unfinished. */
const STAMP = path.join(DIST, '.built');
const SOURCES = ['src', 'workers', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time among the sources (folders too: a deleted file changes its folder). */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  for (const s of SOURCES) visit(path.join(ROOT, s));
  return newest;
}

export function isBuilt() {
  const built = fs.statSync(STAMP, { throwIfNoEntry: false });
  return !!built && built.mtimeMs >= newestSource();
}

/**
 * Compiles into a fresh folder and swaps it in, so a process starting during
 * a build never loads half of one, and a deleted source leaves no stale file.
 */
export function build() {
  const fresh = `${DIST}.${process.pid}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', fresh], { stdio: 'inherit' });
  if (result.status !== 0) {
    fs.rmSync(fresh, { recursive: true, force: true });
    throw new Error(`the build failed (tsc exited ${result.status})`);
  }
  fs.writeFileSync(path.join(fresh, '.built'), '');
  const old = `${DIST}.old.${process.pid}`;
  if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
  fs.renameSync(fresh, DIST);
  fs.rmSync(old, { recursive: true, force: true });
}

export function ensureBuilt() {
  if (!isBuilt()) build();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) ensureBuilt();
