import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress } from '../../src/domains/consultations/replies/replyAddress.ts';
import { closeConsultation } from '../../src/domains/consultations/close/close.ts';
import nodemailer from 'nodemailer';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signingDomain } from '../helpers/dns.ts';
import { storeInbound } from '../../src/pipeline/ingest/storeInbound.ts';
import { routeDelivery } from '../../src/pipeline/routing/router.ts';
import { closeHarness, inDays, routeAllNow, seedList } from '../helpers/consultation.ts';

/**
 * A reply Tacit accepted before the deadline counts even if no worker had
 * routed it when the close ran: the close routes such replies first. Here
 * no workers run, so every step is driven by hand and nothing races.
 */
let h: Harness;
// A close acts at once only when signed by the coordinator's domain.
const { dns, dkim } = signingDomain('example.org');

beforeAll(async () => {
  h = await createHarness({ workers: false, resolver: dns.resolver });
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

/** Opens a consultation on a seeded list by mail, driving every step by hand; returns its id. */
async function openHere(slug: string, members: number) {
  const list = await seedList(h, slug, Math.min(members, 2));
  // The rest in two set-based statements: one query per member would be most of this test's time.
  await h.ctx.sql`
    insert into members (email, name) select ${slug} || '-m' || i || '@example.org', 'Member ' || i from generate_series(3, ${members}) i`;
  await h.ctx.sql`
    insert into memberships (group_id, member_id)
    select g.id, m.id from groups g, members m where g.slug = ${slug} and m.email like ${slug + '-m%@example.org'}
    on conflict do nothing`;
  for (let i = 3; i <= members; i++) list.members.push(`${slug}-m${i}@example.org`);
  await h.send({ from: list.coordinator, to: `${slug}-consult@${h.domain}`, subject: `Question ${slug}`, text: `Kind: choice\nDeadline: ${inDays(3)}\nOptions:\nA. Yes\nB. No\n` });
  await routeAllNow(h);
  const [preview] = await h.ctx.sql`select params from outbox where kind = 'consultation-preview' order by id desc limit 1`;
  await h.send({ from: list.coordinator, to: preview.params.replyTo as string, subject: 'Re: preview', text: 'ok' });
  await routeAllNow(h);
  const [c] = await h.ctx.sql`select c.id from consultations c join groups g on g.id = c.group_id where g.slug = ${slug}`;
  await h.ctx.sql`update outbox set state = 'sent' where kind = 'consultation-copy'`;
  return { list, id: c.id as number };
}

/** Stores a member's reply as the SMTP ingest does (committed, not routed). */
async function storeReply(id: number, email: string, text: string) {
  const [member] = await h.ctx.sql`select id from members where email = ${email}`;
  const to = replyAddress(h.ctx, id, member.id as number);
  const raw = Buffer.from(`From: ${email}\r\nTo: ${to}\r\nSubject: Re: question\r\nMessage-ID: <r-${id}-${member.id}@example.org>\r\n\r\n${text}\r\n`);
  return storeInbound(h.ctx.sql, { raw, envelopeFrom: email, recipients: [to] });
}

describe('every reply received in time counts, whatever triggers the close', () => {
  it('the alarm routes all 2,100 waiting replies first (no limit of 2,000)', async () => {
    const { list, id } = await openHere('many', 2_099);
      const all = [list.coordinator, ...list.members];
    for (let i = 0; i < all.length; i += 50) await Promise.all(all.slice(i, i + 50).map((email) => storeReply(id, email, 'B')));
    await h.ctx.sql`update consultations set deadline = now() where id = ${id}`;

    const result = await closeConsultation(h.ctx, id);
    if (!result.closed || result.outcome.kind !== 'choice') throw new Error('not a closed choice');
    expect(result.outcome.buckets).toEqual({ replied: 2_100, silent: 0, unreachable: 0, away: 0 });
    expect(result.outcome.winner).toBe('B');
  }, 180_000);

  it('a close by mail routes the replies waiting before it', async () => {
    const { list, id } = await openHere('bymail', 2);
    await storeReply(id, list.members[0]!, 'A');
    await storeReply(id, list.members[1]!, 'B');
    const { message } = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail({
      from: list.coordinator, to: `consult@${h.domain}`, subject: 'close', text: `close C-${id}`,
      messageId: `<close-${id}@example.org>`, dkim,
    });
    const command = await storeInbound(h.ctx.sql, {
      raw: message as Buffer,
      envelopeFrom: list.coordinator,
      recipients: [`consult@${h.domain}`],
    });
    // Only the command is routed by a worker; the two replies are still in the queue behind it.
    await routeDelivery(h.ctx, command.newDeliveryIds[0]!);
    const [c] = await h.ctx.sql`select status, outcome from consultations where id = ${id}`;
    expect(c.status).toBe('closed');
    expect(c.outcome.buckets).toEqual({ replied: 2, silent: 1, unreachable: 0, away: 0 });
  });
});
