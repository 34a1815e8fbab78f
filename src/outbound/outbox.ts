import type { Queryable } from '../db/database.ts';
import type { Queues } from '../queue/queues.ts';
import { addJobsBestEffort } from '../queue/queues.ts';

/**
 * The outbox: a mail is decided by inserting a row in the same transaction as
 * the decision; delivery jobs are queued after commit. A row whose job was
 * lost is queued again by the reconciler, so nothing decided is lost.
 */
export interface OutgoingMail {
  /** A template name in templates/, or a kind with a registered composer. */
  kind: string;
  recipient: string;
  memberId?: number | null;
  params?: Record<string, unknown>;
  inReplyTo?: string | null;
  references?: string | null;
  /** Same key, one row: makes a decision's mail idempotent. */
  dedupeKey?: string | null;
}

/** Collects the ids of rows written in a transaction so they can be queued after commit. */
export class OutboxWriter {
  readonly ids: number[] = [];
  constructor(private readonly tx: Queryable) {}

  async queue(mail: OutgoingMail): Promise<number | null> {
    const [row] = await this.tx`
      insert into outbox (kind, recipient, member_id, params, in_reply_to, references_ids, dedupe_key)
      values (${mail.kind}, ${mail.recipient.toLowerCase()}, ${mail.memberId ?? null},
              ${this.tx.json((mail.params ?? {}) as never)}, ${mail.inReplyTo ?? null},
              ${mail.references ?? null}, ${mail.dedupeKey ?? null})
      on conflict (dedupe_key) do nothing
      returning id`;
    if (!row) return null;
    this.ids.push(row.id as number);
    return row.id as number;
  }
}

export function deliverJobId(outboxId: number): string {
  return `out-${outboxId}`;
}

/** One delivery job per outbox row, its id derived from the row. */
export function deliverJobs(ids: readonly number[]) {
  return ids.map((id) => ({ name: 'deliver', data: { id }, opts: { jobId: deliverJobId(id) } }));
}

export async function enqueueDeliveries(queues: Queues, ids: readonly number[]): Promise<boolean> {
  return addJobsBestEffort(queues.deliver, deliverJobs(ids));
}
