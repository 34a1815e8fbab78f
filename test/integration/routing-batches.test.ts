import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress } from '../../src/domains/consultations/replies/replyAddress.ts';
import { storeInbound } from '../../src/pipeline/ingest/storeInbound.ts';
import { routeBatch } from '../../src/pipeline/routing/routeBatch.ts';
import { routeJobs } from '../../src/pipeline/routing/routeQueue.ts';
import { startServer } from '../../src/app/server.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { closeHarness, inDays, routeAllNow, seedList } from '../helpers/consultation.ts';

/**
 * A routing job routes its deliveries in one transaction. These check what
 * one-at-a-time routing guaranteed: a message that fails does not take the
 * others with it, and a batch routed twice (duplicate jobs) acts once.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ workers: false });
});
afterAll(async () => {
  await closeHarness(h);
});

async function store(from: string, to: string, body: string, messageId: string): Promise<number> {
  const raw = Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: Re: Q\r\nMessage-ID: <${messageId}@example.org>\r\n\r\n${body}\r\n`);
  return (await storeInbound(h.ctx.sql, { raw, envelopeFrom: from, recipients: [to] })).newDeliveryIds[0]!;
}

/** mailparser refuses more than 1000 MIME parts, on every attempt alike. */
async function storeUnreadable(from: string): Promise<number> {
  const part = '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n';
  const raw = Buffer.from(
    [`From: ${from}`, `To: request@${h.domain}`, 'Subject: help', 'Message-ID: <batch-parts@example.org>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', part.repeat(1001) + '--b--', ''].join('\r\n'),
  );
  return (await storeInbound(h.ctx.sql, { raw, envelopeFrom: from, recipients: [`request@${h.domain}`] })).newDeliveryIds[0]!;
}

async function openConsultation(slug: string, members: number) {
  const list = await seedList(h, slug, members);
  await h.send({ from: list.coordinator, to: `${slug}-consult@${h.domain}`, subject: 'Q', text: `Kind: choice\nDeadline: ${inDays(3)}\nOptions:\nA. Yes\nB. No\n` });
  await routeAllNow(h);
  const [preview] = await h.ctx.sql`select params from outbox where kind = 'consultation-preview' and recipient = ${list.coordinator}`;
  await h.send({ from: list.coordinator, to: preview!.params.replyTo as string, subject: 'Re: preview', text: 'ok' });
  await routeAllNow(h);
  const [c] = await h.ctx.sql`select c.id from consultations c join groups g on g.id = c.group_id where g.slug = ${slug}`;
  const voters = await h.ctx.sql`
    select m.id, m.email from members m join consultation_electorate e on e.member_id = m.id
    where e.consultation_id = ${c!.id} and m.email = any(${list.members}) order by m.id`;
  return { id: Number(c!.id), voters: voters.map((v) => ({ email: v.email as string, to: replyAddress(h.ctx, Number(c!.id), Number(v.id)) })) };
}

