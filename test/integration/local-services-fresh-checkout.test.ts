import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalServices, type LocalServices } from '../../src/shared/services/localServices.ts';

/**
 * A fresh checkout has no ./var: the private services create ./var/test (or
 * ./var) and the folders above it. Only the home is private; a parent made
 * 0700 kept the postgres user (as root, initdb runs as postgres) out of it.
 */
let base: string;
let services: LocalServices | undefined;
afterAll(async () => {
  await services?.stop();
  fs.rmSync(base, { recursive: true, force: true });
});

describe('private services in a fresh checkout', () => {
  it('create the missing folders above the home traversable, and Postgres starts', async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-fresh-'));
    fs.chmodSync(base, 0o755); // a checkout's folder
    const home = path.join(base, 'var', 'test');
    services = await ensureLocalServices(home, { fast: true });
    expect(fs.statSync(path.join(base, 'var')).mode & 0o001).toBe(0o001);
    expect(fs.statSync(home).mode & 0o007).toBe(0);
    const sql = postgres(services.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
    } finally {
      await sql.end();
    }
  }, 120_000);
});
