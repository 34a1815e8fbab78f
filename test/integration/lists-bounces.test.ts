import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { scoreHardBounce } from '../../src/domains/lists/bounces.ts';
import { tacit } from '../helpers/cli.ts';
import { addMember, header, mailsTo, nthMailTo, replyTo, routed, standardOrg, type Delivered } from '../helpers/lists.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { DMARC_MODE: 'never', BOUNCE_THRESHOLD: '3', BOUNCE_SCORE_GAP_HOURS: '0' } });
  await standardOrg(h);
  await addMember(h, 'erin@example.org', { name: 'Erin', country: 'GB', city: 'London' });
  const zed = await addMember(h, 'zed@example.org', { name: 'Zed', country: 'GB', city: 'London' });
  await h.ctx.sql`insert into member_addresses (email, member_id) values ('zed@alt.example.org', ${zed.member.id})`;
  await addMember(h, 'pat@example.org', { name: 'Pat', country: 'GB', city: 'London' });
});
afterAll(async () => {
  await h?.close();
});

let posts = 0;
/** Erin posts to gb-london; resolves to the copy `recipient` got. */
async function post(recipient: string): Promise<Delivered> {
  const id = `<b-post-${++posts}@example.org>`;
  await h.send({ from: 'erin@example.org', to: `gb-london@${h.domain}`, subject: `News ${posts}`, text: 'news', messageId: id });
  return waitFor(async () => (await mailsTo(h, recipient)).find((m) => m.parsed.messageId === id), 15_000, `copy of ${id}`);
}

function verp(copy: Delivered): string {
  return header(copy.raw, 'Return-Path')!.replace(/[<>]/g, '');
}

function outboxId(copy: Delivered): number {
  return Number(/^bounces\+(\d+)_/.exec(verp(copy))![1]);
}

let reports = 0;
/** An RFC 3464 report from the null sender, as Postfix writes one. */
async function sendDsn(copy: Delivered, action: 'failed' | 'delayed', status: string, diagnostic?: string) {
  const messageId = `<dsn-${++reports}@mx.example.org>`;
  const rcpt = /^Delivered-To: (.*)$/m.exec(copy.raw)![1]!.trim();
  const raw = [
    'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)',
    `To: ${verp(copy)}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    `I'm sorry to have to inform you that your message could not be delivered to ${rcpt}.`,
    '',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    `Final-Recipient: rfc822; ${rcpt}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${diagnostic ?? (status.startsWith('5') ? '550 5.1.1 user unknown' : '451 4.4.1 try again later')}`,
    '',
    '--B--',
    '',
  ].join('\r\n');
  await h.send({ envelope: { from: '', to: [verp(copy)] }, raw });
  return routed(h, messageId);
}

async function member(email: string) {
  const [m] = await h.ctx.sql`select bounce_score, delivery_disabled_at from members where email = ${email}`;
  return m!;
}

async function copyState(copy: Delivered) {
  const [row] = await h.ctx.sql`select state from outbox where id = ${outboxId(copy)}`;
  return row!.state as string;
}

