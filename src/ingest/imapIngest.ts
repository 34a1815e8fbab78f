import { ImapFlow } from 'imapflow';
import type { Context } from '../app/context.ts';
import type { Logger } from '../log/logger.ts';
import { parseTacitAddress } from '../rules/addresses.ts';
import { headerBagFromRaw } from '../rules/headers.ts';
import { enqueueRouting } from '../routing/routeQueue.ts';
import { maskImapUrl, parseImapAfter, parseImapUrl, type ImapAfter, type ImapServer } from './imapConfig.ts';
import { imapEnvelope } from './imapEnvelope.ts';
import { storeInbound } from './storeInbound.ts';

/**
 * The IMAP ingest: reads a mailbox that receives Tacit's mail (a hosted
 * mailbox for the domain, say) and feeds it to the same store as the SMTP
 * ingest. A message leaves the "to do" state in the mailbox (unseen) only
 * after it is committed to Postgres, so a database outage leaves it where it
 * is for the next round, and a message fetched twice is stored once
 * (storeInbound deduplicates on Message-ID + recipient).
 *
 * One connection: IDLE (through imapflow's auto-IDLE) announces new mail
 * when the server has it; a timer every `pollMs` looks anyway, which is the
 * polling fallback for servers without IDLE. Errors reconnect with backoff
 * and are never thrown out of here.
 */
export interface ImapIngestOptions {
  url: string;
  /** Folder to read; default: the URL's path, else INBOX. */
  mailbox?: string;
  /** Look this often even without news from IDLE (default 60 s). */
  pollMs?: number;
  /** What to do with a committed message: seen (default), delete, move:Folder. */
  after?: ImapAfter;
}

export interface ImapIngestStatus {
  connected: boolean;
  /** Whether the server offers IDLE (null before the first connection). */
  idle: boolean | null;
  /** Rounds that looked through the whole mailbox. */
  rounds: number;
  /** Messages committed with at least one new delivery. */
  stored: number;
  /** Messages already stored (fetched again). */
  duplicates: number;
  /** Messages left in the mailbox flagged: no Tacit recipient, too big, or never storable. */
  kept: number;
  /** Failed connections and failed rounds (database unreachable). */
  failures: number;
  lastError: string | null;
}

export interface ImapIngest {
  stop(): Promise<void>;
  status(): ImapIngestStatus;
}

const DEFAULT_POLL_MS = 60_000;
const MAX_BACKOFF_MS = 60_000;
/** A message whose store fails this many times while the database answers is set aside (flagged). */
const MAX_STORE_ATTEMPTS = 3;
/** How long stop() lets a running round finish before closing the connection under it. */
const STOP_GRACE_MS = 10_000;
/** UIDs per FETCH of sizes. */
const SIZE_BATCH = 200;

/** A store that failed: the IMAP side is fine, the round ends and is retried. */
class StoreFailed extends Error {}

function backoff(attempt: number): number {
  const base = Math.min(1_000 * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const extra = err as Error & { code?: string; responseText?: string };
    return [extra.code, err.message, extra.responseText].filter(Boolean).join(': ');
  }
  return String(err);
}

/** imapflow's log lines, one level quieter than its own (its info is chatty). */
function imapLogger(log: Logger) {
  return {
    trace: () => {},
    debug: () => {},
    info: (o: unknown) => log.debug(o as object),
    warn: (o: unknown) => log.warn(o as object),
    // Its errors are the connection failures this module reports (and retries) itself.
    error: (o: unknown) => log.warn(o as object),
  };
}

