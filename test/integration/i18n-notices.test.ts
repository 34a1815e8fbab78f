import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, seedList, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { routed } from '../helpers/lists.ts';
import { setGroupLanguage } from '../../src/domains/org/memberLanguages.ts';
import { upsertGroup } from '../../src/domains/org/groups.ts';
import { summariseHeldNotices } from '../../src/pipeline/routing/answers/noticeBudget.ts';
import { formatInZone, formatUtcIn } from '../../src/shared/rules/formatUtc.ts';
import { replyAddress } from '../../src/domains/consultations/replies/replyAddress.ts';

/**
 * The last English notices, in the reader's language (issue 23 item 2), over
 * SMTP: a coordinator living in Lyon whose opening is malformed is told why
 * in French, reason by reason (the date that could be two, the kind Tacit does
 * not know); a stranger who writes to a French list's consult@ reads the
 * list's French; command lines that are no commands are explained in French;
 * an address not in service and the hour's held notices are written in the
 * reader's language too.
 */
let h: Harness;
let list: SeededList;

beforeAll(async () => {
  h = await createHarness();
  list = await seedList(h, 'lyon', 1);
  await h.ctx.sql`update members set country = 'FR', city = 'Lyon' where email = ${list.coordinator}`;
  await setGroupLanguage(h.ctx.sql, 'lyon', 'fr');
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

let seq = 0;
async function send(from: string, to: string, subject: string, text: string) {
  const messageId = `<i18n-notice-${++seq}@example.org>`;
  await h.send({ from, to, subject, text, messageId });
  return routed(h, messageId);
}

describe('a French coordinator', () => {
  it('gets a malformed opening back in French, with French reasons', async () => {
    await send(list.coordinator, `lyon-consult@${h.domain}`, 'Université d\'été', 'Kind: referendum\nDeadline: 03/12/2027 18:00\nOptions:\nA. Lyon\nB. Bruxelles\n\nOù la tenir ?');
    const [answer] = await waitForMailTo(h, list.coordinator, /non ouverte/);
    const text = answer!.mail.text!;
    expect(answer!.mail.subject).toBe('Re: Université d\'été (non ouverte)');
    expect(text).toContain('Tacit n\'a pas ouvert cette consultation, et rien n\'a été envoyé à aucune liste :');
    expect(text).toContain('  - Kind : « referendum » n\'est pas un type que je connais ; écrivez "Kind: choice" ou "Kind: proposal" ou "Kind: vote".');
    expect(text).toContain('  - Deadline : « 03/12/2027 » peut vouloir dire le 3 décembre ou le 12 mars ; écrivez la date sous la forme AAAA-MM-JJ, par exemple 2026-12-03.');
    // The example keeps the key lines Tacit reads; its option titles are French.
    expect(text).toContain('  Kind: choice\n  Deadline: 2026-12-03 18:00 UTC\n  Reminder: 24 hours before\n  Options:\n  A. Première option');
    for (const english of ['Tacit did not open', 'is not a kind I know', 'could be 3 December', 'please write the date', 'To open a consultation']) {
      expect(text).not.toContain(english);
    }
  });

  it('has command lines that are no commands explained in French', async () => {
    await send(list.coordinator, `lyon-consult@${h.domain}`, 'commandes', 'status\nclose\nvote A\n');
    const [answer] = await waitForMailTo(h, list.coordinator, /^Re: commandes/);
    const text = answer!.mail.text!;
    expect(text).toContain('> close\nclose demande un numéro de consultation : close C-ID, par exemple « close C-12 ».');
    expect(text).toContain('> vote A\n« vote » n\'est pas une commande ; les commandes sont : status [C-ID], results C-ID, extend C-ID <nouvelle échéance>, close C-ID, cancel C-ID, tally C-ID.');
    expect(text).not.toContain('needs a consultation id');
  });

  it('is told in French that a reply address is not valid, or names no consultation of hers', async () => {
    await send(list.coordinator, `reply+1x2_00000000000000000000000000000000@${h.domain}`, 'Re: C-1', 'A');
    const [bad] = await waitForMailTo(h, list.coordinator, /^Re: Re: C-1$/);
    expect(bad!.mail.text).toContain(`L’adresse reply+1x2_00000000000000000000000000000000@${h.domain} n’est pas une adresse de réponse valable : votre message n’a pas été enregistré.`);
    expect(bad!.mail.text).toContain('Pour répondre à une consultation, répondez à l’exemplaire que Tacit vous a envoyé');
    const [me] = await h.ctx.sql`select id from members where email = ${list.coordinator}`;
    await send(list.coordinator, replyAddress(h.ctx, 987654, Number(me!.id)), 'Re: C-987654', 'A');
    const [none] = await waitForMailTo(h, list.coordinator, /^Re: Re: C-987654$/);
    expect(none!.mail.text).toContain('Tacit n’a pas de consultation C-987654 pour vous : votre message n’a pas été enregistré.');
    expect(`${bad!.mail.text}${none!.mail.text}`).not.toMatch(/was not recorded|reply address/);
  });

  it('reads the hour\'s held notices in French, the hour on the clock of Lyon too', async () => {
    const hour = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 3600_000);
    await h.ctx.sql`insert into notice_budget (recipient, kind, hour, sent, held) values (${list.coordinator}, 'moderation-request', ${hour}, 10, 3)`;
    expect(await summariseHeldNotices(h.ctx)).toBe(1);
    const [summary] = await waitForMailTo(h, list.coordinator, /retenues$/);
    expect(summary!.mail.subject).toBe('3 demandes de modération de plus retenues');
    const text = summary!.mail.text!;
    expect(text).toContain(`Dans l'heure commençant le ${formatUtcIn(hour, 'fr')} (${formatInZone(hour, 'Europe/Paris', 'fr')}), 3 demandes de modération de plus vous étaient destinées et ont été retenues :`);
    expect(text).toContain('Tacit en envoie au plus 10 à une même adresse en une heure');
    expect(text).not.toContain('held back');
  });
});

describe('an address that is no member', () => {
  it('reads the French list\'s language when refused an opening there', async () => {
    await send('visitor@example.net', `lyon-consult@${h.domain}`, 'Une question', 'Deadline: in 3 days\n\nTexte.');
    const [answer] = await waitForMailTo(h, 'visitor@example.net', /non ouverte/);
    expect(answer!.mail.text).toContain('  - visitor@example.net n\'est pas coordinateur de lyon et ne peut donc pas y ouvrir de consultation.');
    expect(answer!.mail.text).toContain('  - Si vous vouliez répondre à une consultation, répondez à votre propre exemplaire');
  });

  it('is told in the list\'s language that an address is not in service, and a stranger with no list in English', async () => {
    // An address kind with no handler (here the owner's, taken away for this test) is answered "not available".
    const owner = h.ctx.wiring.handlers.get('owner')!;
    h.ctx.wiring.handlers.delete('owner');
    try {
      await send('visitor@example.net', `lyon-owner@${h.domain}`, 'Bonjour', 'Une question pour vous.');
      const [french] = await waitForMailTo(h, 'visitor@example.net', /^Re: Bonjour$/);
      expect(french!.mail.text).toContain(`Votre message à lyon-owner@${h.domain} a bien été reçu, mais cette adresse n'est pas\nencore en service sur ${h.domain} : rien n'en a été fait.`);
      await upsertGroup(h.ctx.sql, { slug: 'intl', name: 'International', level: 'committee' }); // a list with no language
      await send('stranger@example.net', `intl-owner@${h.domain}`, 'Hello', 'A question.');
      const [english] = await waitForMailTo(h, 'stranger@example.net', /^Re: Hello$/);
      expect(english!.mail.text).toContain(`Your message to intl-owner@${h.domain} was received, but this address is not in\nservice yet on ${h.domain}, so nothing was done with it.`);
    } finally {
      h.ctx.wiring.handlers.set('owner', owner);
    }
  });
});
