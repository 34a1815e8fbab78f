import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { grantRole, subscribe, upsertMember } from '../../src/domains/org/members.ts';
import { sealMessage } from 'mailauth';
import { dkimKey, TestDns } from '../helpers/dns.ts';
import { PUBLIC_URL, getPage, localBase, requestSigninLink, signIn } from '../helpers/web.ts';
import { mailsTo } from '../helpers/lists.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import {
  closeHarness, expire, inDays, openViaSmtp, replyToOf, seedList, waitForMailTo, waitForRouting, type SeededList,
} from '../helpers/consultation.ts';

/**
 * An attacker with only an SMTP client against a running Tacit: each test
 * tries one more way to change state or an outcome without the member's
 * mailbox or an aligned DKIM/DMARC pass of the member's domain.
 * example.org signs with DKIM (no DMARC record); strict.example publishes
 * p=reject and signs nothing; lax.example publishes p=none; evil.example is
 * Mallory's own domain and signs its mail.
 */
const dns = new TestDns();
const orgKey = dkimKey('example.org');
orgKey.publish(dns);
dns.txt('_dmarc.strict.example', 'v=DMARC1; p=reject');
dns.txt('_dmarc.lax.example', 'v=DMARC1; p=none');
const evilKey = dkimKey('evil.example');
evilKey.publish(dns);

const MALLORY = 'mallory@evil.example';
let h: Harness;
let list: SeededList;
const strictMember = 'sam@strict.example';
const laxMember = 'lee@lax.example';
const choice = ['Kind: choice', `Deadline: ${inDays(7)}`, 'Reminder: none', 'Options:', 'A. Spring', 'B. Autumn'];

