import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { sendReminder } from '../../src/domains/consultations/mail/remind.ts';
import { upsertGroup } from '../../src/domains/org/groups.ts';
import { grantRole, subscribe, upsertMember } from '../../src/domains/org/members.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { header } from '../helpers/lists.ts';
import { signingDomain } from '../helpers/dns.ts';
import { runDigest } from '../../src/domains/digests/runDigest.ts';
import { closeHarness, expire, inDays, openViaSmtp, waitForMailTo, waitForOutbox, type Delivered, type SeededList } from '../helpers/consultation.ts';

/**
 * Everything sent to a list's members (consultation copies, reminders,
 * outcomes, list copies) names the list (List-Id) and how to leave it
 * (List-Unsubscribe, one-click with an https PUBLIC_URL); a list named
 * "Łódź (Polska)" gives ASCII headers that decode to that name; `To:` carries
 * the member's name. Leaving from a copy while the consultation is open makes
 * the member unreachable for it, not silent.
 */
let h: Harness;
// Members' mail passes DKIM, so a mailed "digest off" is acted on.
const members = signingDomain('example.org');
const list: SeededList = { slug: 'lodz', coordinator: 'coord-lodz@example.org', members: ['lodz-m1@example.org', 'lodz-m2@example.org'] };

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL: 'https://lists.example.test', HTTP_PORT: '0' }, resolver: members.dns.resolver });
  await upsertGroup(h.ctx.sql, { slug: 'lodz', name: 'Łódź (Polska)', level: 'committee' });
  const coord = await upsertMember(h.ctx.sql, { email: list.coordinator, name: 'Koordynator' });
  await subscribe(h.ctx.sql, coord.id, 'lodz');
  await grantRole(h.ctx.sql, coord.id, 'coordinator', 'lodz');
  for (const [i, email] of list.members.entries()) {
    const m = await upsertMember(h.ctx.sql, { email, name: i === 0 ? 'Zofia Wójcik' : 'Jan Nowak' });
    await subscribe(h.ctx.sql, m.id, 'lodz');
  }
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

const rawHead = (d: Delivered) => d.raw.slice(0, d.raw.indexOf('\r\n\r\n'));

async function listHeadersOf(d: Delivered) {
  const head = rawHead(d);
  // The header block is ASCII: the name is encoded, not written as raw bytes.
  // eslint-disable-next-line no-control-regex
  expect(head).toMatch(/^[\x00-\x7f]*$/);
  const parsed = await simpleParser(d.raw);
  const lists = parsed.headers.get('list') as Record<string, { id?: string; name?: string; url?: string; mail?: string }>;
  // mailparser leaves List-Id's phrase encoded: decode it as any RFC 2047 text.
  if (lists.id?.name) lists.id.name = (await simpleParser(`Subject: ${lists.id.name}\r\n\r\n`)).subject;
  return { lists, parsed, unsubscribePost: header(d.raw, 'List-Unsubscribe-Post') };
}

let consultationId: number;

