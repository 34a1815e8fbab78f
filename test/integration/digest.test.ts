import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/consultations/close.ts';
import { runDigest } from '../../src/digests/runDigest.ts';
import { runScheduledDigest } from '../../src/digests/scheduledDigest.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { tacit } from '../helpers/cli.ts';
import { delivered, expire, inDays, openViaSmtp, seedList, waitForMailTo, waitForOutbox, waitForRouting, type SeededList } from './consultation-support.ts';

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
    expect(text).toContain(`C-${openId} (icc): Adopt the charter`);
    expect(text).toMatch(new RegExp(`reply to reply\\+${openId}x\\d+_[0-9a-f]{32}@tacit\\.localhost`));
    expect(text).toContain(`C-${closedId} (icc): Where do we meet`);
    expect(text).toMatch(/Winner: |No winner|Tie between/);
    expect(text).toContain('== Agenda for Saturday ==');
    expect(text).toContain('First item: the charter.');
    expect(digest!.mail.html).toContain('Open consultations');

    // The immediate-mode member got the post as it came, so the digest lists no post for them.
    const [immediate] = await waitForMailTo(h, list.members[0]!, /^Your Tacit digest: 1 open consultation, 1 outcome, 0 posts$/);
    expect(immediate!.mail.text).not.toContain('Agenda for Saturday');
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
});
