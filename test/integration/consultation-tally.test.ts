import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConsultation } from '../../src/domains/consultations/close/close.ts';
import { loadConsultation } from '../../src/domains/consultations/consultation.ts';
import { countConsultation, type Outcome } from '../../src/domains/consultations/close/outcome.ts';
import { upsertMember } from '../../src/domains/org/members.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import {
  closeHarness, expire, inDays, openViaSmtp, seedList, tacit, waitForMailTo, waitForOutbox, type SeededList,
} from '../helpers/consultation.ts';

/**
 * A tally every member can check, over real SMTP: each copy and receipt
 * carries the member's ballot code, the outcome mail states the SHA-256 of
 * the tally sheet, `tally C-ID` mails the sheet, and the outcome is recounted
 * from the sheet alone.
 */
let h: Harness;
let list: SeededList;
let id: number;
let replyTo: Map<string, string>;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'icc', 7);
  await seedList(h, 'gb', 1, 'national');
  await upsertMember(h.ctx.sql, { email: 'outsider-member@example.org', name: 'Not on icc' });
});
afterAll(async () => {
  await closeHarness(h);
});

/** Counts a choice from the sheet's text and nothing else, by the rules of DESIGN.md. */
function recountChoice(text: string) {
  const [head, body] = text.split('\n\n');
  const letters = /^options (.*)$/m.exec(head!)![1]!.split(' ');
  const buckets = { replied: 0, silent: 0, unreachable: 0, away: 0 };
  const first: Record<string, number> = {};
  const accept: Record<string, number> = {};
  const reject: Record<string, number> = {};
  for (const l of letters) first[l] = accept[l] = reject[l] = 0;
  const lines = body!.split('\n').filter(Boolean);
  for (const line of lines) {
    const recorded = line.slice(line.indexOf(' ') + 1);
    const m = /^first=(\S+) accept=(\S+) reject=(\S+)$/.exec(recorded);
    if (m) {
      buckets.replied++;
      if (m[1] !== '-') first[m[1]!]!++;
      for (const l of m[2] === '-' ? [] : m[2]!.split(',')) accept[l]!++;
      for (const l of m[3] === '-' ? [] : m[3]!.split(',')) reject[l]!++;
    } else if (recorded === 'silent' || recorded === 'unreadable') {
      buckets.silent++;
    } else {
      buckets[recorded as 'unreachable' | 'away']++;
    }
  }
  return {
    rule: /^rule (.*)$/m.exec(head!)?.[1],
    electorate: Number(/^electorate (\d+)$/m.exec(head!)![1]),
    lines: lines.length,
    buckets,
    options: letters.map((l) => ({ letter: l, first: first[l], accept: accept[l]! + buckets.silent, reject: reject[l] })),
  };
}

async function command(from: string, text: string, tag: string) {
  await h.send({ from, to: `consult@${h.domain}`, subject: 'commands', text, messageId: `<${tag}@example.org>` });
  const [answer] = await waitForMailTo(h, from, /^Re: commands/, 1);
  return answer!;
}

