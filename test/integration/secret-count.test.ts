import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { consultationDocument, formatConsultation, listConsultations } from '../../src/domains/consultations/commands/show.ts';
import { runDigest } from '../../src/domains/digests/runDigest.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import type { DecisionMethod } from '../../src/decisions/decisionMethod.ts';
import { needsOf, toy, type ToyBallot, type ToyResult } from '../helpers/toyMethod.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, seedList, tacit, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { PUBLIC_URL, getPage } from '../helpers/web.ts';

/**
 * Issue 21: a formal vote's count is hidden until the close. The vote
 * methods land apart, so this test registers its own method with
 * `secretUntilClose` (the toy of test/helpers/toyMethod.ts: "yes" or "no", carried
 * by the "Needs:" number of yes answers), opens it by mail, has members
 * answer with a unique word each, and checks that before the close every
 * place that could show a count (results, status, tally by mail; the web
 * record; the digest; the CLI's --tally and list; --json and the human form
 * at the function level, since the CLI process knows only the built-in
 * methods) shows turnout only, and that after the close the count is shown.
 */
/** The toy of test/helpers/toyMethod.ts, its count secret until the close. */
const secretToy: DecisionMethod<ToyBallot, ToyResult> = {
  ...toy,
  name: 'secret-toy',
  kind: 'secret-toy',
  secretUntilClose: true,
  view: (settings) => ({
    ...toy.view(settings),
    method: 'secret-toy',
    // Worded so that no "N yes" reads as a count in the checks below.
    countingRule: `carried by ${needsOf(settings)} answers of yes`,
    aKind: 'a secret toy',
  }),
  // Before any count, the settings only (DecisionMethod.document).
  document: (r, settings) => ({ options: [], fields: r ? { yes: r.yes, no: r.no, carried: r.carried } : { needs: needsOf(settings) } }),
};

// One unique word in each reply: none may appear anywhere public before the close.
const MARKERS = ['plumbago', 'quillwort', 'saxifrage', 'tormentil'];
// Any per-option number or verdict so far.
const COUNT = /Toy verdict|\byes \d|\d yes\b|\bno \d|\d no\b|PROVISIONAL|you said|"toy"/;

function expectTurnoutOnly(text: string): void {
  for (const marker of MARKERS) expect(text).not.toContain(marker);
  expect(text).not.toMatch(COUNT);
}

let h: Harness;
let list: SeededList;
let id: number;
let digestMember: string;
const started = new Date(Date.now() - 60_000);

async function command(from: string, to: string, text: string, tag: string): Promise<string> {
  await h.send({ from, to, subject: `commands ${tag}`, text, messageId: `<${tag}@example.org>` });
  const [answer] = await waitForMailTo(h, from, new RegExp(`^Re: commands ${tag}$`));
  return answer!.mail.text!;
}

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0' } });
  h.ctx.wiring.decisionMethods.set('secret-toy', secretToy);
  list = await seedList(h, 'vote-club', 4);
  await setGroupSettings(h.ctx.sql, 'vote-club', { decisions: 'public' });
  digestMember = list.members[1]!;
  await h.ctx.sql`update memberships set mode = 'digest' where member_id = (select id from members where email = ${digestMember})`;

  let replyTo: Map<string, string>;
  ({ id, replyTo } = await openViaSmtp(h, list, 'Elect the treasurer', ['Method: secret-toy', `Deadline: ${inDays(5)}`, 'Needs: 2']));
  const [m1, m2, m3, m4] = list.members as [string, string, string, string];
  const answers: [string, string][] = [[m1, 'yes, plumbago'], [m2, 'no quillwort'], [m3, 'yes saxifrage'], [m4, 'tormentil perhaps']];
  for (const [member, text] of answers) {
    await h.send({ from: member, to: replyTo.get(member)!, subject: `Re: [vote-club] C-${id}: Elect the treasurer`, text, messageId: `<answer-${member}>` });
  }
  for (const member of [m1, m2, m3]) await waitForMailTo(h, member, new RegExp(`^Recorded: C-${id}`));
  await waitForMailTo(h, m4, new RegExp(`C-${id}`), 2); // the copy, and how to answer
}, 120_000);

afterAll(async () => {
  await closeHarness(h);
});

