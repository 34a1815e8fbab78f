import { afterEach, describe, expect, it } from 'vitest';
import { outboundSigner } from '../../src/pipeline/outbound/sign/signer.ts';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import type { Composer } from '../../src/pipeline/outbound/compose/compose.ts';
import { deliverOutboxRows } from '../../src/pipeline/outbound/deliver.ts';
import { maildirTransport } from '../../src/pipeline/outbound/send/maildir.ts';
import type { Transport } from '../../src/pipeline/outbound/send/transport.ts';
import { reconcileOnce } from '../../src/app/reconciler.ts';
import { connectDatabase } from '../../src/shared/db/database.ts';

// A composer that can be held, standing in for a sender whose event loop froze before the send.
let hold: Promise<void> | undefined;
const heldComposer: Composer = async (row) => {
  if (hold) await hold;
  return { from: 'tacit@tacit.localhost', subject: `row ${row.id}`, text: 'hello' };
};

/** A harness whose deliveries compose 'test-held' rows with the composer above. */
async function heldHarness(): Promise<Harness> {
  const harness = await createHarness({ workers: false });
  harness.ctx.wiring.composers.set('test-held', heldComposer);
  return harness;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = hold = undefined;
});

async function insertRows(harness: Harness, count: number): Promise<number[]> {
  const rows = await harness.ctx.sql`
    insert into outbox (kind, recipient) select 'test-held', 'm' || i || '@example.org' from generate_series(1, ${count}) i
    returning id`;
  return rows.map((r) => r.id as number).sort((a, b) => a - b);
}

const header = (raw: string, name: string) => raw.match(new RegExp(`^${name}: (.*)$`, 'mi'))?.[1];
const leaseExpired = (harness: Harness, id: number) => async () =>
  (await harness.ctx.sql`select 1 from outbox where id = ${id} and state = 'sending' and lease_until < now()`).length > 0;

