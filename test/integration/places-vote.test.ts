/**
 * Issue 22, end to end over SMTP: a double-majority motion of the
 * international list, members in three branches and five chapters (and a
 * coordinator with no branch). The motion wins the plain count (yes 17,
 * no 14) but fails the branch majority (France carries it, the United
 * Kingdom and Germany do not): rejected, and the outcome says which
 * majority failed. The outcome mail, the tally sheet, `tacit count` on that
 * sheet, `tacit consultation --json` and the web record agree per place;
 * a place with fewer than 5 ballots shows nowhere on its own.
 *
 * Then an STV delegate election of the international list to which the Paris
 * and London chapters' own votes roll up (issue 22 item 3), with two proxies
 * (one overridden by the member's own ballot): each level's outcome mail,
 * the whole's tally sheet, `tacit count` on it, --json and the web record
 * agree, per place.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { enrolMember } from '../../src/domains/org/enrol.ts';
import { setGroupSettings, upsertGroup } from '../../src/domains/org/groups.ts';
import { grantRole } from '../../src/domains/org/members.ts';
import { runTacit } from '../helpers/cli.ts';
import { PUBLIC_URL, getPage } from '../helpers/web.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, tacit, waitForMailTo, type Delivered, type SeededList } from '../helpers/consultation.ts';
import { confirmDraft, draftViaSmtp, previewId, voteAndWait } from '../helpers/drafts.ts';
import { findMemberByAddress } from '../../src/domains/org/members.ts';

let h: Harness;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type Answer = 'yes' | 'no' | 'abstain' | null;
// Where members live and how they vote (null: no reply).
const PEOPLE: { country: string; city: string; answers: Answer[] }[] = [
  { country: 'FR', city: 'Paris', answers: ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no'] },
  { country: 'FR', city: 'Lyon', answers: ['yes', 'yes', 'yes', 'yes', 'yes', null] },
  { country: 'FR', city: 'Marseille', answers: ['yes'] }, // no chapter yet: France's "waiting for a chapter"
  { country: 'GB', city: 'London', answers: ['yes', 'yes', 'no', 'no', 'no', 'no'] },
  { country: 'GB', city: 'Manchester', answers: ['yes', 'no', 'no', 'no', 'abstain'] },
  { country: 'DE', city: 'Berlin', answers: ['yes', 'no', 'no', 'no', 'no', 'no'] },
  { country: 'DE', city: 'Hamburg', answers: ['no', null] }, // no chapter yet
];

let list: SeededList;
const answerOf = new Map<string, Answer>();

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0' } });
  const sql = h.ctx.sql;
  await upsertGroup(sql, { slug: 'all', name: 'All members', level: 'international' });
  for (const [slug, name, country] of [['fr', 'France', 'FR'], ['gb', 'United Kingdom', 'GB'], ['de', 'Germany', 'DE']] as const) {
    await upsertGroup(sql, { slug, name, parent: 'all', level: 'national', country });
  }
  for (const [slug, city, branch] of [['fr-paris', 'Paris', 'fr'], ['fr-lyon', 'Lyon', 'fr'], ['gb-london', 'London', 'gb'], ['gb-manchester', 'Manchester', 'gb'], ['de-berlin', 'Berlin', 'de']] as const) {
    await upsertGroup(sql, { slug, name: city, parent: branch, level: 'local', country: branch.toUpperCase(), city });
  }
  await setGroupSettings(sql, 'all', { decisions: 'public' });
  // The coordinator gave no residence: on the international list only, in the "no branch" row.
  const coordinator = 'coord-all@example.org';
  const coord = await enrolMember(sql, { email: coordinator, name: 'Coordinator' });
  await grantRole(sql, coord.member.id, 'coordinator', 'all');
  const members: string[] = [];
  for (const p of PEOPLE) {
    for (const [i, answer] of p.answers.entries()) {
      const email = `${p.city.toLowerCase()}-${i + 1}@example.org`;
      await enrolMember(sql, { email, name: `${p.city} ${i + 1}`, country: p.country, city: p.city });
      members.push(email);
      answerOf.set(email, answer);
    }
  }
  // They chose English (else each reads their country's language): this test reads the English words.
  await sql`update members set language = 'en'`;
  list = { slug: 'all', coordinator, members };
});
afterAll(async () => {
  await closeHarness(h);
});

describe('a double-majority motion of the international list', () => {
  it('wins the plain count, fails the branch majority; mail, sheet, tacit count, --json and the record agree per place', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Adopt the federal statutes', ['Kind: vote', 'Count: double-majority', `Deadline: ${inDays(5)}`]);
    const [preview] = await waitForMailTo(h, list.coordinator, new RegExp(`^Preview of C-${id}:`));
    for (const line of ['  Count: double-majority', '  Base: cast', '  Branch quorum: none', '  Quorum: none']) expect(preview!.mail.text).toContain(line);
    const [row] = await h.ctx.sql`select method, place_level from consultations where id = ${id}`;
    expect(row).toEqual({ method: 'vote-double-majority', place_level: 'branch' });
    // Places are frozen at the open: a member who moves afterwards still counts where they lived.
    await h.ctx.sql`update members set country = 'GB', city = 'London' where email = 'paris-1@example.org'`;

    for (const [member, answer] of answerOf) {
      if (answer) await h.send({ from: member, to: replyTo.get(member)!, subject: `Re: C-${id}`, text: answer });
    }
    for (const [member, answer] of answerOf) if (answer) await waitForMailTo(h, member, new RegExp(`^Recorded: C-${id}`));

    await expire(h, id);
    expect(await closeDue(h.ctx)).toEqual([id]);
    const [outcome] = await waitForMailTo(h, 'paris-2@example.org', new RegExp(`^Outcome of C-${id}:`));
    const text = outcome!.mail.text!;
    const { stdout: sheet } = await tacit(h, ['consultation', `C-${id}`, '--tally']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-places-')), `tally-C-${id}.txt`);
    fs.writeFileSync(file, sheet);
    const recount = JSON.parse((await runTacit(['count', file, '--json'])).stdout);
    const doc = JSON.parse((await tacit(h, ['consultation', `C-${id}`, '--json'])).stdout);
    const page = await getPage(h, `/decisions/C-${id}`);
    expect(page.status).toBe(200);

    // The verdict says which majority failed, everywhere.
    const verdict = 'Rejected: the majority of the votes cast holds (yes 17, no 14, abstain 1) but the majority of the branches fails (yes &gt; no in 1 of the 3 branches that voted, 2 needed).';
    expect(text).toContain(verdict.replace('&gt;', '>'));
    expect(page.html).toContain(verdict);
    expect(recount).toMatchObject({ verdict: 'rejected', yes: 17, no: 14, abstain: 1, double_majority: { failed: 'places', votes: { met: true }, places: { met: false, counted: ['de', 'fr', 'gb'], carried: ['fr'], needed: 2 } } });
    expect(doc).toMatchObject({ kind: 'vote', count: 'double-majority', settings: { base: 'cast', branch_quorum: null }, verdict: 'rejected', double_majority: recount.double_majority });

    // The public rows: France's Lyon (5 ballots) merged with Marseille (1) as "other places"; Germany's Berlin with
    // Hamburg would be all of Germany's chapters: no chapter row; the coordinator's "no branch" (0 ballots) beside the branches.
    const rows = ['de', 'fr', 'fr-paris', 'fr~other', 'gb', 'gb-london', 'gb-manchester', '~other'];
    expect(doc.parts.map((p: { place: string }) => p.place)).toEqual(rows);
    const figures = (parts: { place: string; electorate: number; cast: number; result: Record<string, unknown> }[]) =>
      parts.map((p) => [p.place, p.electorate, p.cast, p.result.verdict, p.result.yes, p.result.no, p.result.abstain]);
    expect(figures(doc.parts)).toEqual([
      ['de', 8, 7, 'rejected', 1, 6, 0],
      ['fr', 15, 14, 'adopted', 13, 1, 0],
      ['fr-paris', 8, 8, 'adopted', 7, 1, 0],
      ['fr~other', 7, 6, 'adopted', 6, 0, 0],
      ['gb', 11, 11, 'rejected', 3, 7, 1],
      ['gb-london', 6, 6, 'rejected', 2, 4, 0],
      ['gb-manchester', 5, 5, 'rejected', 1, 3, 1],
      ['~other', 1, 0, 'rejected', 0, 0, 0],
    ]);
    expect(doc.parts.find((p: { place: string }) => p.place === 'fr-paris')).toMatchObject({ level: 'chapter', name: 'Paris', parent: 'fr', turnout: 1 });
    // tacit count on the published sheet gives the same rows and results.
    expect(figures(recount.parts)).toEqual(figures(doc.parts));

    // The sheet declares the rows and puts each line in its finest one.
    expect(sheet).toContain('\ncount double-majority\nbase cast\nbranch-quorum none\nquorum none\n');
    expect(sheet).toContain('\nplace fr branch - France\nplace fr-paris chapter fr Paris\nplace fr~other chapter fr other places\n');
    expect(sha256(sheet)).toBe(doc.tallySha256 ?? (await h.ctx.sql`select outcome->>'tallySha256' as s from consultations where id = ${id}`)[0]!.s);
    const lines = sheet.split('\n\n')[1]!.split('\n').filter(Boolean);
    const at = (place: string) => lines.filter((l) => l.endsWith(` @${place}`)).length;
    expect([at('fr-paris'), at('fr~other'), at('gb-london'), at('gb-manchester'), at('de'), at('~other')]).toEqual([8, 7, 6, 5, 8, 1]);
    expect(lines.every((l) => / @\S+$/.test(l))).toBe(true);

    // The mail's compact table: each branch's turnout and result; the chapters are on the record.
    for (const line of [
      'Per branch: ballots cast of members, and the result there.',
      '  Germany: 7 of 8 (88%). No majority for: yes 1, no 6, abstain 0.',
      '  France: 14 of 15 (93%). Majority for: yes 13, no 1, abstain 0.',
      '  United Kingdom: 11 of 11 (100%). No majority for: yes 3, no 7, abstain 1.',
      '  other places: 0 of 1 (0%). No majority for: yes 0, no 0, abstain 0.',
      "The chapters' results are on the record of this decision.",
    ]) expect(text).toContain(line);
    expect(text).not.toContain('Paris:');
    // The record shows the chapters too, with the same figures.
    for (const [place, result] of [
      ['fr-paris', 'Majority for: yes 7, no 1, abstain 0.'],
      ['gb-manchester', 'No majority for: yes 1, no 3, abstain 1.'],
      ['fr~other', 'Majority for: yes 6, no 0, abstain 0.'],
    ]) expect(page.html).toMatch(new RegExp(`data-place="${place}"[^\\n]*${result.replace(/[.()]/g, '\\$&')}`));
    // No small place shows on its own anywhere: not Lyon (merged to cover Marseille), Berlin, Marseille or Hamburg.
    for (const hidden of ['Lyon', 'Berlin', 'Marseille', 'Hamburg', 'waiting for a chapter']) {
      expect(text).not.toContain(hidden);
      expect(page.html).not.toContain(hidden);
      expect(sheet).not.toContain(hidden);
    }
  }, 300_000);

  it('an STV election to which two chapters\' own votes roll up, with two proxies: mails, sheet, tacit count, --json and the record agree per place', async () => {
    const sql = h.ctx.sql;
    // Set-up: paris-1 moved back; the international coordinator coordinates Paris and London too;
    // berlin-1 named lyon-1 as proxy and hamburg-1 named manchester-1 (accepted), as proxies.test.ts does by mail.
    await sql`update members set country = 'FR', city = 'Paris' where email = 'paris-1@example.org'`;
    const coord = (await findMemberByAddress(sql, list.coordinator))!;
    for (const chapter of ['fr-paris', 'gb-london']) {
      await grantRole(sql, coord.id, 'coordinator', chapter);
      await setGroupSettings(sql, chapter, { decisions: 'public' });
    }
    for (const [member, proxy] of [['berlin-1', 'lyon-1'], ['hamburg-1', 'manchester-1']]) {
      await sql`
        insert into proxies (member_id, proxy_member_id, state, accepted_at)
        select m.id, p.id, 'active', now() from members m, members p
        where m.email = ${`${member}@example.org`} and p.email = ${`${proxy}@example.org`}`;
    }
    const subject = 'Delegates to the world congress';
    const lines = ['Kind: vote', 'Count: stv', 'Seats: 2', 'Options:', 'A. Ana', 'B. Bo', 'C. Cy'];
    const parentPreview = await draftViaSmtp(h, list.coordinator, 'all', subject, [...lines, `Deadline: ${inDays(5)}`]);
    const P = previewId(parentPreview);
    const chapters = { 'fr-paris': list.members.filter((m) => m.startsWith('paris-')), 'gb-london': list.members.filter((m) => m.startsWith('london-')) };
    const partIds: Record<string, number> = {};
    const partTo = new Map<string, string>();
    for (const [chapter, members] of Object.entries(chapters)) {
      const preview = await draftViaSmtp(h, list.coordinator, chapter, subject, [...lines, `Deadline: ${inDays(4)}`, `Part of: C-${P}`]);
      partIds[chapter] = previewId(preview);
      for (const [member, address] of await confirmDraft(h, preview, chapter, members)) partTo.set(member, address);
    }
    const covered = new Set(partTo.keys());
    const parentTo = await confirmDraft(h, parentPreview, 'all', [list.coordinator, ...list.members.filter((m) => !covered.has(m))]);
    for (const member of covered) expect(parentTo.has(member)).toBe(false);
    const [{ n: parentCopies }] = await sql`select count(*)::int as n from consultation_electorate where consultation_id = ${P}`;
    expect(parentCopies).toBe(1 + list.members.length - covered.size);

    // The proxies' ballots mails: one each, listing the member they hold.
    const proxyAddress = async (proxy: string, member: string) => {
      const [mail] = await waitForMailTo(h, `${proxy}@example.org`, new RegExp(`^Ballots you hold as proxy in C-${P}:`), 1, 60_000);
      const found = new RegExp(`<${member}@example.org>\\n\\s+vote for them by writing to: (proxy\\+\\S+)`).exec((mail as Delivered).mail.text ?? '');
      return found![1]!;
    };
    const ballots: [string, string][] = [
      ...['A > B', 'A > B', 'A > B', 'A > B', 'B > A', 'B > A', 'C', 'C'].map((b, i) => [`paris-${i + 1}@example.org`, b] as [string, string]),
      ...['C > B', 'C > B', 'C > B', 'B', 'B', 'B'].map((b, i) => [`london-${i + 1}@example.org`, b] as [string, string]),
      ...['A', 'A', 'A', 'B > C', 'B > C', 'B > C'].map((b, i) => [`lyon-${i + 1}@example.org`, b] as [string, string]),
      ['marseille-1@example.org', 'A'],
      ...['C', 'C', 'C', 'C', 'C'].map((b, i) => [`manchester-${i + 1}@example.org`, b] as [string, string]),
      ...['B', 'B', 'C', 'C', 'C'].map((b, i) => [`berlin-${i + 2}@example.org`, b] as [string, string]),
    ];
    for (const [member, ballot] of ballots) {
      const own = partTo.get(member) ?? parentTo.get(member)!;
      const id = partTo.has(member) ? partIds[member.startsWith('paris-') ? 'fr-paris' : 'gb-london']! : P;
      await voteAndWait(h, member, own, ballot, id);
    }
    // lyon-1 votes for berlin-1 (counted, marked with lyon-1's code); manchester-1 for hamburg-1, who then votes herself (hers counts).
    await voteAndWait(h, 'lyon-1@example.org', await proxyAddress('lyon-1', 'berlin-1'), 'B > A', P, new RegExp(`^Recorded for berlin-1@example.org: C-${P}`), 'lyon-1@example.org');
    await voteAndWait(h, 'manchester-1@example.org', await proxyAddress('manchester-1', 'hamburg-1'), 'C', P, new RegExp(`^Recorded for hamburg-1@example.org: C-${P}`), 'manchester-1@example.org');
    await voteAndWait(h, 'hamburg-1@example.org', parentTo.get('hamburg-1@example.org')!, 'A', P);

    // The parts close first, on their own deadline; then the whole.
    for (const id of Object.values(partIds)) await expire(h, id);
    expect((await closeDue(h.ctx)).sort()).toEqual(Object.values(partIds).sort());
    await expire(h, P);
    expect(await closeDue(h.ctx)).toEqual([P]);

    const { stdout: sheet } = await tacit(h, ['consultation', `C-${P}`, '--tally']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-rollup-')), `tally-C-${P}.txt`);
    fs.writeFileSync(file, sheet);
    const recount = JSON.parse((await runTacit(['count', file, '--json'])).stdout);
    const doc = JSON.parse((await tacit(h, ['consultation', `C-${P}`, '--json'])).stdout);
    const page = await getPage(h, `/decisions/C-${P}`);
    const [outcomeMail] = await waitForMailTo(h, 'berlin-2@example.org', new RegExp(`^Outcome of C-${P}:`), 1, 60_000);
    const text = outcomeMail!.mail.text!;

    // The whole: every member once (the chapters' through their own votes), 31 ballots; elected the same everywhere.
    const sheetLines = sheet.split('\n\n')[1]!.split('\n').filter(Boolean);
    expect(sheetLines.length).toBe(1 + list.members.length);
    expect(sheetLines.filter((l) => !/ silent( |$)/.test(l)).length).toBe(ballots.length + 2);
    expect(recount.elected.length).toBe(2);
    expect(doc.elected).toEqual(recount.elected);
    expect(sha256(sheet)).toBe((await sql`select outcome->>'tallySha256' as s from consultations where id = ${P}`)[0]!.s);
    const elected = /Elected: [^\n]*\./.exec(text)![0];
    expect(page.html).toContain(elected);
    // One proxy ballot on the sheet (berlin-1's, cast by lyon-1); hamburg-1's own ballot overrode manchester-1's.
    expect(sheetLines.filter((l) => / proxy [A-Z0-9]+/.test(l)).length).toBe(1);
    // Per place: the mail's branches, --json, tacit count and the record agree; Paris and London are counted from their parts.
    const figures = (parts: { place: string; electorate: number; cast: number; result: Record<string, unknown> }[]) =>
      parts.map((p) => [p.place, p.electorate, p.cast, JSON.stringify(p.result.elected)]);
    expect(figures(recount.parts)).toEqual(figures(doc.parts));
    const row = (place: string) => doc.parts.find((p: { place: string }) => p.place === place);
    expect([row('fr-paris').cast, row('gb-london').cast]).toEqual([8, 6]);
    for (const p of doc.parts.filter((p: { parent: string | null }) => p.parent === null)) {
      expect(text).toContain(`  ${p.name}: ${p.cast} of ${p.electorate} (`);
    }
    for (const place of ['fr-paris', 'gb-london']) expect(page.html).toContain(`data-place="${place}"`);

    // Each level shows its own result and the whole.
    expect(text).toContain(`  C-${partIds['fr-paris']} of Paris: 8 of 8 replied (100%).`);
    expect(text).toContain(`  C-${partIds['gb-london']} of London: 6 of 6 replied (100%).`);
    expect(doc.partVotes.map((p: { id: string; buckets: { replied: number } }) => [p.id, p.buckets.replied])).toEqual([[`C-${partIds['fr-paris']}`, 8], [`C-${partIds['gb-london']}`, 6]]);
    for (const [chapter, id] of Object.entries(partIds)) {
      const member = chapters[chapter as keyof typeof chapters][0]!;
      const mails = await waitForMailTo(h, member, new RegExp(`^Outcome of C-${id}:`), 1, 60_000);
      const partText = mails[0]!.mail.text!;
      expect(partText).toContain(`This vote is part of C-${P} of All members`);
      const own = JSON.parse((await tacit(h, ['consultation', `C-${id}`, '--json'])).stdout);
      expect(own).toMatchObject({ partOf: `C-${P}`, whole: { elected: doc.elected } });
      const partPage = await getPage(h, `/decisions/C-${id}`);
      expect(partPage.html).toContain(`data-part-of="C-${P}"`);
      expect(partPage.html).toContain(elected);
    }
  }, 600_000);
});
