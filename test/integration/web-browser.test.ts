import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { renderDigest } from '../../src/domains/digests/digestComposer.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { openBrowser, phonePage, renderHtml, screenshot, visit, visibleText } from '../helpers/browser.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, expire, inDays, openViaSmtp, seedList, waitForMailTo, waitForRouting, type Delivered } from '../helpers/consultation.ts';
import { PUBLIC_URL, localBase, toLocal } from '../helpers/web.ts';

/**
 * The web record as a person sees it, in Debian's chromium: the register,
 * a decision, a thread and a message, as an anonymous viewer and as a
 * signed-in member; and the HTML parts of the outcome mail, the digest and
 * a member's list copy. Screenshots go to var/test/screenshots/.
 */
let h: Harness;
let browser: Browser;
let id: number;
let outcome: Delivered;
let listCopy: Delivered;
let memberCopy: Delivered;
let hostilePost: number;
const weights: Record<string, number> = {};
const TOKEN = /(reply|confirm|bounces)\+\d[\dx]*_[0-9a-f]{32}|_[0-9a-f]{32}/;
const TRACKER = 'http://127.0.0.1:9/open.gif?reader=pubweb-m1';

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0', DMARC_MODE: 'never' } });
  browser = await openBrowser();
  const list = await seedList(h, 'icc', 9);
  // The committee's decisions are public, its discussion is not.
  await setGroupSettings(h.ctx.sql, 'icc', { decisions: 'public', archive: 'members' });
  const opened = await openViaSmtp(h, list, 'The name of the organisation', [
    'Kind: choice',
    `Deadline: ${inDays(7)}`,
    'Options:',
    'A. International Organization for a Free Society',
    'B. International Organization for a Participatory Society',
    'C. International Organization for Participatory Socialism',
  ], 'Which name shall we use? Questions to coord-icc@example.org.');
  id = opened.id;
  const answers = ['B', 'B > C > A', 'C', 'B, not A', 'A'];
  await Promise.all(answers.map((text, i) => h.send({ from: list.members[i]!, to: opened.replyTo.get(list.members[i]!)!, subject: 'Re: the name', text })));
  // A member quotes her own reply address in a post to the list: it must never reach a page.
  await h.send({
    from: 'Member 1 <icc-m1@example.org>', to: `icc@${h.domain}`, subject: 'Why I chose B', messageId: '<why-b@example.org>',
    text: `B says what we do.\nMy ballot went to ${opened.replyTo.get(list.members[0]!)}\nReach me at icc-m1@example.org.`,
    html: `<p>B says <em>what we do</em>.</p><p>My ballot went to ${opened.replyTo.get(list.members[0]!)}</p><p>Reach me at icc-m1@example.org.</p>`,
  });
  // A public list's HTML post with everything a sanitiser must take out, and another member's reply address in a link.
  const pub = await seedList(h, 'pubweb', 1);
  await setGroupSettings(h.ctx.sql, 'pubweb', { archive: 'public' });
  await h.send({
    from: 'Member 1 <pubweb-m1@example.org>', to: `pubweb@${h.domain}`, subject: 'Hostile markup', messageId: '<hostile@example.org>',
    html: [
      '<p>The <b>agenda</b> is below.</p><script>window.__pwned = 1; document.title = "pwned"</script>',
      `<img src="${TRACKER}" width="1" height="1" alt=""><img src="x.png" onerror="window.__pwned = 2" alt="chart">`,
      `<p><a href="mailto:${opened.replyTo.get(list.members[0]!)}">vote as Member 1</a>, <a href="https://example.net/agenda">the agenda</a>,`,
      ' <a href="mailto:pubweb-m1@example.org">write to me</a>.</p>',
    ].join(''),
  });
  await waitForRouting(h);
  [listCopy] = await waitForMailTo(h, list.members[1]!, /^\[icc\] Why I chose B/);
  [memberCopy] = await waitForMailTo(h, list.members[3]!, new RegExp(`^\\[icc\\] C-${id}: `));
  const [hostile] = await h.ctx.sql`select id from list_posts where message_id = '<hostile@example.org>' and state = 'distributed'`;
  hostilePost = Number(hostile!.id);
  expect(pub.members).toHaveLength(1);
  await expire(h, id);
  expect(await closeDue(h.ctx)).toEqual([id]);
  [outcome] = await waitForMailTo(h, list.members[2]!, new RegExp(`^Outcome of C-${id}:`));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await closeHarness(h);
  console.log('page weights (bytes):', JSON.stringify(weights));
});

