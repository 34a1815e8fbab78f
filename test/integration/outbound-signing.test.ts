import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { sendReminder } from '../../src/domains/consultations/mail/remind.ts';
import { runDigest } from '../../src/domains/digests/runDigest.ts';
import { createHarness, readMaildir, type Harness } from '../helpers/harness.ts';
import {
  closeHarness, expire, inDays, openViaSmtp, seedList, tacit, waitForMailTo, waitForOutbox, type SeededList,
} from '../helpers/consultation.ts';
import { independentVerify, type Zone } from '../helpers/independentVerifier.ts';

/**
 * Every kind of mail Tacit sends is DKIM-signed with d=D over the bytes that
 * leave it, and an independent verifier (python3-dkim) accepts each one with
 * the record that `tacit dns --json` printed, and refuses it when one byte
 * of the body changes.
 */
let h: Harness;
let list: SeededList;
let zone: Zone;
const ED25519 = { DKIM_ED25519: 'on' };

beforeAll(async () => {
  h = await createHarness({ env: ED25519 });
  list = await seedList(h, 'sig', 2);
  zone = JSON.parse((await tacit(h, ['dns', '--json'], { env: ED25519 })).stdout) as Zone;
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

/** The part of a raw Maildir file that left Tacit (the Maildir adds Return-Path and Delivered-To). */
function sent(raw: string): string {
  return raw.replace(/^Return-Path: .*\r?\nDelivered-To: .*\r?\n/, '');
}

describe('tacit dns', () => {
  it('prints the DKIM keys, SPF, DMARC and MX in the documented shape', () => {
    const byPurpose = (p: string) => zone.records.filter((r) => (r as { purpose?: string }).purpose === p);
    expect(byPurpose('dkim').map((r) => [r.name, r.type, r.value.replace(/p=.*/, 'p=')])).toEqual([
      [`tacit._domainkey.${h.domain}`, 'TXT', 'v=DKIM1; k=rsa; p='],
      [`tacit-ed._domainkey.${h.domain}`, 'TXT', 'v=DKIM1; k=ed25519; p='],
    ]);
    expect(byPurpose('spf')[0]).toMatchObject({ name: h.domain, type: 'TXT', value: expect.stringMatching(/^v=spf1 .* ~all$/) });
    expect(byPurpose('dmarc')[0]).toMatchObject({ name: `_dmarc.${h.domain}`, type: 'TXT', value: expect.stringMatching(/^v=DMARC1; p=/) });
    expect(byPurpose('mx')[0]).toMatchObject({ name: h.domain, type: 'MX', value: `10 ${h.domain}` });
    for (const r of zone.records) expect(r.name).not.toMatch(/\.$/);
  });

  it('prints the same key to every process (it is kept in Postgres)', async () => {
    const again = JSON.parse((await tacit(h, ['dns', '--json'], { env: ED25519 })).stdout) as Zone;
    expect(again).toEqual(zone);
  });
});

describe('every kind of mail is signed by D', () => {
  it('answers, confirmations, previews, copies, receipts, notices, reminders, outcomes, digests and list copies', async () => {
    // help answer and join confirmation
    await h.send({ from: 'newcomer@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    await h.send({ from: 'joiner@example.org', to: `request@${h.domain}`, subject: 'join', text: 'Name: Jo Iner\nCountry: FR\nCity: Paris' });
    // preview, consultation copies; a receipt; a not-understood notice; a reminder; the outcome
    const { id, replyTo } = await openViaSmtp(h, list, 'Zürich or Łódź?', ['Kind: choice', `Deadline: ${inDays(3)}`, 'Reminder: none', 'Options:', 'A. Zürich', 'B. Łódź']);
    await h.send({ from: list.members[0], to: replyTo.get(list.members[0]!)!, subject: 'Re: vote', text: 'A' });
    await h.send({ from: list.members[1], to: replyTo.get(list.members[1]!)!, subject: 'Re: vote', text: 'the weather is lovely today' });
    await waitForMailTo(h, list.members[0]!, /^Recorded: /);
    await waitForMailTo(h, list.members[1]!, /^Not understood: /);
    await waitForOutbox(h);
    await h.ctx.sql`update consultations set reminder_at = now() - interval '1 second' where id = ${id}`;
    await sendReminder(h.ctx, id, null);
    await waitForOutbox(h);
    await expire(h, id);
    await closeDue(h.ctx);
    await waitForMailTo(h, list.members[0]!, new RegExp(`^Outcome of C-${id}:`));
    // a post to the list, and the weekly digest
    await h.send({ from: list.members[0], to: `sig@${h.domain}`, subject: 'Hello list', text: 'A post.' });
    await waitForMailTo(h, list.members[1]!, /\[sig\] Hello list/);
    await runDigest(h.ctx, { start: new Date(Date.now() - 7 * 86400_000), end: new Date() });
    await waitForOutbox(h);

    const kinds = (await h.ctx.sql`select distinct kind from outbox where state = 'sent'`).map((r) => r.kind as string);
    expect(kinds).toEqual(expect.arrayContaining([
      'request-results', 'consultation-preview', 'consultation-copy', 'consultation-receipt', 'consultation-unreadable',
      'consultation-reminder', 'consultation-outcome', 'digest', 'list-copy',
    ]));
    const mails = readMaildir(h.maildir);
    expect(mails.length).toBeGreaterThan(15);
    for (const mail of mails) {
      const verdict = independentVerify(sent(mail.raw), zone);
      const subject = /^Subject: (.*)$/m.exec(mail.raw)?.[1];
      expect(verdict.dkim.map((s) => [s.d, s.a, s.ok]), subject).toEqual([
        [h.domain, 'rsa-sha256', true],
        [h.domain, 'ed25519-sha256', true],
      ]);
    }
  }, 120_000);

  it('fails verification when one byte of the body changes', () => {
    const [mail] = readMaildir(h.maildir);
    const raw = sent(mail!.raw);
    const bodyAt = raw.indexOf('\r\n\r\n') + 4;
    const changed = raw.slice(0, bodyAt) + (raw[bodyAt] === 'X' ? 'Y' : 'X') + raw.slice(bodyAt + 1);
    expect(independentVerify(raw, zone).dkim.every((s) => s.ok)).toBe(true);
    expect(independentVerify(changed, zone).dkim.map((s) => s.ok)).toEqual([false, false]);
  });
});
