/**
 * Issue 22 item 3, over SMTP: chapter votes that roll up into a parent vote
 * (`Part of: C-ID`). Each rule has its test here:
 * - a part must ask the same question with the same options and method, on
 *   a list under the parent's, closing no later than the parent; the part
 *   may not be extended past the parent's deadline;
 * - the parent's mailing skips the members an open part covers; a part
 *   opened after the parent mailed sends its members a second copy, and the
 *   latest ballot of the two counts in the whole;
 * - a member reached through two parts has one ballot in the whole (the latest);
 * - the parent's close closes a part still open and counts it, and each
 *   level's outcome shows its own result and the whole;
 * - a cancelled part counts nothing, and its members get the parent's copy;
 * - consultations (silence is consent) roll up the same way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { enrolMember } from '../../src/domains/org/enrol.ts';
import { setGroupSettings, upsertGroup } from '../../src/domains/org/groups.ts';
import { grantRole, subscribe, findMemberByAddress } from '../../src/domains/org/members.ts';
import { runTacit } from '../helpers/cli.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { PUBLIC_URL, getPage } from '../helpers/web.ts';
import { confirmDraft, confirmedCommand, draftViaSmtp, previewId, voteAndWait } from '../helpers/drafts.ts';
import { closeHarness, delivered, expire, inDays, replyToOf, tacit, waitForMailTo, waitForOutbox, type Delivered } from '../helpers/consultation.ts';

let h: Harness;
const PARIS = ['paris-1', 'paris-2', 'paris-3'].map((n) => `${n}@example.org`);
const LYON = ['lyon-1', 'lyon-2', 'lyon-3'].map((n) => `${n}@example.org`);
const LONDON = ['london-1', 'london-2', 'london-3'].map((n) => `${n}@example.org`);
const COORD = { all: 'coord-all@example.org', 'fr-paris': 'coord-paris@example.org', 'fr-lyon': 'coord-lyon@example.org', 'gb-london': 'coord-london@example.org', fr: 'coord-fr@example.org' };
// paris-3 also joined the Lyon chapter's list: two parts reach her.
const TWICE = PARIS[2]!;

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0' } });
  const sql = h.ctx.sql;
  await upsertGroup(sql, { slug: 'all', name: 'All members', level: 'international' });
  await upsertGroup(sql, { slug: 'fr', name: 'France', parent: 'all', level: 'national', country: 'FR' });
  await upsertGroup(sql, { slug: 'gb', name: 'United Kingdom', parent: 'all', level: 'national', country: 'GB' });
  await upsertGroup(sql, { slug: 'fr-paris', name: 'Paris', parent: 'fr', level: 'local', country: 'FR', city: 'Paris' });
  await upsertGroup(sql, { slug: 'fr-lyon', name: 'Lyon', parent: 'fr', level: 'local', country: 'FR', city: 'Lyon' });
  await upsertGroup(sql, { slug: 'gb-london', name: 'London', parent: 'gb', level: 'local', country: 'GB', city: 'London' });
  await setGroupSettings(sql, 'all', { decisions: 'public' });
  for (const [list, email] of Object.entries(COORD)) {
    const c = await enrolMember(sql, { email, name: `Coordinator ${list}` });
    await grantRole(sql, c.member.id, 'coordinator', list);
  }
  for (const [emails, country, city] of [[PARIS, 'FR', 'Paris'], [LYON, 'FR', 'Lyon'], [LONDON, 'GB', 'London']] as const) {
    for (const email of emails) await enrolMember(sql, { email, name: email.split('@')[0]!, country, city });
  }
  await subscribe(sql, (await findMemberByAddress(sql, TWICE))!.id, 'fr-lyon');
  // lyon-3 named london-3 as proxy for every list, accepted (proxies.test.ts does it by mail).
  await sql`
    insert into proxies (member_id, proxy_member_id, state, accepted_at)
    select m.id, p.id, 'active', now() from members m, members p where m.email = ${LYON[2]} and p.email = ${LONDON[2]}`;
  await sql`update members set language = 'en'`;
});
afterAll(async () => {
  await closeHarness(h);
});

const draft = (list: keyof typeof COORD, subject: string, keyLines: string[]) => draftViaSmtp(h, COORD[list], list, subject, keyLines);
const idOf = previewId;
const confirm = (preview: Delivered, list: string, members: string[]) => confirmDraft(h, preview, list, members);
const vote = (member: string, address: string, text: string, id: number) => voteAndWait(h, member, address, text, id);

const copiesOf = async (id: number, list: string) =>
  (await delivered(h)).filter((d) => new RegExp(`^\\[${list}\\] C-${id}: `).test(d.mail.subject ?? '')).map((d) => d.to).sort();

describe('votes that roll up', () => {
  it('refuses a part whose question, options, method, list or deadline differ from the parent, and an extension past it', async () => {
    const parent = await draft('all', 'Which logo', ['Kind: choice', `Deadline: ${inDays(6)}`, 'Options:', 'A. The fist', 'B. The star']);
    const id = idOf(parent);
    expect(parent.mail.subject).toMatch(/^Preview of C-\d+: Which logo/);

    const cases: [keyof typeof COORD, string, string[], string][] = [
      ['fr-paris', 'Which logo', ['Kind: choice', `Deadline: ${inDays(5)}`, 'Options:', 'A. The fist', 'B. The moon'], "the options must be the same as C-" + id + "'s: A. The fist; B. The star."],
      ['fr-paris', 'Which colour', ['Kind: choice', `Deadline: ${inDays(5)}`, 'Options:', 'A. The fist', 'B. The star'], `the question must be the same as C-${id}'s: "Which logo".`],
      ['fr-paris', 'Which logo', ['Kind: choice', `Deadline: ${inDays(7)}`, 'Options:', 'A. The fist', 'B. The star'], `the deadline must be no later than C-${id}'s`],
      ['fr-paris', 'Which logo', ['Method: vote-ranked', `Deadline: ${inDays(5)}`, 'Options:', 'A. The fist', 'B. The star'], `C-${id} is counted by consent-choice`],
    ];
    for (const [list, subject, lines, problem] of cases) {
      const answer = await draft(list, subject, [...lines, `Part of: C-${id}`]);
      expect(answer.mail.subject).not.toMatch(/^Preview/);
      expect(answer.mail.text).toContain(`Part of: ${problem}`);
    }
    // A list that is not under the parent's: Paris is France's, not the United Kingdom's.
    const gbVote = await draft('fr', 'Which logo', ['Kind: choice', `Deadline: ${inDays(6)}`, 'Options:', 'A. The fist', 'B. The star']);
    const wrongList = await draft('gb-london', 'Which logo', ['Kind: choice', `Deadline: ${inDays(5)}`, 'Options:', 'A. The fist', 'B. The star', `Part of: C-${idOf(gbVote)}`]);
    expect(wrongList.mail.text).toContain(`Part of: gb-london is not a branch or chapter of fr, the list of C-${idOf(gbVote)}.`);
    // The same question in other spaces and case is the same question.
    const ok = await draft('fr-paris', 'which  LOGO', ['Kind: choice', `Deadline: ${inDays(5)}`, 'Options:', 'A. the fist', 'B. The  star', `Part of: C-${id}`]);
    expect(ok.mail.subject).toMatch(/^Preview of C-\d+/);
    await confirm(ok, 'fr-paris', PARIS);
    const [row] = await h.ctx.sql`select part_of, status from consultations where id = ${idOf(ok)}`;
    expect(row).toEqual({ part_of: id, status: 'open' });

    // Extending the part past its parent's deadline is refused; the parent is a draft, so its deadline stands.
    const extended = await confirmedCommand(h, COORD['fr-paris'], 'fr-paris', `extend C-${idOf(ok)} ${inDays(8)}`);
    expect(extended.mail.text).toContain(`Not extended: C-${idOf(ok)} is part of C-${id}`);
    const [after] = await h.ctx.sql`select deadline < now() + interval '6 days' as earlier from consultations where id = ${idOf(ok)}`;
    expect(after!.earlier).toBe(true);

    // A part of a part is refused: one level rolls up.
    const nested = await draft('fr-paris', 'Which logo', ['Kind: choice', `Deadline: ${inDays(4)}`, 'Options:', 'A. The fist', 'B. The star', `Part of: C-${idOf(ok)}`]);
    expect(nested.mail.text).toContain(`Part of: C-${idOf(ok)} is itself part of C-${id}`);
  }, 240_000);

  it('a motion: the parent skips the covered members, a late part sends a second copy, one ballot a member, the latest; each level shows its own result and the whole', async () => {
    const subject = 'Adopt the charter';
    const lines = ['Kind: vote', `Deadline: ${inDays(5)}`];
    const parentPreview = await draft('all', subject, lines);
    const P = idOf(parentPreview);
    // Paris opens its part while the parent is a draft: the parent's mailing will skip its members.
    const parisPreview = await draft('fr-paris', subject, [...lines.slice(0, 1), `Deadline: ${inDays(4)}`, `Part of: C-${P}`]);
    const paris = idOf(parisPreview);
    const parisTo = await confirm(parisPreview, 'fr-paris', PARIS);
    const everyoneElse = [COORD.all, ...Object.values(COORD).filter((c) => c !== COORD.all), ...LYON, ...LONDON];
    const parentTo = await confirm(parentPreview, 'all', everyoneElse);
    await waitForOutbox(h);
    expect(await copiesOf(P, 'all')).toEqual([...everyoneElse].sort());
    const [{ n: electorate }] = await h.ctx.sql`select count(*)::int as n from consultation_electorate where consultation_id = ${P}`;
    expect(electorate).toBe(everyoneElse.length);

    // Lyon opens its part after the parent mailed: its members (and paris-3, on Lyon's list too) get a second copy.
    const lyonPreview = await draft('fr-lyon', subject, [...lines.slice(0, 1), `Deadline: ${inDays(4)}`, `Part of: C-${P}`]);
    const lyon = idOf(lyonPreview);
    const lyonTo = await confirm(lyonPreview, 'fr-lyon', [...LYON, TWICE]);

    // Paris: yes, no, and paris-3 says no in Paris, then yes in Lyon (the latest: yes in the whole).
    await vote(PARIS[0]!, parisTo.get(PARIS[0]!)!, 'yes', paris);
    await vote(PARIS[1]!, parisTo.get(PARIS[1]!)!, 'no', paris);
    await vote(TWICE, parisTo.get(TWICE)!, 'no', paris);
    await vote(TWICE, lyonTo.get(TWICE)!, 'yes', lyon);
    // Lyon: lyon-1 no on the parent's copy then yes on Lyon's (yes in the whole); lyon-2 yes on Lyon's then no on the parent's (no).
    await vote(LYON[0]!, parentTo.get(LYON[0]!)!, 'no', P);
    await vote(LYON[0]!, lyonTo.get(LYON[0]!)!, 'yes', lyon);
    await vote(LYON[1]!, lyonTo.get(LYON[1]!)!, 'yes', lyon);
    await vote(LYON[1]!, parentTo.get(LYON[1]!)!, 'no', P);
    // lyon-3 votes yes on Lyon's copy; later her proxy london-3 votes no for her in the parent: her own ballot counts in the whole.
    await vote(LYON[2]!, lyonTo.get(LYON[2]!)!, 'yes', lyon);
    const [proxyMail] = await waitForMailTo(h, LONDON[2]!, new RegExp(`^Ballots you hold as proxy in C-${P}:`));
    const proxyAddress = new RegExp(`<${LYON[2]}>\\n\\s+vote for them by writing to: (proxy\\+\\S+)`).exec(proxyMail!.mail.text ?? '')![1]!;
    await voteAndWait(h, LONDON[2]!, proxyAddress, 'no', P, new RegExp(`^Recorded for ${LYON[2]}: C-${P}`));
    // London votes on the parent's copy: two no.
    await vote(LONDON[0]!, parentTo.get(LONDON[0]!)!, 'no', P);
    await vote(LONDON[1]!, parentTo.get(LONDON[1]!)!, 'no', P);

    // Only the parent's deadline passes: its close closes both parts first (early) and counts them in.
    await expire(h, P);
    expect(await closeDue(h.ctx)).toEqual([P]);
    const rows = await h.ctx.sql`select id, status, outcome from consultations where id in (${P}, ${paris}, ${lyon}) order by id`;
    const outcome = new Map(rows.map((r) => [Number(r.id), r.outcome as Record<string, any>]));
    expect(rows.map((r) => r.status)).toEqual(['closed', 'closed', 'closed']);
    // Paris on its own: yes 1, no 2 (paris-3's Paris ballot counts in Paris); Lyon: yes 4 (lyon-1, -2, -3, paris-3).
    expect(outcome.get(paris)).toMatchObject({ verdict: 'rejected', yes: 1, no: 2, electorate: 3 });
    expect(outcome.get(lyon)).toMatchObject({ verdict: 'adopted', yes: 4, no: 0, electorate: 4 });
    // The whole: paris-1 yes, paris-2 no, paris-3 yes (latest, via Lyon), lyon-1 yes, lyon-2 no, lyon-3 yes (her own, not her
    // proxy's later no), london-1 and -2 no: yes 4, no 4.
    expect(outcome.get(P)).toMatchObject({ verdict: 'rejected', yes: 4, no: 4 });
    const whole = await h.ctx.sql`select member_id, via_consultation_id from consultation_electorate where consultation_id = ${P}`;
    expect(whole.length).toBe(everyoneElse.length + PARIS.length);
    expect(new Set(whole.map((r) => r.member_id)).size).toBe(whole.length);
    expect(whole.filter((r) => r.via_consultation_id !== null).length).toBe(PARIS.length + 2); // Paris, and lyon-1 and lyon-3 via Lyon
    // Each part's outcome names the whole; the parent's lists its parts.
    expect(outcome.get(paris)!.whole).toMatchObject({ verdict: 'rejected', yes: 4, no: 4 });
    expect(outcome.get(lyon)!.partOf).toMatchObject({ id: P, list: 'all' });
    expect(outcome.get(P)!.partVotes.map((v: { id: number; replied: number }) => [v.id, v.replied])).toEqual([[lyon, 4], [paris, 3]]);

    const [parisMail] = await waitForMailTo(h, PARIS[0]!, new RegExp(`^Outcome of C-${paris}:`));
    expect(parisMail!.mail.text).toContain(`This vote is part of C-${P} of All members: each ballot cast here counts there too, once, in the whole.`);
    expect(parisMail!.mail.text).toMatch(new RegExp(`The whole \\(C-${P}\\): 8 of \\d+ replied`));
    const [parentMail] = await waitForMailTo(h, LONDON[2]!, new RegExp(`^Outcome of C-${P}:`));
    expect(parentMail!.mail.text).toContain('This result is the whole: it counts the ballots of its parts too, one per member.');
    expect(parentMail!.mail.text).toContain(`  C-${paris} of Paris: 3 of 3 replied (100%).`);
    expect(parentMail!.mail.text).toContain(`  C-${lyon} of Lyon: 4 of 4 replied (100%).`);
    const page = await getPage(h, `/decisions/C-${P}`);
    expect(page.html).toContain(`data-part-vote="C-${paris}"`);

    // The parent's sheet holds the whole, one line a member, and tacit count agrees with it.
    const { stdout: sheet } = await tacit(h, ['consultation', `C-${P}`, '--tally']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-rollup-')), `tally-C-${P}.txt`);
    fs.writeFileSync(file, sheet);
    const recount = JSON.parse((await runTacit(['count', file, '--json'])).stdout);
    expect(recount).toMatchObject({ verdict: 'rejected', yes: 4, no: 4 });
    expect(sheet.split('\n\n')[1]!.split('\n').filter(Boolean).length).toBe(whole.length);
    // The Paris members' lines carry the ballot codes of their Paris copies.
    const codes = await h.ctx.sql`select ballot_code from consultation_electorate where consultation_id = ${paris} and member_id in (select id from members where email = any(${PARIS.slice(0, 2)}))`;
    for (const { ballot_code } of codes) expect(sheet).toContain(`\n${ballot_code} `);
  }, 240_000);

  it('a cancelled part counts nothing: its members get the parent\'s copy and vote there', async () => {
    const subject = 'Join the federation';
    const parentPreview = await draft('all', subject, ['Kind: vote', `Deadline: ${inDays(5)}`]);
    const P = idOf(parentPreview);
    const londonPreview = await draft('gb-london', subject, ['Kind: vote', `Deadline: ${inDays(5)}`, `Part of: C-${P}`]);
    const london = idOf(londonPreview);
    const londonTo = await confirm(londonPreview, 'gb-london', LONDON);
    await confirm(parentPreview, 'all', [...PARIS, ...LYON]);
    await vote(LONDON[0]!, londonTo.get(LONDON[0]!)!, 'yes', london);
    await waitForOutbox(h);
    expect(await copiesOf(P, 'all')).not.toContain(LONDON[0]);

    const cancelled = await confirmedCommand(h, COORD['gb-london'], 'gb-london', `cancel C-${london}`);
    expect(cancelled.mail.text).toContain(`C-${london} is cancelled`);
    const late = new Map<string, string>();
    for (const member of LONDON) late.set(member, replyToOf((await waitForMailTo(h, member, new RegExp(`^\\[all\\] C-${P}: `)))[0]!));
    await vote(LONDON[1]!, late.get(LONDON[1]!)!, 'no', P);

    // A part drafted while the parent is open but confirmed after it closed is not opened.
    const tooLate = await draft('fr-paris', subject, ['Kind: vote', `Deadline: ${inDays(4)}`, `Part of: C-${P}`]);
    await expire(h, P);
    expect(await closeDue(h.ctx)).toEqual([P]);
    await h.send({ from: COORD['fr-paris'], to: replyToOf(tooLate), subject: `Re: ${tooLate.mail.subject}`, text: 'ok', messageId: '<too-late@example.org>' });
    const refused = await waitFor(async () => (await delivered(h)).find((d) => d.to === COORD['fr-paris'] && d.mail.inReplyTo === '<too-late@example.org>'), 60_000, 'the refusal');
    expect(refused.mail.text).toContain(`C-${idOf(tooLate)} was not opened; nothing was sent.`);
    expect(refused.mail.text).toContain(`Part of: C-${P} is closed; a part can only join a vote that is still a draft or open.`);
    const [row] = await h.ctx.sql`select outcome from consultations where id = ${P}`;
    // london-1's ballot went to the cancelled part: not counted; london-2's on the parent's late copy is.
    expect(row!.outcome).toMatchObject({ yes: 0, no: 1 });
    expect(row!.outcome.partVotes).toBeUndefined();
  }, 240_000);

  it('a consultation rolls up too: a part\'s objection and silence count in the whole', async () => {
    const subject = 'Move the congress to Lyon';
    const parentPreview = await draft('fr', subject, ['Kind: proposal', `Deadline: ${inDays(5)}`]);
    const P = idOf(parentPreview);
    const lyonPreview = await draft('fr-lyon', subject, ['Kind: proposal', `Deadline: ${inDays(3)}`, `Part of: C-${P}`]);
    const lyon = idOf(lyonPreview);
    const lyonTo = await confirm(lyonPreview, 'fr-lyon', LYON);
    const parentTo = await confirm(parentPreview, 'fr', PARIS.slice(0, 2));
    await vote(LYON[0]!, lyonTo.get(LYON[0]!)!, 'object: too far for the south', lyon);
    await vote(PARIS[0]!, parentTo.get(PARIS[0]!)!, 'agree', P);
    await expire(h, lyon);
    expect(await closeDue(h.ctx)).toEqual([lyon]);
    await expire(h, P);
    expect(await closeDue(h.ctx)).toEqual([P]);
    const rows = await h.ctx.sql`select id, outcome from consultations where id in (${P}, ${lyon}) order by id`;
    const [parent, part] = rows.map((r) => r.outcome as Record<string, any>);
    expect(part).toMatchObject({ verdict: 'blocked', counts: { object: 1 } });
    expect(parent).toMatchObject({ verdict: 'blocked', counts: { agree: 1, object: 1 } });
    // Lyon's two silent members are silent (consent) in the whole as well.
    expect(parent!.buckets.silent).toBeGreaterThanOrEqual(2);
    expect(part!.whole).toMatchObject({ verdict: 'blocked' });
  }, 240_000);
});