describe('bounces on the VERP address', () => {
  it('hard DSNs mark the copy bounced and score the member; at the threshold delivery stops and the member is told elsewhere', async () => {
    for (let i = 1; i <= 3; i++) {
      const copy = await post('zed@example.org');
      const row = await sendDsn(copy, 'failed', '5.1.1');
      expect(row.outcome).toContain('hard bounce');
      expect(await copyState(copy)).toBe('bounced');
      const m = await member('zed@example.org');
      expect(m.bounce_score).toBeGreaterThan(i - 0.01);
      expect(m.delivery_disabled_at === null).toBe(i < 3);
    }
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from delivery_reports where kind = 'hard' and scored`;
    expect(n).toBe(3);
    const notice = await nthMailTo(h, 'zed@alt.example.org', 1);
    expect(notice.parsed.subject).toBe('Mail to zed@example.org keeps bouncing: delivery stopped');

    // The next post is not sent to the disabled address (copies are written in one statement with the others).
    const next = await post('pat@example.org');
    const recipients = await h.ctx.sql`select recipient from outbox where list_post_id = (select list_post_id from outbox where id = ${outboxId(next)}) order by recipient`;
    expect(recipients.map((r) => r.recipient)).toEqual(['erin@example.org', 'pat@example.org']);
  });

  it('"status" tells a disabled member, and replying turns delivery back on', async () => {
    await h.send({ from: 'zed@example.org', to: `request@${h.domain}`, subject: 'status', text: '', messageId: '<zed-status@example.org>' });
    // Delivery is disabled for lists, but an answer to a command still goes out.
    const answer = await nthMailTo(h, 'zed@example.org', (await mailsTo(h, 'zed@example.org')).length + 1);
    expect(answer.parsed.text).toContain('Delivery: disabled since');
    await replyTo(h, answer, 'zed@example.org', 'yes please');
    await waitFor(async () => (await member('zed@example.org')).delivery_disabled_at === null, 15_000, 'delivery re-enabled');
    expect((await member('zed@example.org')).bounce_score).toBe(0);
  });

  it('DMARC and policy rejections never score, however many: the copy is bounced (unreachable), and stats count them', async () => {
    const refusals = [
      ['5.7.26', "550-5.7.26 Unauthenticated email from tacit.localhost is not accepted due to domain's DMARC policy"],
      ['5.7.515', '550 5.7.515 Access denied, sending domain does not meet the required authentication level'],
      ['5.7.1', '550 5.7.1 Email rejected per DMARC policy'],
      ['5.7.26', '550 5.7.26 DMARC policy'],
    ];
    for (const [status, diagnostic] of refusals) {
      const copy = await post('pat@example.org');
      const row = await sendDsn(copy, 'failed', status!, diagnostic);
      expect(row.outcome).toContain('policy rejection');
      expect(await copyState(copy)).toBe('bounced');
    }
    const pat = await member('pat@example.org');
    expect(pat.bounce_score).toBe(0);
    expect(pat.delivery_disabled_at).toBeNull();
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from delivery_reports where kind = 'policy' and not scored`;
    expect(n).toBe(4);
    const stats = JSON.parse((await tacit(h, ['stats', '--json'])).stdout);
    expect(stats.deliverability).toMatchObject({ policyRejections: 4, days: 7 });
    expect(stats.deliverability.latest).toMatch(/5\.7\.26/);
  });

  it('a delayed (soft) report is recorded but neither scores nor marks the copy', async () => {
    const copy = await post('pat@example.org');
    const row = await sendDsn(copy, 'delayed', '4.4.1');
    expect(row.outcome).toContain('soft bounce');
    expect(await copyState(copy)).toBe('sent');
    expect((await member('pat@example.org')).bounce_score).toBe(0);
  });

  it('an auto-reply on the bounce address is recorded as "away", never as a bounce', async () => {
    const copy = await post('pat@example.org');
    const messageId = '<ooo-1@example.org>';
    await h.send({
      envelope: { from: '', to: [verp(copy)] },
      from: 'pat@example.org',
      to: verp(copy),
      subject: 'Out of office: News',
      text: 'I am away until Monday. 550 user unknown',
      headers: { 'Auto-Submitted': 'auto-replied' },
      messageId,
    });
    expect((await routed(h, messageId)).outcome).toContain('auto-reply');
    const [report] = await h.ctx.sql`select kind, scored from delivery_reports where outbox_id = ${outboxId(copy)}`;
    expect(report).toEqual({ kind: 'auto-reply', scored: false });
    expect(await copyState(copy)).toBe('sent');
    expect((await member('pat@example.org')).bounce_score).toBe(0);
  });

  it('a plain-text bounce (no DSN part) counts as well', async () => {
    const copy = await post('pat@example.org');
    const messageId = '<plain-1@mx.example.org>';
    await h.send({
      envelope: { from: '', to: [verp(copy)] },
      from: 'MAILER-DAEMON@mx.example.org',
      to: verp(copy),
      subject: 'failure notice',
      text: 'Hi. This is the qmail-send program.\n\n<pat@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)\n',
      messageId,
    });
    expect((await routed(h, messageId)).outcome).toContain('hard bounce');
    expect(await copyState(copy)).toBe('bounced');
  });

  it('a forged token is ignored', async () => {
    const messageId = '<forged-1@mx.example.org>';
    await h.send({ envelope: { from: '', to: [`bounces+1_${'0'.repeat(32)}@${h.domain}`] }, from: 'MAILER-DAEMON@x.org', to: 'x', subject: 'Undelivered Mail Returned to Sender', text: '550 5.1.1 unknown', messageId });
    expect((await routed(h, messageId)).outcome).toBe('bad bounce token');
  });

  it('scores at most once per BOUNCE_SCORE_GAP_HOURS, and the score decays', async () => {
    const config = { ...h.config, lists: { ...h.config.lists, bounceScoreGapHours: 24, bounceThreshold: 5 } };
    const [m] = await h.ctx.sql`insert into members (email) values ('gap@example.org') returning id`;
    expect(await scoreHardBounce(h.ctx.sql, config, m!.id)).toEqual({ score: 1, scored: true, justDisabled: false });
    expect((await scoreHardBounce(h.ctx.sql, config, m!.id)).scored).toBe(false);
    // Seven days (one half-life) later: 1 halves to 0.5, plus the new bounce.
    await h.ctx.sql`update members set bounce_scored_at = now() - interval '7 days' where id = ${m!.id}`;
    const later = await scoreHardBounce(h.ctx.sql, config, m!.id);
    expect(later.scored).toBe(true);
    expect(later.score).toBeCloseTo(1.5, 3);
  });
});
