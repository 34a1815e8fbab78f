import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, seedList, type SeededList } from '../helpers/consultation.ts';
import { PUBLIC_URL, localBase, signIn } from '../helpers/web.ts';
import { setMemberLanguage } from '../../src/domains/org/memberLanguages.ts';

/**
 * The web record's language (issue 23): the one picked with the switcher,
 * else the signed-in member's, else Accept-Language, else English.
 */
let h: Harness;
let list: SeededList;

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0', DMARC_MODE: 'never' } });
  list = await seedList(h, 'krakow', 1);
  await setMemberLanguage(h.ctx.sql, list.members[0]!, 'pl');
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
