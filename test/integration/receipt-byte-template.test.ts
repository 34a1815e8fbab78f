import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRaw, composeOutboxBytes, composeOutboxRow, type OutboxRow } from '../../src/pipeline/outbound/compose/compose.ts';
import { createHarness, readMaildir, type Harness } from '../helpers/harness.ts';
import { closeHarness, inDays, openViaSmtp, seedList, tacit, waitForOutbox, waitForRouting, type SeededList } from '../helpers/consultation.ts';
import { independentVerify, type Zone } from '../helpers/independentVerifier.ts';

/**
 * Receipts are filled from a byte template per variant (receiptComposer.ts),
 * their reply's own values (ballot code, comment, reply address, the message
 * answered) per receipt: each receipt's bytes are those the template mail
 * composed on its own has, threading included, and the receipts sent verify.
 */
let h: Harness;
let list: SeededList;
let zone: Zone;

/** What each member answers: a vote with comments of every shape, threaded or not; the last ones are composed on their own. */
const REPLIES: { text: string; references?: string; templated: boolean }[] = [
  { text: 'A', templated: true },
  { text: 'A', references: '<earlier-1@example.org> <earlier-2@example.org>', templated: true },
  { text: 'B\n\nZürich is closer for most of us, and Łódź = cheaper?', templated: true },
  { text: 'B\n\nA comment of more than seventy-six characters, so that quoted-printable has to wrap it somewhere.   ', templated: true },
  { text: 'A\n\nTwo lines:\nthe second one.', templated: true },
  { text: 'A\n\nOne paragraph.\n\nAnd another one after an empty line.', templated: false },
];

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL: 'https://tacit.example.org' } });
  list = await seedList(h, 'rt', REPLIES.length);
  zone = JSON.parse((await tacit(h, ['dns', '--json'], { env: { PUBLIC_URL: 'https://tacit.example.org' } })).stdout) as Zone;
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

/** nodemailer draws a multipart boundary at random for every message: the one thing allowed to differ. */
const sameBoundary = (raw: Buffer) => raw.toString('utf8').replace(/--_NmP-[0-9a-f]+-Part_/g, '--_NmP-B-Part_');

describe('the byte template of receipts', () => {
  it('writes each receipt as the template mail composed on its own, threaded, and the receipts sent verify', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Zürich or Łódź?', ['Kind: choice', `Deadline: ${inDays(3)}`, 'Reminder: none', 'Options:', 'A. Zürich', 'B. Łódź']);
    await waitForOutbox(h);
    for (const [i, reply] of REPLIES.entries()) {
      const member = list.members[i]!;
      await h.send({
        from: member, to: replyTo.get(member)!, subject: 'Re: Zürich or Łódź?', text: reply.text, messageId: `<reply-${i}@example.org>`,
        ...(reply.references ? { references: reply.references } : {}),
      });
    }
    await waitForRouting(h);
    await waitForOutbox(h);
    const rows = await h.ctx.sql<OutboxRow[]>`
      select o.id, o.kind, o.recipient, o.member_id, o.params, o.in_reply_to, o.references_ids, o.created_at, coalesce(m.name, '') as member_name
      from outbox o left join members m on m.id = o.member_id
      where o.kind = 'consultation-receipt' order by o.id`;
    expect(rows.length).toBe(REPLIES.length);
    for (const row of rows) {
      const i = list.members.indexOf(row.recipient);
      const filled = await composeOutboxBytes(row, h.ctx);
      expect(filled.templated, REPLIES[i]!.text).toBe(REPLIES[i]!.templated);
      const composed = await buildRaw((await composeOutboxRow(row, h.ctx)).message);
      expect(sameBoundary(filled.raw), REPLIES[i]!.text).toBe(sameBoundary(composed));
      expect(filled.raw.toString()).toMatch(new RegExp(`^In-Reply-To: <reply-${i}@example.org>\r$`, 'm'));
    }
    expect(rows.map((r) => String((r.params as { data: { comment?: string } }).data.comment ?? ''))).toContain('Zürich is closer for most of us, and Łódź = cheaper?');

    const receipts = readMaildir(h.maildir).filter((m) => new RegExp(`^Subject: .*C-${id}`, 'm').test(m.raw) && /^In-Reply-To: <reply-/m.test(m.raw));
    expect(receipts.length).toBe(REPLIES.length);
    for (const receipt of receipts) {
      const sent = receipt.raw.replace(/^Return-Path: .*\r?\nDelivered-To: .*\r?\n/, '');
      expect(independentVerify(sent, zone).dkim.map((s) => [s.d, s.ok])).toEqual([[h.domain, true]]);
    }
  }, 120_000);
});