describe('routing in batches', () => {
  it('routes the others when one message of the batch cannot be read', async () => {
    const first = await store('batch-a@example.org', `request@${h.domain}`, 'help', 'batch-a');
    const unreadable = await storeUnreadable('batch-b@example.org');
    const last = await store('batch-c@example.org', `request@${h.domain}`, 'help', 'batch-c');

    const outcome = await routeBatch(h.ctx, [first, unreadable, last]);
    expect(outcome.routed).toBe(2);
    expect(outcome.retry).toEqual([]);
    expect(outcome.unusable.map((u) => u.deliveryId)).toEqual([unreadable]);

    const rows = await h.ctx.sql`select id, state, outcome from inbound_deliveries where id = any(${[first, unreadable, last]}::bigint[]) order by id`;
    expect(rows.map((r) => [Number(r.id), r.state, r.outcome])).toEqual([
      [first, 'routed', 'commands: help'],
      [unreadable, 'failed', 'the message cannot be parsed: Max allowed child nodes exceeded'],
      [last, 'routed', 'commands: help'],
    ]);
    const answers = await h.ctx.sql`select recipient from outbox where recipient like 'batch-_@example.org' order by recipient`;
    expect(answers.map((a) => a.recipient)).toEqual(['batch-a@example.org', 'batch-c@example.org']);
  });

  it('records each reply once when the same batch is routed twice at the same time', async () => {
    const { id, voters } = await openConsultation('dup', 4);
    const ids: number[] = [];
    for (const [i, v] of voters.entries()) ids.push(await store(v.email, v.to, i % 2 ? 'B' : 'A', `dup-${i}`));
    await new Promise((r) => setTimeout(r, 20));
    // The first member changes their mind: in the same batch, the later reply must count.
    ids.push(await store(voters[0]!.email, voters[0]!.to, 'B', 'dup-again'));

    const outcomes = await Promise.all([routeBatch(h.ctx, ids), routeBatch(h.ctx, ids), routeBatch(h.ctx, ids.slice(2))]);
    expect(outcomes.map((o) => o.routed).reduce((a, b) => a + b)).toBe(ids.length);
    expect(outcomes.flatMap((o) => [...o.retry, ...o.unusable])).toEqual([]);
    // And a third time, later: nothing left to do.
    expect(await routeBatch(h.ctx, ids)).toMatchObject({ routed: 0, skipped: ids.length });

    const replies = await h.ctx.sql`select inbound_message_id from consultation_replies where consultation_id = ${id}`;
    expect(replies).toHaveLength(ids.length);
    expect(new Set(replies.map((r) => r.inbound_message_id)).size).toBe(ids.length);
    const receipts = await h.ctx.sql`select recipient from outbox where kind = 'consultation-receipt' and recipient like 'dup-%'`;
    expect(receipts).toHaveLength(ids.length);
    const counted = await h.ctx.sql`
      select m.email, r.stance from consultation_electorate e join members m on m.id = e.member_id
      join consultation_replies r on r.id = e.latest_reply_id
      where e.consultation_id = ${id} order by m.id`;
    expect(counted.map((c) => [c.email, c.stance])).toEqual(voters.map((v, i) => [v.email, { first: i === 0 || i % 2 ? 'B' : 'A' }]));
    const [left] = await h.ctx.sql`select count(*)::int as n from inbound_deliveries where id = any(${ids}::bigint[]) and state <> 'routed'`;
    expect(left!.n).toBe(0);
  });

  it('records each reply once when duplicate jobs for it run in the route workers', async () => {
    const { id, voters } = await openConsultation('jobs', 6);
    const ids: number[] = [];
    for (const [i, v] of voters.entries()) ids.push(await store(v.email, v.to, 'A', `jobs-${i}`));
    // The ingest's job, a reconciler's job cut differently, and one job per delivery: three jobs for each reply.
    const jobs = [
      ...routeJobs(ids),
      { name: 'route', data: { ids: ids.slice(1) }, opts: { jobId: 'route-again' } },
      ...ids.map((d) => ({ name: 'route', data: { id: d }, opts: { jobId: `route-${d}` } })),
    ];
    await h.ctx.queues.route.addBulk(jobs);
    const workers = await startServer(h.runtime, { smtp: false, reconciler: false });
    try {
      await waitFor(async () => {
        const states = await Promise.all(jobs.map((j) => h.ctx.queues.route.getJobState(j.opts.jobId)));
        return states.every((s) => s === 'completed');
      }, 20_000, 'every route job done');
    } finally {
      await workers.stop();
    }
    const replies = await h.ctx.sql`select count(*)::int as n from consultation_replies where consultation_id = ${id}`;
    expect(replies[0]!.n).toBe(ids.length);
    const receipts = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'consultation-receipt' and recipient like 'jobs-%'`;
    expect(receipts[0]!.n).toBe(ids.length);
  });
});
