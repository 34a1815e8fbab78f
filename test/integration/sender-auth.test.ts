import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subscribe, upsertMember } from '../../src/domains/org/members.ts';
import { dkimKey, TestDns } from '../helpers/dns.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import {
  closeHarness, inDays, openViaSmtp, replyToOf, seedList, waitForMailTo, waitForOutbox, waitForRouting, type SeededList,
} from '../helpers/consultation.ts';

/**
 * The attacks on who may act, over real SMTP: a forged From is never enough.
 * example.org signs with DKIM (key in the test zone, no DMARC record);
 * strict.example publishes DMARC p=reject and signs nothing.
 */
const dns = new TestDns();
const signed = dkimKey('example.org');
signed.publish(dns);
dns.txt('_dmarc.strict.example', 'v=DMARC1; p=reject');

const MALLORY = 'mallory@evil.example';
let h: Harness;
let list: SeededList;
const strictMember = 'sam@strict.example';
const choice = ['Kind: choice', `Deadline: ${inDays(7)}`, 'Reminder: none', 'Options:', 'A. Spring', 'B. Autumn'];

beforeAll(async () => {
  h = await createHarness({ resolver: dns.resolver });
  list = await seedList(h, 'icc', 2);
  const sam = await upsertMember(h.ctx.sql, { email: strictMember, name: 'Sam' });
  await subscribe(h.ctx.sql, sam.id, 'icc');
});
afterAll(async () => {
  await closeHarness(h);
});
beforeEach(async () => {
  await h.ctx.sql`delete from reply_budget`;
});

async function lastOutboxId(): Promise<number> {
  const [row] = await h.ctx.sql`select coalesce(max(id), 0)::int as id from outbox`;
  return row.id;
}

/** Every mail Tacit decided to send since `after`, once routing is done. */
async function mailSince(after: number): Promise<{ recipient: string; kind: string }[]> {
  await waitForRouting(h);
  return [...(await h.ctx.sql`select recipient, kind from outbox where id > ${after} order by id`)] as never;
}

async function status(id: number): Promise<{ status: string; deadline: Date }> {
  const [row] = await h.ctx.sql`select status, deadline from consultations where id = ${id}`;
  return row as never;
}

/** A command in the coordinator's name sent by someone else: envelope Mallory, From the coordinator, nothing signed. */
async function forge(text: string, subject: string) {
  await h.send({ envelope: { from: MALLORY, to: [`icc-consult@${h.domain}`] }, from: list.coordinator, to: `icc-consult@${h.domain}`, subject, text });
}

