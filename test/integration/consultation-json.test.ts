import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress } from '../../src/domains/consultations/replies/replyAddress.ts';
import { closeConsultation } from '../../src/domains/consultations/close/close.ts';
import { deliverOutboxRows } from '../../src/pipeline/outbound/deliver.ts';
import { openTransport } from '../../src/pipeline/outbound/send/index.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signingDomain } from '../helpers/dns.ts';
import { closeHarness, inDays, routeAllNow, seedList, tacit, type SeededList } from '../helpers/consultation.ts';

/**
 * `tacit consultation C-ID --json` for open consultations (a provisional
 * tally) of both kinds, and the replies' stances in the contract's shapes.
 * No workers run: every step is driven by hand, so nothing races.
 */
let h: Harness;
// A cancel acts at once only when signed by the coordinator's domain.
const { dns, dkim } = signingDomain('example.org');

beforeAll(async () => {
  h = await createHarness({ workers: false, resolver: dns.resolver });
});
afterAll(async () => {
  await closeHarness(h);
});

/** Opens a consultation on `list` by mail and confirmation; copies are marked delivered. */
async function open(list: SeededList, subject: string, keys: string): Promise<number> {
  await h.send({ from: list.coordinator, to: `${list.slug}-consult@${h.domain}`, subject, text: `${keys}\nDeadline: ${inDays(3)}\n\nPlease answer.` });
  await routeAllNow(h);
  const [preview] = await h.ctx.sql`select params from outbox where kind = 'consultation-preview' order by id desc limit 1`;
  await h.send({ from: list.coordinator, to: preview.params.replyTo as string, subject: 'Re: preview', text: 'ok' });
  await routeAllNow(h);
  const [c] = await h.ctx.sql`select id, status from consultations order by id desc limit 1`;
  expect(c.status).toBe('open');
  await h.ctx.sql`update outbox set state = 'sent' where kind = 'consultation-copy'`;
  return c.id as number;
}

async function answer(id: number, email: string, text: string): Promise<void> {
  const [member] = await h.ctx.sql`select id from members where email = ${email}`;
  await h.send({ from: email, to: replyAddress(h.ctx, id, member.id as number), subject: 'Re: your copy', text });
  await routeAllNow(h);
}

/** The command's stdout must be exactly one JSON document. */
async function jsonDoc(id: number): Promise<Record<string, any>> {
  const { stdout } = await tacit(h, ['consultation', `C-${id}`, '--json']);
  expect(stdout.trim().startsWith('{') && stdout.trim().endsWith('}')).toBe(true);
  return JSON.parse(stdout);
}

