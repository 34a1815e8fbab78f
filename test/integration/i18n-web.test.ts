import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, seedList, type SeededList } from '../helpers/consultation.ts';
import { PUBLIC_URL, localBase, signIn } from '../helpers/web.ts';
import { setMemberLanguage } from '../../src/domains/org/memberLanguages.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { formatInZone, formatUtcIn } from '../../src/shared/rules/formatUtc.ts';
import { makeToken } from '../../src/shared/rules/tokens.ts';
import { mailsTo } from '../helpers/lists.ts';

/**
 * The web record's language (issue 23): the one picked with the switcher,
 * else the signed-in member's, else Accept-Language, else English; and its
 * times: in the signed-in member's zone beside UTC, in UTC for anyone else.
 */
let h: Harness;
let list: SeededList;
let lyon: SeededList;

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0', DMARC_MODE: 'never' } });
  list = await seedList(h, 'krakow', 1);
  await setMemberLanguage(h.ctx.sql, list.members[0]!, 'pl');
  // A chapter whose decisions are public; its first member lives in France: French, and Europe/Paris.
  lyon = await seedList(h, 'lyon', 2);
  await setGroupSettings(h.ctx.sql, 'lyon', { decisions: 'public' });
  await h.ctx.sql`update members set country = 'FR' where email = ${lyon.members[0]!}`;
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${localBase(h)}${path}`, { headers });
  return { html: await res.text(), cookie: res.headers.get('set-cookie') };
}

describe('the web record\'s language', () => {
  it('is English by default, with a switcher to every language, each named in itself', async () => {
    const { html: escaped } = await get('/');
    const html = escaped.replace(/&#x3D;/g, '=');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Decisions');
    expect(html).toContain('<a href="/tacit/?lang=fr" lang="fr" hreflang="fr">Français</a>');
    expect(html).toContain('<strong lang="en">English</strong>');
  });

  it('follows Accept-Language', async () => {
    const { html } = await get('/', { 'Accept-Language': 'ja, de-AT;q=0.9, en;q=0.5' });
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('>Entscheidungen</a>');
  });

  it('says "method not allowed" in the reader\'s language, and which methods are', async () => {
    const posted = await fetch(`${localBase(h)}/decisions`, { method: 'POST', headers: { 'Accept-Language': 'pl' } });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
    expect(await posted.text()).toBe('Metoda niedozwolona.\n');
    const signout = await fetch(`${localBase(h)}/signout`, { headers: { 'Accept-Language': 'fr' } });
    expect(signout.status).toBe(405);
    expect(signout.headers.get('allow')).toBe('POST');
    expect(await signout.text()).toBe('Méthode non autorisée.\n');
  });

  it('follows the switcher, and keeps the choice in a cookie over Accept-Language', async () => {
    const picked = await get('/lists?lang=sv', { 'Accept-Language': 'de' });
    expect(picked.html).toContain('<html lang="sv">');
    expect(picked.html).toContain('>Beslut</a>');
    expect(picked.cookie).toMatch(/^tacit_lang=sv;/);
    const next = await get('/', { 'Accept-Language': 'de', Cookie: picked.cookie!.split(';')[0]! });
    expect(next.html).toContain('<html lang="sv">');
  });

  it('follows the signed-in member\'s language', async () => {
    const session = await signIn(h, list.members[0]!);
    const { html } = await get('/', { 'Accept-Language': 'de', Cookie: session });
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain('Zalogowano jako Member 1');
  });
});

describe('the web record\'s page bodies and times', () => {
  let id: number;
  let deadline: Date;
  beforeAll(async () => {
    const opened = await openViaSmtp(h, lyon, 'Where do we meet?', ['Kind: choice', `Deadline: ${inDays(5)}`, 'Options:', 'A. Library', 'B. Cafe']);
    id = opened.id;
    const [row] = await h.ctx.sql`select deadline from consultations where id = ${id}`;
    deadline = row!.deadline as Date;
    await h.send({ from: lyon.members[0]!, to: opened.replyTo.get(lyon.members[0]!)!, subject: 'Re: Where do we meet?', text: 'B' });
  }, 60_000);

  it('a French member, signed in, reads an open decision in French with its deadline in Europe/Paris and UTC', async () => {
    const session = await signIn(h, lyon.members[0]!);
    // The sign-in mail was in French too.
    expect((await mailsTo(h, lyon.members[0]!)).map((m) => m.parsed.subject)).toContain(`Votre lien de connexion à Tacit sur ${h.domain}`);
    const { html } = await get(`/decisions/C-${id}`, { Cookie: session, 'Accept-Language': 'en' });
    expect(html).toContain('<html lang="fr">');
    const utc = formatUtcIn(deadline, 'fr');
    const paris = formatInZone(deadline, 'Europe/Paris', 'fr');
    expect(utc).toMatch(/UTC$/);
    expect(paris).toMatch(/Europe\/Paris$/);
    expect(html).toContain(`ouverte jusqu’au ${utc} (${paris})`);
    expect(html).toContain('Cette consultation est ouverte : les membres donnent leur avis en répondant à leur exemplaire.');
    expect(html).toContain('<h2>Options</h2>');
    expect(html).not.toMatch(/open until|No running tally/);
    const register = await get('/', { Cookie: session });
    expect(register.html).toContain('<h2 id="open">Consultations ouvertes</h2>');
    expect(register.html).toContain(`échéance ${utc} (${paris})`);
  });

  it('an anonymous reader gets the body in Accept-Language\'s language, times in UTC only', async () => {
    const { html } = await get(`/decisions/C-${id}`, { 'Accept-Language': 'fr-BE, en;q=0.5' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`ouverte jusqu’au ${formatUtcIn(deadline, 'fr')}</p>`);
    expect(html).not.toContain('Europe/Paris');
    const sv = await get('/', { 'Accept-Language': 'sv-SE' });
    expect(sv.html).toContain('<h2 id="open">Öppna konsultationer</h2>');
    expect(sv.html).toContain(`sista dag ${formatUtcIn(deadline, 'sv')}`);
    expect(sv.html).toContain('Medlemmar ser sina egna listors beslut efter <a href="/tacit/signin">inloggning</a>.');
  });

  it('the closed decision: outcome, counting rule and tally sheet in the reader\'s language and zone', async () => {
    await expire(h, id);
    expect(await closeDue(h.ctx)).toEqual([id]);
    const [row] = await h.ctx.sql`select closed_at, deadline from consultations where id = ${id}`;
    const session = await signIn(h, lyon.members[0]!);
    const { html } = await get(`/decisions/C-${id}`, { Cookie: session });
    const closedAt = row!.closed_at as Date;
    expect(html).toContain(`close le ${formatUtcIn(closedAt, 'fr')} (${formatInZone(closedAt, 'Europe/Paris', 'fr')})`);
    expect(html).toContain('<h2 id="outcome">Résultat</h2>');
    expect(html).toContain('Retenue : B. Cafe (le plus de premiers choix).');
    expect(html).toContain('Mode de décompte : le plus de premiers choix');
    expect(html).toContain('<h2 id="tally">Feuille de dépouillement</h2>');
    expect(html).toContain('Le vôtre est surligné ci-dessous.');
    expect(html).toMatch(/class="mine" aria-current="true"><td>\w+<\/td><td>first&#x3D;B [^<]*<strong>\(vous\)<\/strong>/);
    expect(html).not.toMatch(/Tally sheet|How it is counted|Turnout:/);
    // The register says the same verdict in the same words.
    expect((await get('/', { Cookie: session })).html).toContain('Retenue : B. Cafe (le plus de premiers choix).');
  });

  it('the one-click unsubscribe page speaks the member\'s language', async () => {
    const [m] = await h.ctx.sql`select m.id as member, g.id as "group" from members m, groups g where m.email = ${lyon.members[0]!} and g.slug = 'lyon'`;
    const token = makeToken(h.ctx.secret, 'unsubscribe', [Number(m!.member), Number(m!.group)]);
    const { html } = await get(`/unsubscribe/${token}`, { 'Accept-Language': 'de' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`Désabonner ${lyon.members[0]} de lyon@${h.domain} ?`);
    expect(html).toContain('<button type="submit">Se désabonner</button>');
  });
});
