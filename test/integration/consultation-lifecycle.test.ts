import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeJobId, setCloseAlarm } from '../../src/domains/consultations/alarms.ts';
import { closeConsultation } from '../../src/domains/consultations/close/close.ts';
import { runConsultationJob } from '../../src/domains/consultations/jobs.ts';
import { sendReminder } from '../../src/domains/consultations/mail/remind.ts';
import { reconcileOnce } from '../../src/app/reconciler.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { signingDomain } from '../helpers/dns.ts';
import { closeHarness, delivered, expire, inDays, openViaSmtp, seedList, tacit, waitForMailTo, waitForOutbox, type SeededList } from '../helpers/consultation.ts';
import { formatUtc } from '../../src/shared/rules/formatUtc.ts';

/** Alarms, the exactly-once close, the reconciler, reminders, extend, cancel and the mailed commands. */
let h: Harness;
let list: SeededList;
const choice = (deadline = inDays(7), reminder = 'none') => [
  'Kind: choice', `Deadline: ${deadline}`, `Reminder: ${reminder}`, 'Options:', 'A. Spring', 'B. Autumn',
];

// Commands that change a consultation act at once only when signed by the sender's domain.
const { dns, dkim } = signingDomain('example.org');

beforeAll(async () => {
  h = await createHarness({ resolver: dns.resolver });
  list = await seedList(h, 'gb', 4, 'national');
});
afterAll(async () => {
  await closeHarness(h);
});
// The coordinator here gets more answers than the hourly limit allows; each test starts a fresh hour.
beforeEach(async () => {
  await h.ctx.sql`delete from reply_budget`;
});

/**
 * The members' outcome rows, once a worker has expanded the close's one
 * outcome-mailing row (they are written all at once, in one transaction).
 */
async function outcomeRows(id: number): Promise<number> {
  return waitFor(async () => {
    const [{ n, mailings }] = await h.ctx.sql`
      select count(*) filter (where purpose = 'outcome')::int as n, count(*) filter (where purpose = 'outcome-mailing')::int as mailings
      from consultation_mailings where consultation_id = ${id}`;
    expect(mailings).toBe(1);
    return n > 0 && n;
  }, 15_000, 'outcome mailing expanded');
}