/** The per-option numbers (first, refused, accepted by the replies) and turnout as the outcome mail's text states them. */
function mailNumbers(text: string) {
  const options = [...text.matchAll(/^ {2}([A-Z])\. .*\n\s+first preference of (\d+), refused by (\d+), accepted by (\d+)/gm)].map((m) => m.slice(1).join(' '));
  const turnout = /Turnout: (\d+\/\d+ replied(?:, \d+ unreadable)?) \((\d+)%\)/.exec(text)!.slice(1).join(' ');
  return { options, turnout };
}

async function pageNumbers(page: Page) {
  const options = await page.$$eval('tr[data-letter]', (rows) =>
    rows.map((r) => [r.getAttribute('data-letter'), ...[...r.querySelectorAll('.count')].map((c) => (c as HTMLElement).innerText)].join(' ')));
  const turnout = /Turnout: (\d+\/\d+ replied(?:, \d+ unreadable)?) \((\d+)%\)/.exec(await visibleText(page))!.slice(1).join(' ');
  return { options, turnout };
}

/** Whether the page scrolls sideways: its content wider than the viewport. */
function scrollsSideways(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

async function track(page: Page, name: string, url: string) {
  const result = await visit(page, url);
  weights[name] = result.bytes;
  expect(result.bytes).toBeLessThan(100 * 1024);
  await screenshot(page, name);
  return result;
}

describe('an anonymous viewer, in a browser', () => {
  it('finds the decision through the outcome mail\'s link, with the mail\'s numbers and no address or token', async () => {
    const page = await phonePage(browser);
    const register = await track(page, 'register-anonymous', `${localBase(h)}/`);
    expect(register.status).toBe(200);
    expect(register.text).toContain(`C-${id}: The name of the organisation`);
    expect(register.text).toContain('Winner: B. International Organization for a Participatory Society (most first preferences).');

    const link = /The record of this decision: (\S+)/.exec(outcome.mail.text!)![1]!;
    expect(link).toBe(`${PUBLIC_URL}/decisions/C-${id}`);
    const decision = await track(page, 'decision-anonymous', toLocal(h, link));
    expect(decision.status).toBe(200);
    expect(decision.text).toContain('Winner: B. International Organization for a Participatory Society (most first preferences).');
    const fromMail = mailNumbers(outcome.mail.text!);
    expect(fromMail.options).toHaveLength(3);
    expect(await pageNumbers(page)).toEqual(fromMail);
    // The member finds their ballot code in the sheet, whose digest is the one the outcome mail states.
    const sha256 = /Its SHA-256 is\s+([0-9a-f]{64})/.exec(outcome.mail.text!)![1]!;
    const ballot = /Your ballot code is (\w+); the full sheet: mail "tally C-\d+"/.exec(outcome.mail.text!)![1]!;
    expect(decision.text).toContain(`SHA-256 of the sheet: ${sha256}`);
    expect(decision.text).toMatch(new RegExp(`${ballot}\\s+(first=|silent)`));
    expect(decision.text).toContain('Which name shall we use? Questions to [address hidden].');
    expect(decision.text).not.toMatch(/@example\.org/);
    expect(decision.text).not.toMatch(TOKEN);
    // The counting rule in words where the result is; what members said, silent consent apart.
    expect(decision.text).toContain('How it is counted: most first preferences; a tie goes to fewer refusals');
    expect(decision.text).toMatch(/Silent, shown apart: \d+ members? did not reply/);
    // A silent member never got a receipt: their code is in their copy.
    expect(decision.text).toContain('Your ballot code is in your copy of the consultation, and in your receipt if you replied.');
    // No sideways scroll on a 390 px phone: the SHA-256 wraps.
    const { scrollWidth, viewport } = await scrollsSideways(page);
    expect(viewport).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);
    await page.close();
  });

  it('sees no trace of the members-only discussion', async () => {
    const page = await phonePage(browser);
    const lists = await track(page, 'lists-anonymous', `${localBase(h)}/lists`);
    expect(lists.text).not.toMatch(/icc|ICC/);
    const [post] = await h.ctx.sql`select id from list_posts where message_id = '<why-b@example.org>'`;
    const hidden = await visit(page, `${localBase(h)}/lists/icc/thread/${post!.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain('Why I chose B');
    await page.close();
  });
});

describe('an HTML post, in a browser', () => {
  it('shows its markup with no script run, no image loaded, links nofollow, and no token or address', async () => {
    const page = await phonePage(browser);
    const requested: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    const message = await track(page, 'message-html-anonymous', `${localBase(h)}/lists/pubweb/message/${hostilePost}`);
    expect(message.status).toBe(200);
    expect(message.text).toContain('The agenda is below.');
    expect(message.text).toContain('[image: chart]');
    expect(message.text).toContain('vote as Member 1, the agenda, write to me.');
    expect(await page.$eval('.body.html b', (b) => b.textContent)).toBe('agenda');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.title()).not.toContain('pwned');
    expect(await page.$$('main script, main img, main [onerror], main [style]')).toHaveLength(0);
    const links = await page.$$eval('.body.html a', (as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]));
    expect(links).toEqual([['https://example.net/agenda', 'nofollow noopener noreferrer']]);
    // Only the page itself was fetched: the tracking image never was.
    expect(requested.filter((url) => !url.startsWith('data:'))).toEqual([`${localBase(h)}/lists/pubweb/message/${hostilePost}`]);
    const html = await page.content();
    expect(html).not.toMatch(TOKEN);
    expect(html).not.toContain('@example.org');
    expect(html).not.toContain('127.0.0.1:9');
    await page.close();
  });
});

describe('a member, signed in by the mailed link, in a browser', () => {
  it('reads the thread and the message: addresses shown, tokens never', async () => {
    const page = await phonePage(browser);
    await visit(page, `${localBase(h)}/signin`);
    await page.type('#email', 'icc-m2@example.org');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await visibleText(page)).toContain('a sign-in link is on its way');
    const [mail] = await waitForMailTo(h, 'icc-m2@example.org', /sign-in link/);
    const link = toLocal(h, /https:\/\/\S+\/signin\/\S+/.exec(mail!.mail.text!)![0]);
    await visit(page, link);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await visibleText(page)).toContain('Signed in as Member 2');

    const lists = await track(page, 'lists-member', `${localBase(h)}/lists`);
    expect(lists.text).toContain('ICC');
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/lists/icc"]')]);
    await Promise.all([page.waitForNavigation(), page.click('main li a')]); // the month
    await Promise.all([page.waitForNavigation(), page.click('main li a')]); // the thread
    await screenshot(page, 'thread-member');
    const thread = await visibleText(page);
    expect(thread).toContain('B says what we do.');
    expect(thread).toContain('Reach me at icc-m1@example.org.');
    expect(thread).toContain('My ballot went to reply+[token removed]@tacit.localhost');
    expect(thread).not.toMatch(TOKEN);

    await Promise.all([page.waitForNavigation(), page.click('article h2 a')]);
    const message = await track(page, 'message-member', page.url());
    expect(message.text).toContain('Member 1 <icc-m1@example.org>');
    expect(message.text).not.toMatch(TOKEN);

    const decision = await track(page, 'decision-member', `${localBase(h)}/decisions/C-${id}`);
    expect(await pageNumbers(page)).toEqual(mailNumbers(outcome.mail.text!));
    expect(decision.text).toContain('Questions to coord-icc@example.org.');
    // Their own line is highlighted, and their receipt links to it.
    const [receipt] = await waitForMailTo(h, 'icc-m2@example.org', new RegExp(`^Recorded: C-${id}:`));
    const own = new RegExp(`Your line on the decision's page: (\\S+)#code-(\\w+)`).exec(receipt!.mail.text!)!;
    expect(own[1]).toBe(`${PUBLIC_URL}/decisions/C-${id}`);
    const mine = await page.$$eval('table.tally tr.mine', (rows) => rows.map((r) => [r.id, (r as HTMLElement).innerText]));
    expect(mine).toEqual([[`code-${own[2]}`, expect.stringMatching(new RegExp(`^${own[2]}\\s+first=B .*\\(you\\)$`))]]);
    expect(await page.$eval('table.tally tr.mine td', (td) => getComputedStyle(td).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    const { scrollWidth, viewport } = await scrollsSideways(page);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);
    await page.close();
  });
});

describe('HTML mail parts, as a mail client shows them', () => {
  it('the outcome mail, the digest, a member\'s consultation copy and list copy', async () => {
    const page = await phonePage(browser);
    const outcomeText = await renderHtml(page, outcome.mail.html as string);
    await screenshot(page, 'mail-outcome');
    expect(outcomeText).toContain('Winner: B. International Organization for a Participatory Society (most first preferences).');
    for (const line of mailNumbers(outcome.mail.text!).options) {
      const [letter, first, reject, accept] = line.split(' ');
      expect(outcomeText).toMatch(new RegExp(`${letter}\\. [^\\n]+\\n[\\s\\S]*?first ${first}[\\s\\S]*?refused ${reject}[\\s\\S]*?accepted by ${accept} of the replies`));
    }
    // Silent consent apart and labelled: no bar stands for it.
    expect(outcomeText).toMatch(/Silent, not shown above: \d+ members? did not reply\. Their silence counts as accepting every option/);
    expect(outcome.mail.html).not.toContain('#38a169');
    expect(outcomeText).toContain(`The record of this decision: ${PUBLIC_URL}/decisions/C-${id}`);

    const [member] = await h.ctx.sql`select id from members where email = 'icc-m3@example.org'`;
    const digest = await renderDigest(h.ctx, Number(member!.id), 'icc-m3@example.org', { start: new Date(Date.now() - 86400_000), end: new Date(Date.now() + 60_000) });
    const digestText = await renderHtml(page, digest.html!);
    await screenshot(page, 'mail-digest');
    expect(digestText).toContain(`C-${id} (ICC): The name of the organisation`);
    expect(digestText).toContain('Winner: B. International Organization for a Participatory Society');
    expect(await page.$eval('a[href*="/decisions/"]', (a) => a.getAttribute('href'))).toBe(`${PUBLIC_URL}/decisions/C-${id}`);

    const memberCopyText = await renderHtml(page, memberCopy.mail.html as string);
    await screenshot(page, 'mail-consultation-copy');
    expect(memberCopyText).toContain('The name of the organisation');
    for (const option of ['A. International Organization for a Free Society', 'B. International Organization for a Participatory Society', 'C. International Organization for Participatory Socialism']) {
      expect(memberCopyText).toContain(option);
    }
    const deadline = /Deadline: (.+)\./.exec(memberCopy.mail.text!)![1]!;
    expect(memberCopyText).toContain(`Deadline: ${deadline}.`);
    expect(memberCopyText).toMatch(new RegExp(`Your ballot code for C-${id}: [A-Z0-9]{10}\\.`));
    // Its only link is the decision's page: the reply address stays the Reply-To.
    expect(await page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')))).toEqual([`${PUBLIC_URL}/decisions/C-${id}`]);
    expect(memberCopy.mail.html).not.toMatch(TOKEN);

    const copyText = await renderHtml(page, listCopy.mail.html as string);
    await screenshot(page, 'mail-list-copy');
    expect(copyText).toContain('B says what we do.');
    expect(copyText).toContain('Reach me at icc-m1@example.org.');
    await page.close();
  });
});
