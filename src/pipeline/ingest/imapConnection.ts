import { ImapFlow } from 'imapflow';
import type { ImapServer } from '../../shared/config/imapConfig.ts';
import type { Logger } from '../../shared/log/logger.ts';
import { withTimeout } from '../../shared/withTimeout.ts';
import { describeError, StoreFailed } from './imapErrors.ts';

const MAX_BACKOFF_MS = 60_000;
/** How long stop() lets a running round finish before closing the connection under it. */
const STOP_GRACE_MS = 10_000;

export interface ConnectionStatus {
  connected: boolean;
  /** Whether the server offers IDLE (null before the first connection). */
  idle: boolean | null;
  /** Rounds that looked through the whole mailbox. */
  rounds: number;
  /** Failed connections and failed rounds (database unreachable). */
  failures: number;
  lastError: string | null;
}

/** The work done over each connection (the mailbox: see ImapMailbox). */
export interface ConnectionWork {
  prepare(imap: ImapFlow): Promise<void>;
  round(imap: ImapFlow, stopping: () => boolean): Promise<void>;
}

function backoff(attempt: number): number {
  const base = Math.min(1_000 * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(base * (0.8 + Math.random() * 0.4));
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

/**
 * One IMAP connection at a time, kept up until stop(): IDLE (through
 * imapflow's auto-IDLE) announces new mail when the server has it; a timer
 * every `pollMs` looks anyway, which is the polling fallback for servers
 * without IDLE. A round whose store fails (StoreFailed) is retried after a
 * backoff on the same connection; other errors reconnect with backoff. No
 * error is thrown out of here.
 */
export class ImapConnectionLoop {
  private stopping = false;
  private client: ImapFlow | null = null;
  private inRound = false;
  /** Successful connections so far: a connection that worked resets the backoff. */
  private connections = 0;
  /** Something happened (new mail, close, stop): the waiter should look now. */
  private news = false;
  private wakeWaiter: (() => void) | null = null;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly server: ImapServer,
    private readonly pollMs: number,
    private readonly work: ConnectionWork,
    private readonly status: ConnectionStatus,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.done = this.run().catch((err) => this.log.error({ err: describeError(err) }, 'IMAP ingest stopped by an unexpected error'));
  }

  /** Lets a running round finish (for a while), then closes the connection under it. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    const finished = await withTimeout(this.done.then(() => true), this.inRound ? STOP_GRACE_MS : 1_000, false);
    if (!finished) this.client?.close();
    await this.done;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      const before = this.connections;
      try {
        await this.session();
        attempt = 0;
      } catch (err) {
        if (this.stopping) break;
        attempt = this.connections > before ? 1 : attempt + 1;
        this.fail(err, 'IMAP ingest lost its connection; reconnecting');
        await this.nap(backoff(attempt), false);
      }
    }
  }

  /** One connection: rounds until it breaks or stop() is called. */
  private async session(): Promise<void> {
    const { server, pollMs, status, log } = this;
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
    this.client = imap;
    let closed = false;
    imap.on('error', (err: unknown) => log.debug({ err: describeError(err) }, 'IMAP connection error'));
    imap.on('close', () => {
      closed = true;
      if (this.client !== imap) return; // an old connection's last word
      status.connected = false;
      this.wake();
    });
    imap.on('exists', () => {
      if (this.client === imap) this.wake();
    });
    try {
      await imap.connect();
      this.connections++;
      status.connected = true;
      status.idle = imap.capabilities.has('IDLE');
      log.info({ idle: status.idle, pollMs }, status.idle ? 'IMAP ingest connected (IDLE)' : 'IMAP ingest connected (no IDLE: polling)');
      await this.work.prepare(imap);
      let storeFailures = 0;
      while (!this.stopping) {
        this.news = false;
        this.inRound = true;
        let delay = pollMs;
        let retrying = false;
        try {
          await this.work.round(imap, () => this.stopping);
          status.rounds++;
          storeFailures = 0;
        } catch (err) {
          if (!(err instanceof StoreFailed)) throw err;
          storeFailures++;
          this.fail(err, 'database unavailable; the message stays in the mailbox for the next round');
          delay = Math.min(pollMs, backoff(storeFailures));
          retrying = true;
        } finally {
          this.inRound = false;
        }
        if (this.stopping) break;
        if (closed) throw new Error('IMAP connection closed');
        // A failed store waits out its backoff; otherwise new mail or a close ends the wait.
        await this.nap(delay, !retrying);
        if (closed && !this.stopping) throw new Error('IMAP connection closed');
      }
      await imap.logout();
    } finally {
      status.connected = false;
      if (!closed) imap.close();
      this.client = null;
    }
  }

  private fail(err: unknown, what: string): void {
    this.status.failures++;
    this.status.lastError = describeError(err);
    this.log.warn({ err: this.status.lastError }, what);
  }

  private wake(): void {
    this.news = true;
    this.wakeWaiter?.();
  }

  /**
   * Sleeps up to `ms`; stop() always ends the nap, news (new mail, a closed
   * connection) only when `untilNews`: a backoff is not cut short by them.
   */
  private nap(ms: number, untilNews: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeWaiter === waiter) this.wakeWaiter = null;
        resolve();
      };
      const waiter = () => {
        if (untilNews || this.stopping) done();
      };
      const timer = setTimeout(done, ms);
      this.wakeWaiter = waiter;
      if ((untilNews && this.news) || this.stopping) done();
    });
  }
}
