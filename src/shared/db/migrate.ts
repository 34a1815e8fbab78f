import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from './database.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';

export const SQL_DIR = path.join(PROJECT_ROOT, 'sql');

/**
 * Applies the numbered files of sql/ that have not run yet, each in its own
 * transaction, under an advisory lock so several processes may start at once.
 */
export async function migrate(sql: Sql, dir = SQL_DIR): Promise<string[]> {
  const files = fs.readdirSync(dir).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await sql.reserve().then(async (conn) => {
    try {
      await conn`select pg_advisory_lock(727274)`;
      await conn`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`;
      const done = new Set((await conn`select name from schema_migrations`).map((r) => r.name as string));
      for (const file of files) {
        if (done.has(file)) continue;
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        await conn.unsafe('begin');
        try {
          await conn.unsafe(text);
          await conn`insert into schema_migrations (name) values (${file})`;
          await conn.unsafe('commit');
        } catch (err) {
          await conn.unsafe('rollback');
          throw new Error(`migration ${file} failed: ${(err as Error).message}`);
        }
        applied.push(file);
      }
    } finally {
      await conn`select pg_advisory_unlock(727274)`.catch(() => {});
      conn.release();
    }
  });
  return applied;
}
