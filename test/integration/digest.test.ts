import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { runDigest } from '../../src/domains/digests/runDigest.ts';
import { runScheduledDigest } from '../../src/domains/digests/scheduledDigest.ts';
import { digestContent, digestContents } from '../../src/domains/digests/digestContent.ts';
import { latestPeriod, parseDigestSchedule } from '../../src/shared/rules/digestSchedule.ts';
import { upsertGroup } from '../../src/domains/org/groups.ts';
import { subscribe } from '../../src/domains/org/members.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { tacit } from '../helpers/cli.ts';
import { delivered, expire, inDays, openViaSmtp, seedList, waitForMailTo, waitForOutbox, waitForRouting, type SeededList } from '../helpers/consultation.ts';

let h: Harness;
let list: SeededList;
let openId: number;
let closedId: number;
const started = new Date(Date.now() - 60_000);

beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'icc', 2);
  // The second member reads the list in digest mode.
  await h.ctx.sql`
    update memberships set mode = 'digest'
    where member_id = (select id from members where email = ${list.members[1]})`;

  ({ id: closedId } = await openViaSmtp(h, list, 'Where do we meet', ['Kind: choice', `Deadline: ${inDays(3)}`, 'Options:', 'A. Online', 'B. Paris']));
  await expire(h, closedId);
  expect(await closeDue(h.ctx)).toEqual([closedId]);
  ({ id: openId } = await openViaSmtp(h, list, 'Adopt the charter', ['Kind: proposal', `Deadline: ${inDays(5)}`]));

  await h.send({
    from: list.members[0],
    to: `icc@${h.domain}`,
    subject: 'Agenda for Saturday',
    text: 'First item: the charter.\nSecond item: the budget.',
    messageId: '<agenda-1@example.org>',
  });
  await waitForRouting(h);
  await waitForOutbox(h);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('digests', () => {
  it('tells a digest-mode member about open consultations, outcomes and list threads', async () => {
    const member = list.members[1]!;
    const queued = await runDigest(h.ctx, { start: started, end: new Date() });
    expect(queued).toBe(3); // the coordinator and both members: all are asked about the open consultation
    const [digest] = await waitForMailTo(h, member, /^Your Tacit digest: 1 open consultation, 1 outcome, 1 post$/);
    const text = digest!.mail.text!;
    // Lists by their title; each open item says how to answer it.
    expect(text).toContain(`C-${openId} (ICC): Adopt the charter`);
    expect(text).toMatch(new RegExp(`to answer, mail reply\\+${openId}x\\d+_[0-9a-f]{32}@tacit\\.localhost\\n\\s+starting with "agree", "object: your reason" or "abstain"`));
    expect(text).toContain(`C-${closedId} (ICC): Where do we meet`);
    expect(text).toMatch(/Winner: |No winner|Tie between/);
    expect(text).toContain('== Agenda for Saturday ==');
    expect(text).toContain('First item: the charter.');
    expect(digest!.mail.html).toContain('Open consultations');
    expect(digest!.mail.html).toContain(`(ICC): Adopt the charter`);
    expect(digest!.mail.html).toContain('<code>agree</code>, <code>object: your reason</code> or <code>abstain</code>');
    // The same footer (settings, unsubscribe, time zone) in both parts.
    const footer = /To read a list's posts as they come instead[\s\S]*?request@tacit\.localhost\./.exec(text)![0];
    expect(footer).toContain('"unsubscribe LIST"');
    expect(footer).toContain('set timezone');
    const html = digest!.mail.html as string;
    expect(html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'")).toContain(footer);

    // The immediate-mode member got the post as it came, so the digest lists no post for them.
    const [immediate] = await waitForMailTo(h, list.members[0]!, /^Your Tacit digest: 1 open consultation, 1 outcome, 0 posts$/);
    expect(immediate!.mail.text).not.toContain('Agenda for Saturday');
  });

  it('reads a delivery batch of digests in one query, each the same as read alone', async () => {
    const period = { start: started, end: new Date() };
    const ids = (await h.ctx.sql`select id from members order by id`).map((r) => Number(r.id));
    const batch = await digestContents(h.ctx.sql, h.ctx, ids, period);
    expect([...batch.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(batch.get(id)).toEqual(await digestContent(h.ctx.sql, h.ctx, id, period));
    // Not all alike: only the digest-mode member sees the post, each has their own reply address.
    const [digestMode] = await h.ctx.sql`select id from members where email = ${list.members[1]!}`;
    expect(batch.get(Number(digestMode!.id))!.lists).toHaveLength(1);
    expect(new Set(ids.map((id) => batch.get(id)!.open[0]?.replyAddress)).size).toBe(ids.length);
  });

  it('writes each member one digest per period, however often it runs', async () => {
    const end = new Date();
    const first = await runDigest(h.ctx, { start: started, end });
    const again = await runDigest(h.ctx, { start: started, end });
    expect([first, again]).toEqual([3, 0]);
  });

  it('records the first scheduled period as a baseline and sends each later one once', async () => {
    // The reconciler's first pass at start-up saw the current period: recorded, not sent.
    const runs = await h.ctx.sql`select kind from digest_runs`;
    expect(runs.map((r) => r.kind)).toEqual(['baseline']);
    const later = new Date('2030-01-14T09:00:00Z');
    // Every member is still asked about the open consultation, so everyone has something to read.
    expect(await runScheduledDigest(h.ctx, later)).toBe(3);
    expect(await runScheduledDigest(h.ctx, later)).toBe(0);
    const [run] = await h.ctx.sql`select kind, members from digest_runs where period_end = '2030-01-14T08:00:00Z'`;
    expect(run).toEqual({ kind: 'sent', members: 3 });
    await waitForOutbox(h);
  });

  it('previews a digest on the command line without sending it', async () => {
    const before = (await delivered(h)).length;
    const { code, stdout } = await tacit(h, ['digest', 'preview', list.members[1]!, '--period', '7d']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Subject: Your Tacit digest: 1 open consultation, 1 outcome, 1 post\n/);
    expect(stdout).toContain('== Agenda for Saturday ==');
    await new Promise((r) => setTimeout(r, 300));
    expect((await delivered(h)).length).toBe(before);
  });

  it('says what silence means for proposals as well as choices', async () => {
    const [digest] = await waitForMailTo(h, list.members[1]!, /^Your Tacit digest: 1 open consultation/);
    // The open consultation here is a proposal: it has no options to consent to.
    expect(digest!.mail.text).not.toContain('consent to every option.');
    expect(digest!.mail.text).toContain('consent: to every option of a choice, to a proposal.');
  });

  it('covers the weeks it missed: a period starts where the last run ended', async () => {
    // Tacit was down for three Mondays; a post went out during that time.
    await h.ctx.sql`update list_posts set distributed_at = '2030-01-22T10:00:00Z'`;
    const member = list.members[1]!;
    expect(await runScheduledDigest(h.ctx, new Date('2030-02-12T09:00:00Z'))).toBe(3);
    const [run] = await h.ctx.sql`select period_start, kind from digest_runs where period_end = '2030-02-11T08:00:00Z'`;
    expect(run).toEqual({ period_start: new Date('2030-01-14T08:00:00Z'), kind: 'sent' });
    const [row] = await h.ctx.sql`
      select o.params from outbox o join members m on m.id = o.member_id
      where o.kind = 'digest' and m.email = ${member} and o.dedupe_key like ${`digest:${Date.parse('2030-02-11T08:00:00Z')}:%`}`;
    expect(row.params.start).toBe('2030-01-14T08:00:00.000Z');
    const period = { start: new Date(row.params.start), end: new Date(row.params.end) };
    const [m] = await h.ctx.sql`select id from members where email = ${member}`;
    const content = await digestContent(h.ctx.sql, h.ctx, m.id as number, period);
    expect(content.lists.flatMap((l) => l.threads.map((t) => t.subject))).toEqual(['Agenda for Saturday']);
    // An earlier boundary than the last run sends nothing again.
    expect(await runScheduledDigest(h.ctx, new Date('2030-02-05T09:00:00Z'))).toBe(0);
    await waitForOutbox(h);
  });

  it('brings an outcome to a member who was asked, though they left that list since', async () => {
    await h.ctx.sql`update consultations set status = 'cancelled', cancelled_at = now() where id = ${openId}`;
    const leaver = list.members[0]!;
    await h.ctx.sql`delete from memberships where member_id = (select id from members where email = ${leaver})`;
    await upsertGroup(h.ctx.sql, { slug: 'fr', name: 'France', level: 'national' });
    const [m] = await h.ctx.sql`select id from members where email = ${leaver}`;
    await subscribe(h.ctx.sql, m.id as number, 'fr');
    const end = new Date();
    await runDigest(h.ctx, { start: started, end });
    const rows = await h.ctx.sql`select recipient from outbox where kind = 'digest' and dedupe_key like ${`digest:${end.getTime()}:%`}`;
    expect(rows.map((r) => r.recipient)).toContain(leaver);
    const content = await digestContent(h.ctx.sql, h.ctx, m.id as number, { start: started, end });
    expect(content.outcomes.map((o) => o.id)).toEqual([`C-${closedId}`]);
    await waitForOutbox(h);
  });

  it('`tacit digest run` names the period it sent, from where the last run ended', async () => {
    const schedule = parseDigestSchedule(h.config.digestSchedule);
    if (schedule.kind === 'off') throw new Error('the test needs a digest schedule');
    const latest = latestPeriod(schedule, new Date());
    const lastRun = new Date(latest.end.getTime() - 21 * 86400_000);
    await h.ctx.sql`delete from digest_runs`;
    await h.ctx.sql`insert into digest_runs (period_end, period_start, kind) values (${lastRun}, ${new Date(lastRun.getTime() - 7 * 86400_000)}, 'sent')`;
    await h.ctx.sql`update list_posts set distributed_at = ${new Date(latest.end.getTime() - 10 * 86400_000)}`;
    const { stdout } = await tacit(h, ['digest', 'run']);
    expect(stdout).toBe(`queued 1 digests for ${lastRun.toISOString()} to ${latest.end.toISOString()}\n`);
    await waitForOutbox(h);
  });
});
