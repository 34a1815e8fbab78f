import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, seedList, tacit, waitForMailTo, type SeededList } from '../helpers/consultation.ts';

/** Proposals (lazy consensus): objections block at the threshold; silence is consent. */
let h: Harness;
let list: SeededList;
beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'gb-london', 5, 'local');
  // Objectors are quoted by name only where the list chose it (issue 21; anonymous by default).
  await setGroupSettings(h.ctx.sql, 'gb-london', { objections: 'named' });
});
afterAll(async () => {
  await closeHarness(h);
});
const [m1, m2, m3, m4] = [1, 2, 3, 4].map((i) => `gb-london-m${i}@example.org`);

describe('a proposal', () => {
  it('is blocked when objections reach the threshold, with the objections quoted', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Hold the assembly in Leeds', ['Kind: proposal', `Deadline: ${inDays(5)}`, 'Block: 2'], 'Leeds is cheaper.');
    const [copy] = await waitForMailTo(h, m1, new RegExp(`^\\[gb-london\\] C-${id}:`));
    expect(copy!.mail.text).toContain('This is a proposal; it is adopted unless 2 objections block it.');
    expect(copy!.mail.text).toContain('No reply by then counts as consent to the proposal.');

    const answers: [string, string][] = [[m1!, 'agree'], [m2!, 'object: too expensive for members in the south'], [m3!, 'I object. The budget is not costed.'], [m4!, 'abstain'], [list.coordinator, '+1']];
    for (const [member, text] of answers) await h.send({ from: member, to: replyTo.get(member)!, subject: 'Re: Leeds', text });
    for (const [member] of answers) await waitForMailTo(h, member, /^Recorded: C-/);
    const [receipt] = await waitForMailTo(h, m2!, /^Recorded: C-/);
    // The reason is said once: not again as "recorded", nor again as the comment.
    expect(receipt!.mail.text).toContain('you object, because: too expensive for members in the south');
    expect(receipt!.mail.text!.split('too expensive for members in the south')).toHaveLength(2);

    await expire(h, id);
    expect(await closeDue(h.ctx)).toEqual([id]);
    const [outcome] = await waitForMailTo(h, m1!, new RegExp(`^Outcome of C-${id}:`));
    expect(outcome!.mail.text).toContain('Blocked: 2 objections (2 block).');
    expect(outcome!.mail.text).toContain('agree 2, object 2, abstain 1');
    expect(outcome!.mail.text).toContain('Member 2: "too expensive for members in the south"');
    expect(outcome!.mail.text).toContain('Member 3: "The budget is not costed."');
    expect(outcome!.mail.html).toContain('<b>Member 2</b>: too expensive for members in the south');

    const doc = JSON.parse((await tacit(h, ['consultation', `C-${id}`, '--json'])).stdout);
    expect(doc).toMatchObject({ status: 'closed', kind: 'proposal', verdict: 'blocked', buckets: { replied: 5, silent: 1, unreachable: 0, away: 0 } });
    expect(doc.winner).toBeUndefined();
    const stances = Object.fromEntries(doc.replies.map((r: { email: string; stance: unknown }) => [r.email, r.stance]));
    expect(stances[m2!]).toEqual({ stance: 'object', reason: 'too expensive for members in the south' });
    expect(stances[m1!]).toEqual({ stance: 'agree' });
    expect(stances[m4!]).toEqual({ stance: 'abstain' });
  });

  it('is adopted when nobody objects: silence is consent', async () => {
    await h.ctx.sql`delete from reply_budget`;
    const { id, replyTo } = await openViaSmtp(h, list, 'Meet monthly', ['Kind: proposal', `Deadline: ${inDays(5)}`]);
    await h.send({ from: m1!, to: replyTo.get(m1!)!, subject: 'Re: monthly', text: 'Sounds good, +1' });
    await waitForMailTo(h, m1!, new RegExp(`^Recorded: C-${id}`));
    await expire(h, id);
    await closeDue(h.ctx);
    const [outcome] = await waitForMailTo(h, m2!, new RegExp(`^Outcome of C-${id}:`));
    expect(outcome!.mail.text).toContain('Adopted: 0 objections (1 would block).');
    expect(outcome!.mail.text).toContain('Turnout: 1/6 replied (17%).');
    expect(outcome!.mail.text).toContain('How it is counted: adopted unless one objection blocks it.');
  });
});