beforeAll(async () => {
  h = await createHarness({ resolver: dns.resolver, env: { PUBLIC_URL, HTTP_PORT: '0' } });
  list = await seedList(h, 'fr', 3);
  for (const [email, name] of [[strictMember, 'Sam'], [laxMember, 'Lee']] as const) {
    const m = await upsertMember(h.ctx.sql, { email, name });
    await subscribe(h.ctx.sql, m.id, 'fr');
  }
});
afterAll(async () => {
  await closeHarness(h);
});
beforeEach(async () => {
  await h.ctx.sql`delete from reply_budget`;
  await h.ctx.sql`delete from notice_budget`;
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

async function status(id: number): Promise<string> {
  const [row] = await h.ctx.sql`select status from consultations where id = ${id}`;
  return row.status;
}

async function repliesOf(id: number): Promise<{ email: string; late: boolean }[]> {
  return [...(await h.ctx.sql`
    select m.email, r.late from consultation_replies r join members m on m.id = r.member_id
    where r.consultation_id = ${id} order by r.id`)] as never;
}

async function outcomeOf(messageId: string): Promise<string> {
  await waitForRouting(h);
  const [row] = await h.ctx.sql`
    select d.outcome from inbound_deliveries d join inbound_messages m on m.id = d.message_id where m.message_id = ${messageId}`;
  return row?.outcome ?? '(not stored)';
}

/** The Reply-To of one member's copy of a consultation (for members openViaSmtp does not wait for). */
async function ballotOf(id: number, member: string): Promise<string> {
  const [copy] = await waitForMailTo(h, member, new RegExp(`^\\[fr\\] C-${id}: `));
  return replyToOf(copy!);
}

let seq = 0;
function mid(tag: string): string {
  return `<${tag}-${++seq}-${Math.random().toString(36).slice(2)}@evil.example>`;
}

describe('votes with a leaked reply+ token', () => {
  it("a vote to another member's reply+ address, From the attacker (a member too), is held and asked of the victim only", async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Leaked token', choice);
    const [victim, attacker] = [list.members[0]!, list.members[1]!];
    const before = await lastOutboxId();
    await h.send({ from: attacker, to: replyTo.get(victim)!, subject: 'Re: vote', text: 'B' });
    expect(await mailSince(before)).toEqual([{ recipient: victim, kind: 'consultation-reply-held' }]);
    expect(await repliesOf(id)).toEqual([]);
  });

  it("the victim's From under DMARC p=none, unaligned: counted, and the receipt goes to the victim's mailbox, not the sender", async () => {
    // The token is the secret that reached the member's mailbox; p=none asks receivers not to act on a DMARC
    // failure. The member learns of it at once from the receipt and can answer again (the last reply counts).
    const { id } = await openViaSmtp(h, list, 'Lax token', choice);
    const ballot = await ballotOf(id, laxMember);
    const before = await lastOutboxId();
    const messageId = mid('lax');
    await h.send({ envelope: { from: MALLORY, to: [ballot] }, from: laxMember, to: ballot, subject: 'Re: vote', text: 'B', messageId });
    expect(await outcomeOf(messageId)).toMatch(/reply recorded/);
    expect(await mailSince(before)).toEqual([{ recipient: laxMember, kind: 'consultation-receipt' }]);
    expect(await repliesOf(id)).toEqual([{ email: laxMember, late: false }]);
  });

  it("a reply+ token whose consultation number is changed is refused, and nothing is recorded anywhere", async () => {
    const a = await openViaSmtp(h, list, 'Token one', choice);
    const b = await openViaSmtp(h, list, 'Token two', choice);
    const member = list.members[2]!;
    const token = /^reply\+([^@]+)@/.exec(a.replyTo.get(member)!)![1]!;
    const swapped = token.replace(new RegExp(`^${a.id}x`), `${b.id}x`);
    expect(swapped).not.toBe(token);
    const messageId = mid('swap');
    await h.send({ from: member, to: `reply+${swapped}@${h.domain}`, subject: 'Re: vote', text: 'A', messageId });
    expect(await outcomeOf(messageId)).toBe('bad reply token');
    expect(await repliesOf(a.id)).toEqual([]);
    expect(await repliesOf(b.id)).toEqual([]);
  });

  it('a reply after the deadline, or to a cancelled consultation, is stored late and never counted', async () => {
    const late = await openViaSmtp(h, list, 'After deadline', choice);
    const cancelled = await openViaSmtp(h, list, 'Cancelled one', choice);
    await expire(h, late.id);
    await h.ctx.sql`update consultations set status = 'cancelled' where id = ${cancelled.id}`;
    const member = list.members[0]!;
    await h.send({ from: member, to: late.replyTo.get(member)!, subject: 'Re: late', text: 'A', dkim: orgKey.dkim });
    await h.send({ from: member, to: cancelled.replyTo.get(member)!, subject: 'Re: cancelled', text: 'A', dkim: orgKey.dkim });
    await waitForRouting(h);
    expect(await repliesOf(late.id)).toEqual([{ email: member, late: true }]);
    expect(await repliesOf(cancelled.id)).toEqual([{ email: member, late: true }]);
    const counted = await h.ctx.sql`
      select 1 from consultation_electorate where consultation_id in (${late.id}, ${cancelled.id}) and latest_reply_id is not null`;
    expect(counted.length).toBe(0);
  });
});

describe('confirmations', () => {
  /** A forged extend, and the confirmation the coordinator got for it. */
  async function forgedExtend(subject: string) {
    const { id } = await openViaSmtp(h, list, subject, choice);
    const [{ deadline }] = await h.ctx.sql`select deadline from consultations where id = ${id}`;
    await h.send({ envelope: { from: MALLORY, to: [`fr-consult@${h.domain}`] }, from: list.coordinator, to: `fr-consult@${h.domain}`, subject, text: `extend C-${id} 1 day` });
    const [asked] = await waitForMailTo(h, list.coordinator, new RegExp(`^Re: ${subject}$`));
    return { id, deadline: deadline as Date, confirm: replyToOf(asked!) };
  }
  async function deadlineOf(id: number): Promise<Date> {
    const [row] = await h.ctx.sql`select deadline from consultations where id = ${id}`;
    return row.deadline;
  }

  it('a confirm+ token answered "yes" twice acts once', async () => {
    const { id, deadline, confirm } = await forgedExtend('twice');
    await h.send({ from: list.coordinator, to: confirm, subject: 'Re: twice', text: 'yes' });
    await waitForRouting(h);
    const messageId = mid('again');
    await h.send({ from: list.coordinator, to: confirm, subject: 'Re: twice', text: 'yes', messageId });
    expect(await outcomeOf(messageId)).toBe('confirmation already used');
    expect((await deadlineOf(id)).getTime() - deadline.getTime()).toBe(86400_000);
  });

  it("a confirm+ token answered from another member's address, or from the attacker, does nothing", async () => {
    const { id, deadline, confirm } = await forgedExtend('other address');
    for (const from of [list.members[0]!, MALLORY, `"${list.coordinator}" <${MALLORY}>`]) {
      const messageId = mid('other');
      await h.send({ envelope: { from: MALLORY, to: [confirm] }, from, to: confirm, subject: 'Re: other', text: 'yes', messageId });
      expect(await outcomeOf(messageId)).toMatch(/^confirmation from .* ignored: sent to /);
    }
    expect(await deadlineOf(id)).toEqual(deadline);
  });

  it('an expired confirmation does nothing, even answered "yes" by its owner', async () => {
    const { id, deadline, confirm } = await forgedExtend('expired');
    await h.ctx.sql`update confirmations set expires_at = now() - interval '1 second' where purpose = 'commands' and used_at is null`;
    const messageId = mid('expired');
    await h.send({ from: list.coordinator, to: confirm, subject: 'Re: expired', text: 'yes', messageId });
    expect(await outcomeOf(messageId)).toBe('confirmation expired');
    expect(await deadlineOf(id)).toEqual(deadline);
  });
});

describe('opening and list commands in someone else\'s name', () => {
  it('an opening with a forged coordinator From stays a draft: only a preview, to the real coordinator', async () => {
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [`fr-consult@${h.domain}`] }, from: list.coordinator, to: `fr-consult@${h.domain}`, subject: 'Forged opening', text: choice.join('\n'), replyTo: MALLORY });
    expect(await mailSince(before)).toEqual([{ recipient: list.coordinator, kind: 'consultation-preview' }]);
    const [row] = await h.ctx.sql`select status from consultations where question = 'Forged opening'`;
    expect(row.status).toBe('draft');
  });

  it('a forged subscribe, set or move is asked of the victim only, and changes nothing', async () => {
    const victim = list.members[2]!;
    const before = await lastOutboxId();
    const [{ snapshot }] = await h.ctx.sql`
      select string_agg(g.slug || ':' || ms.mode, ',' order by g.slug) as snapshot
      from memberships ms join groups g on g.id = ms.group_id join members m on m.id = ms.member_id where m.email = ${victim}`;
    await h.send({
      envelope: { from: MALLORY, to: [`request@${h.domain}`] }, from: victim, to: `request@${h.domain}`, replyTo: MALLORY,
      subject: 'changes', text: `set fr nomail\nmove GB London\nsubscribe fr digest ${MALLORY}`,
    });
    expect(await mailSince(before)).toEqual([{ recipient: victim, kind: 'request-results' }]);
    const [{ after, city }] = await h.ctx.sql`
      select string_agg(g.slug || ':' || ms.mode, ',' order by g.slug) as after, max(m.city) as city
      from memberships ms join groups g on g.id = ms.group_id join members m on m.id = ms.member_id where m.email = ${victim}`;
    expect(after).toBe(snapshot);
    expect(city).toBeNull();
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from members where email = ${MALLORY}`;
    expect(n).toBe(0);
  });
});

describe('headers that claim to be someone else', () => {
  const tricks: [string, Record<string, string>, string][] = [
    ['Sender: the coordinator', { Sender: 'coord-fr@example.org' }, MALLORY],
    ['Reply-To: the coordinator', { 'Reply-To': 'coord-fr@example.org' }, MALLORY],
    ['Resent-From: the coordinator', { 'Resent-From': 'coord-fr@example.org', 'Resent-Sender': 'coord-fr@example.org' }, MALLORY],
    ['Return-Path header', { 'Return-Path': '<coord-fr@example.org>' }, MALLORY],
    ['the address as display name', {}, `"coord-fr@example.org" <${MALLORY}>`],
    ['an address in a comment', {}, `${MALLORY} (coord-fr@example.org)`],
    ['a plus-address of the coordinator', {}, 'coord-fr+x@example.org'],
    ['a Cyrillic o in the domain', {}, 'coord-fr@examplе.org'],
    ['an encoded word as the address', {}, `"x" <=?utf-8?q?coord-fr=40example.org?=>`],
  ];
  it.each(tricks)('a DKIM-signed close with %s does not close, and no confirmation of it is asked of anyone', async (_what, headers, from) => {
    const { id } = await openViaSmtp(h, list, `Trick ${seq}`, choice);
    const before = await lastOutboxId();
    const messageId = mid('trick');
    await h.send({ envelope: { from: MALLORY, to: [`fr-consult@${h.domain}`] }, from, headers, to: `fr-consult@${h.domain}`, subject: 'close it', text: `close C-${id}`, dkim: evilKey.dkim, messageId });
    await waitForRouting(h);
    expect(await status(id)).toBe('open');
    const sent = await mailSince(before);
    expect(sent.filter((m) => m.recipient !== MALLORY && m.recipient !== 'coord-fr+x@example.org' && m.recipient !== 'coord-fr@xn--exampl-8of.org')).toEqual([]);
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from confirmations where payload::text like ${`%"close C-${id}"%`}`;
    expect(n).toBe(0);
  });

  it('the coordinator in upper case, or with a comment, is the coordinator: asked to confirm, at the stored address', async () => {
    const { id } = await openViaSmtp(h, list, 'Case close', choice);
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [`fr-consult@${h.domain}`] }, from: 'COORD-FR@EXAMPLE.ORG (Mallory)', to: `fr-consult@${h.domain}`, subject: 'upper', text: `close C-${id}` });
    expect(await mailSince(before)).toEqual([{ recipient: list.coordinator, kind: 'consultation-commands' }]);
    expect(await status(id)).toBe('open');
  });
});

