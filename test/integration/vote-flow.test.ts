/**
 * Issue 21, end to end over SMTP: a delegate election by STV (Seats: 2) and
 * a two-thirds motion with a quorum, opened by mail (preview, confirmation),
 * answered by members, closed. The outcome mail, the tally sheet, the real
 * `tacit count` run on that sheet and `tacit consultation C-ID --json` agree;
 * silence is abstention, never consent.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { runTacit } from '../helpers/cli.ts';
import { PUBLIC_URL, getPage } from '../helpers/web.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import {
  closeHarness, delivered, expire, inDays, openViaSmtp, seedList, tacit, waitForMailTo, type SeededList,
} from '../helpers/consultation.ts';

let h: Harness;
let list: SeededList;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0' } });
  list = await seedList(h, 'convention', 6);
  await setGroupSettings(h.ctx.sql, 'convention', { decisions: 'public' });
});
afterAll(async () => {
  await closeHarness(h);
});

async function answerAll(id: number, replyTo: Map<string, string>, answers: [string, string][]) {
  for (const [member, text] of answers) {
    await h.send({ from: member, to: replyTo.get(member)!, subject: `Re: C-${id}`, text });
  }
}

/** Closes the vote, then: its outcome mail to `member`, its sheet (`--tally`), `tacit count` on the sheet, and `--json`. */
async function closeAndRead(id: number, member: string) {
  await expire(h, id);
  expect(await closeDue(h.ctx)).toEqual([id]);
  const [outcome] = await waitForMailTo(h, member, new RegExp(`^Outcome of C-${id}:`));
  const { stdout: sheet } = await tacit(h, ['consultation', `C-${id}`, '--tally']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-vote-')), `tally-C-${id}.txt`);
  fs.writeFileSync(file, sheet);
  const recount = JSON.parse((await runTacit(['count', file, '--json'])).stdout);
  const doc = JSON.parse((await tacit(h, ['consultation', `C-${id}`, '--json'])).stdout);
  const page = await getPage(h, `/decisions/C-${id}`);
  expect(page.status).toBe(200);
  return { text: outcome!.mail.text!, sheet, recount, doc, page: page.html };
}

describe('a formal vote by mail', () => {
  it('elects two delegates by STV: preview with every setting, receipts in words, outcome = sheet recount = --json', async () => {
    const [m1, m2, m3, m4, m5, m6] = list.members as [string, string, string, string, string, string];
    const { id, replyTo } = await openViaSmtp(h, list, 'Delegates to the convention', [
      'Kind: vote', 'Count: stv', 'Seats: 2', `Deadline: ${inDays(5)}`, 'Options:', 'A. Ana', 'B. Bo', 'C. Cy',
    ]);
    const [preview] = await waitForMailTo(h, list.coordinator, new RegExp(`^Preview of C-${id}:`));
    for (const line of ['  A. Ana', '  Count: stv', '  Seats: 2', '  Rules: scottish', '  Quorum: none', 'No reply by then counts as an abstention, never consent.']) {
      expect(preview!.mail.text).toContain(line);
    }
    const [row] = await h.ctx.sql`select kind, method from consultations where id = ${id}`;
    expect(row).toEqual({ kind: 'vote', method: 'vote-ranked' });

    // Several notations and clients: letters, titles, places; an answer above a quoted copy; an HTML-only mail.
    await answerAll(id, replyTo, [[m1, 'A > B'], [m2, '1. Ana\n2. Bo'], [m4, 'first B, then A'], [m5, 'C']]);
    await h.send({
      from: m3, to: replyTo.get(m3)!, subject: `Re: C-${id}`,
      text: `A > B\n\nAna chaired well.\n\nOn Mon, ${m3.split('@')[0]} wrote:\n> Delegates to the convention\n> A. Ana\n> B. Bo\n> C. Cy\n`,
    });
    await h.send({ from: m6, to: replyTo.get(m6)!, subject: `Re: C-${id}`, html: '<div dir="ltr">C &gt; B</div>' });
    const [receipt] = await waitForMailTo(h, m3, new RegExp(`^Recorded: C-${id}`));
    expect(receipt!.mail.text).toContain('your ranking: first A (Ana); then B (Bo); below all these, tied: C (Cy) (left out)');
    for (const m of [m1, m2, m4, m5, m6]) await waitForMailTo(h, m, new RegExp(`^Recorded: C-${id}`));

    const { text, sheet, recount, doc, page } = await closeAndRead(id, m1);
    // The web record says the same.
    expect(page).toContain('Elected: A (Ana) and C (Cy) (STV, in order of election).');
    expect(page).toContain('silent (abstention, never consent)');
    expect(page).toContain(sha256(sheet));
    // Quota ⌊6/3⌋+1 = 3: Ana at once; Bo excluded, his ballot goes to Ana (elected): non-transferable; Cy fills the last seat.
    expect(text).toContain('Elected: A (Ana) and C (Cy) (STV, in order of election).');
    expect(text).toContain('silent (abstention, never consent)');
    expect(text).not.toContain('silent (consent)');
    expect(text).toContain('no reply is an abstention, never consent');
    expect(text).toContain(sha256(sheet));
    expect(sheet).toMatch(/^Tacit tally sheet\nconsultation C-\d+\nkind vote\ncount stv\nseats 2\nrules scottish\nquota droop\nquorum none\noptions A B C\nelectorate 7\n\n/);
    const ballots = sheet.split('\n\n')[1]!.split('\n').filter(Boolean).map((l) => l.split(' ')[1]).sort();
    expect(ballots).toEqual(['A>B', 'A>B', 'A>B', 'B>A', 'C', 'C>B', 'silent']);

    expect(recount).toMatchObject({ quota: 3, elected: ['A', 'C'] });
    expect(doc).toMatchObject({ kind: 'vote', count: 'stv', settings: { seats: 2, rules: 'scottish', quorum: null }, status: 'closed' });
    for (const field of ['quota', 'elected', 'rounds', 'tie_breaks']) expect(doc[field]).toEqual(recount[field]);
    const stances = Object.fromEntries(doc.replies.map((r: { email: string; stance: unknown }) => [r.email, r.stance]));
    expect(stances[m4]).toEqual({ ranking: [['B'], ['A']] });
    expect(stances[m5]).toEqual({ ranking: [['C']] });
  });

  it('adopts a two-thirds motion over its quorum; silence and an unreadable reply are not cast', async () => {
    const [m1, m2, m3, m4, m5, m6] = list.members as [string, string, string, string, string, string];
    const { id, replyTo } = await openViaSmtp(h, list, 'Amend the statutes', [
      'Kind: motion', 'Count: two-thirds', 'Quorum: 50%', `Deadline: ${inDays(5)}`,
    ]);
    const [preview] = await waitForMailTo(h, list.coordinator, new RegExp(`^Preview of C-${id}:`));
    for (const line of ['  Count: two-thirds', '  Base: cast', '  Quorum: 50%', '  - yes\n  - no\n  - abstain']) expect(preview!.mail.text).toContain(line);

    // Several languages: English, German, French, Spanish; one reply that votes nothing readable.
    await answerAll(id, replyTo, [[m1, 'yes'], [m2, 'Ja.'], [m3, 'Oui'], [m4, 'no'], [m5, 'abstengo'], [m6, 'I am not sure yet']]);
    const [receipt] = await waitForMailTo(h, m4, new RegExp(`^Recorded: C-${id}`));
    expect(receipt!.mail.text).toContain('you vote no');
    for (const m of [m1, m2, m3, m5]) await waitForMailTo(h, m, new RegExp(`^Recorded: C-${id}`));
    await waitForMailTo(h, m6, new RegExp(`C-${id}`), 2); // the copy, and how to answer

    // Before the close nothing shows the running count: the coordinator's results, --json, the page.
    await h.send({ from: list.coordinator, to: `consult@${h.domain}`, subject: 'commands', text: `results C-${id}` });
    const results = await waitFor(async () =>
      (await delivered(h)).find((d) => d.to === list.coordinator && (d.mail.text ?? '').includes('Turnout so far')), 20_000, 'the results answer');
    expect(results.mail.text).toMatch(/Turnout so far: 5\/7 replied, 1 unreadable/);
    expect(results.mail.text).not.toMatch(/yes 3|no 1|Adopted|Rejected/);
    const open = JSON.parse((await tacit(h, ['consultation', `C-${id}`, '--json'])).stdout);
    expect(open.replies.map((r: Record<string, unknown>) => 'stance' in r || 'comment' in r)).toEqual(open.replies.map(() => false));
    for (const field of ['verdict', 'yes', 'no', 'abstain']) expect(open).not.toHaveProperty(field);
    const openPage = await getPage(h, `/decisions/C-${id}`);
    expect(openPage.html).not.toMatch(/yes 3|Adopted/);

    const { text, sheet, recount, doc, page } = await closeAndRead(id, m2);
    expect(page).toContain('Adopted: yes 3, no 1, abstain 1 (two-thirds of the votes cast).');
    // Quorum: 50% of 7 rounded up is 4; cast 5 (abstention included, the unreadable reply not); 3 ≥ 2/3 × 4.
    expect(text).toContain('Adopted: yes 3, no 1, abstain 1 (two-thirds of the votes cast).');
    expect(text).toContain('quorum 4, cast 5: met');
    expect(text).toContain('silent (abstention, never consent)');
    expect(sheet).toMatch(/\nkind vote\ncount two-thirds\nbase cast\nquorum 50%\nelectorate 7\n\n/);
    expect(sheet).toContain(' unreadable\n');

    const expected = { verdict: 'adopted', yes: 3, no: 1, abstain: 1, quorum: { required: 4, cast: 5, met: true } };
    expect(recount).toEqual(expected);
    expect(doc).toMatchObject({ kind: 'vote', count: 'two-thirds', settings: { base: 'cast', quorum: '50%' }, ...expected, unreadable: 1 });
    const stances = Object.fromEntries(doc.replies.map((r: { email: string; stance: unknown }) => [r.email, r.stance]));
    expect(stances).toMatchObject({ [m1]: { vote: 'yes' }, [m4]: { vote: 'no' }, [m5]: { vote: 'abstain' }, [m6]: { unreadable: true } });

    // A member asks for the sheet by mail: the same bytes, and how to read a vote's lines.
    await h.send({ from: m3, to: `consult@${h.domain}`, subject: 'commands', text: `tally C-${id}` });
    const [sheetMail] = await waitForMailTo(h, m3, new RegExp(`^Tally sheet of C-${id}`));
    expect(sheetMail!.mail.attachments[0]!.content.toString('utf8')).toBe(sheet);
    expect(sheetMail!.mail.text).toContain('"silent" is no\nreply: abstention, never consent, not cast');
    expect(sheetMail!.mail.text).not.toContain('"silent" is consent');
  });

  it('chooses by Schulze with "None of the above" ranked by its letter; the sheet writes it "none" and tacit count reads it back', async () => {
    const [m1, m2, m3, m4] = list.members as [string, string, string, string];
    const { id, replyTo } = await openViaSmtp(h, list, 'Where to meet', [
      'Kind: vote', 'Count: schulze', `Deadline: ${inDays(5)}`, 'Options:', 'A. Lisbon', 'B. Berlin',
    ]);
    const [preview] = await waitForMailTo(h, list.coordinator, new RegExp(`^Preview of C-${id}:`));
    for (const line of ['  C. None of the above', '  Count: schulze', '  Default: on', '  Quorum: none']) expect(preview!.mail.text).toContain(line);

    await answerAll(id, replyTo, [[m1, 'A > C > B'], [m2, 'A > C > B'], [m3, 'C > A > B'], [m4, 'B > A']]);
    const [receipt] = await waitForMailTo(h, m3, new RegExp(`^Recorded: C-${id}`));
    expect(receipt!.mail.text).toContain('your ranking: first C (None of the above); then A (Lisbon); then B (Berlin)');
    for (const m of [m1, m2, m4]) await waitForMailTo(h, m, new RegExp(`^Recorded: C-${id}`));

    const { text, sheet, recount, doc, page } = await closeAndRead(id, m1);
    // Berlin is ranked below "None of the above" by three of four: it cannot win; Lisbon beats everything.
    expect(text).toContain('Chosen: A (Lisbon) (Schulze).');
    expect(page).toContain('Chosen: A (Lisbon) (Schulze).');
    expect(sheet).toMatch(/\ncount schulze\ndefault on\nquorum none\noptions A B\nelectorate 7\n\n/);
    expect(sheet).toContain(' A>none>B\n');
    expect(sheet).toContain(' none>A>B\n');
    expect(recount).toMatchObject({ winner: 'A', below_default: ['B'] });
    for (const field of ['winner', 'winners', 'ranking', 'pairwise', 'strongest_paths', 'below_default']) expect(doc[field]).toEqual(recount[field]);
    expect(doc).toMatchObject({ kind: 'vote', count: 'schulze', settings: { default: 'on', quorum: null } });
  });

  it('an unknown key line in a vote is an error the answer names', async () => {
    await h.send({
      from: list.coordinator,
      to: `${list.slug}-consult@${h.domain}`,
      subject: 'Dissolve the committee',
      text: ['Kind: vote', 'Count: two-thirds', 'Quorm: 20%', `Deadline: ${inDays(5)}`, '', 'Why.'].join('\n'),
    });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: Dissolve the committee \(not opened\)/);
    expect(answer!.mail.text).toContain('Quorm: is not a line a vote knows');
  });
});
