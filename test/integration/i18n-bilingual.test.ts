import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, openViaSmtp, seedList, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { renderDigest } from '../../src/domains/digests/digestComposer.ts';
import { setGroupLanguage, setMemberLanguage } from '../../src/domains/org/memberLanguages.ts';
import { formatInZone, formatUtcIn } from '../../src/shared/rules/formatUtc.ts';
import { exampleAnswers } from '../../src/domains/consultations/mail/views.ts';
import { decisionPage } from '../../src/http/web/decisions.ts';

/**
 * Issue 23 end to end with the question in two languages (item 4), over
 * SMTP: a French chapter's list with a member in France, one in Belgium
 * (she reads her list's French), one in France who chose English and one
 * who chose Dutch, for which the question has no version. Each gets the
 * question in their language (the Dutch member the default, English, one),
 * with the same letters; answers copied from each language's "how to
 * answer" examples, or naming an option by its title in the other language,
 * are read right; receipts, digest and outcome come in each member's
 * language with the deadline on their clock beside UTC; the web record shows
 * the page's language's version.
 */
let h: Harness;
let list: SeededList;
let paris: string;
let brussels: string;
let english: string;
let dutch: string;

const deadline = new Date('2027-07-01T18:00:00Z');
const both = (lang: string, zone: string) => `${formatUtcIn(deadline, lang)} (${formatInZone(deadline, zone, lang)})`;

const OPENING = [
  'Kind: choice', 'Deadline: 2027-07-01 18:00 UTC', 'Reminder: none',
  'Options:', 'A. Lyon, in the union hall', 'B. Brussels, at the youth hostel', 'C. Online only',
  'Question[fr]: Où tenir l\'université d\'été ?',
  'Options[fr]:', 'A. Lyon, à la bourse du travail', 'B. Bruxelles, à l\'auberge de jeunesse', 'C. En ligne seulement',
];
const DESCRIPTION = ['Three chapters offered to host it.', '', 'Description[fr]:', 'Trois sections proposent de nous accueillir.'].join('\n');

beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'lyon', 4);
  [paris, brussels, english, dutch] = list.members as [string, string, string, string];
  await setGroupLanguage(h.ctx.sql, 'lyon', 'fr');
  await h.ctx.sql`update members set country = 'FR', city = 'Lyon' where email in (${paris}, ${english}, ${dutch}, ${list.coordinator})`;
  await h.ctx.sql`update members set country = 'BE', city = 'Bruxelles' where email = ${brussels}`;
  await setMemberLanguage(h.ctx.sql, english, 'en');
  await setMemberLanguage(h.ctx.sql, dutch, 'nl');
  // The coordinator chose English: his preview is of the English version (openViaSmtp reads its subject).
  await setMemberLanguage(h.ctx.sql, list.coordinator, 'en');
  await h.ctx.sql`update groups set decisions = 'public' where slug = 'lyon'`;
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