describe('one From header read two ways', () => {
  it('a From whose domain is punycode that decodes to the coordinator\'s domain, signed by its own domain, closes nothing', async () => {
    // mailparser turns xn-- labels into Unicode (and "xn--example-" into "example"), while DKIM and DMARC
    // were checked for the ASCII domain: the signature must vouch for the address the handlers act for.
    const odd = dkimKey('xn--example-.xn--org-');
    odd.publish(dns);
    const { id } = await openViaSmtp(h, list, 'Punycode close', choice);
    const messageId = mid('puny');
    await h.send({ envelope: { from: MALLORY, to: [`fr-consult@${h.domain}`] }, from: 'coord-fr@xn--example-.xn--org-', to: `fr-consult@${h.domain}`, subject: 'close', text: `close C-${id}`, dkim: odd.dkim, messageId });
    await outcomeOf(messageId);
    expect(await status(id)).toBe('open');
    expect(await outcomeOf(messageId)).toMatch(/^refused: /);
  });
});

describe('list posts and moderation', () => {
  async function postState(subject: string): Promise<string | null> {
    await waitForRouting(h);
    const [row] = await h.ctx.sql`select state from list_posts where subject = ${subject}`;
    return row?.state ?? null;
  }

  it("a post in a p=reject member's name, failing DMARC, waits for a moderator instead of going out as theirs", async () => {
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [`fr@${h.domain}`] }, from: strictMember, to: `fr@${h.domain}`, subject: 'Forged post', text: 'Send your dues to my account.' });
    expect(await postState('Forged post')).toBe('held');
    const sent = await mailSince(before);
    expect(sent.filter((m) => m.kind !== 'moderation-request' && m.kind !== 'post-held')).toEqual([]);
  });

  it("a post whose From address is an encoded word (the member's address once decoded) waits for a moderator", async () => {
    await h.send({ envelope: { from: MALLORY, to: [`fr@${h.domain}`] }, from: `"Sam" <=?utf-8?q?sam=40strict.example?=>`, to: `fr@${h.domain}`, subject: 'Encoded post', text: 'Send your dues to my account.' });
    expect(await postState('Encoded post')).toBe('held');
  });

  it('a held post is approved only through the moderator\'s own confirm+ token, from the moderator', async () => {
    const moderator = 'mod-fr@example.org';
    const mod = await upsertMember(h.ctx.sql, { email: moderator, name: 'Moderator' });
    await grantRole(h.ctx.sql, mod.id, 'moderator', 'fr');
    const before = await lastOutboxId();
    await h.send({ from: MALLORY, to: `fr@${h.domain}`, subject: 'Outsider post', text: 'Buy now.' });
    expect(await mailSince(before)).toEqual([
      { recipient: moderator, kind: 'moderation-request' },
      { recipient: MALLORY, kind: 'post-held' },
    ]);
    const [request] = await waitForMailTo(h, moderator, /Outsider post/);
    const [held] = await waitForMailTo(h, MALLORY, /./);
    expect(held!.raw).not.toMatch(/confirm\+/);
    const confirm = replyToOf(request!);
    // The poster forging the moderator's From cannot reach the token; another member who has it is not the moderator.
    for (const [from, to] of [[moderator, `fr-owner@${h.domain}`], [moderator, `fr-request@${h.domain}`], [list.members[0]!, confirm], [MALLORY, confirm]] as const) {
      await h.send({ envelope: { from: MALLORY, to: [to] }, from, to, subject: 'Re: Outsider post', text: 'yes\napprove' });
    }
    expect(await postState('Outsider post')).toBe('held');
    await h.send({ from: moderator, to: confirm, subject: 'Re: Outsider post', text: 'yes' });
    expect(await postState('Outsider post')).toBe('distributed');
  });
});

