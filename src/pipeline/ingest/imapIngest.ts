import type { Context } from '../../shared/context.ts';
import { parseImapAfter, parseImapUrl, type ImapConfig } from '../../shared/config/imapConfig.ts';
import { maskUrl } from '../../shared/config/maskUrl.ts';
import { ImapConnectionLoop, type ConnectionStatus } from './imapConnection.ts';
import { ImapMailbox, type MailboxCounts } from './imapMailbox.ts';

/**
 * The IMAP ingest: reads a mailbox that receives Tacit's mail (a hosted
 * mailbox for the domain, say) and feeds it to the same store as the SMTP
 * ingest. A message leaves the "to do" state in the mailbox (unseen) only
 * after it is committed to Postgres, so a database outage leaves it where it
 * is for the next round, and a message fetched twice is stored once
 * (storeInbound deduplicates on Message-ID + recipient).
 *
 * Two parts: ImapConnectionLoop keeps one connection up (IDLE, polling,
 * reconnecting with backoff) and ImapMailbox stores the messages it finds.
 */
export type ImapIngestOptions = Pick<ImapConfig, 'url'> & Partial<ImapConfig>;

export interface ImapIngestStatus extends ConnectionStatus, MailboxCounts {}

export interface ImapIngest {
  stop(): Promise<void>;
  status(): ImapIngestStatus;
}

const DEFAULT_POLL_MS = 60_000;

export function startImapIngest(ctx: Context, options: ImapIngestOptions): ImapIngest {
  const server = parseImapUrl(options.url);
  const mailbox = options.mailbox ?? server.mailbox ?? 'INBOX';
  const after = parseImapAfter(options.after ?? 'seen');
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const log = ctx.log.child({ component: 'imap', url: maskUrl(options.url), mailbox });
  const status: ImapIngestStatus = {
    connected: false,
    idle: null,
    rounds: 0,
    stored: 0,
    duplicates: 0,
    kept: 0,
    failures: 0,
    lastError: null,
  };
  const work = new ImapMailbox(ctx, server, mailbox, after, status, log);
  const loop = new ImapConnectionLoop(server, pollMs, work, status, log);
  log.info({ after, pollMs }, 'IMAP ingest starting');
  loop.start();
  return {
    status: () => ({ ...status }),
    async stop() {
      await loop.stop();
      log.info('IMAP ingest stopped');
    },
  };
}