describe('outbound exactly once (claim + lease)', () => {
  it('two senders given the same rows at once send each row once', async () => {
    h = await heldHarness();
    const ids = await insertRows(h, 40);
    const transport = maildirTransport(h.maildir);
    const [a, b] = await Promise.all([deliverOutboxRows(h.ctx, transport, ids), deliverOutboxRows(h.ctx, transport, ids)]);
    expect(a.sent + b.sent).toBe(40);
    expect(a.skipped + b.skipped).toBe(40);
    expect(readMaildir(h.maildir)).toHaveLength(40);
    const states = await h.ctx.sql`select state, attempts, lease_id from outbox group by state, attempts, lease_id`;
    expect(states).toEqual([{ state: 'sent', attempts: 1, lease_id: null }]);
  });

  it("a stalled sender's claim expires, another sender sends the copy, and the stalled one does not send it again", async () => {
    h = await heldHarness();
    const [id] = await insertRows(h, 1);
    const transport = maildirTransport(h.maildir);
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const stalled = deliverOutboxRows(h.ctx, transport, [id], { leaseMs: 300 });
    await waitFor(leaseExpired(h, id), 5_000, 'the lease to run out');
    // The reconciler sees the expired claim as lost work.
    expect((await reconcileOnce(h.ctx)).outbox).toBe(1);
    hold = undefined;
    expect(await deliverOutboxRows(h.ctx, transport, [id])).toMatchObject({ sent: 1, skipped: 0 });
    release();
    expect(await stalled).toMatchObject({ sent: 0, expired: 1 });
    expect(readMaildir(h.maildir)).toHaveLength(1);
    const [row] = await h.ctx.sql`select state, attempts from outbox where id = ${id}`;
    expect(row).toEqual({ state: 'sent', attempts: 2 });
  });

  it("a live sender keeps its claim however slow; once its session ends, the claim is taken over at once (lease of an hour)", async () => {
    h = await heldHarness();
    const [id] = await insertRows(h, 1);
    const transport = maildirTransport(h.maildir);
    const hour = 3_600_000;
    // Another sender process: its own pool, so its own Postgres sessions and claim holder.
    const otherSql = connectDatabase(h.databaseUrl);
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const slow = deliverOutboxRows({ ...h.ctx, sql: otherSql }, transport, [id], { leaseMs: hour });
    await waitFor(async () => (await h!.ctx.sql`select 1 from outbox where id = ${id} and state = 'sending'`).length > 0, 5_000, 'the claim');
    hold = undefined;
    // Alive and holding: neither the reconciler nor another sender touches the row.
    expect((await reconcileOnce(h.ctx)).outbox).toBe(0);
    expect(await deliverOutboxRows(h.ctx, transport, [id], { leaseMs: hour })).toMatchObject({ sent: 0, skipped: 1 });
    // Its sessions end (as when the process is killed): the row is anyone's now, an hour before its lease runs out.
    await otherSql.end({ timeout: 0 });
    expect((await reconcileOnce(h.ctx)).outbox).toBe(1);
    expect(await deliverOutboxRows(h.ctx, transport, [id], { leaseMs: hour })).toMatchObject({ sent: 1, skipped: 0 });
    release();
    // The slow sender wakes up without its session: it does not send the row again.
    expect(await slow).toMatchObject({ sent: 0, expired: 1 });
    expect(readMaildir(h.maildir)).toHaveLength(1);
    const [row] = await h.ctx.sql`select state, attempts, lease_holder from outbox where id = ${id}`;
    expect(row).toEqual({ state: 'sent', attempts: 2, lease_holder: null });
  });

  it('a sender that dies between send and mark: the retry is the same mail (same Message-ID and Date), not a new one', async () => {
    h = await heldHarness();
    const [id] = await insertRows(h, 1);
    const maildir = maildirTransport(h.maildir);
    // Sends, then never returns: the process died before it could mark the row sent.
    const dying: Transport = { description: 'dying', close: async () => {}, send: async (m) => (await maildir.send(m), new Promise<void>(() => {})) };
    // The signing key is made on first use: made now, so the short lease below times the send, not the key.
    await outboundSigner(h.ctx);
    void deliverOutboxRows(h.ctx, dying, [id], { leaseMs: 300 });
    await waitFor(() => readMaildir(h!.maildir).length === 1, 5_000, 'the first copy');
    await waitFor(leaseExpired(h, id), 5_000, 'the lease to run out');
    await new Promise((r) => setTimeout(r, 1_100)); // a later second, so a fresh Date would differ
    expect(await deliverOutboxRows(h.ctx, maildir, [id])).toMatchObject({ sent: 1 });
    const [first, second] = readMaildir(h.maildir);
    expect(header(second.raw, 'Message-ID')).toBe(header(first.raw, 'Message-ID'));
    expect(header(second.raw, 'Date')).toBe(header(first.raw, 'Date'));
    expect(header(first.raw, 'Message-ID')).toBe(`<tacit-${id}@${h.domain}>`);
    const [row] = await h.ctx.sql`select state from outbox where id = ${id}`;
    expect(row.state).toBe('sent');
  });

  it('a temporary failure puts the row back to pending for a retry; a permanent one fails it', async () => {
    h = await heldHarness();
    const [temporary, permanent] = await insertRows(h, 2);
    const { PermanentDeliveryError } = await import('../../src/pipeline/outbound/send/transport.ts');
    const refusing: Transport = {
      description: 'refusing',
      close: async () => {},
      send: async (m) => {
        throw m.envelope.to === 'm1@example.org' ? new Error('421 try later') : new PermanentDeliveryError('550 no such user');
      },
    };
    await expect(deliverOutboxRows(h.ctx, refusing, [temporary, permanent])).rejects.toThrow(/1 of 2 not sent.*421/);
    const rows = await h.ctx.sql`select id, state, last_error, lease_id from outbox order by id`;
    expect(rows).toEqual([
      { id: temporary, state: 'pending', last_error: '421 try later', lease_id: null },
      { id: permanent, state: 'failed', last_error: '550 no such user', lease_id: null },
    ]);
  });
});