describe('ARC', () => {
  it("an ARC seal from a sealer Tacit does not trust, vouching for the coordinator's DKIM and DMARC, closes nothing", async () => {
    const { id } = await openViaSmtp(h, list, 'Sealed close', choice);
    const messageId = mid('arc');
    const unsealed = Buffer.from([
      `From: ${list.coordinator}`, `To: fr-consult@${h.domain}`, 'Subject: forwarded close', `Message-ID: ${messageId}`,
      `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', `close C-${id}`, '',
    ].join('\r\n'));
    // authResults and cv are read by mailauth's sealer but missing from its types.
    const sealOptions = {
      signingDomain: 'evil.example', selector: 'test', privateKey: evilKey.dkim.privateKey,
      authResults: 'evil.example; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org',
      cv: 'none',
    };
    const seal = await sealMessage(unsealed, sealOptions);
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [`fr-consult@${h.domain}`] }, raw: Buffer.concat([seal, unsealed]) });
    expect(await outcomeOf(messageId)).toMatch(/close C-\d+ waiting for confirmation|consultation commands/);
    expect(await mailSince(before)).toEqual([{ recipient: list.coordinator, kind: 'consultation-commands' }]);
    expect(await status(id)).toBe('open');
    const [stored] = await h.ctx.sql`select auth from inbound_messages where message_id = ${messageId}`;
    expect(stored.auth.arc.result).toBe('pass'); // the seal itself verifies: only its claims are not believed
  });
});

describe('the web record', () => {
  async function post(path: string, form: Record<string, string>): Promise<number> {
    const res = await fetch(`${localBase(h)}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
    await res.text();
    return res.status;
  }

  it("a sign-in link asked for another member's address, in any spelling, goes only to that member's mailbox", async () => {
    const victim = list.members[1]!;
    const before = await lastOutboxId();
    for (const email of [victim.toUpperCase(), ` ${victim} `, `${victim},${MALLORY}`, `${victim}\r\nBcc: ${MALLORY}`, `"${victim}"@evil.example`]) {
      expect(await post('/signin', { email })).toBe(200);
    }
    await waitForRouting(h);
    const sent = await h.ctx.sql`select recipient, kind from outbox where id > ${before} order by id`;
    expect(sent.map((r) => r.recipient)).toEqual([victim, victim]);
    expect((await mailsTo(h, MALLORY)).filter((m) => /sign-in/.test(m.parsed.subject ?? ''))).toEqual([]);
  });

  it('a used sign-in link does not sign in again, nor does one whose number is changed', async () => {
    const member = list.members[2]!;
    const link = await requestSigninLink(h, member);
    const path = link.slice(localBase(h).length);
    expect(await post(path, {})).toBe(303);
    expect(await post(path, {})).toBe(410);
    const token = path.slice('/signin/'.length);
    const bumped = token.replace(/^(\d+)/, (n) => String(Number(n) + 1));
    expect(bumped).not.toBe(token);
    expect(await post(`/signin/${bumped}`, {})).toBe(410);
  });

  it("a closed consultation's tally.txt is for members of its list only", async () => {
    const { id } = await openViaSmtp(h, list, 'Web tally', choice);
    await h.send({ from: list.coordinator, to: `fr-consult@${h.domain}`, subject: 'signed close', text: `close C-${id}`, dkim: orgKey.dkim });
    await waitFor(async () => (await status(id)) === 'closed');
    const outsider = 'out@example.org';
    await upsertMember(h.ctx.sql, { email: outsider, name: 'Outsider' });
    const path = `/decisions/C-${id}/tally.txt`;
    expect((await getPage(h, path)).status).toBe(404);
    expect((await getPage(h, path, await signIn(h, outsider))).status).toBe(404);
    const member = await getPage(h, path, await signIn(h, list.members[0]!));
    expect(member.status).toBe(200);
    expect(member.html).toMatch(/silent|first=/);
  });
});

describe('replaying what the list handed out', () => {
  it("a member's DKIM-signed post of \"leave\", replayed from the list copy to request@, is asked of the member and changes nothing", async () => {
    const [victim, attacker] = [list.members[0]!, list.members[1]!];
    await h.send({ from: victim, to: `fr@${h.domain}`, subject: 'leave', text: 'leave', dkim: orgKey.dkim });
    const [copy] = await waitForMailTo(h, attacker, /^\[fr\] leave$/);
    // The attacker rebuilds the author's message: envelope lines, list headers and the subject tag go.
    const [head, ...body] = copy!.raw.split(/\r?\n\r?\n/);
    const fields = head!.split(/\r?\n(?![ \t])/)
      .filter((f) => !/^(return-path|delivered-to|list-[a-z-]+|precedence|x-loop|sender|errors-to):/i.test(f))
      .map((f) => f.replace(/^Subject: \[fr\] /i, 'Subject: '));
    const replay = [fields.join('\r\n'), ...body].join('\r\n\r\n');
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [`request@${h.domain}`] }, raw: replay });
    expect(await mailSince(before)).toEqual([{ recipient: victim, kind: 'request-results' }]);
    const [{ n }] = await h.ctx.sql`
      select count(*)::int as n from memberships ms join members m on m.id = ms.member_id join groups g on g.id = ms.group_id
      where m.email = ${victim} and g.slug = 'fr'`;
    expect(n).toBe(1);
  });
});
