import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress } from '../../src/domains/consultations/replies/replyAddress.ts';
import { closeConsultation, closeInTransaction } from '../../src/domains/consultations/close/close.ts';
import type { Tx } from '../../src/shared/db/database.ts';
import { storeInbound } from '../../src/pipeline/ingest/storeInbound.ts';
import { routeInTransaction } from '../../src/pipeline/routing/router.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, inDays, routeAllNow, seedList } from '../helpers/consultation.ts';

/**
 * A member replies twice just before the deadline. The close routes the
 * first reply (and so holds the member's row) while a worker, holding the
 * second reply's row, waits for the member's row: a deadlock. Postgres ends
 * one side; whichever it is, the second reply must count.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ workers: false });
});
afterAll(async () => {
  await closeHarness(h);
});

describe('a close and a worker routing two replies of one member', () => {
  it('counts the later reply, even when the deadlock ends the close', async () => {
    const list = await seedList(h, 'icc', 2);
    await h.send({ from: list.coordinator, to: `icc-consult@${h.domain}`, subject: 'Q', text: `Kind: choice\nDeadline: ${inDays(3)}\nOptions:\nA. Yes\nB. No\n` });
    await routeAllNow(h);
    const [preview] = await h.ctx.sql`select params from outbox where kind = 'consultation-preview'`;
    await h.send({ from: list.coordinator, to: preview.params.replyTo as string, subject: 'Re: preview', text: 'ok' });
    await routeAllNow(h);
    const [c] = await h.ctx.sql`select id from consultations`;
    const email = list.members[0]!;
    const [member] = await h.ctx.sql`select id from members where email = ${email}`;
    const to = replyAddress(h.ctx, c.id as number, member.id as number);
    const store = async (n: number, text: string) => {
      const raw = Buffer.from(`From: ${email}\r\nTo: ${to}\r\nSubject: Re: Q\r\nMessage-ID: <twice-${n}@example.org>\r\n\r\n${text}\r\n`);
      return (await storeInbound(h.ctx.sql, { raw, envelopeFrom: email, recipients: [to] })).newDeliveryIds[0]!;
    };
    const first = await store(1, 'A');
    await new Promise((r) => setTimeout(r, 20));
    const second = await store(2, 'B');
    await h.ctx.sql`update consultations set deadline = now() where id = ${c.id}`;

    let worker: Promise<unknown> | undefined;
    let workerHoldsRow!: () => void;
    const held = new Promise<void>((r) => (workerHoldsRow = r));
    const attempt = await h.ctx.sql
      .begin(async (tx) => {
        await routeInTransaction(tx as Tx, h.ctx, first);
        // The worker has taken the second reply's row and is still reading it when the close reaches that row.
        worker = h.ctx.sql.begin(async (w) => {
          await w`select 1 from inbound_deliveries where id = ${second} for update`;
          workerHoldsRow();
          await new Promise((r) => setTimeout(r, 300));
          return routeInTransaction(w as Tx, h.ctx, second);
        });
        await held;
        return closeInTransaction(tx as Tx, h.ctx, c.id as number);
      })
      .then(() => 'closed', (err: Error) => err.message);
    const routed = await worker!.then(() => 'routed', (err: Error) => err.message);
    // Postgres ended one of them; the other went through.
    expect([attempt, routed].filter((r) => /deadlock/.test(r))).toHaveLength(1);
    if (attempt !== 'closed') expect((await closeConsultation(h.ctx, c.id as number)).closed).toBe(true);

    const [counted] = await h.ctx.sql`
      select r.stance, r.late from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id
      where e.consultation_id = ${c.id} and e.member_id = ${member.id}`;
    expect(counted).toEqual({ stance: { first: 'B' }, late: false });
    const [closed] = await h.ctx.sql`select status, outcome from consultations where id = ${c.id}`;
    expect(closed.status).toBe('closed');
    expect(closed.outcome.options.map((o: { letter: string; first: number }) => [o.letter, o.first])).toEqual([['A', 0], ['B', 1]]);
  });
});
