import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationDocument } from '../../src/domains/consultations/commands/show.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, inDays, openViaSmtp, seedList, waitForMailTo, waitForRouting } from '../helpers/consultation.ts';

/**
 * Replies read end to end over SMTP as members write them: an answer typed
 * inside the unquoted Outlook original (Tacit knows what it sent), option
 * names in another language than the consultation's, "Yes"/"No" under
 * quoted option lines.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await closeHarness(h);
});

describe('reading replies from real clients', () => {
  it('reads answers inside the original, in other languages and under quoted options', async () => {
    const list = await seedList(h, 'venue', 4);
    const subject = 'Where should the members meeting be held?';
    const { id, replyTo } = await openViaSmtp(h, list, subject, [
      'Kind: choice',
      `Deadline: ${inDays(10)}`,
      'Options:',
      'A. Hold it in Lisbon',
      'B. Online only',
      'C. Hybrid, Berlin with a video link',
    ]);
    const [copy] = await waitForMailTo(h, list.members[0]!, new RegExp(`^\\[venue\\] C-${id}: `));
    const original = copy!.mail.text!.split('\n')
      .flatMap((line) => (line.trim() === 'B. Online only' ? [line, '[KJ] Yes - this one.'] : [line])).join('\n');
    const outlookInside = `See my answer below.\n\nKim\n\nFrom: Tacit <venue-consult@${h.domain}>\nSent: Monday, November 30, 2026 10:00 AM\nTo: ${list.members[0]}\nSubject: [venue] C-${id}: ${subject}\n\n${original}`;
    const quoted = copy!.mail.text!.split('\n').map((l) => `> ${l}`).join('\n');
    const muttInline = quoted.split('\n')
      .flatMap((l) => (l.trim() === '>   C. Hybrid, Berlin with a video link' ? [l, '', 'Yes', ''] : l.trim() === '>   A. Hold it in Lisbon' ? [l, '', 'No', ''] : [l]))
      .join('\n');
    const replies = [
      { member: list.members[0]!, text: outlookInside, stance: { first: 'B' } },
      { member: list.members[1]!, text: `Lissabon, bitte.\n\nAm Montag schrieb Tacit <venue-consult@${h.domain}>:\n${quoted}`, stance: { first: 'A' } },
      { member: list.members[2]!, text: `* Tacit <venue-consult@${h.domain}> [2026-11-30 10:00]:\n${muttInline}`, stance: { first: 'C', reject: ['A'] } },
      { member: list.members[3]!, text: `En línea, sin duda.\n\nEl lun, 30 nov 2026, Tacit escribió:\n${quoted}`, stance: { first: 'B' } },
    ];
    await Promise.all(replies.map(({ member, text }) =>
      h.send({ from: member, to: replyTo.get(member)!, subject: `RE: [venue] C-${id}: ${subject}`, text })));
    await waitForRouting(h);
    for (const { member } of replies) await waitForMailTo(h, member, /^Recorded: C-/);
    const read = await consultationDocument(h.ctx.sql, id, h.ctx.wiring.decisionMethods);
    const stanceOf = (member: string) =>
      (read!.doc.replies as Array<{ email: string; stance: unknown }>).find((r) => r.email === member)?.stance;
    expect(replies.map(({ member }) => stanceOf(member))).toEqual(replies.map(({ stance }) => stance));
  });
});
