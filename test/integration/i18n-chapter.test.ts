import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, openViaSmtp, seedList, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { renderDigest } from '../../src/domains/digests/digestComposer.ts';
import { setGroupLanguage, setMemberLanguage } from '../../src/domains/org/memberLanguages.ts';
import { formatInZone, formatUtcIn } from '../../src/shared/rules/formatUtc.ts';
import { exampleAnswers } from '../../src/domains/consultations/mail/views.ts';

/**
 * Issue 23 end to end, over SMTP: a French chapter's list (its language: fr)
 * with a member living in France, one in Belgium (no one language: she reads
 * her list's) and one in France who chose English. Each gets the copy,
 * the receipt, the digest and the outcome in their language, the deadline on
 * their own clock beside UTC; answers copied from the "how to answer"
 * examples are read as the answer they show.
 */
let h: Harness;
let list: SeededList;
let paris: string;
let brussels: string;
let english: string;

const deadline = new Date('2027-07-01T18:00:00Z');
const both = (lang: string, zone: string) => `${formatUtcIn(deadline, lang)} (${formatInZone(deadline, zone, lang)})`;

beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'lyon', 3);
  [paris, brussels, english] = list.members as [string, string, string];
  await setGroupLanguage(h.ctx.sql, 'lyon', 'fr');
  await h.ctx.sql`update members set country = 'FR', city = 'Lyon' where email in (${paris}, ${english}, ${list.coordinator})`;
  await h.ctx.sql`update members set country = 'BE', city = 'Bruxelles' where email = ${brussels}`;
  await setMemberLanguage(h.ctx.sql, english, 'en');
  // The coordinator chose English too (the preview is his; openViaSmtp reads its English subject).
  await setMemberLanguage(h.ctx.sql, list.coordinator, 'en');
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

describe('a French chapter list', () => {
  it('writes to each member in their language and zone, reads the examples back, and says the outcome so', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Where do we meet', [
      'Kind: choice', 'Deadline: 2027-07-01 18:00 UTC', 'Reminder: none', 'Options:', 'A. Lyon', 'B. Bruxelles', 'C. En ligne',
    ], 'Trois lieux possibles.');

    // The coordinator's preview: the deadline on his clock, and that each member sees their own.
    const [preview] = await waitForMailTo(h, list.coordinator, /^Preview of C-/);
    expect(preview!.mail.text).toContain(`Deadline:    ${both('en', 'Europe/Paris')}`);
    expect(preview!.mail.text).toContain('each member sees it in their own time zone and language');

    const copy = async (to: string) => (await waitForMailTo(h, to, new RegExp(`^\\[lyon\\] C-${id}: `)))[0]!.mail;
    const fr = await copy(paris);
    expect(fr.text).toContain('Les coordinateurs de LYON vous demandent votre avis');
    expect(fr.text).toContain(`Date limite : ${both('fr', 'Europe/Paris')}.`);
    expect(fr.text).toContain('A et B me vont, pas C');
    expect(fr.html).toContain('<html lang="fr">');
    const be = await copy(brussels);
    expect(be.text).toContain(`Date limite : ${both('fr', 'Europe/Brussels')}.`);
    const en = await copy(english);
    expect(en.text).toContain('The coordinators of LYON ask for your view');
    expect(en.text).toContain(`Deadline: ${both('en', 'Europe/Paris')}.`);

    // Answers copied from the examples each member was shown.
    const fromFr = exampleAnswers(['A', 'B', 'C'], 'fr');
    await h.send({ from: paris, to: replyTo.get(paris)!, subject: 'Re: lieu', text: fromFr.exampleAcceptReject });
    await h.send({ from: brussels, to: replyTo.get(brussels)!, subject: 'Re: lieu', text: `${fromFr.exampleAny}\n\nMerci !` });
    await h.send({ from: english, to: replyTo.get(english)!, subject: 'Re: where', text: exampleAnswers(['A', 'B', 'C'], 'en').exampleRanking });

    const [frReceipt] = await waitForMailTo(h, paris, new RegExp(`^Enregistré : C-${id} :`));
    expect(frReceipt!.mail.text).toContain('Tacit a lu votre réponse');
    expect(frReceipt!.mail.text).toContain(both('fr', 'Europe/Paris'));
    const [beReceipt] = await waitForMailTo(h, brussels, new RegExp(`^Enregistré : C-${id} :`));
    expect(beReceipt!.mail.text).toContain(both('fr', 'Europe/Brussels'));
    const [enReceipt] = await waitForMailTo(h, english, new RegExp(`^Recorded: C-${id}:`));
    expect(enReceipt!.mail.text).toContain(`before ${both('en', 'Europe/Paris')};`);

    const stances = await h.ctx.sql`
      select m.email, r.stance from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id join members m on m.id = e.member_id
      where e.consultation_id = ${id}`;
    const stanceOf = (email: string) => stances.find((s) => s.email === email)?.stance;
    expect(stanceOf(paris)).toMatchObject({ first: null, accept: ['A', 'B'], reject: ['C'] });
    expect(stanceOf(brussels)).toMatchObject({ first: null, any: true });
    expect(stanceOf(english)).toMatchObject({ first: 'B', ranking: ['B', 'A', 'C'] });

    // The digest, in each member's language, the deadline on their clock.
    const digestOf = async (email: string) => {
      const [m] = await h.ctx.sql`select id from members where email = ${email}`;
      return renderDigest(h.ctx, Number(m!.id), email, { start: new Date(Date.now() - 86400_000), end: new Date(Date.now() + 60_000) });
    };
    const frDigest = await digestOf(paris);
    expect(frDigest.subject).toMatch(/^Votre résumé Tacit : 1 consultation ouverte/);
    expect(frDigest.text).toContain(`date limite ${both('fr', 'Europe/Paris')} ; votre réponse est enregistrée`);
    const enDigest = await digestOf(english);
    expect(enDigest.text).toContain(`deadline ${both('en', 'Europe/Paris')}; your reply is recorded`);

    await expire(h, id);
    await closeDue(h.ctx);
    const [frOutcome] = await waitForMailTo(h, paris, new RegExp(`^Résultat de C-${id} :`));
    expect(frOutcome!.mail.text).toMatch(/Retenue : B\. Bruxelles|Retenue : A\. Lyon|Égalité entre/);
    expect(frOutcome!.mail.text).toContain('Europe/Paris');
    expect(frOutcome!.mail.text).toContain('Participation :');
    const [beOutcome] = await waitForMailTo(h, brussels, new RegExp(`^Résultat de C-${id} :`));
    expect(beOutcome!.mail.text).toContain('Europe/Brussels');
    const [enOutcome] = await waitForMailTo(h, english, new RegExp(`^Outcome of C-${id}:`));
    expect(enOutcome!.mail.text).toContain('Turnout:');
    expect(enOutcome!.mail.text).toMatch(/closed at \w{3} [^()]+ UTC \(\w{3} [^()]+ Europe\/Paris\)/);
  }, 120_000);
});
