import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { catalogue, takeMissingTranslations } from '../../src/shared/i18n/catalogue.ts';
import { LANGUAGES } from '../../src/shared/rules/language.ts';
import { openBrowser, screenshot, visibleText } from '../helpers/browser.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, seedList } from '../helpers/consultation.ts';
import { PUBLIC_URL, localBase, signIn } from '../helpers/web.ts';

/**
 * Every page of the web record in every language, in Chromium (issue 23):
 * no word falls back to English, no English sentence of the catalogues is
 * left on a translated page, and each page fits a 390 px phone and a
 * 1000 px window without sideways scrolling — with the longest times there
 * are, a signed-in member's (their zone beside UTC).
 */
let h: Harness;
let browser: Browser;
let session: string;
const pages: { name: string; path: string; signedIn: boolean; status: number }[] = [];

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0', DMARC_MODE: 'never' } });
  browser = await openBrowser();
  const list = await seedList(h, 'lyon', 3);
  await setGroupSettings(h.ctx.sql, 'lyon', { decisions: 'public', archive: 'public' });
  // A member in France: the pages they read show every time in Europe/Paris beside UTC.
  await h.ctx.sql`update members set country = 'FR' where email = ${list.members[0]!}`;
  const [m1, m2, m3] = list.members as [string, string, string];

  const choice = await openViaSmtp(h, list, 'Where do we hold the summer school?', [
    'Kind: choice', `Deadline: ${inDays(5)}`, 'Options:', 'A. Lyon, in the union hall', 'B. Brussels, at the youth hostel', 'C. Online only',
  ], 'Three chapters offered to host it.');
  const proposal = await openViaSmtp(h, list, 'Adopt the new charter', ['Kind: proposal', `Deadline: ${inDays(5)}`], 'The draft is on the wiki.');
  await Promise.all([
    h.send({ from: m1, to: choice.replyTo.get(m1)!, subject: 'Re: summer school', text: 'A > B' }),
    h.send({ from: m2, to: choice.replyTo.get(m2)!, subject: 'Re: summer school', text: 'B, not C' }),
    h.send({ from: m1, to: proposal.replyTo.get(m1)!, subject: 'Re: charter', text: 'agree' }),
    h.send({ from: m3, to: proposal.replyTo.get(m3)!, subject: 'Re: charter', text: 'object: too long to read before the meeting' }),
  ]);
  const open = await openViaSmtp(h, list, 'Which logo?', ['Kind: choice', `Deadline: ${inDays(9)}`, 'Options:', 'A. The tree', 'B. The bridge']);
  await h.send({ from: m2, to: `lyon@${h.domain}`, subject: 'Agenda for Saturday', messageId: '<agenda@example.org>', text: 'First item: the charter.\nSecond: the summer school.' });
  const post = await waitFor(async () => {
    const [row] = await h.ctx.sql`select id, to_char(distributed_at, 'YYYY-MM') as month from list_posts where message_id = '<agenda@example.org>' and state = 'distributed'`;
    return row;
  }, 20_000);
  await waitFor(async () => {
    const [row] = await h.ctx.sql`select count(*)::int as n from consultation_replies r where r.consultation_id = any(${[choice.id, proposal.id]}::bigint[])`;
    return row!.n >= 4 || undefined;
  }, 20_000);
  await expire(h, choice.id);
  await expire(h, proposal.id);
  expect((await closeDue(h.ctx)).sort()).toEqual([choice.id, proposal.id].sort());
  session = await signIn(h, m1);

  const add = (name: string, path: string, signedIn = true, status = 200) => pages.push({ name, path, signedIn, status });
  add('register', '/');
  add('decision-choice', `/decisions/C-${choice.id}`);
  add('decision-proposal', `/decisions/C-${proposal.id}`);
  add('decision-open', `/decisions/C-${open.id}`);
  add('lists', '/lists');
  add('list', '/lists/lyon');
  add('month', `/lists/lyon/${post!.month}`);
  add('thread', `/lists/lyon/thread/${post!.id}`);
  add('message', `/lists/lyon/message/${post!.id}`);
  add('signin-signed-in', '/signin');
  add('register-anonymous', '/', false);
  add('signin', '/signin', false);
  add('signin-link-spent', '/signin/1_00000000000000000000000000000000', false);
  add('not-found', '/decisions/C-999999', false, 404);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await closeHarness(h);
});

/** The catalogue's English sentences that `lang` words differently: none may be left on its pages. */
function englishSentences(lang: string): string[] {
  const english = catalogue('en');
  const own = catalogue(lang);
  return Object.entries(english)
    .filter(([key, text]) => own[key] !== text && !/[{}]/.test(text) && text.split(' ').length >= 4)
    .map(([, text]) => text);
}

describe('the web record in Chromium', () => {
  it.each([...LANGUAGES])('%s: every page in the language itself, fitting 390 px and 1000 px', async (lang) => {
    const problems: string[] = [];
    const sentences = lang === 'en' ? [] : englishSentences(lang);
    takeMissingTranslations();
    for (const signedIn of [true, false]) {
      const page: Page = await browser.newPage();
      if (signedIn) {
        const [name, value] = session.split('=') as [string, string];
        await page.setCookie({ name, value, url: localBase(h) });
      }
      for (const p of pages.filter((x) => x.signedIn === signedIn)) {
        await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
        const res = await page.goto(`${localBase(h)}${p.path}?lang=${lang}`, { waitUntil: 'load' });
        if (res?.status() !== p.status) problems.push(`${p.name}: status ${res?.status()}`);
        expect(await page.$eval('html', (e) => e.getAttribute('lang'))).toBe(lang);
        const text = await visibleText(page);
        for (const sentence of sentences) if (text.includes(sentence)) problems.push(`${p.name}: English left: ${sentence}`);
        if (lang !== 'en' && signedIn && p.name.startsWith('decision') && !text.includes('Europe/Paris')) problems.push(`${p.name}: no Europe/Paris time`);
        for (const width of [390, 1000]) {
          await page.setViewport({ width, height: 844, deviceScaleFactor: 1 });
          const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
          if (scrollWidth > viewport) problems.push(`${p.name} at ${width} px: ${scrollWidth} px wide`);
        }
        if (p.name === 'decision-choice' || p.name === 'decision-proposal') {
          await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
          await screenshot(page, `web-${p.name}-${lang}-390`);
        }
      }
      await page.close();
    }
    expect(takeMissingTranslations(), `keys that fell back to English in ${lang}`).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