describe('closing exactly once', () => {
  it('two close jobs running at the same time give one close and one outcome', async () => {
    const { id } = await openViaSmtp(h, list, 'Race', choice());
    await expire(h, id);
    const [{ deadline }] = await h.ctx.sql`select deadline from consultations where id = ${id}`;
    const job = { name: 'close', data: { id, deadline: (deadline as Date).getTime() } };
    const results = await Promise.all([runConsultationJob(h.ctx, job), runConsultationJob(h.ctx, job), closeConsultation(h.ctx, id)]);
    const closes = results.filter((r) => r === 'closed' || (typeof r === 'object' && r.closed));
    expect(closes).toHaveLength(1);
    expect(await outcomeRows(id)).toBe(5);
    await waitForMailTo(h, list.coordinator, new RegExp(`^Outcome of C-${id}:`));
  });

  it('the outcome reaches the coordinator once, whether or not they still read the list', async () => {
    const { id } = await openViaSmtp(h, list, 'Coordinator left', choice());
    await h.ctx.sql`update memberships set mode = 'nomail' where member_id = (select id from members where email = ${list.coordinator})
        and group_id = (select id from groups where slug = ${list.slug})`;
    try {
      await expire(h, id);
      expect((await closeConsultation(h.ctx, id)).closed).toBe(true);
      // The outcome goes to the list as it is when the mailing is expanded, just after the close.
      await outcomeRows(id);
    } finally {
      await h.ctx.sql`update memberships set mode = 'immediate' where member_id = (select id from members where email = ${list.coordinator})
        and group_id = (select id from groups where slug = ${list.slug})`;
    }
    const rows = await h.ctx.sql`
      select o.recipient from consultation_mailings cm join outbox o on o.id = cm.outbox_id
      where cm.consultation_id = ${id} and cm.purpose = 'outcome'`;
    expect(rows.map((r) => r.recipient as string).sort()).toEqual([list.coordinator, ...list.members].sort());
  });

  it('the alarm set a second ahead closes it through the worker', async () => {
    const { id } = await openViaSmtp(h, list, 'Alarm', choice());
    const [{ deadline }] = await h.ctx.sql`update consultations set deadline = now() + interval '1.5 seconds' where id = ${id} returning deadline`;
    await setCloseAlarm(h.ctx, id, deadline as Date);
    await waitFor(async () => (await h.ctx.sql`select status from consultations where id = ${id}`)[0]!.status === 'closed', 15_000, 'alarm close');
    expect(await outcomeRows(id)).toBe(5);
  });

  it('after Redis lost every alarm, the reconciler closes what is overdue and sets the other alarms again', async () => {
    const overdue = await openViaSmtp(h, list, 'Wiped overdue', choice());
    const future = await openViaSmtp(h, list, 'Wiped future', choice());
    const [{ deadline }] = await h.ctx.sql`select deadline from consultations where id = ${future.id}`;
    expect(await h.ctx.queues.consultation.getJob(closeJobId(future.id, deadline as Date))).toBeTruthy();
    await waitForOutbox(h);
    // Redis wiped: every key of this Tacit's queues is gone.
    const keys = await h.ctx.queues.connection.keys(`${h.ctx.queues.prefix}:*`);
    if (keys.length) await h.ctx.queues.connection.del(...keys);
    expect(await h.ctx.queues.consultation.getJob(closeJobId(future.id, deadline as Date))).toBeUndefined();

    await expire(h, overdue.id);
    await reconcileOnce(h.ctx);
    const statuses = await h.ctx.sql`select id, status from consultations where id in (${overdue.id}, ${future.id}) order by id`;
    expect(statuses.map((s) => s.status)).toEqual(['closed', 'open']);
    expect(await outcomeRows(overdue.id)).toBe(5);
    const alarm = await h.ctx.queues.consultation.getJob(closeJobId(future.id, deadline as Date));
    expect(await alarm?.getState()).toBe('delayed');
    await waitForMailTo(h, list.coordinator, new RegExp(`^Outcome of C-${overdue.id}:`));
  });
});

