import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { toy } from '../helpers/toyMethod.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, replyToOf, seedList, waitForMailTo, type SeededList } from '../helpers/consultation.ts';

/**
 * Issue 18's bar: a decision method written in one file
 * (test/helpers/toyMethod.ts) and registered in the test runs a consultation
 * end to end, nothing in src/ touched.
 */

let h: Harness;
let list: SeededList;
beforeAll(async () => {
  h = await createHarness();
  h.ctx.wiring.decisionMethods.set('toy', toy);
  list = await seedList(h, 'toy-club', 4);
});
afterAll(async () => {
  await closeHarness(h);
});

describe('a decision method added by a test', () => {
  it('runs a consultation over SMTP: opened at consult@, answered, closed, its verdict in the outcome mail', async () => {
    const question = 'Paint the hall green';
    await h.send({
      from: list.coordinator,
      to: `consult@${h.domain}`,
      subject: question,
      text: ['Method: toy', `List: ${list.slug}`, `Deadline: ${inDays(5)}`, 'Needs: 2', '', 'Green is calm.'].join('\n'),
    });
    const [preview] = await waitForMailTo(h, list.coordinator, /^Preview of C-\d+: Paint the hall green/);
    const id = Number(/C-(\d+)/.exec(preview!.mail.subject!)![1]);
    const [row] = await h.ctx.sql`select kind, method from consultations where id = ${id}`;
    expect(row).toEqual({ kind: 'toy', method: 'toy' });
    await h.send({ from: list.coordinator, to: replyToOf(preview!), subject: `Re: ${preview!.mail.subject}`, text: 'ok' });

    const [m1, m2, m3, m4] = list.members as [string, string, string, string];
    const copies = new Map<string, string>();
    for (const member of [m1, m2, m3, m4]) {
      const [copy] = await waitForMailTo(h, member, new RegExp(`^\\[toy-club\\] C-${id}: `));
      copies.set(member, replyToOf(copy!));
      if (member === m1) {
        // The copy asks the method's view: its way to answer and what silence means.
        expect(copy!.mail.text).toContain('  - yes\n  - no\n');
        expect(copy!.mail.text).toContain('No reply by then counts as nothing at all.');
      }
    }
    expect(copies.get(m1)).toMatch(/^reply\+/);

    for (const [member, text] of [[m1, 'yes, green'], [m2, 'Yes'], [m3, 'no thanks'], [m4, 'maybe blue?']] as const) {
      await h.send({ from: member, to: copies.get(member)!, subject: `Re: ${question}`, text });
    }
    const [receipt] = await waitForMailTo(h, m2, new RegExp(`^Recorded: C-${id}`));
    expect(receipt!.mail.text).toContain('you said yes');
    await waitForMailTo(h, m1, new RegExp(`^Recorded: C-${id}`));
    await waitForMailTo(h, m3, new RegExp(`^Recorded: C-${id}`));
    await waitForMailTo(h, m4, /C-\d+/, 2); // the copy, and the "how to answer" for a reply it could not read

    await expire(h, id);
    expect(await closeDue(h.ctx)).toEqual([id]);
    const [outcome] = await waitForMailTo(h, m1, new RegExp(`^Outcome of C-${id}:`));
    expect(outcome!.mail.text).toContain('Toy verdict: carried (2 yes, 1 no; 2 needed).');
    expect(outcome!.mail.text).toContain('How it is counted: carried by 2 yes answers.');
    expect(outcome!.mail.text).toContain('  yes 2, no 1');
    expect(outcome!.mail.text).toContain('Turnout: 3/5 replied, 1 unreadable (60%).');
    const [stored] = await h.ctx.sql`select outcome from consultations where id = ${id}`;
    expect(stored!.outcome).toMatchObject({ kind: 'toy', yes: 2, no: 1, carried: true, unreadable: 1, buckets: { replied: 3, silent: 2 } });
  });

  it('an unknown method gets an answer naming the known ones', async () => {
    await h.send({
      from: list.coordinator,
      to: `consult@${h.domain}`,
      subject: 'Paint it red',
      text: ['Method: dice', `List: ${list.slug}`, `Deadline: ${inDays(5)}`].join('\n'),
    });
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: Paint it red \(not opened\)/);
    expect(answer!.mail.text).toContain('Method: "dice" is not a decision method I know; the known ones are consent-choice, lazy-consensus, vote-motion, vote-ranked, vote-double-majority, toy.');
  });
});
