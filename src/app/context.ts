import type { Config } from '../shared/config/config.ts';
import type { Sql } from '../shared/db/database.ts';
import type { Queues } from '../shared/queue/queues.ts';
import type { Logger } from '../shared/log/logger.ts';
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
}