describe('a count secret until the close, while the vote is open', () => {
  it('tells the coordinator at the opening that `results` gives the turnout only', async () => {
    const [opened] = await waitForMailTo(h, list.coordinator, new RegExp(`C-${id} is open`));
    expect(opened!.mail.text).toContain(`results C-${id}           the turnout so far (the count is secret until the close)`);
  });

  it('answers results, status and tally by mail with turnout only', async () => {
    const text = await command(list.coordinator, `vote-club-consult@${h.domain}`, `results C-${id}\nstatus C-${id}\ntally C-${id}`, 'open');
    expect(text).toContain('The count is secret until the close: only the turnout is shown before it.');
    expect(text).toContain('Turnout so far: 3/5 replied, 1 unreadable (60%); not replied yet 1, unreachable 0, away 0.');
    expect(text).toContain('3/5 replied, 1 unreadable; not replied yet 1');
    expect(text).toContain(`C-${id} is open: its tally sheet exists once it has closed.`);
    expectTurnoutOnly(text);
    // A member's own status reads back their own ballot, and nobody else's.
    const own = await command(list.members[0]!, `consult@${h.domain}`, `status C-${id}\nresults C-${id}`, 'member-open');
    expect(own).toContain('recorded: you said yes');
    expect(own).toContain(`Only coordinators of vote-club may results C-${id}.`);
    for (const marker of MARKERS) expect(own).not.toContain(marker);
  });

  it('shows no count on the web record', async () => {
    const page = await getPage(h, `/decisions/C-${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Elect the treasurer');
    expectTurnoutOnly(page.html);
    const register = await getPage(h, '/');
    expect(register.html).toContain('Elect the treasurer');
    expectTurnoutOnly(register.html);
  });

  it('shows no count in the digest', async () => {
    await runDigest(h.ctx, { start: started, end: new Date() });
    const [digest] = await waitForMailTo(h, digestMember, /^Your Tacit digest: 1 open consultation, 0 outcomes, 0 posts$/);
    expect(digest!.mail.text).toContain(`C-${id} (VOTE-CLUB): Elect the treasurer`);
    expectTurnoutOnly(digest!.mail.text!);
    expectTurnoutOnly(digest!.mail.html as string);
  });

  it('gives --json turnout and the repliers without stances, and the human form turnout only (function level)', async () => {
    const methods = h.ctx.wiring.decisionMethods;
    const found = (await consultationDocument(h.ctx.sql, id, methods))!;
    const { doc } = found;
    expect(doc).toMatchObject({ status: 'open', kind: 'secret-toy', provisional: true, electorate: 5, unreadable: 1, turnout: 0.6, needs: 2 });
    expect(doc.buckets).toEqual({ replied: 3, silent: 2, unreachable: 0, away: 0 });
    expect(doc).not.toHaveProperty('yes');
    expect(doc).not.toHaveProperty('no');
    expect(doc).not.toHaveProperty('carried');
    const replies = doc.replies as Record<string, unknown>[];
    expect(replies.map((r) => r.email)).toEqual([...list.members].sort());
    for (const r of replies) expect(Object.keys(r).sort()).toEqual(['email', 'receivedAt']);
    expectTurnoutOnly(JSON.stringify(doc));

    const human = formatConsultation(found.c, found.counted, replies.length, methods);
    expect(human).toContain('Turnout so far: 3/5 replied, 1 unreadable (60%)');
    expectTurnoutOnly(human);

    const row = (await listConsultations(h.ctx.sql)).find((r) => r.id === `C-${id}`)!;
    expect(row).toMatchObject({ electorate: 5, replies: 3, unreadable: 1 });
    expectTurnoutOnly(JSON.stringify(row));
  });

  it('refuses `tacit consultation --tally` and lists turnout only in `tacit consultations`', async () => {
    const sheet = await tacit(h, ['consultation', `C-${id}`, '--tally'], { allowFailure: true });
    expect(sheet.code).not.toBe(0);
    expect(sheet.stderr).toContain(`C-${id} is open: a tally sheet exists once it has closed`);
    expectTurnoutOnly(sheet.stdout + sheet.stderr);
    const listed = await tacit(h, ['consultations']);
    expect(listed.stdout).toMatch(new RegExp(`C-${id} +open +secret-toy .*3/5 replied, 1 unreadable  Elect the treasurer`));
    expectTurnoutOnly(listed.stdout);
  }, 60_000);
});

describe('the same vote after the close', () => {
  it('shows the count everywhere', async () => {
    await expire(h, id);
    expect(await closeDue(h.ctx)).toEqual([id]);
    const verdict = 'Toy verdict: carried (2 yes, 1 no; 2 needed).';

    const text = await command(list.coordinator, `vote-club-consult@${h.domain}`, `results C-${id}\nstatus C-${id}`, 'closed');
    expect(text).toContain('Final outcome:');
    expect(text).toContain(verdict);
    expect(text).toContain('yes 2, no 1');

    const page = await getPage(h, `/decisions/C-${id}`);
    expect(page.html).toContain(verdict);
    expect(page.html).toContain('yes 2, no 1');

    await runDigest(h.ctx, { start: started, end: new Date() });
    const [digest] = await waitForMailTo(h, digestMember, /^Your Tacit digest: 0 open consultations, 1 outcome, 0 posts$/);
    expect(digest!.mail.text).toContain(verdict);

    const methods = h.ctx.wiring.decisionMethods;
    const found = (await consultationDocument(h.ctx.sql, id, methods))!;
    expect(found.doc).toMatchObject({ status: 'closed', provisional: false, yes: 2, no: 1, carried: true });
    const replies = found.doc.replies as Record<string, unknown>[];
    expect(replies.find((r) => r.email === list.members[0])).toMatchObject({ stance: { toy: 'yes' }, comment: 'yes, plumbago' });
    expect(formatConsultation(found.c, found.counted, replies.length, methods)).toContain(verdict);
  });
});