describe('forged consultation commands', () => {
  it('a forged close does not close: only the coordinator is asked, and a protest changes nothing', async () => {
    const { id } = await openViaSmtp(h, list, 'Forged close', choice);
    const before = await lastOutboxId();
    await forge(`close C-${id}`, 'forged close');
    expect(await mailSince(before)).toEqual([{ recipient: list.coordinator, kind: 'consultation-commands' }]);
    expect((await status(id)).status).toBe('open');

    const [asked] = await waitForMailTo(h, list.coordinator, /^Re: forged close/);
    expect(asked!.mail.text).toContain('Waiting for your confirmation');
    expect(asked!.mail.text).toContain('Any other answer (a question, "this was not me") changes nothing.');
    await h.send({ from: list.coordinator, to: replyToOf(asked!), subject: 'Re: forged close', text: 'This was not me! I never asked for this.' });
    const [told] = await waitForMailTo(h, list.coordinator, /^Re: Re: forged close/);
    expect(told!.mail.text).toContain('Nothing was done.');
    expect(told!.mail.text).toContain('reply to this mail with the single word "yes"');
    expect((await status(id)).status).toBe('open');
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from consultation_mailings where consultation_id = ${id} and purpose = 'outcome'`;
    expect(n).toBe(0);
  });

  it('a forged cancel does not cancel', async () => {
    const { id } = await openViaSmtp(h, list, 'Forged cancel', choice);
    const before = await lastOutboxId();
    await forge(`cancel C-${id}`, 'forged cancel');
    expect(await mailSince(before)).toEqual([{ recipient: list.coordinator, kind: 'consultation-commands' }]);
    expect((await status(id)).status).toBe('open');
  });

  it('200 forged extend lines move nothing and write one mail; confirmed, they are one extension and one notice per member', async () => {
    const { id } = await openViaSmtp(h, list, 'Forged extend', choice);
    const { deadline } = await status(id);
    const before = await lastOutboxId();
    await forge(Array.from({ length: 200 }, (_, i) => `extend C-${id} ${i + 1} days`).join('\n'), 'forged extend');
    expect(await mailSince(before)).toEqual([{ recipient: list.coordinator, kind: 'consultation-commands' }]);
    expect((await status(id)).deadline).toEqual(deadline);

    const [asked] = await waitForMailTo(h, list.coordinator, /^Re: forged extend/);
    expect(asked!.mail.text).toContain(`one message changes C-${id} once`);
    await h.send({ from: list.coordinator, to: replyToOf(asked!), subject: 'Re: forged extend', text: 'yes' });
    await waitForRouting(h);
    expect((await status(id)).deadline.getTime() - deadline.getTime()).toBe(86400_000);
    const [{ n }] = await h.ctx.sql`
      select count(*)::int as n from consultation_mailings where consultation_id = ${id} and purpose like 'extended-%'`;
    expect(n).toBe(1 + list.members.length + 1); // coordinator, members, Sam
  });

  it('a DKIM-signed close from the coordinator acts at once', async () => {
    const { id } = await openViaSmtp(h, list, 'Signed close', choice);
    await h.send({ from: list.coordinator, to: `icc-consult@${h.domain}`, subject: 'signed close', text: `close C-${id}`, dkim: signed.dkim });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: signed close/);
    expect(answer!.mail.text).toContain(`C-${id} is closed.`);
    expect((await status(id)).status).toBe('closed');
    const [stored] = await h.ctx.sql`
      select m.auth_results, m.auth from inbound_messages m join inbound_deliveries d on d.message_id = m.id
      where d.outcome like ${`consultation commands: close C-${id}%`}`;
    expect(stored.auth_results).toMatch(/^tacit\.localhost;.*dkim=pass/s);
    expect(stored.auth.dkim).toMatchObject([{ result: 'pass', domain: 'example.org' }]);
  });

  it("the same close unsigned, from the coordinator's own server, is confirmed first", async () => {
    const { id } = await openViaSmtp(h, list, 'Unsigned close', choice);
    await h.send({ from: list.coordinator, to: `icc-consult@${h.domain}`, subject: 'unsigned close', text: `close C-${id}` });
    const [asked] = await waitForMailTo(h, list.coordinator, /^Re: unsigned close/);
    expect((await status(id)).status).toBe('open');
    await h.send({ from: list.coordinator, to: replyToOf(asked!), subject: 'Re: unsigned close', text: 'Yes, close it.' });
    const [done] = await waitForMailTo(h, list.coordinator, /^Re: Re: unsigned close/);
    expect(done!.mail.text).toContain(`C-${id} is closed.`);
    expect((await status(id)).status).toBe('closed');
  });

  it('a protest to a preview opens nothing', async () => {
    await h.send({ from: list.coordinator, to: `icc-consult@${h.domain}`, subject: 'Protested preview', text: choice.join('\n') });
    const [preview] = await waitForMailTo(h, list.coordinator, /^Preview of C-\d+: Protested preview/);
    expect(preview!.mail.text).toContain('reply to this mail with "yes"');
    const id = Number(/C-(\d+)/.exec(preview!.mail.subject!)![1]);
    await h.send({ from: list.coordinator, to: replyToOf(preview!), subject: 'Re: preview', text: 'What is this? I did not write it.' });
    await waitForMailTo(h, list.coordinator, /^Re: Re: preview/);
    expect((await status(id)).status).toBe('draft');
  });
});

describe('forged list changes and many-address From', () => {
  it('a forged leave is confirmed with the member only, and "This was not me!" keeps them on every list', async () => {
    const member = list.members[0]!;
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [`request@${h.domain}`] }, from: member, to: `request@${h.domain}`, subject: 'leave', text: 'leave' });
    expect(await mailSince(before)).toEqual([{ recipient: member, kind: 'request-results' }]);
    const [asked] = await waitForMailTo(h, member, /^Re: leave/);
    await h.send({ from: member, to: replyToOf(asked!), subject: 'Re: leave', text: 'This was not me! I never asked for this.' });
    await waitForMailTo(h, member, /^Re: Re: leave/);
    const [{ n }] = await h.ctx.sql`
      select count(*)::int as n from memberships ms join members m on m.id = ms.member_id where m.email = ${member}`;
    expect(n).toBe(1);
  });

  it('a DKIM-signed list change acts at once, with no confirmation', async () => {
    const member = list.members[1]!;
    await h.send({ from: member, to: `request@${h.domain}`, subject: 'digest please', text: 'set icc digest', dkim: signed.dkim });
    const [answer] = await waitForMailTo(h, member, /^Re: digest please/);
    expect(answer!.mail.replyTo).toBeUndefined();
    const [row] = await h.ctx.sql`
      select ms.mode from memberships ms join members m on m.id = ms.member_id join groups g on g.id = ms.group_id
      where m.email = ${member} and g.slug = 'icc'`;
    expect(row.mode).toBe('digest');
  });

  it('one From with many addresses, or a group, gets no answer and changes nothing', async () => {
    const before = await lastOutboxId();
    for (const from of ['a@example.net, b@example.com, c@example.info', 'Friends: a@example.net, b@example.com;']) {
      const raw = `From: ${from}\r\nTo: request@${h.domain}\r\nSubject: help\r\nMessage-ID: <${Math.random()}@evil.example>\r\n\r\nhelp\r\nleave\r\n`;
      await h.send({ envelope: { from: MALLORY, to: [`request@${h.domain}`, `icc-consult@${h.domain}`] }, raw });
    }
    expect(await mailSince(before)).toEqual([]);
    const outcomes = await h.ctx.sql`select outcome from inbound_deliveries where outcome like 'refused:%'`;
    expect(outcomes.map((o) => o.outcome).sort()).toEqual([
      'refused: group syntax in From', 'refused: group syntax in From', 'refused: several From addresses', 'refused: several From addresses',
    ]);
  });
});

describe('votes', () => {
  it('a vote whose From domain fails DMARC under p=reject is held and confirmed with the member', async () => {
    const { id } = await openViaSmtp(h, list, 'Strict vote', choice);
    const [copy] = await waitForMailTo(h, strictMember, new RegExp(`^\\[icc\\] C-${id}: `));
    const ballot = replyToOf(copy!);
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [ballot] }, from: strictMember, to: ballot, subject: 'Re: vote', text: 'B' });
    expect(await mailSince(before)).toEqual([{ recipient: strictMember, kind: 'consultation-reply-held' }]);
    const [held] = await waitForMailTo(h, strictMember, /^Was this you\?/);
    expect(held!.mail.text).toContain('DMARC');
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from consultation_replies where consultation_id = ${id}`;
    expect(n).toBe(0);
    // The token reached the member's mailbox: their explicit yes records it.
    await h.send({ from: strictMember, to: replyToOf(held!), subject: 'Re: held', text: 'yes' });
    await waitForMailTo(h, strictMember, /^Recorded: C-/);
  });

  it('a vote from a domain with no DMARC policy is recorded as before', async () => {
    const { replyTo } = await openViaSmtp(h, list, 'Plain vote', choice);
    const member = list.members[1]!;
    await h.send({ from: member, to: replyTo.get(member)!, subject: 'Re: vote', text: 'A' });
    await waitForMailTo(h, member, /^Recorded: C-/);
  });
});

