import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { grantRole, subscribe, upsertMember } from '../../src/domains/org/members.ts';
import { upsertGroup } from '../../src/domains/org/groups.ts';
import { sealMessage } from 'mailauth';
import { dkimKey, TestDns } from '../helpers/dns.ts';
import { signDkim } from '../helpers/dkimSign.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import {
  closeHarness, delivered, inDays, openViaSmtp, replyToOf, seedList, waitForMailTo, waitForOutbox, waitForRouting, type SeededList,
} from '../helpers/consultation.ts';

/**
 * The attacks on who may act, over real SMTP: a forged From is never enough.
 * DNS is answered by a server of the test's own on loopback (DNS_SERVERS).
 * example.org signs with DKIM (key in the test zone, no DMARC record);
 * strict.example publishes DMARC p=reject and signs nothing; victim.org.es
 * publishes p=reject, and its sibling attacker.org.es (org.es is a public
 * suffix) signs its mail and passes SPF from loopback; xn--bcher-kva.example
 * (bücher.example) signs its mail.
 */
const dns = new TestDns();
const signed = dkimKey('example.org');
signed.publish(dns);
dns.txt('_dmarc.strict.example', 'v=DMARC1; p=reject');
dns.txt('_dmarc.victim.org.es', 'v=DMARC1; p=reject');
const attackerKey = dkimKey('attacker.org.es');
attackerKey.publish(dns);
dns.txt('attacker.org.es', 'v=spf1 ip4:127.0.0.1 -all');
const idnKey = dkimKey('xn--bcher-kva.example');
idnKey.publish(dns);
const sealerKey = dkimKey('lists.example.net');
sealerKey.publish(dns);
// Its second selector: a key no earlier test has looked up (answers are cached), for the DNS failure test.
const sealerKey2 = dkimKey('lists.example.net', 'second');
sealerKey2.publish(dns);
let dnsServer: Awaited<ReturnType<TestDns['serve']>>;

const MALLORY = 'mallory@evil.example';
let h: Harness;
let list: SeededList;
const strictMember = 'sam@strict.example';
const choice = ['Kind: choice', `Deadline: ${inDays(7)}`, 'Reminder: none', 'Options:', 'A. Spring', 'B. Autumn'];

beforeAll(async () => {
  dnsServer = await dns.serve();
  h = await createHarness({ env: { DNS_SERVERS: dnsServer.address } });
  list = await seedList(h, 'icc', 2);
  const sam = await upsertMember(h.ctx.sql, { email: strictMember, name: 'Sam' });
  await subscribe(h.ctx.sql, sam.id, 'icc');
});
afterAll(async () => {
  await closeHarness(h);
  await dnsServer?.close();
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
    mx = await createHarness({ env: { AUTHSERV_ID: 'mx.example.net', DNS_SERVERS: dnsServer.address } });
    mxList = await seedList(mx, 'mx', 1);
  });
  afterAll(async () => {
    await closeHarness(mx);
  });

  it("acts on the MX's DKIM pass, and ignores a pass claimed under another authserv-id", async () => {
    const a = await openViaSmtp(mx, mxList, 'Trusted one', choice);
    const b = await openViaSmtp(mx, mxList, 'Trusted two', choice);
    const claim = 'dkim=pass header.d=example.org; dmarc=pass header.from=example.org';
    await mx.send({ from: mxList.coordinator, to: `mx-consult@${mx.domain}`, subject: 'via mx', text: `close C-${a.id}`, dkim: signed.dkim, headers: { 'Authentication-Results': `mx.example.net; ${claim}` } });
    await mx.send({ from: mxList.coordinator, to: `mx-consult@${mx.domain}`, subject: 'claimed', text: `close C-${b.id}`, dkim: signed.dkim, headers: { 'Authentication-Results': `evil.example; ${claim}` } });
    await waitForMailTo(mx, mxList.coordinator, /^Re: via mx/);
    await waitForMailTo(mx, mxList.coordinator, /^Re: claimed/);
    const rows = await mx.ctx.sql`select id, status from consultations where id in (${a.id}, ${b.id}) order by id`;
    expect(rows.map((r) => r.status)).toEqual(['closed', 'open']);
    await waitForOutbox(mx);
  });

  it("reads l= itself: the MX's dkim=pass for a signature that leaves a line unsigned does not act", async () => {
    const c = await openViaSmtp(mx, mxList, 'Trusted three', choice);
    const claim = 'dkim=pass header.d=example.org; dmarc=pass header.from=example.org';
    const raw = signDkim(message({ from: mxList.coordinator, to: `mx-consult@${mx.domain}`, subject: 'status', body: `status C-${c.id}\r\n` }), { ...signer, bodyLength: 'body' });
    await mx.send({ envelope: { from: MALLORY, to: [`mx-consult@${mx.domain}`] }, raw: `Authentication-Results: mx.example.net; ${claim}\r\n${raw}close C-${c.id}\r\n` });
    const [asked] = await waitForMailTo(mx, mxList.coordinator, /^Re: status/);
    expect(asked!.mail.text).toContain('Waiting for your confirmation');
    const [row] = await mx.ctx.sql`select status from consultations where id = ${c.id}`;
    expect(row.status).toBe('open');
    await waitForOutbox(mx);
  });
});