describe('tacit consultation C-ID --json', () => {
  it('gives an open choice a provisional tally, a winner and no verdict, and every stance in its contract shape', async () => {
    const list = await seedList(h, 'icc', 4);
    const id = await open(list, 'Our name', 'Kind: choice\nOptions:\nA. Free\nB. Participatory\nC. Socialist');
    const [m1, m2, m3, m4] = list.members as [string, string, string, string];
    await answer(id, m1, 'A B C'); // letters in a row: a ranking, and A is not the article "a"
    await answer(id, m2, 'any');
    await answer(id, m3, 'I will think about it over the weekend');
    await answer(id, m4, 'A and B fine, not C');

    const doc = await jsonDoc(id);
    expect(doc).toMatchObject({ id: `C-${id}`, status: 'open', kind: 'choice', list: 'icc', provisional: true, winner: 'A' });
    expect('verdict' in doc).toBe(false);
    expect(doc.deadline).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The unreadable reply stays in the silent bucket with the coordinator, who did not reply.
    expect(doc.buckets).toEqual({ replied: 3, silent: 2, unreachable: 0, away: 0 });
    expect(doc.options).toEqual([
      { letter: 'A', text: 'Free', first: 1, accept: 5, reject: 0 },
      { letter: 'B', text: 'Participatory', first: 0, accept: 5, reject: 0 },
      { letter: 'C', text: 'Socialist', first: 0, accept: 4, reject: 1 },
    ]);
    const stances = Object.fromEntries(doc.replies.map((r: { email: string; stance: unknown }) => [r.email, r.stance]));
    expect(stances).toEqual({
      [m1]: { first: 'A', ranking: ['A', 'B', 'C'] },
      [m2]: { first: null, any: true },
      [m3]: { unreadable: true },
      [m4]: { first: null, accept: ['A', 'B'], reject: ['C'] },
    });
  });

  it('gives a proposal a verdict and no winner, open and then closed', async () => {
    const list = await seedList(h, 'gb', 3, 'national');
    const id = await open(list, 'Meet monthly', 'Kind: proposal');
    const [m1, m2, m3] = list.members as [string, string, string];
    await answer(id, m1, 'object: too often for the members abroad');
    await answer(id, m2, 'hmm, let me ask my branch first');
    await answer(id, m3, '+1');

    const provisional = await jsonDoc(id);
    expect(provisional).toMatchObject({ status: 'open', kind: 'proposal', list: 'gb', verdict: 'blocked', options: [] });
    expect('winner' in provisional).toBe(false);
    expect(provisional.buckets).toEqual({ replied: 2, silent: 2, unreachable: 0, away: 0 });
    const stances = Object.fromEntries(provisional.replies.map((r: { email: string; stance: unknown }) => [r.email, r.stance]));
    expect(stances).toEqual({
      [m1]: { stance: 'object', reason: 'too often for the members abroad' },
      [m2]: { stance: 'unreadable' },
      [m3]: { stance: 'agree' },
    });

    await h.ctx.sql`update consultations set deadline = now() - interval '1 second' where id = ${id}`;
    expect((await closeConsultation(h.ctx, id)).closed).toBe(true);
    const closed = await jsonDoc(id);
    expect(closed).toMatchObject({ status: 'closed', provisional: false, verdict: 'blocked', buckets: provisional.buckets });
    expect('winner' in closed).toBe(false);
    expect(closed.replies).toEqual(provisional.replies);
  });

  it('does not send a copy still waiting at the close: that member is unreachable, and no ballot arrives after the close', async () => {
    const list = await seedList(h, 'fr', 2, 'national');
    const id = await open(list, 'Congress city', 'Kind: choice\nOptions:\nA. Lyon\nB. Lille');
    const [m1, m2] = list.members as [string, string];
    // The relay is slow: m2's copy has not left when the deadline comes.
    await h.ctx.sql`update outbox set state = 'pending' where kind = 'consultation-copy' and recipient = ${m2}`;
    await answer(id, m1, 'B');
    await h.ctx.sql`update consultations set deadline = now() - interval '1 second' where id = ${id}`;
    expect((await closeConsultation(h.ctx, id)).closed).toBe(true);
    const doc = await jsonDoc(id);
    expect(doc.buckets).toEqual({ replied: 1, silent: 1, unreachable: 1, away: 0 });
    const [copy] = await h.ctx.sql`select state from outbox where kind = 'consultation-copy' and recipient = ${m2}`;
    expect(copy.state).toBe('failed');
    // The close wrote one row for the outcome mailing, left pending by the copies' cancellation;
    // delivering it (no workers here) writes the members' rows, pending too.
    const mailing = await h.ctx.sql`select id, state from outbox where kind = 'consultation-outcome-mailing' and params->>'consultationId' = ${String(id)}`;
    expect(mailing.map((r) => r.state)).toEqual(['pending']);
    expect(await deliverOutboxRows(h.ctx, openTransport(h.config), [mailing[0]!.id as number])).toMatchObject({ sent: 1, skipped: 0 });
    const outcomes = await h.ctx.sql`select state from outbox where kind = 'consultation-outcome' and params->>'consultationId' = ${String(id)}`;
    expect(outcomes.length).toBe(3);
    expect(outcomes.every((o) => o.state === 'pending')).toBe(true);
  });

  it('does not send a copy still waiting when the coordinator cancels', async () => {
    const list = await seedList(h, 'de', 2, 'national');
    const id = await open(list, 'Congress date', 'Kind: choice\nOptions:\nA. May\nB. June');
    const m2 = list.members[1]!;
    await h.ctx.sql`update outbox set state = 'pending' where kind = 'consultation-copy' and recipient = ${m2}`;
    await h.send({ from: list.coordinator, to: `consult@${h.domain}`, subject: 'cancel', text: `cancel C-${id}`, dkim });
    await routeAllNow(h);
    const [c] = await h.ctx.sql`select status from consultations where id = ${id}`;
    expect(c.status).toBe('cancelled');
    const [copy] = await h.ctx.sql`select state from outbox where kind = 'consultation-copy' and recipient = ${m2}`;
    expect(copy.state).toBe('failed');
    const notices = await h.ctx.sql`select state from outbox where kind = 'consultation-cancelled' and params->>'consultationId' = ${String(id)}`;
    expect(notices.map((n) => n.state)).toEqual(['pending', 'pending', 'pending']);
  });
});