describe('behind a trusted MX (AUTHSERV_ID)', () => {
  let mx: Harness;
  let mxList: SeededList;
  beforeAll(async () => {
    mx = await createHarness({ resolver: dns.resolver, env: { AUTHSERV_ID: 'mx.example.net' } });
    mxList = await seedList(mx, 'mx', 1);
  });
  afterAll(async () => {
    await closeHarness(mx);
  });

  it("acts on the MX's DKIM pass, and ignores a pass claimed under another authserv-id", async () => {
    const a = await openViaSmtp(mx, mxList, 'Trusted one', choice);
    const b = await openViaSmtp(mx, mxList, 'Trusted two', choice);
    const claim = 'dkim=pass header.d=example.org; dmarc=pass header.from=example.org';
    await mx.send({ from: mxList.coordinator, to: `mx-consult@${mx.domain}`, subject: 'via mx', text: `close C-${a.id}`, headers: { 'Authentication-Results': `mx.example.net; ${claim}` } });
    await mx.send({ from: mxList.coordinator, to: `mx-consult@${mx.domain}`, subject: 'claimed', text: `close C-${b.id}`, headers: { 'Authentication-Results': `evil.example; ${claim}` } });
    await waitForMailTo(mx, mxList.coordinator, /^Re: via mx/);
    await waitForMailTo(mx, mxList.coordinator, /^Re: claimed/);
    const rows = await mx.ctx.sql`select id, status from consultations where id in (${a.id}, ${b.id}) order by id`;
    expect(rows.map((r) => r.status)).toEqual(['closed', 'open']);
    await waitForOutbox(mx);
  });
});