/** example.org's key, for the test's own DKIM signer. */
const signer = { domain: 'example.org', selector: 'test', privateKey: signed.dkim.privateKey };

let tag = 0;
/** A plain-text message as a mail client writes it (CRLF), ready for signDkim. */
function message(o: { from: string; to: string; subject: string; body: string; date?: Date }): string {
  return [
    `From: ${o.from}`, `To: ${o.to}`, `Subject: ${o.subject}`, `Date: ${(o.date ?? new Date()).toUTCString()}`,
    `Message-ID: <attack-${++tag}-${Date.now()}@example.org>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', o.body,
  ].join('\r\n');
}

/** What a state-changing command may change, for one owner: consultations, memberships, residence, list posts. */
async function stateOf(owner: string, newcomer: string): Promise<unknown> {
  const [row] = await h.ctx.sql`
    select json_build_object(
      'consultations', (select json_agg(json_build_object('id', id, 'status', status, 'deadline', deadline) order by id) from consultations where status <> 'draft'),
      'members', (select json_agg(json_build_object('email', email, 'country', country, 'city', city) order by email) from members where email in (${owner}, ${newcomer})),
      'memberships', (select json_agg(json_build_object('email', m.email, 'group', g.slug, 'mode', ms.mode) order by m.email, g.slug)
                      from memberships ms join members m on m.id = ms.member_id join groups g on g.id = ms.group_id where m.email in (${owner}, ${newcomer})),
      'posts', (select json_agg(json_build_object('id', id, 'state', state) order by id) from list_posts)
    ) as state`;
  return row.state;
}

/** A coordinator of a list of their own (and a member of it), for one attack on one command. */
async function owner(slug: string, domain: string): Promise<SeededList> {
  await upsertGroup(h.ctx.sql, { slug, name: slug.toUpperCase(), level: 'committee' });
  const coordinator = `coord-${slug}@${domain}`;
  const m = await upsertMember(h.ctx.sql, { email: coordinator, name: `Coordinator ${slug}`, country: 'FR', city: 'Paris' });
  // She reads English (else France's French): these tests wait for the English subjects.
  await h.ctx.sql`update members set language = 'en' where id = ${m.id}`;
  await subscribe(h.ctx.sql, m.id, slug);
  await grantRole(h.ctx.sql, m.id, 'coordinator', slug);
  return { slug, coordinator, members: [] };
}

interface Command {
  name: string;
  /** The address it is sent to and its body; `id` is an open consultation of the owner's list when `consultation`. */
  to(o: SeededList): string;
  body(o: SeededList, id: number): string;
  consultation?: boolean;
  /** join is asked for by someone who is not a member yet. */
  byNewcomer?: boolean;
}
const commands: Command[] = [
  { name: 'close', to: (o) => `${o.slug}-consult@${h.domain}`, body: (_o, id) => `close C-${id}`, consultation: true },
  { name: 'cancel', to: (o) => `${o.slug}-consult@${h.domain}`, body: (_o, id) => `cancel C-${id}`, consultation: true },
  { name: 'extend', to: (o) => `${o.slug}-consult@${h.domain}`, body: (_o, id) => `extend C-${id} by 2 days`, consultation: true },
  { name: 'open', to: (o) => `${o.slug}-consult@${h.domain}`, body: () => [...choice, '', 'Please answer.'].join('\r\n') },
  { name: 'join', to: () => `request@${h.domain}`, body: () => 'join\r\nName: New One\r\nCountry: FR\r\nCity: Lyon', byNewcomer: true },
  { name: 'leave', to: () => `request@${h.domain}`, body: () => 'leave' },
  { name: 'subscribe', to: () => `request@${h.domain}`, body: () => 'subscribe extra' },
  { name: 'unsubscribe', to: () => `request@${h.domain}`, body: (o) => `unsubscribe ${o.slug}` },
  { name: 'set', to: () => `request@${h.domain}`, body: (o) => `set ${o.slug} digest` },
  { name: 'move', to: () => `request@${h.domain}`, body: () => 'move DE Berlin' },
];

/** The owner, a consultation when the command needs one, and who the command is in the name of. */
async function target(command: Command, slug: string, domain: string) {
  const o = await owner(slug, domain);
  const id = command.consultation ? (await openViaSmtp(h, o, `Attack ${slug}`, choice)).id : 0;
  const newcomer = `new-${slug}@${domain}`;
  return { o, id, newcomer, author: command.byNewcomer ? newcomer : o.coordinator };
}

describe('forgeries that used to act at once, for every command that changes state', () => {
  beforeAll(async () => {
    await upsertGroup(h.ctx.sql, { slug: 'extra', name: 'Extra' }); // open to subscription
  });

  it.each(commands.map((c) => [c.name, c] as const))(
    'a look-alike registrable domain (From victim.org.es, signed and SPF-passed by attacker.org.es): %s asks only the owner, and changes nothing',
    async (name, command) => {
      const { o, id, newcomer, author } = await target(command, `psl-${name}`, 'victim.org.es');
      const state = await stateOf(o.coordinator, newcomer);
      const before = await lastOutboxId();
      const raw = signDkim(message({ from: author, to: command.to(o), subject: `forged ${name}`, body: `${command.body(o, id)}\r\n` }),
        { domain: 'attacker.org.es', selector: 'test', privateKey: attackerKey.dkim.privateKey });
      await h.send({ envelope: { from: 'mallory@attacker.org.es', to: [command.to(o)] }, raw });
      const sent = await mailSince(before);
      expect(sent.map((m) => m.recipient)).toEqual([author]);
      expect(await stateOf(o.coordinator, newcomer)).toEqual(state);
      const [stored] = await h.ctx.sql`select auth from inbound_messages order by id desc limit 1`;
      expect(stored.auth.dmarc).toMatchObject({ result: 'fail', policy: 'reject' });
    },
  );

  it.each(commands.map((c) => [c.name, c] as const))(
    'unsigned bytes after a body-length signature (l=) of the owner\'s own domain: %s asks only the owner, and changes nothing',
    async (name, command) => {
      const { o, id, newcomer, author } = await target(command, `len-${name}`, 'example.org');
      const state = await stateOf(o.coordinator, newcomer);
      const before = await lastOutboxId();
      // The owner signed a harmless "help" with l=; the command is appended after the signed part.
      const raw = signDkim(message({ from: author, to: command.to(o), subject: `help ${name}`, body: 'help\r\n' }), { ...signer, bodyLength: 'body' });
      await h.send({ envelope: { from: MALLORY, to: [command.to(o)] }, raw: `${raw}${command.body(o, id)}\r\n` });
      const sent = await mailSince(before);
      expect(sent.map((m) => m.recipient)).toEqual([author]);
      expect(await stateOf(o.coordinator, newcomer)).toEqual(state);
    },
  );

  it.each(commands.map((c) => [c.name, c] as const))(
    'a replay of the owner\'s signed %s: sent to another address it is confirmed first; to its own it acts once, and sent again gets no answer',
    async (name, command) => {
      const { o, id, newcomer, author } = await target(command, `rep-${name}`, 'example.org');
      const raw = signDkim(message({ from: author, to: command.to(o), subject: `signed ${name}`, body: `${command.body(o, id)}\r\n` }), signer);
      const initial = await stateOf(o.coordinator, newcomer);

      // To another Tacit address (a copy that reached it, sent on): its signed To names the first one, so it waits for a yes.
      const elsewhere = command.consultation || name === 'open' ? `request@${h.domain}` : `${o.slug}-request@${h.domain}`;
      const start = await lastOutboxId();
      await h.send({ envelope: { from: MALLORY, to: [elsewhere] }, raw });
      expect((await mailSince(start)).map((m) => m.recipient)).toEqual([author]);
      expect(await stateOf(o.coordinator, newcomer)).toEqual(initial);
      // open is always previewed and join always confirmed by mail: the others wait for a yes only because of the signed To.
      const [asked] = await h.ctx.sql`select outcome from inbound_deliveries order by id desc limit 1`;
      if (name !== 'open' && name !== 'join') expect(asked.outcome).toMatch(/\(to confirm\)/);

      const first = await lastOutboxId();
      await h.send({ envelope: { from: author, to: [command.to(o)] }, raw });
      expect((await mailSince(first)).some((m) => m.recipient === author)).toBe(true);
      const state = await stateOf(o.coordinator, newcomer);

      const before = await lastOutboxId();
      await h.send({ envelope: { from: MALLORY, to: [command.to(o)] }, raw });
      // The outcome of the first, real close is mailed by a job of its own, maybe only now.
      expect((await mailSince(before)).filter((m) => m.kind !== 'consultation-outcome')).toEqual([]);
      expect(await stateOf(o.coordinator, newcomer)).toEqual(state);
      const [{ outcome }] = await h.ctx.sql`select outcome from inbound_deliveries order by id desc limit 1`;
      expect(outcome).toBe('ignored: replay of a signed message');
    },
  );

  it('a signed command dated three days ago is confirmed first (SIGNED_COMMAND_MAX_AGE is 48 h)', async () => {
    const { o, id } = await target(commands[0]!, 'old-close', 'example.org');
    const raw = signDkim(message({ from: o.coordinator, to: `${o.slug}-consult@${h.domain}`, subject: 'old close', body: `close C-${id}\r\n`, date: new Date(Date.now() - 3 * 86400_000) }), signer);
    const before = await lastOutboxId();
    await h.send({ envelope: { from: o.coordinator, to: [`${o.slug}-consult@${h.domain}`] }, raw });
    expect((await mailSince(before)).map((m) => m.recipient)).toEqual([o.coordinator]);
    expect((await status(id)).status).toBe('open');
  });

  it("a moderator's signed answer replayed to the same confirmation gets no answer", async () => {
    const o = await owner('rep-moderation', 'example.org');
    const [m] = await h.ctx.sql`select id from members where email = ${o.coordinator}`;
    await grantRole(h.ctx.sql, m.id, 'moderator', o.slug);
    await h.send({ from: 'stranger@example.net', to: `${o.slug}@${h.domain}`, subject: 'held post', text: 'Hello list' });
    const [request] = await waitForMailTo(h, o.coordinator, /held post/);
    const answer = signDkim(message({ from: o.coordinator, to: replyToOf(request!), subject: 'Re: held post', body: 'reject\r\n' }), signer);
    const first = await lastOutboxId();
    await h.send({ envelope: { from: o.coordinator, to: [replyToOf(request!)] }, raw: answer });
    await mailSince(first);
    const state = await stateOf(o.coordinator, o.coordinator);
    expect(JSON.stringify(state)).toContain('"rejected"');
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [replyToOf(request!)] }, raw: answer });
    expect(await mailSince(before)).toEqual([]);
    expect(await stateOf(o.coordinator, o.coordinator)).toEqual(state);
  });
});

describe('a member whose address has an internationalised domain (bücher.example, xn--bcher-kva.example)', () => {
  const idnSigner = { domain: 'xn--bcher-kva.example', selector: 'test', privateKey: idnKey.dkim.privateKey };
  let idn: SeededList;
  beforeAll(async () => {
    // Stored either way: the operator typed one in Unicode, the other in ASCII; both are kept in ASCII.
    idn = await owner('idn', 'bücher.example');
    for (const email of ['ana@bücher.example', 'bo@xn--bcher-kva.example']) {
      const m = await upsertMember(h.ctx.sql, { email, name: email.slice(0, 2) });
      await subscribe(h.ctx.sql, m.id, 'idn');
    }
    idn = { ...idn, coordinator: 'coord-idn@xn--bcher-kva.example', members: ['ana@xn--bcher-kva.example', 'bo@xn--bcher-kva.example'] };
  });

  it('is stored with its domain in ASCII, whichever way it was typed', async () => {
    const rows = await h.ctx.sql`select email from members where email like '%bcher%' order by email`;
    expect(rows.map((r) => r.email)).toEqual(['ana@xn--bcher-kva.example', 'bo@xn--bcher-kva.example', 'coord-idn@xn--bcher-kva.example']);
  });

  it('votes from the ASCII form (mailparser reads it in Unicode) and from the Unicode form are counted; a look-alike is held for the member', async () => {
    const { id, replyTo } = await openViaSmtp(h, idn, 'IDN vote', choice);
    const [ana, bo] = idn.members as [string, string];
    await h.send({ envelope: { from: ana, to: [replyTo.get(ana)!] }, raw: signDkim(message({ from: ana, to: replyTo.get(ana)!, subject: 'Re: vote', body: 'A\r\n' }), idnSigner) });
    await h.send({ envelope: { from: bo, to: [replyTo.get(bo)!] }, raw: signDkim(message({ from: 'Bo <bo@bücher.example>', to: replyTo.get(bo)!, subject: 'Re: vote', body: 'B\r\n' }), idnSigner) });
    await waitForMailTo(h, ana, /^Recorded: C-/);
    await waitForMailTo(h, bo, /^Recorded: C-/);
    // Greek ϋ for u: another domain, so not Ana, though it reads the same.
    const before = await lastOutboxId();
    await h.send({ envelope: { from: MALLORY, to: [replyTo.get(ana)!] }, from: 'ana@bϋcher.example', to: replyTo.get(ana)!, subject: 'Re: vote', text: 'B' });
    expect(await mailSince(before)).toEqual([{ recipient: ana, kind: 'consultation-reply-held' }]);
    const replies = await h.ctx.sql`
      select m.email, r.readable from consultation_replies r join members m on m.id = r.member_id where r.consultation_id = ${id} order by m.email`;
    expect(replies.map((r) => r.email)).toEqual([ana, bo]);
  });

  it('runs a signed command written in the Unicode form', async () => {
    const { id } = await openViaSmtp(h, idn, 'IDN close', choice);
    const to = `idn-consult@${h.domain}`;
    await h.send({ envelope: { from: idn.coordinator, to: [to] }, raw: signDkim(message({ from: 'coord-idn@bücher.example', to, subject: 'idn close', body: `close C-${id}\r\n` }), idnSigner) });
    const [answer] = await waitForMailTo(h, idn.coordinator, /^Re: idn close/);
    expect(answer!.mail.text).toContain(`C-${id} is closed.`);
    expect((await status(id)).status).toBe('closed');
  });
});

describe('ARC: a forwarding list that changed the message vouches for it only when the operator names it', () => {
  let arc: Harness;
  let arcList: SeededList;
  beforeAll(async () => {
    arc = await createHarness({ env: { ARC_TRUSTED_SEALERS: 'lists.example.net', DNS_SERVERS: dnsServer.address } });
    arcList = await seedList(arc, 'arc', 1);
  });
  afterAll(async () => {
    await closeHarness(arc);
  });

  /** The coordinator's close as lists.example.net forwards it: its own signature broken by the forwarder, then sealed. */
  async function forwarded(target: Harness, slug: string, coordinator: string, id: number, key = sealerKey): Promise<Buffer> {
    const to = `${slug}-consult@${target.domain}`;
    const raw = Buffer.from(message({ from: coordinator, to, subject: '[fwd] close', body: `close C-${id}\r\n` }));
    const options = {
      signingDomain: 'lists.example.net', selector: key.dkim.keySelector, privateKey: key.dkim.privateKey, cv: 'none',
      authResults: 'lists.example.net; dkim=pass header.d=example.org; dmarc=pass header.from=example.org',
    };
    const seal = await sealMessage(raw, options);
    return Buffer.concat([seal, raw]);
  }

  it('acts on a trusted sealer\'s DMARC pass; the same seal counts for nothing where no sealer is named (the default)', async () => {
    const trusted = await openViaSmtp(arc, arcList, 'ARC trusted', choice);
    await arc.send({ envelope: { from: 'bounce@lists.example.net', to: [`arc-consult@${arc.domain}`] }, raw: await forwarded(arc, 'arc', arcList.coordinator, trusted.id) });
    await waitForMailTo(arc, arcList.coordinator, /^\[fwd\] close|^Re: \[fwd\] close/);
    const [row] = await arc.ctx.sql`select status from consultations where id = ${trusted.id}`;
    expect(row.status).toBe('closed');

    const untrusted = await openViaSmtp(h, list, 'ARC untrusted', choice);
    const before = await lastOutboxId();
    await h.send({ envelope: { from: 'bounce@lists.example.net', to: [`icc-consult@${h.domain}`] }, raw: await forwarded(h, 'icc', list.coordinator, untrusted.id) });
    expect(await mailSince(before)).toEqual([{ recipient: list.coordinator, kind: 'consultation-commands' }]);
    expect((await status(untrusted.id)).status).toBe('open');
    const [stored] = await h.ctx.sql`select auth from inbound_messages order by id desc limit 1`;
    expect(stored.auth.arc).toMatchObject({ result: 'pass', sealer: 'lists.example.net', dmarc: { result: 'pass', domain: 'example.org' } });
    await waitForOutbox(arc);
  });

  it('waits for DNS when the sealer\'s key lookup fails, instead of judging the forward unauthenticated', async () => {
    const { id } = await openViaSmtp(arc, arcList, 'ARC while DNS fails', choice);
    const keyName = 'second._domainkey.lists.example.net';
    dns.failing.add(keyName);
    try {
      const [before] = await arc.ctx.sql`select coalesce(max(id), 0)::int as id from outbox`;
      await arc.send({ envelope: { from: 'bounce@lists.example.net', to: [`arc-consult@${arc.domain}`] }, raw: await forwarded(arc, 'arc', arcList.coordinator, id, sealerKey2) });
      // The first attempts (at once and 2 s later) meet SERVFAIL: nothing judged, nothing sent, nothing changed.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const [stored] = await arc.ctx.sql`
        select m.auth, d.state from inbound_messages m join inbound_deliveries d on d.message_id = m.id order by d.id desc limit 1`;
      expect(stored).toMatchObject({ auth: null, state: 'received' });
      expect(await arc.ctx.sql`select kind from outbox where id > ${before.id} and recipient = ${arcList.coordinator}`).toEqual([]);
      expect((await arc.ctx.sql`select status from consultations where id = ${id}`)[0].status).toBe('open');
    } finally {
      dns.failing.delete(keyName);
    }
    // DNS answers again: the queue's next attempt judges the seal, and the close acts.
    const [answer] = await waitFor(async () => {
      const found = (await delivered(arc)).filter((d) => d.to === arcList.coordinator && d.mail.text?.includes(`C-${id} is closed.`));
      return found.length ? found : undefined;
    }, 30_000, `the answer to the close of C-${id}`);
    expect(answer!.mail.subject).toBe('Re: [fwd] close');
    expect((await arc.ctx.sql`select status from consultations where id = ${id}`)[0].status).toBe('closed');
    await waitForOutbox(arc);
  });
});
