import { convert } from 'html-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotCode } from '../../src/shared/rules/tokens.ts';
import { sendReminder } from '../../src/domains/consultations/mail/remind.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, seedList, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { renderDigest } from '../../src/domains/digests/digestComposer.ts';

/**
 * The HTML part of a member's copy and of the reminder: what the text part
 * says (question, options, how to answer, deadline, ballot code), escaped,
 * and never the member's reply address, which stays the Reply-To.
 * web-browser.test.ts renders the same part in chromium.
 */
let h: Harness;
let list: SeededList;

beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'cph', 2);
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

/** The HTML part's text, on one line (chromium's rendering is checked in web-browser.test.ts). */
function visible(html: string): string {
  const heading = { uppercase: false };
  return convert(html, {
    wordwrap: false,
    selectors: [{ selector: 'h2', options: heading }, { selector: 'h3', options: heading }, { selector: 'ul', options: { itemPrefix: '• ' } }],
  }).replace(/\s*•\s*/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('the member copy of a choice', () => {
  it('has an HTML part with the question, options, how to answer, deadline and ballot code; no reply address', async () => {
    const question = 'Our <b>name</b> & "logo"?';
    const { id, replyTo } = await openViaSmtp(h, list, question, [
      'Kind: choice', `Deadline: ${inDays(5)}`, 'Reminder: none', 'Options:',
      'A. Free Society', 'B. Participatory <Society>', 'C. Socialism',
    ], 'Line one of the description.\nLine two: write to coord-cph@example.org.');
    const member = list.members[0]!;
    const [copy] = await waitForMailTo(h, member, new RegExp(`^\\[cph\\] C-${id}: `));
    const { text, html } = copy!.mail;
    expect(typeof html).toBe('string');
    const seen = visible(html as string);

    expect(seen).toContain(`Hello Member 1, The coordinators of CPH ask for your view (C-${id}):`);
    expect(seen).toContain(question);
    expect(html).not.toContain('<b>name</b>');
    expect(seen).toContain('Line one of the description. Line two: write to coord-cph@example.org.');
    expect(seen).toContain('Options A. Free Society B. Participatory <Society> C. Socialism');
    expect(seen).toContain('the letter of the option you prefer: B or a ranking, best first: B > A > C');
    expect(seen).toContain('or what you accept and what you reject: A and B fine, not C');
    const deadline = /Deadline: (.+)\./.exec(text!)![1]!;
    expect(seen).toContain(`Deadline: ${deadline}. No reply by then counts as consent to every option.`);
    const [m] = await h.ctx.sql`select id from members where email = ${member}`;
    const code = ballotCode(h.ctx.secret, id, Number(m!.id));
    expect(text).toContain(`Your ballot code for C-${id}: ${code}`);
    expect(seen).toContain(`Your ballot code for C-${id}: ${code}.`);

    // The reply address is only the Reply-To: no link, no token, nobody else's address in the HTML.
    expect(copy!.mail.replyTo?.value[0]?.address).toBe(replyTo.get(member));
    expect(html).not.toMatch(/reply\+|mailto:|<a\b/i);
    expect(html).not.toContain('cph-m2@example.org');
    // The text part is the one members had before the HTML part.
    expect(text).toContain('How to answer: reply to this mail, starting with\n  - the letter of the option you prefer:      B');
    expect(text).toContain('Our <b>name</b> & "logo"?\n\nLine one of the description.');
    expect(text).not.toContain('style=');
  });

  it('so has the reminder', async () => {
    const { id } = await openViaSmtp(h, list, 'Meeting day', ['Kind: choice', `Deadline: ${inDays(5)}`, 'Options:', 'A. Monday', 'B. Friday']);
    await h.ctx.sql`update consultations set reminder_at = now() - interval '1 second' where id = ${id}`;
    expect(await sendReminder(h.ctx, id, null)).toBe(3);
    const [reminder] = await waitForMailTo(h, list.members[1]!, new RegExp(`^Reminder: \\[cph\\] C-${id}:`));
    const seen = visible(reminder!.mail.html as string);
    expect(seen).toContain(`Tacit has no answer from you yet for C-${id}.`);
    expect(seen).toContain('your silence counts as consent to every option');
    expect(seen).toContain('Options A. Monday B. Friday');
    expect(reminder!.mail.html).not.toMatch(/reply\+|mailto:|<a\b/i);
  });
});

describe('the member copy of a proposal', () => {
  it('says how to agree, object or abstain, and what blocks it', async () => {
    const { id } = await openViaSmtp(h, list, 'Adopt the charter', ['Kind: proposal', `Deadline: ${inDays(5)}`, 'Reminder: none', 'Block: 2']);
    const [copy] = await waitForMailTo(h, list.members[1]!, new RegExp(`^\\[cph\\] C-${id}: `));
    const seen = visible(copy!.mail.html as string);
    expect(seen).toContain('This is a proposal; it is adopted unless 2 objections block it.');
    expect(seen).toContain('Reply to this mail, starting with agree object: your reason abstain');
    expect(seen).toContain('No reply by then counts as consent to the proposal.');
    expect(seen).not.toContain('Options');
  });
});

describe('times in the member\'s own zone', () => {
  it('a member in Lisbon reads the deadline in Europe/Lisbon beside UTC in the copy, reminder, receipt, outcome and digest; others get UTC and how to set a zone', async () => {
    const [lisbon, elsewhere] = list.members as [string, string];
    // She chose English (else Portugal's Portuguese): this test reads the English words.
    await h.ctx.sql`update members set country = 'PT', city = 'Lisbon', language = 'en' where email = ${lisbon}`;
    const { id, replyTo } = await openViaSmtp(h, list, 'Summer school', [
      'Kind: choice', 'Deadline: 2027-07-01 18:00 UTC', 'Reminder: none', 'Options:', 'A. Porto', 'B. Faro', 'C. Braga',
    ]);
    const both = 'Thu 1 Jul 2027 18:00 UTC (Thu 1 Jul 2027 19:00 Europe/Lisbon)';
    const [copy] = await waitForMailTo(h, lisbon, new RegExp(`^\\[cph\\] C-${id}: `));
    expect(copy!.mail.text).toContain(`Deadline: ${both}.`);
    expect(visible(copy!.mail.html as string)).toContain(`Deadline: ${both}.`);
    expect(copy!.mail.text).not.toContain('set timezone');

    const [other] = await waitForMailTo(h, elsewhere, new RegExp(`^\\[cph\\] C-${id}: `));
    expect(other!.mail.text).toContain('Deadline: Thu 1 Jul 2027 18:00 UTC.');
    expect(other!.mail.text).not.toContain('19:00 Europe/Lisbon');
    expect(other!.mail.text).toContain(`"set timezone Region/City" (such as Europe/Lisbon) to request@${h.domain}`);
    expect(visible(other!.mail.html as string)).toContain('"set timezone Region/City"');

    await h.ctx.sql`update consultations set reminder_at = now() - interval '1 second' where id = ${id}`;
    await sendReminder(h.ctx, id, null);
    const [reminder] = await waitForMailTo(h, lisbon, new RegExp(`^Reminder: \\[cph\\] C-${id}:`));
    expect(reminder!.mail.text).toContain(`The deadline is ${both};`);

    await h.send({ from: lisbon, to: replyTo.get(lisbon)!, subject: 'Re: summer school', text: 'B' });
    const [receipt] = await waitForMailTo(h, lisbon, new RegExp(`^Recorded: C-${id}:`));
    expect(receipt!.mail.text).toContain(`before ${both};`);

    const [m] = await h.ctx.sql`select id from members where email = ${lisbon}`;
    const digest = await renderDigest(h.ctx, Number(m!.id), lisbon, { start: new Date(Date.now() - 86400_000), end: new Date(Date.now() + 60_000) });
    expect(digest.text).toContain(`deadline ${both}; your reply is recorded`);
    expect(digest.text).not.toContain('set timezone');

    await expire(h, id);
    await closeDue(h.ctx);
    const [outcome] = await waitForMailTo(h, lisbon, new RegExp(`^Outcome of C-${id}:`));
    expect(outcome!.mail.text).toMatch(new RegExp(`closed at \\w{3} [^()]+ UTC \\(\\w{3} [^()]+ Europe/Lisbon\\)`));
  });
});