describe('reminders, extend and cancel', () => {
  let id: number;
  let replyTo: Map<string, string>;
  const [m1, m2, m3, m4] = ['gb-m1@example.org', 'gb-m2@example.org', 'gb-m3@example.org', 'gb-m4@example.org'];

  it('reminds only the members who have not replied, once', async () => {
    ({ id, replyTo } = await openViaSmtp(h, list, 'Congress date', choice(inDays(7), '24 hours before')));
    const [c] = await h.ctx.sql`select reminder_at, deadline from consultations where id = ${id}`;
    expect((c.deadline as Date).getTime() - (c.reminder_at as Date).getTime()).toBe(24 * 3600_000);
    await h.send({ from: m1, to: replyTo.get(m1)!, subject: 'Re: date', text: 'A' });
    await waitForMailTo(h, m1, /^Recorded: C-/);

    await h.ctx.sql`update consultations set reminder_at = now() - interval '1 second' where id = ${id}`;
    expect(await sendReminder(h.ctx, id, null)).toBe(4); // coordinator, m2, m3, m4
    expect(await sendReminder(h.ctx, id, null)).toBe(0);
    for (const member of [list.coordinator, m2, m3, m4]) {
      const [reminder] = await waitForMailTo(h, member, new RegExp(`^Reminder: \\[gb\\] C-${id}:`));
      expect(reminder!.mail.text).toContain('your silence counts as consent to every option');
      expect(reminder!.mail.replyTo?.value[0]?.address).toBe(replyTo.get(member));
    }
    await waitForOutbox(h);
    expect((await delivered(h)).filter((d) => d.to === m1 && /^Reminder/.test(d.mail.subject ?? ''))).toEqual([]);
  });

  it('extend after the reminder: new deadline, everyone told, the old alarm does nothing, a new reminder is due', async () => {
    const [before] = await h.ctx.sql`select deadline from consultations where id = ${id}`;
    await h.send({ from: list.coordinator, to: `request@${h.domain}`, subject: 'commands', text: `extend C-${id} 2 days`, dkim });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: commands/);
    expect(answer!.mail.text).toMatch(new RegExp(`C-${id} now closes at \\w{3} \\d+ \\w{3} \\d{4} \\d\\d:\\d\\d UTC`));
    const [after] = await h.ctx.sql`select deadline, reminder_at, reminded_for from consultations where id = ${id}`;
    expect((after.deadline as Date).getTime() - (before.deadline as Date).getTime()).toBe(2 * 86400_000);
    expect((after.deadline as Date).getTime() - (after.reminder_at as Date).getTime()).toBe(24 * 3600_000);

    for (const member of [list.coordinator, m1, m2, m3, m4]) await waitForMailTo(h, member, new RegExp(`^Deadline moved: \\[gb\\] C-${id}`));
    const [toM1] = await waitForMailTo(h, m1, /^Deadline moved/);
    expect(toM1!.mail.text).toContain('Your answer is recorded and still counts');

    // The old alarm rings: the deadline moved, so it does nothing.
    const stale = await runConsultationJob(h.ctx, { name: 'close', data: { id, deadline: (before.deadline as Date).getTime() } });
    expect(stale).toBe('deadline moved; another alarm closes it');
    expect(await h.ctx.queues.consultation.getJob(closeJobId(id, after.deadline as Date))).toBeTruthy();

    // The moved reminder goes out again to those who still have not replied.
    await h.ctx.sql`update consultations set reminder_at = now() - interval '1 second' where id = ${id}`;
    expect(await sendReminder(h.ctx, id, null)).toBe(4);
  });

  it('status and results (provisional) for the coordinator; status for a member; others refused', async () => {
    await h.send({ from: list.coordinator, to: `gb-consult@${h.domain}`, subject: 'how is it going', text: `status C-${id}\nresults C-${id}` });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: how is it going/);
    expect(answer!.mail.text).toContain(`C-${id} (gb) "Congress date": open`);
    expect(answer!.mail.text).toContain('1/5 replied; not replied yet 4');
    expect(answer!.mail.text).toContain('PROVISIONAL');
    expect(answer!.mail.text).toContain('Winner: A. Spring (most first preferences).');

    await h.send({ from: m1, to: `consult@${h.domain}`, subject: 'me', text: 'status\nclose C-' + id });
    const [mine] = await waitForMailTo(h, m1, /^Re: me/);
    expect(mine!.mail.text).toContain(`C-${id} (gb) "Congress date"`);
    expect(mine!.mail.text).toContain('recorded: first preference: A (Spring)');
    expect(mine!.mail.text).toContain(`Only coordinators of gb may close C-${id}.`);
    const [row] = await h.ctx.sql`select status from consultations where id = ${id}`;
    expect(row.status).toBe('open');

    // The request@ `status` command carries the consultations section too.
    await h.send({ from: m2, to: `request@${h.domain}`, subject: 'my status', text: 'status' });
    const [status] = await waitForMailTo(h, m2, /^Re: my status/);
    expect(status!.mail.text).toContain(`C-${id} (gb) "Congress date"`);
    expect(status!.mail.text).toContain('no reply yet; your silence will count as consent to every option');
  });

  it('cancel: nothing is counted, members are told, a later reply hears it was cancelled', async () => {
    await h.send({ from: list.coordinator, to: `gb-consult@${h.domain}`, subject: 'stop', text: `cancel C-${id}`, dkim });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: stop/);
    expect(answer!.mail.text).toContain(`C-${id} is cancelled; nothing will be counted. 5 members are told.`);
    for (const member of [m1, m2, m3, m4]) await waitForMailTo(h, member, new RegExp(`^Cancelled: \\[gb\\] C-${id}`));
    await expire(h, id);
    await reconcileOnce(h.ctx);
    const [row] = await h.ctx.sql`select status, outcome from consultations where id = ${id}`;
    expect(row).toEqual({ status: 'cancelled', outcome: null });
    await h.send({ from: m2, to: replyTo.get(m2)!, subject: 'Re: date', text: 'B' });
    const [late] = await waitForMailTo(h, m2, /^Closed: C-/);
    expect(late!.mail.text).toContain('was cancelled, so your reply was not counted');
  });

  it('close C-ID closes now and answers with the outcome', async () => {
    const opened = await openViaSmtp(h, list, 'Quick one', choice());
    await h.send({ from: m3, to: opened.replyTo.get(m3)!, subject: 'Re: quick', text: 'B, not A' });
    await waitForMailTo(h, m3, /^Recorded: C-/);
    await h.send({ from: list.coordinator, to: `gb-consult@${h.domain}`, subject: 'enough', text: `close C-${opened.id}`, dkim });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: enough/);
    expect(answer!.mail.text).toContain(`C-${opened.id} is closed.`);
    expect(answer!.mail.text).toContain('Winner: B. Autumn');
    expect(answer!.mail.text).toMatch(/A\. Spring: 0 first, 4 accept, 1 reject/);
    const [outcome] = await waitForMailTo(h, m4, new RegExp(`^Outcome of C-${opened.id}:`));
    // The deadline stays as announced; closed_at says when it closed, in the outcome and in --json.
    const [row] = await h.ctx.sql`select deadline, closed_at from consultations where id = ${opened.id}`;
    expect(row!.closed_at.getTime()).toBeLessThan(row!.deadline.getTime() - 86400_000);
    expect(outcome!.mail.text).toContain(`closed early by its coordinators (the deadline was ${formatUtc(row!.deadline)}`);
    const doc = JSON.parse((await tacit(h, ['consultation', `C-${opened.id}`, '--json'])).stdout);
    expect(doc.deadline).toBe(row!.deadline.toISOString());
    expect(doc.closedAt).toBe(row!.closed_at.toISOString());
  });
});

