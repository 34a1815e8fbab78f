import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/consultations/close.ts';
import { consultationDocument } from '../../src/consultations/show.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, delivered, expire, inDays, openViaSmtp, seedList, waitForMailTo, waitForOutbox, waitForRouting } from './consultation-support.ts';

/**
 * The founding-name case, end to end over SMTP: a committee of 40, three
 * names, half reply (most for B, nearly as many for C, almost none for A),
 * 20 stay silent. B wins, and the silence of 20 counts as consent to all three.
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

describe('the founding name', () => {
  it('B wins; the 20 silent members count as accepting all three names', async () => {
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
    await waitForRouting(h);
    for (const member of list.members.slice(0, 20)) await waitForMailTo(h, member, /^Recorded: C-/);

    await expire(h, id);
    expect(await closeDue(h.ctx)).toEqual([id]);
    const found = await consultationDocument(h.ctx.sql, id);
    expect(found!.doc).toMatchObject({
      status: 'closed',
      winner: 'B',
      electorate: 40,
      buckets: { replied: 20, silent: 20, unreachable: 0, away: 0 },
      options: [
        { letter: 'A', first: 1, accept: 38, reject: 2 },
        { letter: 'B', first: 10, accept: 40, reject: 0 },
        { letter: 'C', first: 9, accept: 40, reject: 0 },
      ],
    });

    for (const member of [list.coordinator, ...list.members]) await waitForMailTo(h, member, new RegExp(`^Outcome of C-${id}:`));
    await waitForOutbox(h);
    const outcomes = (await delivered(h)).filter((d) => /^Outcome of C-/.test(d.mail.subject ?? ''));
    expect(outcomes).toHaveLength(40); // the list, the coordinator included once
    const text = outcomes[0]!.mail.text!;
    expect(text).toContain('Winner: B. International Organization for a Participatory Society (most first preferences).');
    expect(text).toMatch(/A\. International Organization for a Free Society\n\s+first 1, accept 38, reject 2/);
    expect(text).toMatch(/B\. International Organization for a Participatory Society   <- chosen\n\s+first 10, accept 40, reject 0/);
    expect(text).toMatch(/C\. International Organization for Participatory Socialism\n\s+first 9, accept 40, reject 0/);
    expect(text).toContain('Turnout: 20 of 40 members replied (50%).');
    expect(text).toMatch(/silent \(consent\)\s+20\n/);
  });
});
