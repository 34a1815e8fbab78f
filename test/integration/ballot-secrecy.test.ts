import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, seedList, tacit, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { PUBLIC_URL, getPage } from '../helpers/web.ts';

/**
 * Ballot secrecy that holds (issue 21, item 4). Each reply carries a unique
 * marker; everything public about the closed consultation is collected (the
 * outcome mail, the web page, the tally sheet by `tally C-ID` and by the CLI,
 * the `tally` answer, the public part of `--json`). No marker may stand
 * beside a ballot code, and where the list keeps objections anonymous (the
 * default) no replier's name or address appears; where the list names its
 * objectors (`tacit group set SLUG --objections named`) the names appear and
 * the sheet marks those lines.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0', DMARC_MODE: 'never' } });
});
afterAll(async () => {
  await closeHarness(h);
});

const marker = (slug: string, i: number) => `zq${slug}${i}marker`;

interface Collected {
  id: number;
  /** member email → ballot code */
  codes: Map<string, string>;
  /** what each public surface says, by name */
  surfaces: Record<string, string>;
  sheet: string;
}

/**
 * Opens a proposal on the list, has members 1–4 answer with a marker each (two
 * objections, an agreement with a comment, an abstention), closes it, and
 * collects what is public, as the silent member 5 and a stranger see it.
 */
async function consultAndCollect(list: SeededList, afterOpening?: () => Promise<void>): Promise<Collected> {
  await setGroupSettings(h.ctx.sql, list.slug, { decisions: 'public' });
  const { id, replyTo } = await openViaSmtp(h, list, `Rent the hall ${list.slug}`, ['Kind: proposal', `Deadline: ${inDays(3)}`, 'Reminder: none', 'Block: 3']);
  await afterOpening?.();
  const [m1, m2, m3, m4, m5] = list.members as [string, string, string, string, string];
  const answers: [string, string][] = [
    [m1, `object: ${marker(list.slug, 1)} the hall has no lift`],
    [m2, `I object. ${marker(list.slug, 2)} The rent is too high.`],
    [m3, `agree\n\nThanks, ${marker(list.slug, 3)} see you there.`],
    [m4, `abstain ${marker(list.slug, 4)}`],
  ];
  for (const [member, text] of answers) {
    await h.send({ from: member, to: replyTo.get(member)!, subject: 'Re: hall', text, messageId: `<secrecy-${member}>` });
    await waitForMailTo(h, member, new RegExp(`^Recorded: C-${id}`));
  }
  await expire(h, id);
  expect(await closeDue(h.ctx)).toEqual([id]);

  const [outcome] = await waitForMailTo(h, m5, new RegExp(`^Outcome of C-${id}:`));
  const page = await getPage(h, `/decisions/C-${id}`);
  expect(page.status).toBe(200);
  await h.send({ from: m5, to: `consult@${h.domain}`, subject: 'commands', text: `tally C-${id}`, messageId: `<tally-${list.slug}@example.org>` });
  const [answer] = await waitForMailTo(h, m5, /^Re: commands/);
  const [sheetMail] = await waitForMailTo(h, m5, new RegExp(`^Tally sheet of C-${id}`));
  const sheet = sheetMail!.mail.attachments[0]!.content.toString('utf8');
  const cliSheet = (await tacit(h, ['consultation', `C-${id}`, '--tally'])).stdout;
  expect(cliSheet).toBe(sheet);
  // --json is an operator's tool: `replies` is the database's own record (each member's stance, with the
  // address); the rest is what the outcome says, and must hold to the same rule as the outcome.
  const { replies: _replies, ...publicJson } = JSON.parse((await tacit(h, ['consultation', `C-${id}`, '--json'])).stdout);

  const codes = new Map<string, string>();
  for (const r of await h.ctx.sql`
    select m.email, e.ballot_code from consultation_electorate e join members m on m.id = e.member_id where e.consultation_id = ${id}`) {
    codes.set(r.email as string, r.ballot_code as string);
  }
  return {
    id,
    codes,
    sheet,
    surfaces: {
      'outcome mail (text)': outcome!.mail.text!,
      'outcome mail (html)': outcome!.mail.html as string,
      'web page': page.html,
      'tally answer': answer!.mail.text!,
      'tally sheet mail': sheetMail!.mail.text!,
      'tally sheet': sheet,
      'tacit consultation --json (outcome)': JSON.stringify(publicJson, null, 1),
    },
  };
}

/** The lines of every surface that name a ballot code, with what else they say. */
function linesBesideCodes(collected: Collected): { surface: string; line: string }[] {
  const codes = [...collected.codes.values()];
  return Object.entries(collected.surfaces).flatMap(([surface, text]) =>
    text.split(/\n|<\/tr>|<\/li>|<br>/).filter((line) => codes.some((code) => line.includes(code))).map((line) => ({ surface, line })),
  );
}

