import type { Queryable } from '../../shared/db/database.ts';
import type { Queues } from '../../shared/queue/queues.ts';
import { addJobsBestEffort } from '../../shared/queue/queues.ts';

/**
 * The outbox: a mail is decided by inserting a row in the same transaction as
 * the decision; delivery jobs are queued after commit. A row whose job was
 * lost is queued again by the reconciler, so nothing decided is lost.
 */
export interface OutgoingMail {
  /** A template name in templates/, or a kind with a composer in ctx.wiring.composers. */
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

  /**
   * Several mails in one statement, as `queue` one after the other would
   * write them (ids in the same order); each with its dedupe key, by which
   * the rows written are told apart. The id of each, or null when its key
   * was already taken.
   */
  async queueMany(mails: readonly (OutgoingMail & { dedupeKey: string })[]): Promise<(number | null)[]> {
    if (mails.length === 0) return [];
    const rows = await this.tx`
      insert into outbox (kind, recipient, member_id, params, in_reply_to, references_ids, dedupe_key)
      select kind, recipient, member_id, params::jsonb, in_reply_to, references_ids, dedupe_key
      from unnest(${mails.map((m) => m.kind)}::text[], ${mails.map((m) => m.recipient.toLowerCase())}::text[],
                  ${mails.map((m) => m.memberId ?? null) as number[]}::bigint[], ${mails.map((m) => JSON.stringify(m.params ?? {}))}::text[],
                  ${mails.map((m) => m.inReplyTo ?? null) as string[]}::text[], ${mails.map((m) => m.references ?? null) as string[]}::text[],
                  ${mails.map((m) => m.dedupeKey)}::text[])
        with ordinality as v(kind, recipient, member_id, params, in_reply_to, references_ids, dedupe_key, position)
      order by position
      on conflict (dedupe_key) do nothing
      returning id, dedupe_key`;
    const idOf = new Map(rows.map((row) => [row.dedupe_key as string, row.id as number]));
    const ids = mails.map((m) => {
      const id = idOf.get(m.dedupeKey) ?? null;
      // A key given twice writes one row, the first's: the second gets null, as `queue` would give it.
      idOf.delete(m.dedupeKey);
      return id;
    });
    for (const id of ids) if (id !== null) this.ids.push(id);
    return ids;
  }
}

/**
 * Rows per delivery job: a job claims its rows in one statement and sends them
 * in parallel through the pooled transport, so the per-job cost of Redis and
 * Postgres round trips is shared by this many mails.
 */
export const DELIVER_BATCH = 100;

/**
 * A job's id is derived from the rows it names, so adding the same batch twice
 * is one job; `tag` sets apart a job that takes over a dead sender's rows from
 * that sender's own job, still held by BullMQ until it sees the job stalled.
 */
export function deliverJobId(ids: readonly number[], tag = ''): string {
  return (ids.length === 1 ? `out-${ids[0]}` : `out-${ids[0]}-${ids[ids.length - 1]}-${ids.length}`) + tag;
}

/** Delivery jobs for outbox rows, DELIVER_BATCH rows a job (the one helper every producer uses). */
export function deliverJobs(ids: readonly number[], tag = '') {
  const jobs = [];
  for (let i = 0; i < ids.length; i += DELIVER_BATCH) {
    const batch = ids.slice(i, i + DELIVER_BATCH);
    jobs.push({ name: 'deliver', data: { ids: batch }, opts: { jobId: deliverJobId(batch, tag) } });
  }
  return jobs;
}

/** Best effort, for callers right after a commit: a lost job is found again by the reconciler. */
export async function enqueueDeliveries(queues: Queues, ids: readonly number[]): Promise<boolean> {
  return addJobsBestEffort(queues.deliver, deliverJobs(ids));
}

/** For jobs that stream a mailing: a failure throws, so the streaming job is retried. */
export async function addDeliveries(queues: Queues, ids: readonly number[]): Promise<void> {
  if (ids.length) await queues.deliver.addBulk(deliverJobs(ids));
}
