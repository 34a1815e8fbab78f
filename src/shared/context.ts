import type { Config } from './config/config.ts';
import type { Sql } from './db/database.ts';
import type { Queues } from './queue/queues.ts';
import type { Logger } from './log/logger.ts';
import type { DNSResolver } from 'mailauth';

/** What every stage needs: passed explicitly rather than imported as globals, so tests build their own. */
export interface Context {
  config: Config;
  secret: string;
  sql: Sql;
  queues: Queues;
  log: Logger;
  /** DNS answers for sender authentication; unset: the system resolver (DNS_SERVERS). Tests set their own. */
  resolver?: DNSResolver;
  /** Where each message and job goes: the tables src/app/wiring.ts builds from the domains' manifests. */
  wiring: Wiring;
}

/**
 * The hand-off tables, one per kind (handlers by address kind, composers by
 * outbox kind, …). This floor knows none of their types: the stage that reads
 * a table declares it here (module augmentation) beside the type of its
 * entries, and src/app/wiring.ts must fill every one, or nothing compiles.
 */
export interface Wiring {}
