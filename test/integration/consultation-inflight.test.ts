import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress } from '../../src/consultations/addresses.ts';
import { closeConsultation } from '../../src/consultations/close.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, inDays, routeAllNow, seedList } from './consultation-support.ts';

/**
 * A reply Tacit accepted before the deadline counts even if no worker had
 * routed it when the close ran: the close routes such replies first. Here
 * no workers run, so every step is driven by hand and nothing races.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ workers: false });
});
afterAll(async () => {
  await closeHarness(h);
});

describe('a reply still in the route queue at the deadline', () => {
  it('is routed by the close and counted', async () => {
    const list = await seedList(h, 'icc', 2);
    await h.send({ from: list.coordinator, to: `icc-consult@${h.domain}`, subject: 'Slow queue', text: `Kind: choice\nDeadline: ${inDays(3)}\nOptions:\nA. Yes\nB. No\n` });
    await routeAllNow(h);
    const [preview] = await h.ctx.sql`select params from outbox where kind = 'consultation-preview'`;
    await h.send({ from: list.coordinator, to: preview.params.replyTo as string, subject: 'Re: preview', text: 'ok' });
    await routeAllNow(h);
    const [c] = await h.ctx.sql`select id, status from consultations`;
    expect(c.status).toBe('open');
    await h.ctx.sql`update outbox set state = 'sent' where kind = 'consultation-copy'`;

    const [member] = await h.ctx.sql`select id from members where email = ${list.members[0]!}`;
    await h.send({ from: list.members[0], to: replyAddress(h.ctx, c.id as number, member.id as number), subject: 'Re: Slow queue', text: 'B' });
    // The deadline passes after Tacit accepted the reply, before anything routed it.
    await h.ctx.sql`update consultations set deadline = now() where id = ${c.id}`;
    const [waiting] = await h.ctx.sql`select count(*)::int as n from inbound_deliveries where state = 'received'`;
    expect(waiting.n).toBe(1);

    const result = await closeConsultation(h.ctx, c.id as number);
    expect(result.closed).toBe(true);
    if (!result.closed || result.outcome.kind !== 'choice') throw new Error('not a closed choice');
    expect(result.outcome.buckets).toEqual({ replied: 1, silent: 2, unreachable: 0, away: 0 });
    expect(result.outcome.winner).toBe('B');
    const [receipt] = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'consultation-receipt'`;
    expect(receipt.n).toBe(1);
  });
});