export function startImapIngest(ctx: Context, options: ImapIngestOptions): ImapIngest {
  const server: ImapServer = parseImapUrl(options.url);
  const mailbox = options.mailbox ?? server.mailbox ?? 'INBOX';
  const after = parseImapAfter(options.after ?? 'seen');
  const moveTo = after.startsWith('move:') ? after.slice('move:'.length) : null;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  // The login, when it is one of Tacit's addresses, stamps Delivered-To on everything: not a recipient.
  const mailboxAddress = parseTacitAddress(server.user, ctx.config.domain) ? server.user.toLowerCase() : undefined;
  const log = ctx.log.child({ component: 'imap', url: maskImapUrl(options.url), mailbox });

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
  /** Store failures per UID while the database answers (a message that cannot be stored). */
  const storeAttempts = new Map<number, number>();
  let uidValidity: bigint | null = null;

  let stopping = false;
  let client: ImapFlow | null = null;
  let inRound = false;
  /** Successful connections so far: a connection that worked resets the backoff. */
  let connections = 0;
  /** Something happened (new mail, close, stop): the waiter should look now. */
  let news = false;
  let wakeWaiter: (() => void) | null = null;

  function wake() {
    news = true;
    wakeWaiter?.();
  }

  /**
   * Sleeps up to `ms`; stop() always ends the nap, news (new mail, a closed
   * connection) only when `untilNews`: a backoff is not cut short by them.
   */
  function nap(ms: number, untilNews: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (wakeWaiter === waiter) wakeWaiter = null;
        resolve();
      };
      const waiter = () => {
        if (untilNews || stopping) done();
      };
      const timer = setTimeout(done, ms);
      wakeWaiter = waiter;
      if ((untilNews && news) || stopping) done();
    });
  }

  function fail(err: unknown, what: string) {
    status.failures++;
    status.lastError = describe(err);
    log.warn({ err: status.lastError }, what);
  }

  async function ensureFolder(imap: ImapFlow, folder: string) {
    const existing = await imap.list();
    if (existing.some((m) => m.path === folder)) return;
    await imap.mailboxCreate(folder);
    log.info({ folder }, 'created the folder that ingested messages move to');
  }

  /** Flags a message we keep in the mailbox for a person to look at, and stops fetching it. */
  async function keep(imap: ImapFlow, uid: number, why: string, details: Record<string, unknown>) {
    await imap.messageFlagsAdd(String(uid), ['\\Flagged', '\\Seen'], { uid: true });
    status.kept++;
    storeAttempts.delete(uid);
    log.warn({ uid, ...details }, `message kept in the mailbox, flagged: ${why}`);
  }

  /** The after-commit step: the message is safe in Postgres now. */
  async function settle(imap: ImapFlow, uid: number) {
    if (after === 'delete') {
      await imap.messageDelete(String(uid), { uid: true });
    } else if (moveTo) {
      // Seen first so it arrives read; should the move fail, unseen again so the next round retries it.
      await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      const moved = await imap.messageMove(String(uid), moveTo, { uid: true }).catch(() => false as const);
      if (!moved) {
        await imap.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
        throw new Error(`could not move message ${uid} to ${moveTo}`);
      }
    } else {
      await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }

  /** Whether the database answers at all (an outage ends the round; a bad message does not). */
  async function databaseAnswers(): Promise<boolean> {
    try {
      await ctx.sql`select 1`;
      return true;
    } catch {
      return false;
    }
  }

  async function ingestOne(imap: ImapFlow, uid: number): Promise<void> {
    const message = await imap.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!message || !message.source) return; // expunged meanwhile (another client)
    const raw = message.source;
    const headers = headerBagFromRaw(raw);
    const messageId = headers.get('message-id')?.trim() ?? null;
    const envelope = imapEnvelope(raw, ctx.config.domain, mailboxAddress);
    if (envelope.recipients.length === 0) {
      await keep(imap, uid, 'no Tacit address in its envelope headers, To or Cc', {
        messageId,
        from: headers.get('from'),
        to: headers.get('to'),
      });
      return;
    }
    let stored;
    try {
      stored = await storeInbound(ctx.sql, {
        raw,
        envelopeFrom: envelope.envelopeFrom,
        recipients: envelope.recipients,
        clientAddress: 'imap',
        helo: server.host,
      });
    } catch (err) {
      if (!(await databaseAnswers())) throw new StoreFailed(`database unavailable: ${describe(err)}`);
      const attempts = (storeAttempts.get(uid) ?? 0) + 1;
      storeAttempts.set(uid, attempts);
      if (attempts >= MAX_STORE_ATTEMPTS) {
        await keep(imap, uid, `could not be stored ${attempts} times`, { messageId, err: describe(err) });
      } else {
        log.error({ uid, messageId, attempts, err: describe(err) }, 'could not store a message; it stays for the next round');
      }
      return;
    }
    storeAttempts.delete(uid);
    // Committed: a lost routing job is found again by the reconciler.
    await enqueueRouting(ctx.queues, stored.newDeliveryIds);
    if (stored.duplicate) status.duplicates++;
    else status.stored++;
    log.debug(
      { uid, id: stored.messageId, messageId, duplicate: stored.duplicate, recipients: envelope.recipients, from: envelope.source },
      'message ingested',
    );
    await settle(imap, uid);
  }

  /** One look through the mailbox: every unseen message, oldest first. */
  async function round(imap: ImapFlow): Promise<void> {
    const lock = await imap.getMailboxLock(mailbox);
    try {
      const box = imap.mailbox;
      if (box && box.uidValidity !== uidValidity) {
        uidValidity = box.uidValidity;
        storeAttempts.clear();
      }
      const uids = ((await imap.search({ seen: false, deleted: false }, { uid: true })) || []).sort((a, b) => a - b);
      // Sizes a batch at a time (short command lines), bodies one at a time (flat memory).
      for (let i = 0; i < uids.length; i += SIZE_BATCH) {
        const batch = uids.slice(i, i + SIZE_BATCH);
        const sizes = new Map<number, number>();
        for (const m of await imap.fetchAll(batch.join(','), { uid: true, size: true }, { uid: true })) {
          if (m.size !== undefined) sizes.set(m.uid, m.size);
        }
        for (const uid of batch) {
          if (stopping) return;
          const size = sizes.get(uid);
          if (size === undefined) continue; // gone since the search
          if (size > ctx.config.smtp.maxSize) {
            await keep(imap, uid, 'larger than SMTP_MAX_SIZE', { size, limit: ctx.config.smtp.maxSize });
            continue;
          }
          await ingestOne(imap, uid);
        }
      }
    } finally {
      lock.release();
    }
  }

  /** One connection: rounds until it breaks or stop() is called. */
  async function session(): Promise<void> {
    const imap = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: server.secure,
      tls: server.insecureTls ? { rejectUnauthorized: false } : undefined,
      auth: { user: server.user, pass: server.pass },
      logger: imapLogger(log),
      // IDLE soon after a round, so new mail is announced within a second or so.
      autoIdleDelay: 1_000,
      // Some servers drop an IDLE that runs for long; restart it well inside their limits.
      maxIdleTime: Math.min(pollMs, 5 * 60_000),
      clientInfo: { name: 'Tacit' },
    });
    client = imap;
    let closed = false;
    imap.on('error', (err: unknown) => log.debug({ err: describe(err) }, 'IMAP connection error'));
    imap.on('close', () => {
      closed = true;
      if (client !== imap) return; // an old connection's last word
      status.connected = false;
      wake();
    });
    imap.on('exists', () => {
      if (client === imap) wake();
    });
    try {
      await imap.connect();
      connections++;
      status.connected = true;
      status.idle = imap.capabilities.has('IDLE');
      log.info({ idle: status.idle, pollMs }, status.idle ? 'IMAP ingest connected (IDLE)' : 'IMAP ingest connected (no IDLE: polling)');
      if (moveTo) await ensureFolder(imap, moveTo);
      let storeFailures = 0;
      while (!stopping) {
        news = false;
        inRound = true;
        let delay = pollMs;
        let retrying = false;
        try {
          await round(imap);
          status.rounds++;
          storeFailures = 0;
        } catch (err) {
          if (!(err instanceof StoreFailed)) throw err;
          storeFailures++;
          fail(err, 'database unavailable; the message stays in the mailbox for the next round');
          delay = Math.min(pollMs, backoff(storeFailures));
          retrying = true;
        } finally {
          inRound = false;
        }
        if (stopping) break;
        if (closed) throw new Error('IMAP connection closed');
        // A failed store waits out its backoff; otherwise new mail or a close ends the wait.
        await nap(delay, !retrying);
        if (closed && !stopping) throw new Error('IMAP connection closed');
      }
      await imap.logout();
    } finally {
      status.connected = false;
      if (!closed) imap.close();
      client = null;
    }
  }

  async function run(): Promise<void> {
    let attempt = 0;
    while (!stopping) {
      const before = connections;
      try {
        await session();
        attempt = 0;
      } catch (err) {
        if (stopping) break;
        attempt = connections > before ? 1 : attempt + 1;
        fail(err, 'IMAP ingest lost its connection; reconnecting');
        await nap(backoff(attempt), false);
      }
    }
  }

  log.info({ after, pollMs }, 'IMAP ingest starting');
  const done = run().catch((err) => log.error({ err: describe(err) }, 'IMAP ingest stopped by an unexpected error'));

  return {
    status: () => ({ ...status }),
    async stop() {
      stopping = true;
      wake();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), inRound ? STOP_GRACE_MS : 1_000)));
      if ((await Promise.race([done.then(() => 'done' as const), grace])) === 'late') client?.close();
      clearTimeout(timer);
      await done;
      log.info('IMAP ingest stopped');
    },
  };
}
