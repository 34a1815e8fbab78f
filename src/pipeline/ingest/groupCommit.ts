import { takeBatch, type PreparedInbound, type StoredInbound } from './inboundBatch.ts';

interface Waiting {
  item: PreparedInbound;
  resolve: (stored: StoredInbound) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  /** Stores a batch in one transaction (storeInboundBatch). */
  storeBatch: (items: PreparedInbound[]) => Promise<StoredInbound[]>;
  maxMessages: number;
  maxBytes: number;
  /** Called once per committed batch, with every message's rows (to queue routing in one Redis call). */
  afterCommit?: (stored: StoredInbound[]) => void;
}

/** A Postgres error about one row's data (a NUL in a text value, say) rather than the connection or the server. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/**
 * Group commit: messages that arrive while a batch is being committed wait
 * and go together in the next one, so concurrent SMTP sessions share one
 * commit (no timer: a lone message is stored at once). Each promise settles
 * only after the transaction holding its row has committed; a failed batch
 * rejects every message in it, except that when the data of one row is at
 * fault its batch is retried a message at a time, so that message alone fails.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private committing = false;

  constructor(private readonly options: GroupCommitOptions) {}

  store(item: PreparedInbound): Promise<StoredInbound> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.committing || this.queue.length === 0) return;
    const { maxMessages, maxBytes } = this.options;
    const batch = this.queue.splice(0, takeBatch(this.queue, (w) => w.item.raw.length, maxMessages, maxBytes));
    this.committing = true;
    this.commit(batch).finally(() => {
      this.committing = false;
      this.next();
    });
  }

  private async commit(batch: Waiting[]): Promise<void> {
    let stored: StoredInbound[];
    try {
      stored = await this.options.storeBatch(batch.map((w) => w.item));
    } catch (err) {
      if (batch.length > 1 && isDataError(err)) {
        for (const one of batch) await this.commit([one]);
      } else {
        for (const w of batch) w.reject(err);
      }
      return;
    }
    batch.forEach((w, i) => w.resolve(stored[i]!));
    try {
      this.options.afterCommit?.(stored);
    } catch {
      // Committed already: what afterCommit failed to do (queue routing) the reconciler does.
    }
  }
}
