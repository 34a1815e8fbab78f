import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { addMember, mailsTo, nthMailTo, replyTo, routed, standardOrg, modeOn } from '../helpers/lists.ts';
import { formatInZone, formatUtcIn } from '../../src/shared/rules/formatUtc.ts';

/**
 * Command answers and confirmations in the member's language (issue 23 item 2),
 * over SMTP: a member living in Lyon reads `help` and `status` in French, with
 * a date in UTC and on her own clock; a member living in Berlin confirms a
 * change in German (ja), is told in German that an unclear answer changed
 * nothing, drops a change with "nein", and `set language fr` is confirmed in
 * the language chosen.
 */
let h: Harness;
const camille = 'camille@example.org';
const jonas = 'jonas@example.org';

beforeAll(async () => {
  h = await createHarness();
  await standardOrg(h);
  await addMember(h, camille, { name: 'Camille', country: 'FR', city: 'Lyon' });
  await addMember(h, jonas, { name: 'Jonas', country: 'DE', city: 'Berlin' });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

let seq = 0;
async function command(from: string, subject: string, text: string) {
  const messageId = `<i18n-cmd-${++seq}@example.org>`;
  await h.send({ from, to: `request@${h.domain}`, subject, text, messageId });
  return routed(h, messageId);
}


describe('a member in Lyon', () => {
  it('reads help and status in French, a date in UTC with Europe/Paris beside it', async () => {
    const disabledAt = new Date('2026-11-20T09:30:00Z');
    await h.ctx.sql`update members set delivery_disabled_at = ${disabledAt} where email = ${camille}`;
    await command(camille, 'help', 'status\n');
    const answer = await nthMailTo(h, camille, 1);
    const text = answer.parsed.text!;
    expect(answer.parsed.subject).toBe('Re: help');
    expect(text).toContain('Tacit a lu ces commandes dans votre message :');
    // The help: the commands Tacit reads, what they do in French.
    expect(text).toContain('Les commandes sont listées ci-dessous.');
    expect(text).toMatch(/ {2}help {26}ce texte\n/);
    expect(text).toMatch(/ {2}subscribe LIST \[digest\] {7}s'abonner à une liste/);
    expect(text).toContain('set language CODE');
    // Status: her record, in French.
    expect(text).toContain('Adresse : camille@example.org (Camille)');
    expect(text).toContain('Résidence : Lyon, FR');
    expect(text).toContain("Fuseau horaire : Europe/Paris (d'après votre résidence)");
    expect(text).toContain('Langue : fr (français, celle de votre pays) ; envoyez « set language CODE » pour la choisir');
    expect(text).toContain('Consultations ouvertes : aucune pour vous.');
    expect(text).toContain(`Distribution : suspendue depuis ${formatUtcIn(disabledAt, 'fr')} (${formatInZone(disabledAt, 'Europe/Paris', 'fr')})`);
    expect(text).toContain('Répondez à ce message pour rétablir la distribution.');
    expect(text).toContain('répondez à\nce message par « oui »');
    // No English sentence of the answer is left.
    for (const english of ['Tacit read these commands', 'this text', 'Address:', 'Open consultations', 'waiting for your confirmation']) {
      expect(text).not.toContain(english);
    }
  });
});

describe('a member in Berlin', () => {
  it('confirms a change in German, is told an unclear answer changed nothing, drops one with "nein"', async () => {
    await command(jonas, '', 'subscribe fr digest\n');
    const ask = await nthMailTo(h, jonas, 1);
    expect(ask.parsed.text).toContain('> subscribe fr digest\nWartet auf Ihre Bestätigung: antworten Sie „ja“ auf diese Nachricht, um es auszuführen.');
    expect(ask.parsed.text).toContain('diese Nachricht mit „ja“');
    expect(await modeOn(h, jonas, 'fr')).toBeUndefined();

    await replyTo(h, ask, jonas, 'ja');
    const done = (await nthMailTo(h, jonas, 2)).parsed.text!;
    expect(done).toContain('Tacit hat ausgeführt, was Sie bestätigt haben:');
    expect(done).toContain('Sie haben fr@tacit.localhost abonniert (wöchentliche Zusammenfassung).');
    expect(done).toContain('Senden Sie „status“ an request@tacit.localhost');
    expect(await modeOn(h, jonas, 'fr')).toBe('digest');

    // An answer that is not a yes changes nothing, and says so in German, the expiry on his clock too.
    await command(jonas, '', 'set fr nomail\n');
    const ask2 = await nthMailTo(h, jonas, 3);
    await replyTo(h, ask2, jonas, 'vielleicht später?');
    const unclear = (await nthMailTo(h, jonas, 4)).parsed.text!;
    expect(unclear).toContain('Es wurde nichts getan.');
    expect(unclear).toMatch(/es verfällt am .+ UTC \(.+ Europe\/Berlin\)\./s);
    expect(await modeOn(h, jonas, 'fr')).toBe('digest');

    await replyTo(h, ask2, jonas, 'nein');
    expect((await nthMailTo(h, jonas, 5)).parsed.text).toContain('Wie gewünscht wurde nichts geändert.');
    expect(await modeOn(h, jonas, 'fr')).toBe('digest');
  });

  it('set language fr is confirmed in French, and his next answer is French', async () => {
    const before = (await mailsTo(h, jonas)).length;
    await command(jonas, 'set language fr', '');
    const ask = await nthMailTo(h, jonas, before + 1);
    expect(ask.parsed.text).toContain('> set language fr\nWartet auf Ihre Bestätigung');
    await replyTo(h, ask, jonas, 'ja');
    const done = (await nthMailTo(h, jonas, before + 2)).parsed.text!;
    expect(done).toContain('Tacit a effectué ce que vous avez confirmé :');
    expect(done).toContain('Tacit vous écrit désormais en français (fr).');

    await command(jonas, 'lists', '');
    expect((await nthMailTo(h, jonas, before + 3)).parsed.text).toContain('Tacit a lu ces commandes dans votre message :');
  });
});
