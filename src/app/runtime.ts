import type { Config } from '../shared/config/config.ts';
import { resolveSecret } from '../shared/config/secret.ts';
import { connectDatabase } from '../shared/db/database.ts';
import { releaseClaimHolder } from '../pipeline/outbound/claimHolder.ts';
import { migrate } from '../shared/db/migrate.ts';
import { logger } from '../shared/log/logger.ts';
import { openQueues } from '../shared/queue/queues.ts';
import { ensureLocalServices, type LocalServices } from '../shared/services/localServices.ts';
import type { Context } from '../shared/context.ts';
import { wireDomains } from './wiring.ts';

export interface Runtime {
  ctx: Context;
  redisUrl: string;
  databaseUrl: string;
  /** Closes pools and stops the private services this process started. */
  close(): Promise<void>;
}

/**
 * Connects to Postgres and Redis (starting private ones under TACIT_HOME when
 * no URLs are configured), applies migrations and builds the shared context.
 */
export async function openRuntime(config: Config, options: { migrate?: boolean } = {}): Promise<Runtime> {
  let local: LocalServices | undefined;
  if (!config.databaseUrl || !config.redisUrl) local = await ensureLocalServices(config.home);
  const databaseUrl = config.databaseUrl ?? local!.databaseUrl;
  const redisUrl = config.redisUrl ?? local!.redisUrl;
  const sql = connectDatabase(databaseUrl);
  if (options.migrate !== false) await migrate(sql);
  const queues = openQueues(redisUrl, config.queuePrefix);
  const ctx: Context = { config, secret: resolveSecret(config), sql, queues, log: logger, wiring: wireDomains() };
  return {
    ctx,
    redisUrl,
    databaseUrl,
    async close() {
      await queues.close();
      releaseClaimHolder(sql);
      await sql.end({ timeout: 5 });
      await local?.stop();
    },
  };
}
