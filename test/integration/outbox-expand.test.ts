import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutboxRows, RetryDeliveryError } from '../../src/pipeline/outbound/deliver.ts';
import { expandClaimedRow, type Expander } from '../../src/pipeline/outbound/expand.ts';
import type { OutboxRow } from '../../src/pipeline/outbound/compose/compose.ts';
import { openTransport } from '../../src/pipeline/outbound/send/index.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * A mailing row (the close's outcome mailing) is expanded into its members'
 * rows exactly once: under the sender's claim, in the transaction that marks
 * it sent, whatever the number of senders and retries.
 */
let h: Harness;
const queued: number[] = [];
let failNext = false;
const members = 50;
const testExpander: Expander = {
  async expand(tx, row) {
    await tx`
      insert into outbox (kind, recipient, params)
      select 'test-expanded', 'm' || i || '@example.org', jsonb_build_object('mailing', ${row.id}::bigint)
      from generate_series(1, ${members}) i`;
    if (failNext) {
      failNext = false;
      throw new Error('disk full');
    }
  },
  queue: async (_ctx, row) => queued.push(row.id),
};

beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
  h.ctx.wiring.expanders.set('test-mailing', testExpander);
});
afterAll(async () => {
  await h.close();
});

async function mailingRow(): Promise<number> {
  const [row] = await h.ctx.sql`insert into outbox (kind, recipient) values ('test-mailing', 'list@example.org') returning id`;
  return row.id as number;
}
async function expandedRows(id: number): Promise<number> {
  const [{ n }] = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'test-expanded' and params->>'mailing' = ${String(id)}`;
  return n;
}

describe('expanding a mailing row', () => {
  it('three senders delivering the same row at once write its members once', async () => {
    const id = await mailingRow();
    const transport = openTransport(h.config);
    const results = await Promise.all([1, 2, 3].map(() => deliverOutboxRows(h.ctx, transport, [id])));
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(await expandedRows(id)).toBe(members);
    const [row] = await h.ctx.sql`select state, lease_id from outbox where id = ${id}`;
    expect(row).toEqual({ state: 'sent', lease_id: null });
    expect(queued.filter((q) => q === id)).toEqual([id]);
    // Delivered again (a duplicated job, the reconciler): nothing more.
    expect(await deliverOutboxRows(h.ctx, transport, [id])).toMatchObject({ sent: 0, skipped: 1 });
    expect(await expandedRows(id)).toBe(members);
  });

  it('writes nothing for a sender whose claim was taken over, and once for the holder', async () => {
    const [holder, stale] = [randomUUID(), randomUUID()];
    const id = await mailingRow();
    await h.ctx.sql`update outbox set state = 'sending', lease_id = ${holder}, lease_until = now() + interval '5 minutes' where id = ${id}`;
    const [row] = await h.ctx.sql<OutboxRow[]>`select id, kind, recipient, member_id, params, in_reply_to, references_ids from outbox where id = ${id}`;
    expect(await expandClaimedRow(h.ctx, testExpander, row!, stale)).toBe(false);
    expect(await expandedRows(id)).toBe(0);
    expect(await expandClaimedRow(h.ctx, testExpander, row!, holder)).toBe(true);
    expect(await expandClaimedRow(h.ctx, testExpander, row!, holder)).toBe(false);
    expect(await expandedRows(id)).toBe(members);
  });

  it('a failed expansion writes nothing and leaves the row pending for a retry', async () => {
    const id = await mailingRow();
    failNext = true;
    await expect(deliverOutboxRows(h.ctx, openTransport(h.config), [id])).rejects.toBeInstanceOf(RetryDeliveryError);
    expect(await expandedRows(id)).toBe(0);
    const [row] = await h.ctx.sql`select state, last_error from outbox where id = ${id}`;
    expect(row).toEqual({ state: 'pending', last_error: 'disk full' });
    expect((await deliverOutboxRows(h.ctx, openTransport(h.config), [id])).sent).toBe(1);
    expect(await expandedRows(id)).toBe(members);
  });
});
