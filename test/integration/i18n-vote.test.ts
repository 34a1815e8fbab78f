import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, seedList, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { setMemberLanguage } from '../../src/domains/org/memberLanguages.ts';
import { translate } from '../../src/shared/i18n/catalogue.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { PUBLIC_URL, getPage } from '../helpers/web.ts';

/**
 * A formal vote's own words in the member's language (issue 23 item 2),
 * over SMTP: a member who reads French gets the "how to answer" of a motion
 * and of a ranked vote in French, answers with what it shows, and is read
 * right (her receipt reads it back in French); at the close her outcome gives the verdict and the count's lines in
 * French, as the web record does in French, while a member who reads
 * English gets the method's English.
 */
let h: Harness;
let list: SeededList;
let paris: string;
let london: string;
let berlin: string;

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0' } });
  list = await seedList(h, 'assembly', 3);
  await setGroupSettings(h.ctx.sql, 'assembly', { decisions: 'public' });
  [paris, london, berlin] = list.members as [string, string, string];
  await setMemberLanguage(h.ctx.sql, paris, 'fr');
  await setMemberLanguage(h.ctx.sql, london, 'en');
  await setMemberLanguage(h.ctx.sql, berlin, 'en');
  await setMemberLanguage(h.ctx.sql, list.coordinator, 'en');
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

/** The "how to answer" lines of a text copy: the "  - " lines after its heading. */
function howToAnswer(text: string, lang: string): string[] {
  const after = text.slice(text.indexOf(translate(lang, 'question.howToAnswer')));
  const lines = after.split('\n').slice(1);
  return lines.slice(0, lines.findIndex((l) => !l.startsWith('  - '))).map((l) => l.slice(4));
}

async function copyOf(id: number, to: string) {
  return (await waitForMailTo(h, to, new RegExp(`^\\[assembly\\] C-${id}: `)))[0]!.mail.text!;
}

async function closeNow(id: number) {
  await expire(h, id);
  expect(await closeDue(h.ctx)).toEqual([id]);
  const fr = (await waitForMailTo(h, paris, new RegExp(`^Résultat de C-${id} : `)))[0]!.mail.text!;
  const en = (await waitForMailTo(h, london, new RegExp(`^Outcome of C-${id}: `)))[0]!.mail.text!;
  return { fr, en };
}

async function stanceOf(id: number, email: string) {
  const [row] = await h.ctx.sql`
    select r.stance from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${id} and e.email = ${email}`;
  return row?.stance;
}