describe('ballot codes and the tally sheet', () => {
  let codes: Map<string, string>;
  let digest: string;

  it('gives every member a ballot code on their copy and the same code on their receipt', async () => {
    ({ id, replyTo } = await openViaSmtp(h, list, 'Our name', ['Kind: choice', `Deadline: ${inDays(3)}`, 'Reminder: none', 'Options:', 'A. Free', 'B. Participatory', 'C. Socialist']));
    codes = new Map();
    for (const member of [list.coordinator, ...list.members]) {
      const [copy] = await waitForMailTo(h, member, new RegExp(`^\\[icc\\] C-${id}: `));
      const code = new RegExp(`Your ballot code for C-${id}: ([0-9A-Z]{10})`).exec(copy!.mail.text!)?.[1];
      expect(code, member).toBeDefined();
      codes.set(member, code!);
    }
    expect(new Set(codes.values()).size).toBe(codes.size);

    const [m1, m2, m3, m4] = list.members as [string, string, string, string];
    const answers: [string, string][] = [[m1, 'A'], [m2, 'B > A'], [m3, 'A and B fine, not C'], [m4, 'I will think about it over the weekend']];
    for (const [member, text] of answers) {
      await h.send({ from: member, to: replyTo.get(member)!, subject: `Re: [icc] C-${id}: Our name`, text, messageId: `<answer-${member}>` });
    }
    const [receipt] = await waitForMailTo(h, m1, new RegExp(`^Recorded: C-${id}`));
    expect(receipt!.mail.text).toContain(`Your ballot code is ${codes.get(m1)}:`);
    await waitForMailTo(h, m3, new RegExp(`^Recorded: C-${id}`));
    await waitForMailTo(h, m4, /./, 2); // copy + "could not read"
  });

  it('refuses the sheet of an open consultation: there is no running tally', async () => {
    const answer = await command(list.members[0]!, `tally C-${id}`, 'tally-open');
    // No promise of a sheet "with the outcome": the outcome states its digest, `tally` mails the sheet.
    expect(answer.mail.text).toContain(`C-${id} is open: its tally sheet exists once it has closed. Then the outcome mail states the sheet's SHA-256, and "tally C-${id}" mails you the sheet.`);
  });

  it('states the sheet\'s SHA-256 and the member\'s own code in the outcome mail', async () => {
    const [, , , , m5, m6] = list.members as string[];
    // m5's copy bounced, m6 only sent a vacation notice.
    await h.ctx.sql`update outbox set state = 'bounced' where kind = 'consultation-copy' and recipient = ${m5!}`;
    await h.ctx.sql`update consultation_electorate set away_at = now() where consultation_id = ${id} and email = ${m6!}`;
    await expire(h, id);
    expect((await closeConsultation(h.ctx, id)).closed).toBe(true);
    const [outcome] = await waitForMailTo(h, list.members[1]!, new RegExp(`^Outcome of C-${id}`));
    const text = outcome!.mail.text!;
    digest = /\b([0-9a-f]{64})\b/.exec(text)![1]!;
    expect(text).toContain(`tally C-${id}`);
    expect(text).toContain(`Your ballot code is ${codes.get(list.members[1]!)}; the full sheet: mail "tally C-${id}"`);
    const [stored] = await h.ctx.sql`select outcome->>'tallySha256' as d from consultations where id = ${id}`;
    expect(stored.d).toBe(digest);
  });

  it('prints the sheet with `tacit consultation C-ID --tally`: stdout hashes to the digest of the outcome mail', async () => {
    const { stdout, stderr } = await tacit(h, ['consultation', `C-${id}`, '--tally']);
    expect(sha256(stdout)).toBe(digest);
    expect(stderr).toContain(`SHA-256 ${digest} (matches the outcome), 8 members`);
    const { stdout: json } = await tacit(h, ['consultation', `C-${id}`, '--tally', '--json']);
    const doc = JSON.parse(json);
    expect(doc).toMatchObject({ consultationId: `C-${id}`, sha256: digest, outcomeSha256: digest, matchesOutcome: true, text: stdout });
    const sheetCodes = doc.lines.map((l: { code: string }) => l.code);
    expect(sheetCodes).toEqual([...codes.values()].sort());
    const mine = (member: string) => doc.lines.find((l: { code: string }) => l.code === codes.get(member)).recorded;
    const [m1, m2, m3, m4, m5, m6, m7] = list.members as string[];
    expect([m1, m2, m3, m4, m5, m6, m7, list.coordinator].map((m) => mine(m!))).toEqual([
      'first=A accept=A,B,C reject=-',
      'first=B accept=A,B,C reject=-',
      'first=- accept=A,B reject=C',
      'unreadable',
      'unreachable',
      'away',
      'silent',
      'silent',
    ]);
    // Nothing else about a member is on the sheet: no address, no name.
    expect(stdout).not.toMatch(/@|Member/);
  });

  it('recounts the outcome from the sheet alone, equal to `tacit consultation C-ID --json`', async () => {
    const { stdout } = await tacit(h, ['consultation', `C-${id}`, '--tally']);
    const recount = recountChoice(stdout);
    const doc = JSON.parse((await tacit(h, ['consultation', `C-${id}`, '--json'])).stdout);
    expect(recount.lines).toBe(recount.electorate);
    expect(recount.electorate).toBe(doc.electorate);
    // The head says how to count, so the sheet is all a recount needs.
    expect(recount.rule).toBe('most first preferences; a tie goes to fewer refusals; a tie on both is left to the coordinators');
    expect(recount.buckets).toEqual(doc.buckets);
    expect(recount.options).toEqual(doc.options.map((o: Record<string, unknown>) => ({ letter: o.letter, first: o.first, accept: o.accept, reject: o.reject })));
    expect(doc.buckets).toEqual({ replied: 3, silent: 3, unreachable: 1, away: 1 }); // the counts are not all zero
  });

  it('mails the sheet to a member who asks `tally C-ID`, attached, hashing to the stated digest', async () => {
    const member = list.members[2]!;
    const answer = await command(member, `tally C-${id}`, 'tally-closed');
    expect(answer.mail.text).toContain(`The tally sheet of C-${id} follows in a separate mail, attached; its SHA-256 is ${digest}`);
    const [sheetMail] = await waitForMailTo(h, member, new RegExp(`^Tally sheet of C-${id}`));
    const attachment = sheetMail!.mail.attachments[0]!;
    expect(attachment.filename).toBe(`tally-C-${id}.txt`);
    expect(sha256(attachment.content)).toBe(digest);
    expect(attachment.content.toString('utf8')).toContain(`${codes.get(member)} first=- accept=A,B reject=C\n`);
    expect(sheetMail!.mail.text).toContain(digest);
  });

  it('gives the sheet to nobody outside the consultation\'s list', async () => {
    const other = await command('gb-m1@example.org', `tally C-${id}`, 'tally-other-list');
    expect(other.mail.text).toContain(`Only members of icc may have the tally sheet of C-${id}.`);
    const stranger = await command('stranger@example.net', `tally C-${id}`, 'tally-stranger');
    expect(stranger.mail.text).toContain('is not a member address');
    await waitForOutbox(h);
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'consultation-tally'`;
    expect(n).toBe(1);
  });
});

describe('the tally sheet of a proposal', () => {
  it('records agree, object (never its reason), abstain; the counts and verdict recount from it', async () => {
    const gb = await seedList(h, 'fr', 4, 'national');
    const opened = await openViaSmtp(h, gb, 'Meet monthly', ['Kind: proposal', `Deadline: ${inDays(3)}`, 'Reminder: none']);
    const [m1, m2, m3] = gb.members as [string, string, string];
    const answers: [string, string][] = [[m1, '+1'], [m2, 'object: too often\nfor the members abroad'], [m3, 'abstain']];
    for (const [member, text] of answers) {
      await h.send({ from: member, to: opened.replyTo.get(member)!, subject: 'Re: proposal', text, messageId: `<p-${member}>` });
      await waitForMailTo(h, member, /^Recorded: /);
    }
    await expire(h, opened.id);
    expect((await closeConsultation(h.ctx, opened.id)).closed).toBe(true);
    const { stdout, stderr } = await tacit(h, ['consultation', `C-${opened.id}`, '--tally']);
    expect(stderr).toContain('(matches the outcome)');
    const [head, body] = stdout.split('\n\n');
    expect(head).toBe(
      `Tacit tally sheet\nconsultation C-${opened.id}\nkind proposal\nblock 1\n` +
        'rule blocked when its objections reach the block number; otherwise adopted; silence is consent\nelectorate 5',
    );
    const recorded = body!.split('\n').filter(Boolean).map((l) => l.slice(11));
    // Issue 21: the reason, quoted in the outcome, is not on the sheet beside the objector's code.
    expect(recorded.slice().sort()).toEqual(['abstain', 'agree', 'object', 'silent', 'silent']);
    const count = (word: string) => recorded.filter((r) => r === word || r.startsWith(`${word}:`)).length;
    const doc = JSON.parse((await tacit(h, ['consultation', `C-${opened.id}`, '--json'])).stdout);
    expect({ agree: count('agree'), object: count('object'), abstain: count('abstain') }).toEqual(doc.counts);
    // The block number comes from the sheet itself: a recount needs nothing else.
    const blockAt = Number(/^block (\d+)$/m.exec(head!)![1]);
    expect(blockAt).toBe(doc.blockAt);
    expect(count('object') >= blockAt ? 'blocked' : 'adopted').toBe(doc.verdict);
  });

  it('counts the close in the tally sheet pass: the same outcome, objections in member order, as a count of the electorate', async () => {
    const nl = await seedList(h, 'nl', 6, 'national');
    // Objections in member order, with their objectors: a list that names them (issue 21).
    await setGroupSettings(h.ctx.sql, 'nl', { objections: 'named' });
    const opened = await openViaSmtp(h, nl, 'Move the office', ['Kind: proposal', `Deadline: ${inDays(3)}`, 'Reminder: none']);
    const texts = ['object: too far', 'object: too expensive', '+1', 'object: no lift', 'thanks!', 'object: the lease'];
    for (const [i, member] of nl.members.entries()) {
      await h.send({ from: member, to: opened.replyTo.get(member)!, subject: 'Re: proposal', text: texts[i]!, messageId: `<o-${member}>` });
      await waitForMailTo(h, member, /^(Recorded|Not understood): /);
    }
    await expire(h, opened.id);
    expect((await closeConsultation(h.ctx, opened.id)).closed).toBe(true);
    const c = (await loadConsultation(h.ctx.sql, opened.id))!;
    const recount = await countConsultation(h.ctx.sql, c, true, h.ctx.wiring.decisionMethods);
    const stored = c.outcome as Outcome;
    expect(stored).toEqual({ ...recount, closedAt: stored.closedAt, tallySha256: stored.tallySha256, sheetStatesRule: true, sheetStancesOnly: true });
    expect(stored.kind === 'proposal' && stored.objections.map((o) => o.reason)).toEqual(['too far', 'too expensive', 'no lift', 'the lease']);
  });
});

