import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRaw, composeOutboxBytes, composeOutboxRow, type OutboxRow } from '../../src/pipeline/outbound/compose/compose.ts';
import { sendReminder } from '../../src/domains/consultations/mail/remind.ts';
import { createHarness, readMaildir, type Harness } from '../helpers/harness.ts';
import { closeHarness, inDays, openViaSmtp, seedList, tacit, waitForOutbox, type SeededList } from '../helpers/consultation.ts';
import { independentVerify, type Zone } from '../helpers/independentVerifier.ts';

/**
 * A mailing's copies are filled from a byte template per variant
 * (compose/byteTemplate.ts): each copy's bytes are the bytes the composer
 * writes for that member on its own, names of every kind included, and the
 * copies that left are signed over those bytes (python3-dkim verifies them).
 */
let h: Harness;
let list: SeededList;
let zone: Zone;

const NAMES = [
  'Zoë Łódź-Kowalska',
  `O'Brien "Bob" <bob@example.org>`,
  '',
  'Ann & Lee = Co',
  'Maximilian Alexander Bartholomew von und zu Hohenzollern-Sigmaringen the Third of Many',
  'Inês Lisboa',
];

beforeAll(async () => {
  // An https PUBLIC_URL: the one-click link in List-Unsubscribe carries each member's token, and the copy links its page.
  h = await createHarness({ env: { PUBLIC_URL: 'https://tacit.example.org' } });
  list = await seedList(h, 'bt', NAMES.length);
  for (const [i, name] of NAMES.entries()) await h.ctx.sql`update members set name = ${name} where email = ${list.members[i]!}`;
  // One member on Lisbon's clock: a variant of their own (the deadline in their zone).
  await h.ctx.sql`update members set timezone = 'Europe/Lisbon' where email = ${list.members[5]!}`;
  zone = JSON.parse((await tacit(h, ['dns', '--json'], { env: { PUBLIC_URL: 'https://tacit.example.org' } })).stdout) as Zone;
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

/** nodemailer draws a multipart boundary at random for every message: the one thing allowed to differ. */
const sameBoundary = (raw: Buffer) => raw.toString('utf8').replace(/--_NmP-[0-9a-f]+-Part_/g, '--_NmP-B-Part_');

async function rowsOf(kind: string, consultationId: number): Promise<OutboxRow[]> {
  return h.ctx.sql<OutboxRow[]>`
    select o.id, o.kind, o.recipient, o.member_id, o.params, o.in_reply_to, o.references_ids, o.created_at, coalesce(m.name, '') as member_name
    from outbox o left join members m on m.id = o.member_id
    where o.kind = ${kind} and (o.params->>'consultationId')::bigint = ${consultationId} order by o.id`;
}

async function expectTemplatedAsComposed(rows: OutboxRow[]) {
  expect(rows.length).toBe(NAMES.length + 1);
  for (const row of rows) {
    const filled = await composeOutboxBytes(row, h.ctx);
    expect(filled.templated, row.recipient).toBe(true);
    const composed = await buildRaw((await composeOutboxRow(row, h.ctx)).message);
    if (row.member_id) expect(filled.raw.toString()).toMatch(/^List-Unsubscribe:\s+<https:\/\/tacit\.example\.org\/unsubscribe\/[^>\s]+>,/m);
    expect(sameBoundary(filled.raw), `${row.recipient} (${row.member_name})`).toBe(sameBoundary(composed));
  }
}

describe('the byte template of a mailing', () => {
  it('writes each copy and reminder as the composer does, for every kind of name, and the copies sent verify', async () => {
    const { id } = await openViaSmtp(h, list, 'Zürich <or> Łódź, "or" = neither?', [
      'Kind: choice', `Deadline: ${inDays(3)}`, 'Reminder: none', 'Options:', 'A. Zürich', 'B. Łódź & <Kraków>',
    ], 'Line one.\nA line of more than seventy-six characters, so that quoted-printable must wrap it somewhere.');
    await waitForOutbox(h);
    await expectTemplatedAsComposed(await rowsOf('consultation-copy', id));

    await h.ctx.sql`update consultations set reminder_at = now() - interval '1 second' where id = ${id}`;
    await sendReminder(h.ctx, id, null);
    await waitForOutbox(h);
    await expectTemplatedAsComposed(await rowsOf('consultation-reminder', id));

    const copies = readMaildir(h.maildir).filter((m) => new RegExp(`^X-Tacit-Consultation: C-${id}\r?$`, 'm').test(m.raw));
    expect(copies.length).toBe(2 * (NAMES.length + 1));
    for (const copy of copies) {
      const sent = copy.raw.replace(/^Return-Path: .*\r?\nDelivered-To: .*\r?\n/, '');
      expect(independentVerify(sent, zone).dkim.map((s) => [s.d, s.ok])).toEqual([[h.domain, true]]);
    }
  }, 120_000);
});
