import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import {
  closeHarness, delivered, expire, inDays, replyToOf, seedList, tacit, waitForMailTo, waitForOutbox, waitForRouting, type SeededList,
} from '../helpers/consultation.ts';

/**
 * The whole life of a consultation over real SMTP, Postgres, Redis and the
 * Maildir transport: open → preview → confirm → copies → replies of every
 * kind → close → outcome mail, and what the CLI reports.
 */
let h: Harness;
let list: SeededList;
let id: number;
const copies = new Map<string, string>(); // member email → their reply address

beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'icc', 10);
});
afterAll(async () => {
  await closeHarness(h);
});

const OPENING = [
  'Kind: choice',
  `Deadline: ${inDays(7)}`,
  'Reminder: none',
  'Options:',
  'A. International Organization for a Free Society',
  'B. International Organization for a Participatory Society',
  'C. International Organization for Participatory Socialism',
  '',
  'We need a name before the founding congress.',
].join('\n');

describe('opening', () => {
  it('answers a non-coordinator with one clear error and sends nothing to the list', async () => {
    await h.send({ from: list.members[0], to: `icc-consult@${h.domain}`, subject: 'Our name', text: OPENING, messageId: '<not-coord@example.org>' });
    const [answer] = await waitForMailTo(h, list.members[0]!, /not opened/);
    expect(answer!.mail.text).toContain('is not a coordinator of icc');
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from consultations`;
    expect(n).toBe(0);
  });

  it('lists every problem of a bad opening mail in one answer', async () => {
    await h.send({
      from: list.coordinator, to: `icc-consult@${h.domain}`, subject: 'Bad one',
      text: 'Kind: choice\nDeadline: 2020-01-01 12:00 UTC\nOptions:\nA. Only\nA. Twice\n', messageId: '<bad-open@example.org>',
    });
    const [answer] = await waitForMailTo(h, list.coordinator, /Bad one \(not opened\)/);
    expect(answer!.mail.text).toMatch(/in the past/);
    expect(answer!.mail.text).toMatch(/Option A is listed twice/);
    await h.send({ from: list.coordinator, to: `consult@${h.domain}`, subject: 'Where?', text: `List: nosuch\n${OPENING}`, messageId: '<bad-list@example.org>' });
    const [unknown] = await waitForMailTo(h, list.coordinator, /Where\? \(not opened\)/);
    expect(unknown!.mail.text).toContain('There is no list named "nosuch"');
  });

  it('answers a coordinator with a preview that is the members\' copy, and sends nothing yet', async () => {
    await h.send({ from: list.coordinator, to: `icc-consult@${h.domain}`, subject: 'Our name', text: OPENING, messageId: '<open-1@example.org>' });
    const [preview] = await waitForMailTo(h, list.coordinator, /^Preview of C-\d+: Our name/);
    id = Number(/C-(\d+)/.exec(preview!.mail.subject!)![1]);
    const text = preview!.mail.text!;
    expect(text).toContain('11 members with delivery enabled');
    expect(text).toMatch(/Deadline: +\w{3} \d+ \w{3} \d{4} \d\d:\d\d UTC/);
    expect(text).toContain(`Subject: [icc] C-${id}: Our name`);
    expect(text).toContain('B. International Organization for a Participatory Society');
    expect(text).toContain('No reply by then counts as consent to every option.');
    expect(replyToOf(preview!)).toMatch(/^confirm\+\d+_[0-9a-f]{32}@tacit\.localhost$/);
    await waitForOutbox(h);
    expect((await delivered(h)).filter((d) => list.members.includes(d.to))).toHaveLength(1); // only the refusal
    const [row] = await h.ctx.sql`select status from consultations where id = ${id}`;
    expect(row.status).toBe('draft');
  });

  it('on confirmation freezes the electorate and sends each member a personal copy', async () => {
    const [preview] = await waitForMailTo(h, list.coordinator, /^Preview of C-/);
    await h.send({ from: list.coordinator, to: replyToOf(preview!), subject: `Re: ${preview!.mail.subject}`, text: 'yes, send it', messageId: '<confirm-1@example.org>' });
    await waitForMailTo(h, list.coordinator, new RegExp(`^C-${id} is open`));
    for (const member of [list.coordinator, ...list.members]) {
      const [copy] = await waitForMailTo(h, member, new RegExp(`^\\[icc\\] C-${id}: Our name`));
      const replyTo = replyToOf(copy!);
      expect(replyTo).toMatch(new RegExp(`^reply\\+${id}x\\d+_[0-9a-f]{32}@tacit\\.localhost$`));
      expect(copy!.raw).not.toMatch(/^Auto-Submitted:/im); // vacation replies must come back
      expect(copy!.mail.text).toContain('a ranking, best first:                 B > A > C');
      expect(copy!.mail.text).toMatch(/Deadline: \w{3} \d+ \w{3} \d{4} \d\d:\d\d UTC\.\nNo reply by then counts as consent to every option\./);
      copies.set(member, replyTo);
    }
    const [c] = await h.ctx.sql`select status, electorate_size from consultations where id = ${id}`;
    expect(c).toEqual({ status: 'open', electorate_size: 11 });
  });
});

/** Sends a reply as `from` to the reply address of `member`'s copy. */
async function reply(member: string, body: { text?: string; html?: string }, extra: Record<string, unknown> = {}, from = member) {
  const to = copies.get(member)!;
  return h.send({ from, to, subject: `Re: [icc] C-${id}: Our name`, ...body, ...extra });
}

const m = (i: number) => list.members[i - 1]!;

describe('replies', () => {
  it('records a plain-text reply and answers with a receipt saying exactly what was recorded', async () => {
    await reply(m(1), { text: 'B\n\nGood luck with the congress.' }, { messageId: '<r-m1@example.org>' });
    const [receipt] = await waitForMailTo(h, m(1), /^Recorded: C-\d+/);
    expect(receipt!.mail.text).toContain('first preference: B (International Organization for a Participatory Society)');
    expect(receipt!.mail.text).toContain('counted as accepting: A, B, C');
    expect(receipt!.mail.text).toContain('Good luck with the congress.');
    expect(receipt!.mail.text).toMatch(/To change it, reply to this mail before \w{3} \d+ \w{3} \d{4} \d\d:\d\d UTC/);
    expect(replyToOf(receipt!)).toBe(copies.get(m(1)));
  });

  it('reads an HTML-only reply without its quoted original', async () => {
    const html = '<div dir="ltr">A and B fine, not C<br><br>Cheers</div><br><div class="gmail_quote"><div class="gmail_attr">' +
      'On Thu, 26 Nov 2026 at 06:31, ICC consultations &lt;icc-consult@tacit.localhost&gt; wrote:<br></div>' +
      '<blockquote class="gmail_quote">Options:<br>A. Free<br>B. Participatory<br>C. Socialism<br>B &gt; A &gt; C</blockquote></div>';
    await reply(m(2), { html }, { messageId: '<r-m2@example.org>' });
    const [receipt] = await waitForMailTo(h, m(2), /^Recorded: C-\d+/);
    expect(receipt!.mail.text).toContain('first preference: none');
    expect(receipt!.mail.text).toContain('rejected: C');
    expect(receipt!.mail.text).toContain('counted as accepting: A, B\n');
  });

  it('reads a quoted plain-text reply: only the new text counts', async () => {
    await reply(m(3), { text: 'C > B > A\n\nOn Thu, 26 Nov 2026 at 06:31, ICC consultations <icc-consult@tacit.localhost> wrote:\n> Our name\n> A. International Organization for a Free Society\n> reply with B\n' }, { messageId: '<r-m3@example.org>' });
    const [receipt] = await waitForMailTo(h, m(3), /^Recorded: C-\d+/);
    expect(receipt!.mail.text).toContain('ranking: C > B > A');
  });

  it('marks a member away on an auto-reply and answers nothing', async () => {
    await reply(m(4), { text: 'I am out of the office until January.' }, {
      subject: 'Out of office: [icc] Our name', headers: { 'Auto-Submitted': 'auto-replied' }, messageId: '<r-m4@example.org>',
    });
    await waitForRouting(h);
    const [row] = await h.ctx.sql`select e.away_at is not null as away from consultation_electorate e join members m on m.id = e.member_id where e.consultation_id = ${id} and m.email = ${m(4)}`;
    expect(row.away).toBe(true);
    await waitForOutbox(h);
    expect((await delivered(h)).filter((d) => d.to === m(4)).map((d) => d.mail.subject)).toEqual([`[icc] C-${id}: Our name`]);
  });

  it('marks a member away when a vacation notice comes back to the envelope sender (VERP) of the copy', async () => {
    const [copy] = await waitForMailTo(h, m(10), new RegExp(`^\\[icc\\] C-${id}:`));
    const returnPath = /^Return-Path: <([^>]+)>/m.exec(copy!.raw)![1]!;
    expect(returnPath).toMatch(/^bounces\+/);
    await h.send({
      envelope: { from: '', to: [returnPath] }, from: m(10), to: returnPath, subject: 'Auto: I am away', text: 'Back on Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' }, messageId: '<r-m10-vacation@example.org>',
    });
    await waitForRouting(h);
    await waitForOutbox(h);
    expect((await delivered(h)).filter((d) => d.to === m(10)).map((d) => d.mail.subject)).toEqual([`[icc] C-${id}: Our name`]);
  });

  it('holds a reply whose From is not the member and asks the member, never the sender', async () => {
    await reply(m(5), { text: 'A' }, { messageId: '<r-forged@example.org>' }, 'mallory@evil.example');
    const [ask] = await waitForMailTo(h, m(5), /^Was this you\?/);
    expect(ask!.mail.text).toContain('mallory@evil.example');
    expect(replyToOf(ask!)).toMatch(/^confirm\+/);
    await waitForOutbox(h);
    expect((await delivered(h)).filter((d) => d.to === 'mallory@evil.example')).toEqual([]);
    const [held] = await h.ctx.sql`select state from inbound_deliveries where recipient = ${copies.get(m(5))!}`;
    expect(held.state).toBe('held');
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from consultation_replies r join members m on m.id = r.member_id where m.email = ${m(5)}`;
    expect(n).toBe(0);
    // The member confirms from their own address: now it is recorded.
    await h.send({ from: m(5), to: replyToOf(ask!), subject: `Re: ${ask!.mail.subject}`, text: 'yes that was me (my other account)', messageId: '<r-m5-confirm@example.org>' });
    const [receipt] = await waitForMailTo(h, m(5), /^Recorded: C-\d+/);
    expect(receipt!.mail.text).toContain('first preference: A');
  });

  it('keeps an unreadable reply as a comment and tells the member how to answer', async () => {
    await reply(m(6), { text: 'I will think about it over the weekend' }, { messageId: '<r-m6@example.org>' });
    const [notice] = await waitForMailTo(h, m(6), /^Not understood: C-\d+/);
    expect(notice!.mail.text).toContain('Your message is kept as a comment.');
    expect(notice!.mail.text).toContain('silence is consent to every option');
    expect(notice!.mail.text).toContain('A and B fine, not C');
    // Each example on its own line, its meaning indented under it: aligned whatever the length of the options' examples.
    expect(notice!.mail.text).toContain([
      '  B', '      the option you prefer',
      '  B > A > C', '      a ranking, best first',
      '  A and B fine, not C', '      what you accept and what you reject',
      '  any', '      every option is fine with you',
    ].join('\n'));
  });

  it('counts the last reply before the deadline', async () => {
    await reply(list.coordinator, { text: 'B' }, { messageId: '<r-coord-1@example.org>' });
    await waitForMailTo(h, list.coordinator, /^Recorded: C-\d+/);
    await reply(list.coordinator, { text: 'C > B\n\nOn reflection.' }, { messageId: '<r-coord-2@example.org>' });
    const receipts = await waitForMailTo(h, list.coordinator, /^Recorded: C-\d+/, 2);
    expect(receipts.map((r) => r.mail.text).join('\n')).toContain('ranking: C > B');
  });

  it('marks a copy unreachable when a hard bounce for it arrives', async () => {
    const dsn = (to: string, member: string) => [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
      `To: ${to}`,
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      `<${member}>: host mx.example.org said: 550 5.1.1 User unknown`,
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.org',
      '',
      `Final-Recipient: rfc822; ${member}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '--b1--',
      '',
    ].join('\r\n');
    // m8: a DSN sent to the copy's Reply-To (some servers do that).
    await h.send({ envelope: { from: '', to: [copies.get(m(8))!] }, raw: dsn(copies.get(m(8))!, m(8)) });
    // m9: the usual way, to the copy's VERP envelope sender (the lists domain's bounce handler).
    const [copy9] = await waitForMailTo(h, m(9), new RegExp(`^\\[icc\\] C-${id}:`));
    const verp = /^Return-Path: <([^>]+)>/m.exec(copy9!.raw)![1]!;
    await h.send({ envelope: { from: '', to: [verp] }, raw: dsn(verp, m(9)) });
    await waitForRouting(h);
    const states = await h.ctx.sql`
      select m.email, o.state from consultation_electorate e join members m on m.id = e.member_id join outbox o on o.id = e.copy_outbox_id
      where e.consultation_id = ${id} and m.email in (${m(8)}, ${m(9)}) order by m.email`;
    expect(states.map((s) => s.state)).toEqual(['bounced', 'bounced']);
  });
});

describe('closing', () => {
  it('closes at the deadline with every member in one bucket, and mails the outcome to the list', async () => {
    await waitForOutbox(h);
    await expire(h, id);
    const { stdout } = await tacit(h, ['close-due']);
    expect(stdout.trim()).toBe(`closed C-${id}`);
    const buckets = await h.ctx.sql`
      select m.email, e.bucket from consultation_electorate e join members m on m.id = e.member_id
      where e.consultation_id = ${id} order by m.email`;
    expect(Object.fromEntries(buckets.map((b) => [b.email, b.bucket]))).toEqual({
      [list.coordinator]: 'replied',
      [m(1)]: 'replied', [m(2)]: 'replied', [m(3)]: 'replied', [m(4)]: 'away', [m(5)]: 'replied',
      [m(6)]: 'silent', [m(7)]: 'silent', [m(8)]: 'unreachable', [m(9)]: 'unreachable', [m(10)]: 'away',
    });

    for (const member of [list.coordinator, ...list.members]) await waitForMailTo(h, member, new RegExp(`^Outcome of C-${id}: Our name`));
    const [outcome] = await waitForMailTo(h, m(1), /^Outcome of C-/);
    const text = outcome!.mail.text!;
    expect(text).toContain('Winner: C. International Organization for Participatory Socialism (most first preferences).');
    // What the 5 repliers said; the 2 silent members' consent apart.
    expect(text).toMatch(/A\. International Organization for a Free Society\n\s+first preference of 1, refused by 0, accepted by 5/);
    expect(text).toMatch(/B\. International Organization for a Participatory Society\n\s+first preference of 1, refused by 0, accepted by 5/);
    expect(text).toMatch(/C\. International Organization for Participatory Socialism   <- chosen\n\s+first preference of 2, refused by 1, accepted by 4/);
    expect(text).toContain('The 2 silent members did not reply: their silence counts\nas accepting every option');
    expect(text).toContain('How it is counted: most first preferences; a tie goes to fewer refusals');
    expect(text).toContain('Turnout: 5/11 replied, 1 unreadable (45%).');
    expect(text).toMatch(/silent \(consent\)\s+2 \(including 1 reply Tacit could not read\)/);
    expect(text).toMatch(/unreachable\s+2 /);
    expect(text).toMatch(/away\s+2 /);
    const html = outcome!.mail.html as string;
    expect(html).not.toContain('#38a169'); // no acceptance bar: silence would fill it
    expect(html).toContain('<td width="40%" bgcolor="#2b6cb0"'); // first preferences of C: 2 of the 5 replies
    expect(html).toContain('<td width="20%" bgcolor="#c53030"'); // refusals of C: 1 of the 5 replies
    expect(html).not.toMatch(/<img/i);
    expect(outcome!.raw).toMatch(/^Auto-Submitted: auto-generated/m);
  });

  it('answers a late reply with a short "closed" notice carrying the outcome, and does not count it', async () => {
    await reply(m(7), { text: 'A' }, { messageId: '<r-m7-late@example.org>' });
    const [notice] = await waitForMailTo(h, m(7), /^Closed: C-\d+/);
    expect(notice!.mail.text).toContain('so it was not counted');
    expect(notice!.mail.text).toContain('Winner: C.');
    const [late] = await h.ctx.sql`select late from consultation_replies r join members m on m.id = r.member_id where m.email = ${m(7)}`;
    expect(late.late).toBe(true);
    const [e] = await h.ctx.sql`select e.latest_reply_id, e.bucket from consultation_electorate e join members m on m.id = e.member_id where m.email = ${m(7)}`;
    expect(e).toEqual({ latest_reply_id: null, bucket: 'silent' });
  });

  it('closes exactly once: a second close finds nothing to do', async () => {
    expect(await closeDue(h.ctx)).toEqual([]);
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'consultation-outcome'`;
    expect(n).toBe(11);
  });

  it('reports it with `tacit consultation C-ID --json` per the operator contract', async () => {
    const [{ stdout }, human, listed, table] = await Promise.all([
      tacit(h, ['consultation', `C-${id}`, '--json']),
      tacit(h, ['consultation', `c${id}`]),
      tacit(h, ['consultations', '--json']),
      tacit(h, ['consultations']),
    ]);
    expect(human.stdout).toContain(`C-${id}  closed  choice  list icc`);
    expect(human.stdout).toContain('Winner: C. International Organization for Participatory Socialism');
    // One "replied" figure everywhere: the unreadable reply is silent, and said apart.
    expect(human.stdout).toContain('Turnout: 5/11 replied, 1 unreadable (45%)');
    expect(human.stdout).not.toContain('recorded replies');
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({
      id: `C-${id}`, status: 'closed', kind: 'choice', list: 'icc', winner: 'C',
      buckets: { replied: 5, silent: 2, unreachable: 2, away: 2 },
    });
    expect(doc.deadline).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(doc.options).toEqual([
      { letter: 'A', text: 'International Organization for a Free Society', first: 1, accept: 7, reject: 0 },
      { letter: 'B', text: 'International Organization for a Participatory Society', first: 1, accept: 7, reject: 0 },
      { letter: 'C', text: 'International Organization for Participatory Socialism', first: 2, accept: 6, reject: 1 },
    ]);
    const stances = Object.fromEntries(doc.replies.map((r: { email: string; stance: unknown }) => [r.email, r.stance]));
    expect(stances).toEqual({
      [list.coordinator]: { first: 'C', ranking: ['C', 'B'] },
      [m(1)]: { first: 'B' },
      [m(2)]: { first: null, accept: ['A', 'B'], reject: ['C'] },
      [m(3)]: { first: 'C', ranking: ['C', 'B', 'A'] },
      [m(5)]: { first: 'A' },
      [m(6)]: { unreadable: true },
    });
    const list2 = JSON.parse(listed.stdout);
    expect(list2).toEqual([expect.objectContaining({ id: `C-${id}`, status: 'closed', electorate: 11, replies: 5, unreadable: 1 })]);
    expect(table.stdout).toContain('5/11 replied, 1 unreadable');
  }, 60_000); // four CLI processes start at once
});
