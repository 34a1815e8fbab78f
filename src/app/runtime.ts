import type { Config } from '../shared/config/config.ts';
import { resolveSecret } from '../shared/config/secret.ts';
import { releaseClaimHolder } from '../pipeline/outbound/claimHolder.ts';
import { logger } from '../shared/log/logger.ts';
import { openQueues } from '../shared/queue/queues.ts';
import type { Context } from '../shared/context.ts';
import { openDatabase, type DatabaseRuntime } from './database.ts';
import { wireDomains } from './wiring.ts';

/** The database's runtime with the shared context on top; `close` also closes the queues. */
export interface Runtime extends Omit<DatabaseRuntime, 'sql'> {
  ctx: Context;
}

/**
 * Connects to Postgres and Redis (starting private ones under TACIT_HOME when
 * no URLs are configured), applies migrations and builds the shared context.
 */
export async function openRuntime(config: Config, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const database = await openDatabase(config, options);
  const { sql, databaseUrl, redisUrl } = database;
  const queues = openQueues(redisUrl, config.queuePrefix);
  const ctx: Context = { config, secret: resolveSecret(config), sql, queues, log: logger, wiring: wireDomains() };
  return {
    ctx,
    redisUrl,
    databaseUrl,
    async close() {
      await queues.close();
      releaseClaimHolder(sql);
      await database.close();
    },
  };
}