describe('list headers on every mail to a list', () => {
  it('consultation copies: List-Id decoding to "Łódź (Polska)", List-Unsubscribe (https and mailto), one-click, To with the name', async () => {
    const { id } = await openViaSmtp(h, list, 'Gdzie?', ['Kind: choice', `Deadline: ${inDays(3)}`, 'Reminder: none', 'Options:', 'A. Tu', 'B. Tam']);
    consultationId = id;
    const [copy] = await waitForMailTo(h, list.members[0]!, new RegExp(`^\\[lodz\\] C-${id}: `));
    const { lists, parsed, unsubscribePost } = await listHeadersOf(copy!);
    expect(lists.id).toEqual({ id: `lodz.${h.domain}`, name: 'Łódź (Polska)' });
    expect(lists.unsubscribe).toMatchObject({ url: expect.stringMatching(/^https:\/\/lists\.example\.test\/unsubscribe\//) });
    expect(header(copy!.raw, 'List-Unsubscribe')).toMatch(/<mailto:lodz-request@/);
    expect(unsubscribePost).toBe('List-Unsubscribe=One-Click');
    // "Reply to list" must not send a vote to everyone, and vacation replies must still come back.
    expect(header(copy!.raw, 'List-Post')).toBeUndefined();
    expect(parsed.headers.has('precedence')).toBe(false);
    expect(parsed.to).toMatchObject({ value: [{ name: 'Zofia Wójcik', address: list.members[0] }] });
  });

  it('a member who leaves from the copy while it is open is unreachable at the close, never silent', async () => {
    const [copy] = await waitForMailTo(h, list.members[1]!, new RegExp(`^\\[lodz\\] C-${consultationId}: `));
    const url = new URL(((await listHeadersOf(copy!)).lists.unsubscribe as { url: string }).url);
    const res = await fetch(`http://127.0.0.1:${h.server.httpPort}${url.pathname}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);

    await h.ctx.sql`update consultations set reminder_at = now() - interval '1 second' where id = ${consultationId}`;
    await sendReminder(h.ctx, consultationId, null);
    const [reminder] = await waitForMailTo(h, list.members[0]!, new RegExp(`^Reminder: \\[lodz\\] C-${consultationId}:`));
    expect((await listHeadersOf(reminder!)).lists.id).toEqual({ id: `lodz.${h.domain}`, name: 'Łódź (Polska)' });

    await expire(h, consultationId);
    await closeDue(h.ctx);
    await waitForOutbox(h);
    const buckets = await h.ctx.sql`
      select m.email, e.bucket from consultation_electorate e join members m on m.id = e.member_id
      where e.consultation_id = ${consultationId} order by m.email`;
    expect(Object.fromEntries(buckets.map((b) => [b.email, b.bucket]))).toEqual({
      [list.coordinator]: 'silent', [list.members[0]!]: 'silent', [list.members[1]!]: 'unreachable',
    });
  });

  it('outcomes and list copies carry them too', async () => {
    const [outcome] = await waitForMailTo(h, list.members[0]!, new RegExp(`^Outcome of C-${consultationId}:`));
    const o = await listHeadersOf(outcome!);
    expect(o.lists.id).toEqual({ id: `lodz.${h.domain}`, name: 'Łódź (Polska)' });
    expect(o.lists.unsubscribe).toBeDefined();

    await h.send({ from: list.coordinator, to: `lodz@${h.domain}`, subject: 'Zebranie', text: 'Do zobaczenia.' });
    const [post] = await waitForMailTo(h, list.members[0]!, /^\[lodz\] Zebranie/);
    const p = await listHeadersOf(post!);
    expect(p.lists.id).toEqual({ id: `lodz.${h.domain}`, name: 'Łódź (Polska)' });
    expect(p.lists.unsubscribe).toBeDefined();
    expect(p.unsubscribePost).toBe('List-Unsubscribe=One-Click');
  });

  it('the digest: List-Id and a one-click List-Unsubscribe that stops the digest only; "digest off" by mail does the same', async () => {
    const week = () => ({ start: new Date(Date.now() - 7 * 86400_000), end: new Date() });
    await runDigest(h.ctx, week());
    const [digest] = await waitForMailTo(h, list.members[0]!, /^Your Tacit digest/);
    const d = await listHeadersOf(digest!);
    expect(d.lists.id).toEqual({ id: `digest.${h.domain}`, name: 'Tacit digest' });
    expect(header(digest!.raw, 'List-Unsubscribe')).toMatch(new RegExp(`^<https://lists\\.example\\.test/unsubscribe/\\w+>, <mailto:request@${h.domain}\\?subject=digest%20off&body=digest%20off>$`));
    expect(d.unsubscribePost).toBe('List-Unsubscribe=One-Click');

    const url = new URL((d.lists.unsubscribe as { url: string }).url);
    expect((await fetch(`http://127.0.0.1:${h.server.httpPort}${url.pathname}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    await h.send({ from: list.coordinator, to: `request@${h.domain}`, subject: 'digest off', text: 'digest off', dkim: members.dkim });
    await waitFor(async () => (await h.ctx.sql`select 1 from members where email = ${list.coordinator} and digest_off_at is not null`).length > 0, 15_000, '"digest off" by mail');
    const off = await h.ctx.sql`select email from members where digest_off_at is not null order by email`;
    expect(off.map((r) => r.email)).toEqual([list.coordinator, list.members[0]]);
    // Still on the list: only the digest stopped.
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from memberships ms join members m on m.id = ms.member_id where m.email = ${list.members[0]!}`;
    expect(n).toBe(1);
    await h.ctx.sql`delete from outbox where kind = 'digest'`;
    await runDigest(h.ctx, { start: new Date(Date.now() - 7 * 86400_000), end: new Date(Date.now() + 1000) });
    const rows = await h.ctx.sql`select recipient from outbox where kind = 'digest'`;
    expect(rows.map((r) => r.recipient)).not.toContain(list.members[0]);
    expect(rows.map((r) => r.recipient)).not.toContain(list.coordinator);
  });
});