describe('a question in French and English on a French chapter list', () => {
  it('gives each member their version, reads answers in either, and says the outcome in each language', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Where do we hold the summer school?', OPENING, DESCRIPTION);

    // The preview lists the versions, each with its question and options.
    const [preview] = await waitForMailTo(h, list.coordinator, /^Preview of C-/);
    expect(preview!.mail.text).toContain('Versions:    default version and French (fr)');
    expect(preview!.mail.text).toContain('each member gets the one in their language; any other member, the default');
    expect(preview!.mail.text).toMatch(/French \(fr\)\n +Où tenir l'université d'été \?\n +A\. Lyon, à la bourse du travail\n +B\. Bruxelles, à l'auberge de jeunesse\n +C\. En ligne seulement/);
    expect(preview!.mail.text).toContain(`Deadline:    ${both('en', 'Europe/Paris')}`);

    const copy = async (to: string) => (await waitForMailTo(h, to, new RegExp(`^\\[lyon\\] C-${id}: `)))[0]!.mail;
    const fr = await copy(paris);
    expect(fr.subject).toBe(`[lyon] C-${id}: Où tenir l'université d'été ?`);
    expect(fr.text).toContain('Trois sections proposent de nous accueillir.');
    expect(fr.text).not.toContain('Three chapters');
    expect(fr.text).toContain('  B. Bruxelles, à l\'auberge de jeunesse');
    expect(fr.text).toContain(`Date limite : ${both('fr', 'Europe/Paris')}.`);
    expect(fr.text).toContain('A et B me vont, pas C');
    expect(fr.html).toContain('Bruxelles, à l&#x27;auberge de jeunesse');
    const be = await copy(brussels);
    expect(be.subject).toBe(`[lyon] C-${id}: Où tenir l'université d'été ?`);
    expect(be.text).toContain(`Date limite : ${both('fr', 'Europe/Brussels')}.`);
    const en = await copy(english);
    expect(en.subject).toBe(`[lyon] C-${id}: Where do we hold the summer school?`);
    expect(en.text).toContain('Three chapters offered to host it.');
    expect(en.text).toContain('  B. Brussels, at the youth hostel');
    expect(en.text).toContain(`Deadline: ${both('en', 'Europe/Paris')}.`);
    // No Dutch version: the default question, in a Dutch mail.
    const nl = await copy(dutch);
    expect(nl.subject).toBe(`[lyon] C-${id}: Where do we hold the summer school?`);
    expect(nl.text).toContain('  C. Online only');
    expect(nl.html).toContain('<html lang="nl">');

    // Answers copied from the examples each member was shown, and a title from the other version.
    const fromFr = exampleAnswers(['A', 'B', 'C'], 'fr');
    await h.send({ from: paris, to: replyTo.get(paris)!, subject: 'Re: lieu', text: fromFr.exampleAcceptReject });
    await h.send({ from: brussels, to: replyTo.get(brussels)!, subject: 'Re: lieu', text: 'Je préfère Bruxelles, à l\'auberge de jeunesse.\n\nMerci !' });
    await h.send({ from: english, to: replyTo.get(english)!, subject: 'Re: where', text: exampleAnswers(['A', 'B', 'C'], 'en').exampleRanking });
    await h.send({ from: dutch, to: replyTo.get(dutch)!, subject: 'Re: waar', text: 'En ligne seulement' });

    const [frReceipt] = await waitForMailTo(h, paris, new RegExp(`^Enregistré : C-${id} : Où tenir`));
    expect(frReceipt!.mail.text).toContain('Tacit a lu votre réponse');
    expect(frReceipt!.mail.text).toContain(both('fr', 'Europe/Paris'));
    const [beReceipt] = await waitForMailTo(h, brussels, new RegExp(`^Enregistré : C-${id} :`));
    expect(beReceipt!.mail.text).toContain(both('fr', 'Europe/Brussels'));
    expect(beReceipt!.mail.text).toContain('B (Bruxelles, à l\'auberge de jeunesse)');
    const [enReceipt] = await waitForMailTo(h, english, new RegExp(`^Recorded: C-${id}: Where do we hold`));
    expect(enReceipt!.mail.text).toContain(`before ${both('en', 'Europe/Paris')};`);
    expect(enReceipt!.mail.text).toContain('B (Brussels, at the youth hostel)');
    const [nlReceipt] = await waitForMailTo(h, dutch, new RegExp(`C-${id}`), 2);
    expect(nlReceipt).toBeDefined();

    const stances = await h.ctx.sql`
      select m.email, r.stance from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id join members m on m.id = e.member_id
      where e.consultation_id = ${id}`;
    const stanceOf = (email: string) => stances.find((s) => s.email === email)?.stance;
    expect(stanceOf(paris)).toMatchObject({ first: null, accept: ['A', 'B'], reject: ['C'] });
    expect(stanceOf(brussels)).toMatchObject({ first: 'B' });
    expect(stanceOf(english)).toMatchObject({ first: 'B', ranking: ['B', 'A', 'C'] });
    expect(stanceOf(dutch)).toMatchObject({ first: 'C' });

    // The digest, each in the member's language and version, the deadline on their clock.
    const digestOf = async (email: string) => {
      const [m] = await h.ctx.sql`select id from members where email = ${email}`;
      return renderDigest(h.ctx, Number(m!.id), email, { start: new Date(Date.now() - 86400_000), end: new Date(Date.now() + 60_000) });
    };
    const frDigest = await digestOf(paris);
    expect(frDigest.subject).toMatch(/^Votre résumé Tacit : 1 consultation ouverte/);
    expect(frDigest.text).toContain('Où tenir l\'université d\'été ?');
    expect(frDigest.text).toContain(`date limite ${both('fr', 'Europe/Paris')} ; votre réponse est enregistrée`);
    const enDigest = await digestOf(english);
    expect(enDigest.text).toContain('Where do we hold the summer school?');
    expect(enDigest.text).toContain(`deadline ${both('en', 'Europe/Paris')}; your reply is recorded`);

    await expire(h, id);
    await closeDue(h.ctx);
    const [frOutcome] = await waitForMailTo(h, paris, new RegExp(`^Résultat de C-${id} : Où tenir`));
    expect(frOutcome!.mail.text).toContain('Retenue : B. Bruxelles, à l\'auberge de jeunesse');
    expect(frOutcome!.mail.text).toContain('Europe/Paris');
    const [beOutcome] = await waitForMailTo(h, brussels, new RegExp(`^Résultat de C-${id} :`));
    expect(beOutcome!.mail.text).toContain('Europe/Brussels');
    const [enOutcome] = await waitForMailTo(h, english, new RegExp(`^Outcome of C-${id}: Where do we hold`));
    expect(enOutcome!.mail.text).toContain('B. Brussels, at the youth hostel');
    expect(enOutcome!.mail.text).toMatch(/closed at \w{3} [^()]+ UTC \(\w{3} [^()]+ Europe\/Paris\)/);

    // The web record: the page's language's version of the question and options.
    const frPage = await decisionPage(h.ctx, null, { lang: 'fr', zone: null }, id);
    expect(frPage?.question).toBe('Où tenir l\'université d\'été ?');
    expect(frPage?.options.map((o) => o.text)).toEqual(['Lyon, à la bourse du travail', 'Bruxelles, à l\'auberge de jeunesse', 'En ligne seulement']);
    const dePage = await decisionPage(h.ctx, null, { lang: 'de', zone: null }, id);
    expect(dePage?.question).toBe('Where do we hold the summer school?');
  }, 180_000);

  it('refuses a language whose options differ in number, saying so, and sends nothing', async () => {
    const subject = 'Which day?';
    await h.send({
      from: list.coordinator, to: `lyon-consult@${h.domain}`, subject, messageId: '<mismatch@example.org>',
      text: ['Deadline: 2027-07-01 18:00 UTC', 'Options:', 'A. Saturday', 'B. Sunday', 'Options[fr]:', 'A. Samedi', '', 'Pick one.'].join('\n'),
    });
    const [refusal] = await waitForMailTo(h, list.coordinator, /^Re: Which day\? \(not opened\)/);
    expect(refusal!.mail.text).toContain('Options[fr]: 1 option (A), but the options have 2 (A, B); give every language the same options with the same letters.');
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from consultations where question = ${subject}`;
    expect(n).toBe(0);
  }, 60_000);
});