describe('answering the preview', () => {
  async function preview(subject: string) {
    await h.send({ from: list.coordinator, to: `gb-consult@${h.domain}`, subject, text: choice().join('\n') });
    const [p] = await waitForMailTo(h, list.coordinator, new RegExp(`^Preview of C-\\d+: ${subject}`));
    return { id: Number(/C-(\d+)/.exec(p!.mail.subject!)![1]), confirm: p!.mail.replyTo!.value[0]!.address! };
  }

  it('"cancel" drops the draft and nothing is sent', async () => {
    const { id, confirm } = await preview('Dropped');
    await h.send({ from: list.coordinator, to: confirm, subject: 'Re: preview', text: 'cancel' });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: Re: preview/);
    expect(answer!.mail.text).toContain(`C-${id} was dropped; nothing was sent to gb.`);
    const [row] = await h.ctx.sql`select status, (select count(*)::int from consultation_electorate where consultation_id = ${id}) as electorate from consultations where id = ${id}`;
    expect(row).toEqual({ status: 'cancelled', electorate: 0 });
  });

  it('a deadline that passed before the confirmation opens nothing', async () => {
    const { id, confirm } = await preview('Too slow');
    await expire(h, id);
    await h.send({ from: list.coordinator, to: confirm, subject: 'Re: slow', text: 'go' });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: Re: slow/);
    expect(answer!.mail.text).toContain('passed before you confirmed');
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'consultation-copy' and params->>'consultationId' = ${String(id)}`;
    expect(n).toBe(0);
  });

  it('a confirmation from another address is not accepted', async () => {
    const { id, confirm } = await preview('Hijack');
    await h.send({ from: 'gb-m1@example.org', to: confirm, subject: 'Re: hijack', text: 'yes' });
    await waitFor(async () => (await h.ctx.sql`select state from inbound_deliveries where recipient = ${confirm}`)[0]?.state === 'held');
    const [row] = await h.ctx.sql`select status from consultations where id = ${id}`;
    expect(row.status).toBe('draft');
  });
});
