import type { Config } from '../shared/config/config.ts';
import { connectDatabase, type Sql } from '../shared/db/database.ts';
import { migrate } from '../shared/db/migrate.ts';
import { ensureLocalServices, type LocalServices } from '../shared/services/localServices.ts';

export interface DatabaseRuntime {
  sql: Sql;
  databaseUrl: string;
  /** The Redis of this set-up (configured, or the private one started beside Postgres). */
  redisUrl: string;
  /** Closes the pool and stops the private services this process started. */
  close(): Promise<void>;
}

/**
 * Postgres only, migrated (starting the private services under TACIT_HOME
 * when no URLs are configured): all a read-only command needs. It loads
 * neither the queues nor the domains, which take most of a command's start.
 */
export async function openDatabase(config: Config, options: { migrate?: boolean } = {}): Promise<DatabaseRuntime> {
  let local: LocalServices | undefined;
  if (!config.databaseUrl || !config.redisUrl) local = await ensureLocalServices(config.home);
  const databaseUrl = config.databaseUrl ?? local!.databaseUrl;
  const redisUrl = config.redisUrl ?? local!.redisUrl;
  const sql = connectDatabase(databaseUrl);
  if (options.migrate !== false) await migrate(sql);
  return {
    sql,
    databaseUrl,
    redisUrl,
    async close() {
      await sql.end({ timeout: 5 });
      await local?.stop();
    },
  };
}