describe('a consultation of a list that keeps objections anonymous (the default)', () => {
  let list: SeededList;
  let collected: Collected;

  beforeAll(async () => {
    list = await seedList(h, 'anon', 5);
    // The list changes its mind after the consultation was drafted: what members were told when they answered holds.
    collected = await consultAndCollect(list, async () => {
      await tacit(h, ['group', 'set', 'anon', '--objections', 'named']);
    });
  });

  it('quotes the objections, without names, and tells members so', () => {
    const text = collected.surfaces['outcome mail (text)']!;
    expect(text).toContain(`"${marker('anon', 1)} the hall has no lift"`);
    expect(text).toContain(`"${marker('anon', 2)} The rent is too high."`);
    expect(text).toContain('(Quoted without names: this list keeps objections anonymous.)');
    expect(collected.surfaces['web page']).toContain(`<blockquote>${marker('anon', 1)} the hall has no lift</blockquote>`);
  });

  it('puts no reply text beside any ballot code, anywhere public', () => {
    const besides = linesBesideCodes(collected);
    // Every code is on the sheet (and the web page shows the sheet): the check has lines to look at.
    expect(besides.filter((b) => b.surface === 'tally sheet')).toHaveLength(collected.codes.size);
    for (const { surface, line } of besides) expect(line, surface).not.toMatch(/zqanon\d+marker/);
    // The sheet carries stances only.
    expect(collected.sheet).not.toMatch(/zqanon\d+marker/);
    const recorded = collected.sheet.split('\n\n')[1]!.split('\n').filter(Boolean).map((l) => l.slice(11));
    expect(recorded.sort()).toEqual(['abstain', 'agree', 'object', 'object', 'silent', 'silent']);
  });

  it('names no replier in anything public', () => {
    const repliers = list.members.slice(0, 4);
    for (const [surface, text] of Object.entries(collected.surfaces)) {
      for (const [i, email] of repliers.entries()) {
        expect(text, `${surface} names ${email}`).not.toContain(email);
        expect(text, `${surface} names Member ${i + 1}`).not.toContain(`Member ${i + 1}`);
      }
    }
  });
});

describe('a consultation of a list that names its objectors', () => {
  let list: SeededList;
  let collected: Collected;

  beforeAll(async () => {
    list = await seedList(h, 'open', 5);
    expect((await tacit(h, ['group', 'set', 'open', '--objections', 'named'])).stdout).toContain('open updated');
    collected = await consultAndCollect(list);
  });

  it('tells members before they answer that an objection is quoted with their name', async () => {
    const [copy] = await waitForMailTo(h, list.members[0]!, new RegExp(`^\\[open\\] C-${collected.id}: `));
    expect(copy!.mail.text).toContain('This list names its objectors: the outcome quotes an objection with your\nname, and the tally sheet marks your line "object named".');
  });

  it('quotes each objection under its objector\'s name', () => {
    expect(collected.surfaces['outcome mail (text)']).toContain(`Member 1: "${marker('open', 1)} the hall has no lift"`);
    expect(collected.surfaces['outcome mail (html)']).toContain(`<b>Member 2</b>: ${marker('open', 2)} The rent is too high.`);
    expect(collected.surfaces['web page']).toContain(`<blockquote><strong>Member 1</strong>: ${marker('open', 1)} the hall has no lift</blockquote>`);
    expect(collected.surfaces['outcome mail (text)']).not.toContain('Quoted without names');
  });

  it('marks the objectors\' lines on the sheet as named, and carries no reply text', () => {
    const [m1, m2, m3, m4] = list.members as [string, string, string, string];
    const line = (email: string) => new RegExp(`^${collected.codes.get(email)} (.*)$`, 'm').exec(collected.sheet)?.[1];
    expect([m1, m2, m3, m4].map(line)).toEqual(['object named', 'object named', 'agree', 'abstain']);
    expect(collected.sheet.match(/ named$/gm)).toHaveLength(2);
    for (const { surface, line: l } of linesBesideCodes(collected)) expect(l, surface).not.toMatch(/zqopen\d+marker/);
  });
});

describe('the sheet of a proposal closed before the sheet dropped the reasons', () => {
  it('is given without them, and says why its digest is not the one its outcome mail stated', async () => {
    const list = await seedList(h, 'old', 5);
    const collected = await consultAndCollect(list);
    // As a close before issue 21 stored it: the digest of a sheet with the reasons on it.
    const oldDigest = 'f'.repeat(64);
    await h.ctx.sql`update consultations set outcome = (outcome - 'sheetStancesOnly') || ${h.ctx.sql.json({ tallySha256: oldDigest } as never)}::jsonb where id = ${collected.id}`;
    const { stdout, stderr } = await tacit(h, ['consultation', `C-${collected.id}`, '--tally']);
    expect(stdout).toBe(collected.sheet);
    expect(stderr).toContain(`DIFFERS from the outcome's ${oldDigest} (closed before the sheet dropped objections' reasons)`);

    const member = list.members[3]!;
    await h.send({ from: member, to: `consult@${h.domain}`, subject: 'commands', text: `tally C-${collected.id}`, messageId: `<tally-again-${list.slug}@example.org>` });
    const [sheetMail] = await waitForMailTo(h, member, new RegExp(`^Tally sheet of C-${collected.id}`));
    const attached = sheetMail!.mail.attachments[0]!.content;
    expect(attached.toString('utf8')).toBe(collected.sheet);
    const newDigest = createHash('sha256').update(attached).digest('hex');
    expect(sheetMail!.mail.text).toContain(`The outcome mail stated this SHA-256 of the sheet:\n  ${oldDigest}\n`);
    expect(sheetMail!.mail.text).toContain(`The sheet attached is without\nthem, so its SHA-256 is now\n  ${newDigest}\n`);
  });
});
