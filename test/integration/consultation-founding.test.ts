import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { consultationDocument } from '../../src/domains/consultations/commands/show.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, delivered, expire, inDays, openViaSmtp, seedList, waitForMailTo, waitForOutbox, waitForRouting } from '../helpers/consultation.ts';

/**
 * The founding-name case, end to end over SMTP: a committee of 40, three
 * names, 26 reply (most for B, nearly as many for C, few for A), some of them
 * inline under the quote, in other languages, with a question or for someone
 * else (those two are not votes), and the rest stay silent. B wins, and
 * silence counts as consent to all three.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await closeHarness(h);
});

const FOR_B = ['B', 'b.', 'I prefer B', 'B please', 'Option B', 'B > C > A', 'B, not A', 'My vote: B', 'B\n\nSent from my iPhone', 'Hi all,\n\nB for me.\n\nBest,\nAnna'];
const FOR_C = ['C', 'C > B', 'c', 'I prefer C', 'C please', 'Option C', 'C, B fine, not A', 'C!', '1. C\n2. B\n3. A'];
const FOR_A = ['A'];

const QUOTE = 'On Monday, Tacit wrote:\n> Options:\n> A. International Organization for a Free Society\n';
// Answers as members write them: under the quoted options, not in English, starting with "A" followed by words.
const INLINE_B = [
  'On Monday, Tacit wrote:',
  '> Which name shall we use?',
  '> A. International Organization for a Free Society',
  '> B. International Organization for a Participatory Society',
  '> C. International Organization for Participatory Socialism',
  '',
  'Participatory Society, clearly.',
  '',
  '> Reply with the letter of the option you prefer.',
  '',
  'Thanks for organising this.',
].join('\n');
const READABLE = [
  { text: INLINE_B, first: 'B' },
  { text: `Prefiero la C, pero la B también me vale.\n\n${QUOTE}`, first: 'C' },
  { text: `A kommt für mich nicht in Frage. B ist mir am liebsten.\n\n${QUOTE}`, first: 'B' },
  { text: `A all the way.\n\n${QUOTE}`, first: 'A' },
];
// Not votes: a question back, and a vote given for someone else. They count as silent.
const UNREADABLE = [
  { text: `What is the difference between B and C exactly?\n\n${QUOTE}`, why: /a question is not an answer/ },
  { text: `My wife asked me to say C.\n\n${QUOTE}`, why: /for someone else/ },
];

describe('the founding name', () => {
  it('B wins; inline, foreign-language and short answers count, a question and a relayed vote do not', async () => {
    const list = await seedList(h, 'icc', 39); // with the coordinator: 40
    const { id, replyTo } = await openViaSmtp(h, list, 'The name of the organisation', [
      'Kind: choice',
      `Deadline: ${inDays(10)}`,
      'Options:',
      'A. International Organization for a Free Society',
      'B. International Organization for a Participatory Society',
      'C. International Organization for Participatory Socialism',
    ]);
    expect(replyTo.size).toBe(40);

    const answers = [...FOR_B, ...FOR_C, ...FOR_A];
    expect(answers).toHaveLength(20);
    await Promise.all(answers.map((text, i) => {
      const member = list.members[i]!;
      return h.send({ from: member, to: replyTo.get(member)!, subject: 'Re: [icc] The name of the organisation', text: `${text}\n\nOn Monday, Tacit wrote:\n> Options:\n> A. International Organization for a Free Society\n` });
    }));
    const others = list.members.slice(20, 26);
    await Promise.all([...READABLE, ...UNREADABLE].map(({ text }, i) =>
      h.send({ from: others[i]!, to: replyTo.get(others[i]!)!, subject: 'Re: [icc] The name of the organisation', text })));
    await waitForRouting(h);
    for (const member of list.members.slice(0, 24)) await waitForMailTo(h, member, /^Recorded: C-/);
    for (const [i, { why }] of UNREADABLE.entries()) {
      const [notice] = await waitForMailTo(h, others[READABLE.length + i]!, /^Not understood: C-/);
      expect(notice!.mail.text).toMatch(why);
      expect(notice!.mail.text).toContain(`> ${UNREADABLE[i]!.text.split('\n')[0]}`);
    }
    const read = await consultationDocument(h.ctx.sql, id, h.ctx.wiring.decisionMethods);
    const firstOf = (member: string) =>
      (read!.doc.replies as Array<{ email: string; stance: { first?: string } }>).find((r) => r.email === member)?.stance.first;
    expect(READABLE.map((_, i) => firstOf(others[i]!))).toEqual(READABLE.map((r) => r.first));

    // The coordinator sees who could not be read, to ask them.
    await h.send({ from: list.coordinator, to: `icc-consult@${h.domain}`, subject: 'how is it going', text: `status C-${id}` });
    const [status] = await waitForMailTo(h, list.coordinator, /^Re: how is it going/);
    const unread = others.slice(READABLE.length).sort().join(', ');
    expect(status!.mail.text).toContain(`Replies Tacit could not read (told how to answer): ${unread}.`);

    await expire(h, id);
    expect(await closeDue(h.ctx)).toEqual([id]);
    const found = await consultationDocument(h.ctx.sql, id, h.ctx.wiring.decisionMethods);
    expect(found!.doc).toMatchObject({
      status: 'closed',
      winner: 'B',
      electorate: 40,
      buckets: { replied: 24, silent: 16, unreachable: 0, away: 0 },
      unreadable: 2,
      options: [
        { letter: 'A', first: 2, accept: 37, reject: 3 },
        { letter: 'B', first: 12, accept: 40, reject: 0 },
        { letter: 'C', first: 10, accept: 40, reject: 0 },
      ],
    });

    for (const member of [list.coordinator, ...list.members]) await waitForMailTo(h, member, new RegExp(`^Outcome of C-${id}:`));
    await waitForOutbox(h);
    const outcomes = (await delivered(h)).filter((d) => /^Outcome of C-/.test(d.mail.subject ?? ''));
    expect(outcomes).toHaveLength(40); // the list, the coordinator included once
    const text = outcomes[0]!.mail.text!;
    expect(text).toContain('Winner: B. International Organization for a Participatory Society (most first preferences).');
    expect(text).toMatch(/A\. International Organization for a Free Society\n\s+first preference of 2, refused by 3, accepted by 21/);
    expect(text).toMatch(/B\. International Organization for a Participatory Society   <- chosen\n\s+first preference of 12, refused by 0, accepted by 24/);
    expect(text).toMatch(/C\. International Organization for Participatory Socialism\n\s+first preference of 10, refused by 0, accepted by 24/);
    expect(text).toContain('Turnout: 24/40 replied, 2 unreadable (60%).');
    expect(text).toMatch(/silent \(consent\)\s+16 \(including 2 replies Tacit could not read\)\n/);
  });
});
