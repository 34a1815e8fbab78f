import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * TACIT_HOME holds the server secret, the services' password, the databases
 * and the Maildir: only its owner may read it. As root, the private Postgres
 * runs as the `postgres` user, which must still reach its data directory
 * inside: the postgres group may traverse TACIT_HOME (0710), never list or
 * read it.
 */
export function securePrivateDir(dir: string, traversableByPostgres = false): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (traversableByPostgres && process.getuid?.() === 0) {
    execFileSync('chgrp', ['postgres', dir]);
    fs.chmodSync(dir, 0o710);
  } else {
    fs.chmodSync(dir, 0o700);
  }
}

/** Creates (or tightens) a file only its owner may read or write. */
export function writePrivateFile(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/**
 * The password of the private Postgres (user `tacit`) and Redis, generated
 * once into TACIT_HOME/services.password (0600). Hex, so it needs no quoting
 * in a URL, a config file or SQL.
 */
export function servicePassword(home: string): string {
  return secretFile(path.join(home, 'services.password'), 24);
}

/** A random hex value of `bytes` bytes, generated into `file` (0600) the first time and read back ever after. */
export function secretFile(file: string, bytes: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const value = randomBytes(bytes).toString('hex');
  try {
    // 'wx' so two processes starting together agree on one value.
    fs.writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
    return value;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw err;
  }
}

/** An existing file (a log, say) made owner-only; created empty when missing. */
export function ensurePrivateFile(file: string): void {
  if (!fs.existsSync(file)) writePrivateFile(file, '');
  else fs.chmodSync(file, 0o600);
}
