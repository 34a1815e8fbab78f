/**
 * The proxy mails and the `proxies` answer in the reader's language (issue 23
 * item 2), end to end over SMTP: an English-reading member names a proxy who
 * reads French (her own choice, her clock in Paris). The request, her
 * acceptance's answer, the ballots she holds when a motion opens, her receipt
 * and her `proxies` and `digest off` answers are French, the deadline in UTC
 * with Paris beside it; the member, who reads English, hears in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, inDays, openViaSmtp, replyToOf, seedList, waitForMailTo, type Delivered, type SeededList } from '../helpers/consultation.ts';
import { formatInZone, formatUtcIn } from '../../src/shared/rules/formatUtc.ts';

let h: Harness;
let list: SeededList;
let member = '';
let camille = '';

beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'congres', 2);
  [member, camille] = list.members as [string, string];
  // What `set language fr` and `set timezone Europe/Paris` store.
  await h.ctx.sql`update members set language = 'fr', timezone = 'Europe/Paris' where email = ${camille}`;
});
afterAll(async () => {
  await closeHarness(h);
});

let seq = 0;
async function command(from: string, text: string): Promise<Delivered> {
  const subject = `cmd-${++seq}`;
  await h.send({ from, to: `request@${h.domain}`, subject, text, messageId: `<i18n-proxy-${subject}@example.org>` });
  const [results] = await waitForMailTo(h, from, new RegExp(`^Re: ${subject}$`));
  return results!;
}

async function answer(mail: Delivered, from: string, text: string): Promise<void> {
  await h.send({ from, to: replyToOf(mail), subject: `Re: ${mail.mail.subject}`, text, messageId: `<i18n-proxy-answer-${++seq}@example.org>` });
}

describe('a proxy who reads French', () => {
  it('is asked, accepts with "oui", and is answered in French; the member hears in English', async () => {
    const named = await command(member, `proxy ${camille}`);
    expect(named.mail.text).toContain(`Waiting for your confirmation: reply "yes" to this mail; then ${camille} is asked to accept.`);
    await answer(named, member, 'yes');
    const [request] = await waitForMailTo(h, camille, /^Voulez-vous être le mandataire de Member 1 \?$/);
    const text = request!.mail.text!;
    expect(text).toContain(`Member 1 <${member}> vous demande d'être son mandataire pour\nles votes formels de toutes les listes.`);
    expect(text).toContain('Pour accepter, répondez « oui » à ce message.');
    expect(text).not.toContain('To accept');

    await answer(request!, camille, 'oui');
    const [accepted] = await waitForMailTo(h, camille, /^Re: Re: Voulez-vous être le mandataire/);
    expect(accepted!.mail.text).toContain(`Vous êtes désormais le mandataire de ${member} pour les votes formels de toutes les listes.`);
    expect(accepted!.mail.text).toContain(`Envoyez « proxies » à request@${h.domain}`);
    const [told] = await waitForMailTo(h, member, /^Your proxy$/);
    expect(told!.mail.text).toContain(`${camille} accepted: they are your proxy for formal votes on every list from now on.`);
  });

  it('gets the ballots she holds in French when a motion opens, the deadline on her clock, and a French receipt', async () => {
    const vote = await openViaSmtp(h, list, 'Adopt the statutes', ['Kind: motion', 'Count: majority', `Deadline: ${inDays(5)}`]);
    const id = `C-${vote.id}`;
    const [ballots] = await waitForMailTo(h, camille, new RegExp(`^Bulletins que vous tenez par procuration dans ${id} : Adopt the statutes$`));
    const text = ballots!.mail.text!;
    expect(text).toContain(`Un vote s'est ouvert sur CONGRES (${id}), et vous tenez le bulletin de :`);
    const address = /votez pour ce membre en écrivant à : (proxy\+\S+)/.exec(text)?.[1];
    expect(address).toBeDefined();
    expect(replyToOf(ballots!)).toBe(address);
    expect(text).toContain('Répondre à ce message, c\'est écrire à cette adresse.');
    const [row] = await h.ctx.sql`select deadline from consultations where id = ${vote.id}`;
    expect(text).toContain(`${formatUtcIn(row!.deadline, 'fr')} (${formatInZone(row!.deadline, 'Europe/Paris', 'fr')})`);
    for (const english of ['Ballots you hold', 'vote for them by writing to', 'Only your own address can vote there']) expect(text).not.toContain(english);

    await h.send({ from: camille, to: address!, subject: `Re: ${id}`, text: 'oui', messageId: `<i18n-proxy-vote-${++seq}@example.org>` });
    const [receipt] = await waitForMailTo(h, camille, new RegExp(`^Enregistré pour ${member} : ${id} : Adopt the statutes$`));
    expect(receipt!.mail.text).toContain(`Il compte, sauf si ${member} vote lui-même avant la date limite.`);
    const [cast] = await waitForMailTo(h, member, new RegExp(`^Your proxy voted for you: ${id}: Adopt the statutes$`));
    expect(cast!.mail.text).toContain(`Your proxy ${camille} cast your ballot in ${id} (Adopt the statutes).`);
  });

  it('reads her proxies and digest answers in French', async () => {
    const text = (await command(camille, 'proxies\ndigest off')).mail.text!;
    expect(text).toContain(`> proxies\nVous tenez les votes de : ${member} (les votes formels de toutes les listes).\nPersonne ne tient vos votes.`);
    // Test mail carries no DKIM signature: the digest stays, and she is told why in French.
    expect(text).toContain('> digest off\nNon effectué : rien ne montre que ce message vient de votre adresse.');
    expect(text).not.toContain('You hold');
  });
});
