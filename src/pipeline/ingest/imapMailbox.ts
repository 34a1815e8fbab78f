import type { ImapFlow } from 'imapflow';
import type { Context } from '../../shared/context.ts';
import type { ImapAfter, ImapServer } from '../../shared/config/imapConfig.ts';
import type { Logger } from '../../shared/log/logger.ts';
import { parseTacitAddress } from '../../shared/rules/addresses.ts';
import { headerBagFromRaw } from '../../shared/rules/headers.ts';
import { enqueueRouting } from '../routing/routeQueue.ts';
import { describeError, StoreFailed } from './imapErrors.ts';
import { imapEnvelope } from './imapEnvelope.ts';
import { storeInbound } from './storeInbound.ts';

/** A message whose store fails this many times while the database answers is set aside (flagged). */
const MAX_STORE_ATTEMPTS = 3;
/** UIDs per FETCH of sizes. */
const SIZE_BATCH = 200;

export interface MailboxCounts {
  /** Messages committed with at least one new delivery. */
  stored: number;
  /** Messages already stored (fetched again). */
  duplicates: number;
  /** Messages left in the mailbox flagged: no Tacit recipient, too big, or never storable. */
  kept: number;
}

/**
 * What the IMAP ingest does with the messages of one mailbox, over whatever
 * connection it is given: each unseen message is stored as the SMTP ingest
 * stores one, and leaves the "to do" state (unseen) only after its commit.
 * A message that cannot be stored stays for the next round; one that never
 * can (or is not for Tacit) is flagged and kept for a person to look at.
 */
export class ImapMailbox {
  private readonly moveTo: string | null;
  /** The login, when it is one of Tacit's addresses, stamps Delivered-To on everything: not a recipient. */
  private readonly mailboxAddress: string | undefined;
  /** Store failures per UID while the database answers (a message that cannot be stored). */
  private readonly storeAttempts = new Map<number, number>();
  private uidValidity: bigint | null = null;

  constructor(
    private readonly ctx: Context,
    private readonly server: ImapServer,
    readonly name: string,
    private readonly after: ImapAfter,
    private readonly counts: MailboxCounts,
    private readonly log: Logger,
  ) {
    this.moveTo = after.startsWith('move:') ? after.slice('move:'.length) : null;
    this.mailboxAddress = parseTacitAddress(server.user, ctx.config.domain) ? server.user.toLowerCase() : undefined;
  }

  /** Once per connection: the folder ingested messages move to must exist. */
  async prepare(imap: ImapFlow): Promise<void> {
    if (!this.moveTo) return;
    const existing = await imap.list();
    if (existing.some((m) => m.path === this.moveTo)) return;
    await imap.mailboxCreate(this.moveTo);
    this.log.info({ folder: this.moveTo }, 'created the folder that ingested messages move to');
  }

  /**
   * One look through the mailbox: every unseen message, oldest first, until
   * done or `stopping()`. Throws StoreFailed when the database is unreachable.
   */
  async round(imap: ImapFlow, stopping: () => boolean): Promise<void> {
    const lock = await imap.getMailboxLock(this.name);
    try {
      const box = imap.mailbox;
      if (box && box.uidValidity !== this.uidValidity) {
        this.uidValidity = box.uidValidity;
        this.storeAttempts.clear();
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
          if (stopping()) return;
          const size = sizes.get(uid);
          if (size === undefined) continue; // gone since the search
          const limit = this.ctx.config.smtp.maxSize;
          if (size > limit) {
            await this.keep(imap, uid, 'larger than SMTP_MAX_SIZE', { size, limit });
            continue;
          }
          await this.ingestOne(imap, uid);
        }
      }
    } finally {
      lock.release();
    }
  }

  private async ingestOne(imap: ImapFlow, uid: number): Promise<void> {
    const message = await imap.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!message || !message.source) return; // expunged meanwhile (another client)
    const raw = message.source;
    const headers = headerBagFromRaw(raw);
    const messageId = headers.get('message-id')?.trim() ?? null;
    const envelope = imapEnvelope(raw, this.ctx.config.domain, this.mailboxAddress);
    if (envelope.recipients.length === 0) {
      await this.keep(imap, uid, 'no Tacit address in its envelope headers, To or Cc', {
        messageId,
        from: headers.get('from'),
        to: headers.get('to'),
      });
      return;
    }
    let stored;
    try {
      stored = await storeInbound(this.ctx.sql, {
        raw,
        envelopeFrom: envelope.envelopeFrom,
        recipients: envelope.recipients,
        clientAddress: 'imap',
        helo: this.server.host,
      });
    } catch (err) {
      await this.storeFailed(imap, uid, messageId, err);
      return;
    }
    this.storeAttempts.delete(uid);
    // Committed: a lost routing job is found again by the reconciler.
    await enqueueRouting(this.ctx.queues, stored.newDeliveryIds);
    if (stored.duplicate) this.counts.duplicates++;
    else this.counts.stored++;
    this.log.debug(
      { uid, id: stored.messageId, messageId, duplicate: stored.duplicate, recipients: envelope.recipients, from: envelope.source },
      'message ingested',
    );
    await this.settle(imap, uid);
  }

  /** An outage ends the round (StoreFailed); a message that fails while the database answers is retried, then kept. */
  private async storeFailed(imap: ImapFlow, uid: number, messageId: string | null, err: unknown): Promise<void> {
    if (!(await this.databaseAnswers())) throw new StoreFailed(`database unavailable: ${describeError(err)}`);
    const attempts = (this.storeAttempts.get(uid) ?? 0) + 1;
    this.storeAttempts.set(uid, attempts);
    if (attempts >= MAX_STORE_ATTEMPTS) {
      await this.keep(imap, uid, `could not be stored ${attempts} times`, { messageId, err: describeError(err) });
    } else {
      this.log.error({ uid, messageId, attempts, err: describeError(err) }, 'could not store a message; it stays for the next round');
    }
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.ctx.sql`select 1`;
      return true;
    } catch {
      return false;
    }
  }

  /** Flags a message we keep in the mailbox for a person to look at, and stops fetching it. */
  private async keep(imap: ImapFlow, uid: number, why: string, details: Record<string, unknown>): Promise<void> {
    await imap.messageFlagsAdd(String(uid), ['\\Flagged', '\\Seen'], { uid: true });
    this.counts.kept++;
    this.storeAttempts.delete(uid);
    this.log.warn({ uid, ...details }, `message kept in the mailbox, flagged: ${why}`);
  }

  /** The after-commit step: the message is safe in Postgres now. */
  private async settle(imap: ImapFlow, uid: number): Promise<void> {
    if (this.after === 'delete') {
      await imap.messageDelete(String(uid), { uid: true });
    } else if (this.moveTo) {
      // Seen first so it arrives read; should the move fail, unseen again so the next round retries it.
      await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      const moved = await imap.messageMove(String(uid), this.moveTo, { uid: true }).catch(() => false as const);
      if (!moved) {
        await imap.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
        throw new Error(`could not move message ${uid} to ${this.moveTo}`);
      }
    } else {
      await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }
}