describe('a formal vote for a member who reads French', () => {
  it('a motion: how to answer in French, her copied "oui" read as yes, the verdict and count in French', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Adopt the budget', ['Kind: motion', 'Count: majority', 'Quorum: 2', `Deadline: ${inDays(5)}`]);
    const copy = await copyOf(id, paris);
    expect(howToAnswer(copy, 'fr')).toEqual(['oui', 'non', 'abstention']);
    expect(copy).toContain('C’est une motion, compté ainsi :');
    expect(copy).toContain('adoptée si les oui l’emportent sur les non ; les abstentions ne comptent ni pour ni contre ; un quorum de 2 bulletins exprimés');
    expect(copy).toContain('votre silence vaut une abstention, jamais un consentement.');
    expect(copy).not.toMatch(/adopted when|never consent/);

    const [yes] = howToAnswer(copy, 'fr');
    await h.send({ from: paris, to: replyTo.get(paris)!, subject: `Re: C-${id}`, text: yes! });
    await h.send({ from: london, to: replyTo.get(london)!, subject: `Re: C-${id}`, text: 'yes' });
    await h.send({ from: berlin, to: replyTo.get(berlin)!, subject: `Re: C-${id}`, text: 'no' });
    for (const m of [paris, london, berlin]) await waitForMailTo(h, m, new RegExp(`C-${id}`), 2);
    expect(await stanceOf(id, paris)).toEqual({ vote: 'yes' });
    const [receipt] = await waitForMailTo(h, paris, new RegExp(`^Enregistré : C-${id}`));
    expect(receipt!.mail.text).toContain('vous votez oui');

    const { fr, en } = await closeNow(id);
    expect(fr).toContain('Motion adoptée : oui 2, non 1, abstention 0 (majorité des suffrages exprimés).');
    expect(fr).toContain('quorum 2, exprimés 3 : atteint');
    expect(fr).toContain('majorité des suffrages exprimés : oui 2, non 1, abstention 0');
    expect(fr).toContain('résultat : adoptée');
    expect(fr).not.toMatch(/Adopted|votes cast|verdict:/);
    expect(en).toContain('Adopted: yes 2, no 1, abstain 0 (majority of the votes cast).');
    expect(en).toContain('quorum 2, cast 3: met');
    expect(en).toContain('verdict: adopted');

    // The web record in French: the kind, the verdict and the count's lines.
    const page = (await getPage(h, `/decisions/C-${id}?lang=fr`)).html;
    expect(page).toContain('Motion adoptée : oui 2, non 1, abstention 0 (majorité des suffrages exprimés).');
    expect(page).toContain('résultat : adoptée');
    expect(page).toContain('une motion');
    expect(page).not.toMatch(/Adopted|a motion/);
    expect((await getPage(h, '/?lang=fr')).html).toContain('Motion adoptée : oui 2, non 1, abstention 0 (majorité des suffrages exprimés).');
  });

  it('a ranked vote: her ranking copied from the French example read as it shows, the rounds in French', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Where to meet', ['Kind: vote', 'Count: irv', `Deadline: ${inDays(5)}`, 'Options:', 'A. Lyon', 'B. Berlin', 'C. London']);
    const copy = await copyOf(id, paris);
    const [ranking] = howToAnswer(copy, 'fr');
    expect(ranking).toBe('votre classement des options par leurs lettres, de la meilleure à la moins bonne : B > A > C');
    await h.send({ from: paris, to: replyTo.get(paris)!, subject: `Re: C-${id}`, text: ranking!.slice(ranking!.lastIndexOf(': ') + 2) });
    await h.send({ from: london, to: replyTo.get(london)!, subject: `Re: C-${id}`, text: 'B > C' });
    await h.send({ from: berlin, to: replyTo.get(berlin)!, subject: `Re: C-${id}`, text: 'A > B' });
    for (const m of [paris, london, berlin]) await waitForMailTo(h, m, new RegExp(`C-${id}`), 2);
    expect(await stanceOf(id, paris)).toEqual({ ranking: [['B'], ['A'], ['C']] });
    const [receipt] = await waitForMailTo(h, paris, new RegExp(`^Enregistré : C-${id}`));
    expect(receipt!.mail.text).toContain('votre classement : d’abord B (Berlin); puis A (Lyon); puis C (London)');

    const { fr, en } = await closeNow(id);
    expect(fr).toContain('Retenue : B (Berlin) (vote alternatif).');
    expect(fr).toContain('gagnant : B');
    expect(fr).toContain('  tour 1 : A 1, B 2, C 0 ; épuisés 0');
    expect(en).toContain('Chosen: B (Berlin) (instant runoff).');
    expect(en).toContain('  round 1: A 1, B 2, C 0; exhausted 0');
  });

  it('a ballot that cannot be read: why, and how to answer, in French', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Adopt the accounts', ['Kind: motion', `Deadline: ${inDays(5)}`]);
    await copyOf(id, paris);
    await h.send({ from: paris, to: replyTo.get(paris)!, subject: `Re: C-${id}`, text: 'Oui. Non, en fait.' });
    const [notice] = await waitForMailTo(h, paris, new RegExp(`^Non compris : C-${id}`));
    const text = notice!.mail.text!;
    const why = text.split('\n').find((l) => l.startsWith('Pourquoi : '));
    // The why, then how to answer, both French: "… (« enfin »). Répondez …".
    expect(why).toMatch(/^Pourquoi : .+« .+ ».+/);
    expect(why!.endsWith(` ${translate('fr', 'doubt.how.motion')}`)).toBe(true);
    expect(why).not.toMatch(/[Aa]nswer|changes|yes|abstain/);
    expect(await stanceOf(id, paris)).toEqual({ unreadable: true });
  });

  it('a Schulze vote: "None of the above" in her words on the copy, named by its French title in her ranking', async () => {
    const { id, replyTo } = await openViaSmtp(h, list, 'Where to meet next', ['Kind: vote', 'Count: schulze', `Deadline: ${inDays(5)}`, 'Options:', 'A. Lyon', 'B. Berlin']);
    const copy = await copyOf(id, paris);
    expect(copy).toContain('C. Aucune de ces options');
    expect(copy).not.toContain('None of the above');
    expect(await copyOf(id, london)).toContain('C. None of the above');
    // Outlook: her ranking above the unquoted copy, whose option lines, the French one included, are Tacit's.
    const outlook = `Berlin > Aucune de ces options > Lyon\n\n________________________________\nDe : Assembly\nEnvoyé : lundi 30 novembre 2026 10:00\nÀ : ${paris}\nObjet : [assembly] C-${id}: Where to meet next\n\n${copy}\n`;
    await h.send({ from: paris, to: replyTo.get(paris)!, subject: `RE: C-${id}`, text: outlook });
    await h.send({ from: london, to: replyTo.get(london)!, subject: `Re: C-${id}`, text: 'B > None of the above > A' });
    const [receipt] = await waitForMailTo(h, paris, new RegExp(`^Enregistré : C-${id}`));
    expect(await stanceOf(id, paris)).toEqual({ ranking: [['B'], ['C'], ['A']] });
    expect(receipt!.mail.text).toContain('C (Aucune de ces options)');
    await waitForMailTo(h, london, new RegExp(`^Recorded: C-${id}`));
    expect(await stanceOf(id, london)).toEqual({ ranking: [['B'], ['C'], ['A']] });
  });
});
