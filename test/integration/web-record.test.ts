import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { addMember, mailsTo, routed, standardOrg, tacit } from '../helpers/lists.ts';
import { PUBLIC_URL, getPage, localBase, requestSigninLink, signIn } from '../helpers/web.ts';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { reconcileOnce } from '../../src/app/reconciler.ts';
import { expire, inDays, openViaSmtp, seedList, waitForMailTo as waitForSubject, waitForRouting } from '../helpers/consultation.ts';

/**
 * The web record over HTTP: who sees which list and decision, what is
 * removed from messages, and the sign-in link's rules. The same pages as
 * seen in a browser are in web-browser.test.ts.
 */
let h: Harness;
const TOKEN_ADDRESS = 'reply+12x3_0123456789abcdef0123456789abcdef@tacit.localhost';

beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL, HTTP_PORT: '0', DMARC_MODE: 'never' } });
  await standardOrg(h);
  const london = { country: 'GB', city: 'London' };
  await addMember(h, 'ana@example.org', { name: 'Ana Lopez', ...london, lists: ['icc'] });
  await addMember(h, 'ben@example.org', { name: 'Ben', ...london });
  await setGroupSettings(h.ctx.sql, 'gb', { archive: 'public' });
  await setGroupSettings(h.ctx.sql, 'icc', { decisions: 'public' });

  await h.send({ from: 'Ana Lopez <ana@example.org>', to: `gb@${h.domain}`, subject: 'Meeting place', messageId: '<p1@example.org>',
    text: `Shall we meet at the library?\nVote by writing to ${TOKEN_ADDRESS}\nWrite to me at ana@example.org.\n` });
  await routed(h, '<p1@example.org>');
  await h.send({ from: 'Ben <ben@example.org>', to: `gb@${h.domain}`, subject: 'Re: [gb] Meeting place', messageId: '<p2@example.org>',
    inReplyTo: '<p1@example.org>', html: '<p>Agreed. <b>Library</b> it is.</p><p>Ben, ben@example.org</p>',
    attachments: [{ filename: 'agenda.pdf', content: Buffer.from('%PDF-1.4 agenda'), contentType: 'application/pdf' }] });
  await routed(h, '<p2@example.org>');
  // A subject naming another member's address.
  await h.send({ from: '"ben@example.org" <ben@example.org>', to: `gb@${h.domain}`, subject: 'Ask carol@example.org', messageId: '<p4@example.org>', text: 'See subject.' });
  await routed(h, '<p4@example.org>');
  await h.send({ from: 'Ana Lopez <ana@example.org>', to: `icc@${h.domain}`, subject: 'Private committee matter', messageId: '<p3@example.org>', text: 'Only for the committee.' });
  await routed(h, '<p3@example.org>');
});
afterAll(async () => {
  await h?.close();
});

async function postId(messageId: string): Promise<number> {
  const [row] = await h.ctx.sql`select id from list_posts where message_id = ${messageId}`;
  return Number(row!.id);
}

/** A post by Ben to gb stored as distributed, straight into the tables (no mail round): returns its id. */
async function storeBenPost(key: string, subject: string, raw: Buffer, bodyText: string, secondsLater = 0): Promise<number> {
  const messageId = `<${key}@example.org>`;
  const [m] = await h.ctx.sql`
    insert into inbound_messages (message_key, message_id, envelope_from, size, raw)
    values (${key}, ${messageId}, 'ben@example.org', ${raw.length}, ${raw}) returning id`;
  const [p] = await h.ctx.sql`
    insert into list_posts (group_id, inbound_message_id, author_email, author_name, subject, message_id, body_text, state, distributed_at)
    select g.id, ${m!.id}, 'ben@example.org', 'Ben', ${subject}, ${messageId}, ${bodyText}, 'distributed', now() + make_interval(secs => ${secondsLater})
    from groups g where g.slug = 'gb' returning id`;
  return Number(p!.id);
}

describe('an anonymous viewer', () => {
  it('sees public archives only; members-only lists are not even named', async () => {
    const lists = await getPage(h, '/lists');
    expect(lists.status).toBe(200);
    expect(lists.html).toContain('United Kingdom');
    expect(lists.html).not.toMatch(/icc|ICC|London/);
    expect((await getPage(h, '/lists/icc')).status).toBe(404);
    expect((await getPage(h, `/lists/icc/message/${await postId('<p3@example.org>')}`)).status).toBe(404);
    expect((await getPage(h, `/lists/icc/thread/${await postId('<p3@example.org>')}`)).status).toBe(404);
  });

  it('reads a thread and a message with no token and no member address', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const list = await getPage(h, '/lists/gb');
    expect(list.html).toContain(`href="/tacit/lists/gb/${month}"`);
    expect(list.html).not.toContain('.mbox');
    const monthPage = await getPage(h, `/lists/gb/${month}`);
    expect(monthPage.html).toMatch(/Meeting place<\/a><br><span class="meta">2 posts · Ana Lopez, Ben ·/);
    expect(monthPage.html).toMatch(/Ask \[address hidden\]<\/a><br><span class="meta">1 post · Ben ·/);
    expect(monthPage.html).not.toContain('@example.org');
    const odd = await getPage(h, `/lists/gb/message/${await postId('<p4@example.org>')}`);
    expect(odd.html).toContain('<h1>Ask [address hidden]</h1>');
    expect(odd.html).not.toContain('@example.org');

    const thread = await getPage(h, `/lists/gb/thread/${await postId('<p1@example.org>')}`);
    expect(thread.status).toBe(200);
    expect(thread.html).toContain('Shall we meet at the library?');
    expect(thread.html).toContain('Agreed. Library it is.');
    for (const page of [thread.html, (await getPage(h, `/lists/gb/message/${await postId('<p1@example.org>')}`)).html]) {
      expect(page).not.toContain('ana@example.org');
      expect(page).not.toContain('ben@example.org');
      expect(page).not.toContain('0123456789abcdef');
      expect(page).toContain('reply+[token removed]@tacit.localhost');
      expect(page).toContain('Write to me at [address hidden].');
    }
    const html = await getPage(h, `/lists/gb/message/${await postId('<p2@example.org>')}`);
    expect(html.html).toMatch(/<li><a href="\/tacit\/lists\/gb\/message\/\d+\/attachment\/1" download>agenda\.pdf<\/a> <span class="meta">\(application\/pdf, 1 KB\)<\/span><\/li>/);
    expect(html.html).toContain('<div class="body html"><p>Agreed. <b>Library</b> it is.</p><p>Ben, [address hidden]</p></div>');
  });

  it('gets no mbox and cannot see members-only decisions', async () => {
    const month = new Date().toISOString().slice(0, 7);
    expect((await getPage(h, `/lists/gb/${month}.mbox`)).status).toBe(404);
    const [gb] = await h.ctx.sql`select id from groups where slug = 'gb'`;
    const [ana] = await h.ctx.sql`select id from members where email = 'ana@example.org'`;
    const [c] = await h.ctx.sql`
      insert into consultations (group_id, coordinator_id, kind, question, options, status, deadline, opened_at)
      values (${gb!.id}, ${ana!.id}, 'choice', 'Where do we meet?', ${h.ctx.sql.json([{ letter: 'A', text: 'Library' }, { letter: 'B', text: 'Cafe' }])}, 'open', now() + interval '3 days', now())
      returning id`;
    expect((await getPage(h, '/')).html).not.toContain('Where do we meet?');
    expect((await getPage(h, `/decisions/C-${c!.id}`)).status).toBe(404);

    const cookie = await signIn(h, 'ana@example.org');
    expect((await getPage(h, '/', cookie)).html).toContain(`C-${c!.id}: Where do we meet?`);
    const page = await getPage(h, `/decisions/C-${c!.id}`, cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<strong>B.</strong> Cafe');
    expect(page.html).toContain('No running tally is shown');
    expect(page.html).not.toContain('id="outcome"');
  });
});

describe('a public decision', () => {
  it('quotes objections by name, never by address; cancelled consultations are not in the register', async () => {
    const list = await seedList(h, 'pub', 3);
    // Objectors are quoted by name only where the list chose it (issue 21; anonymous by default).
    await setGroupSettings(h.ctx.sql, 'pub', { decisions: 'public', objections: 'named' });
    const { id, replyTo } = await openViaSmtp(h, list, 'Adopt the charter', ['Kind: proposal', `Deadline: ${inDays(3)}`], 'The charter as drafted.');
    const [m1, m2, m3] = list.members as [string, string, string];
    await h.send({ from: m1, to: replyTo.get(m1)!, subject: 'Re: charter', text: `object: I asked ${m3} and the wording is unclear` });
    await h.send({ from: m2, to: replyTo.get(m2)!, subject: 'Re: charter', text: 'object: too long' });
    await waitForRouting(h);
    await waitForSubject(h, m2, /^Recorded: C-/);
    await h.ctx.sql`update members set name = '' where email = ${m2}`; // an unnamed objector
    await expire(h, id);
    expect(await closeDue(h.ctx)).toEqual([id]);

    const page = await getPage(h, `/decisions/C-${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Blocked: 2 objections (1 blocks).');
    expect(page.html).toContain('agree 0 · object 2 · abstain 0');
    expect(page.html).toContain('<blockquote><strong>Member 1</strong>: I asked [address hidden] and the wording is unclear</blockquote>');
    expect(page.html).toContain('<blockquote><strong>a member</strong>: too long</blockquote>');
    expect(page.html).toMatch(/<th scope="row">silent \(consent\)<\/th><td class="n"><span class="count">2<\/span>/);
    expect(page.html).not.toContain('@example.org');

    await h.ctx.sql`update consultations set status = 'cancelled', cancelled_at = now() where id = ${id}`;
    expect((await getPage(h, `/decisions/C-${id}`)).status).toBe(404);
    expect((await getPage(h, '/')).html).not.toContain('Adopt the charter');
  });
});

describe('a signed-in member', () => {
  it('sees the lists they are on, addresses included, never a token; gets the mbox', async () => {
    const ana = await signIn(h, 'ana@example.org');
    expect((await getPage(h, '/lists', ana)).html).toContain('ICC');
    const icc = await getPage(h, `/lists/icc/message/${await postId('<p3@example.org>')}`, ana);
    expect(icc.status).toBe(200);
    expect(icc.html).toContain('Only for the committee.');
    const thread = await getPage(h, `/lists/gb/thread/${await postId('<p1@example.org>')}`, ana);
    expect(thread.html).toContain('Write to me at ana@example.org.');
    expect(thread.html).not.toContain('0123456789abcdef');

    const month = new Date().toISOString().slice(0, 7);
    const mbox = await getPage(h, `/lists/gb/${month}.mbox`, ana);
    expect(mbox.status).toBe(200);
    expect(mbox.type).toBe('application/mbox');
    expect(mbox.html.match(/^From \S+@example\.org /gm)).toHaveLength(3);
    expect(mbox.html).toContain('Message-ID: <p2@example.org>');
    expect(mbox.html).not.toContain('0123456789abcdef');

    const ben = await signIn(h, 'ben@example.org');
    expect((await getPage(h, '/lists', ben)).html).not.toContain('ICC');
    expect((await getPage(h, `/lists/icc/message/${await postId('<p3@example.org>')}`, ben)).status).toBe(404);
  });
});

// One session per member for the tests below: sign-in links are limited to 3 an hour per address.
const sessions = new Map<string, string>();
async function session(email: string): Promise<string> {
  if (!sessions.has(email)) sessions.set(email, await signIn(h, email));
  return sessions.get(email)!;
}

describe('an HTML post', () => {
  const tracker = 'https://track.example.net/open.gif?who=ana';
  const hostile = [
    '<p>Proposal <b>attached</b>.</p>',
    '<script>document.title = "pwned"</script>',
    `<img src="${tracker}" width="1" height="1" alt="">`,
    '<img src="x" onerror="alert(1)" alt="chart">',
    `<p><a href="mailto:${TOKEN_ADDRESS}">vote here</a> or <a href="https://example.net/agenda" onclick="steal()">the agenda</a>`,
    ' or <a href="javascript:alert(1)">this</a>, or write to <a href="mailto:ana@example.org">Ana</a>.</p>',
  ].join('');

  it('is shown sanitised: no script, no handler, no image loaded, links nofollow, no token, no address', async () => {
    await h.send({ from: 'Ana Lopez <ana@example.org>', to: `gb@${h.domain}`, subject: 'Hostile markup', messageId: '<html1@example.org>', html: hostile });
    await routed(h, '<html1@example.org>');
    const id = await postId('<html1@example.org>');
    const page = await getPage(h, `/lists/gb/message/${id}`);
    expect(page.status).toBe(200);
    const body = /<div class="body html">([\s\S]*?)<\/div>/.exec(page.html)![1]!.trim();
    expect(body).toBe([
      '<p>Proposal <b>attached</b>.</p>',
      '<span class="image">[image]</span><span class="image">[image: chart]</span>',
      '<p><span>vote here</span> or <a href="https://example.net/agenda" rel="nofollow noopener noreferrer">the agenda</a>',
      ' or <span>this</span>, or write to <span>Ana</span>.</p>',
    ].join(''));
    for (const bad of ['<script', 'pwned', 'onerror', 'onclick', '<img', 'track.example.net', 'javascript:', '0123456789abcdef', 'ana@example.org']) {
      expect(page.html).not.toContain(bad);
    }
    // A member sees the address link; the token link still goes.
    const ana = await session('ana@example.org');
    const member = await getPage(h, `/lists/gb/message/${id}`, ana);
    expect(member.html).toContain('<a href="mailto:ana@example.org" rel="nofollow noopener noreferrer">Ana</a>');
    expect(member.html).toContain('<span>vote here</span>');
    expect(member.html).not.toContain('0123456789abcdef');
  });

  it('whose address is split by markup is shown as text, redacted', async () => {
    await h.send({ from: 'Ben <ben@example.org>', to: `gb@${h.domain}`, subject: 'Split', messageId: '<html2@example.org>',
      html: '<p>Reach me at ben@<b>example.org</b> please.</p>', text: 'Reach me at ben@example.org please.' });
    await routed(h, '<html2@example.org>');
    const page = await getPage(h, `/lists/gb/message/${await postId('<html2@example.org>')}`);
    expect(page.html).toContain('<pre class="body">Reach me at [address hidden] please.</pre>');
    expect(page.html).not.toContain('ben@');
  });
});

describe('attachments', () => {
  let id: number;
  const textWithSecrets = `Minutes\nvote: ${TOKEN_ADDRESS}\ncontact: ana@example.org\n`;
  beforeAll(async () => {
    await h.send({
      from: 'Ana Lopez <ana@example.org>', to: `gb@${h.domain}`, subject: 'Files', messageId: '<files@example.org>', text: 'Four files.',
      attachments: [
        { filename: 'minutes.txt', content: textWithSecrets, contentType: 'text/plain; charset=utf-8' },
        { filename: 'page.html', content: '<script>alert(document.cookie)</script>', contentType: 'text/html' },
        { filename: 'logo.svg', content: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', contentType: 'image/svg+xml' },
        { filename: 'Café "plan".pdf', content: Buffer.from('%PDF-1.4 plan'), contentType: 'application/pdf' },
      ],
    });
    await routed(h, '<files@example.org>');
    id = await postId('<files@example.org>');
  });
  const get = (n: number | string, cookie?: string) =>
    fetch(`${localBase(h)}/lists/gb/message/${id}/attachment/${n}`, { headers: cookie ? { Cookie: cookie } : {} });

  it('are downloads under a type no browser runs, redacted when they are text', async () => {
    const page = await getPage(h, `/lists/gb/message/${id}`);
    for (let n = 1; n <= 4; n++) expect(page.html).toContain(`href="/tacit/lists/gb/message/${id}/attachment/${n}" download>`);

    const text = await get(1);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('content-disposition')).toBe(`attachment; filename="minutes.txt"; filename*=UTF-8''minutes.txt`);
    expect(text.headers.get('x-content-type-options')).toBe('nosniff');
    expect(text.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(await text.text()).toBe('Minutes\nvote: reply+[token removed]@tacit.localhost\ncontact: [address hidden]\n');

    for (const n of [2, 3]) {
      const res = await get(n);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    }
    const pdf = await get(4);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="Caf_ _plan_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22plan%22.pdf`);
    expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.4 plan');

    const ana = await session('ana@example.org');
    expect(await (await get(1, ana)).text()).toBe('Minutes\nvote: reply+[token removed]@tacit.localhost\ncontact: ana@example.org\n');
  });

  it('answer 404 when there is no such attachment, or the viewer may not read the message', async () => {
    expect((await get(5)).status).toBe(404);
    expect((await get(0)).status).toBe(404);
    expect((await fetch(`${localBase(h)}/lists/gb/thread/${id}/attachment/1`)).status).toBe(404);
    const [icc] = await h.ctx.sql`select id from groups where slug = 'icc'`;
    await h.send({ from: 'Ana Lopez <ana@example.org>', to: `icc@${h.domain}`, subject: 'Committee file', messageId: '<iccfile@example.org>', text: 'Attached.',
      attachments: [{ filename: 'secret.pdf', content: Buffer.from('%PDF-1.4 secret'), contentType: 'application/pdf' }] });
    await routed(h, '<iccfile@example.org>');
    const secret = await postId('<iccfile@example.org>');
    expect(icc).toBeDefined();
    expect((await fetch(`${localBase(h)}/lists/icc/message/${secret}/attachment/1`)).status).toBe(404);
    // Through a public list's path, a post of another list is not found either.
    expect((await fetch(`${localBase(h)}/lists/gb/message/${secret}/attachment/1`)).status).toBe(404);
    const ana = await session('ana@example.org');
    expect((await fetch(`${localBase(h)}/lists/icc/message/${secret}/attachment/1`, { headers: { Cookie: ana } })).status).toBe(200);
  });

  it('past the size served here are listed without a link', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
    const raw = Buffer.from([
      'From: Ben <ben@example.org>', 'Subject: Big file', 'Message-ID: <big@example.org>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'Too big.', '--b',
      'Content-Type: application/pdf', 'Content-Disposition: attachment; filename="big.pdf"', 'Content-Transfer-Encoding: base64', '',
      big, '--b--', '',
    ].join('\r\n'));
    const p = await storeBenPost('big', 'Big file', raw, 'Too big.');
    const page = await getPage(h, `/lists/gb/message/${p}`);
    expect(page.html).toContain("<li>big.pdf <span class=\"meta\">(application/pdf, 10.0 MB, larger than 10.0 MB: in the members' mail and the mbox)</span></li>");
    expect((await fetch(`${localBase(h)}/lists/gb/message/${p}/attachment/1`)).status).toBe(404);
  });
});

describe('signing in', () => {
  it('a link shows a button on GET, signs in once on POST, and signing out ends the session', async () => {
    await h.ctx.sql`delete from web_signins`;
    const link = await requestSigninLink(h, 'ben@example.org');
    expect(link).toMatch(/\/tacit\/signin\/\d+_[0-9a-f]{32}$/);
    for (let i = 0; i < 2; i++) expect((await fetch(link)).status).toBe(200); // scanners may open it: still usable
    const first = await fetch(link, { method: 'POST', redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tacit_session=\d+_[0-9a-f]{32}; Path=\/tacit; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/);
    expect((await fetch(link, { method: 'POST', redirect: 'manual' })).status).toBe(410);
    expect(await (await fetch(link)).text()).toContain('has been used or has expired');

    const session = cookie.split(';')[0]!;
    expect((await getPage(h, '/', session)).html).toContain('Signed in as Ben');
    const out = await fetch(`${localBase(h)}/signout`, { method: 'POST', headers: { Cookie: session }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect((await getPage(h, '/', session)).html).not.toContain('Signed in as');
    expect((await fetch(link.replace(/_[0-9a-f]{4}/, '_0000'), { method: 'POST', redirect: 'manual' })).status).toBe(410);
  });

  it('an expired link does not work, and is forgotten a day later', async () => {
    const link = await requestSigninLink(h, 'ben@example.org');
    await h.ctx.sql`update web_signins set expires_at = now() - interval '1 second'`;
    expect((await fetch(link, { method: 'POST', redirect: 'manual' })).status).toBe(410);
    await h.ctx.sql`update web_signins set expires_at = now() - interval '25 hours'`;
    await h.ctx.sql`update web_sessions set ended_at = now() - interval '25 hours' where ended_at is not null`;
    const [{ live }] = await h.ctx.sql`select count(*)::int as live from web_sessions where ended_at is null`;
    await reconcileOnce(h.ctx);
    expect((await h.ctx.sql`select count(*)::int as n from web_signins`)[0]!.n).toBe(0);
    expect((await h.ctx.sql`select count(*)::int as n from web_sessions`)[0]!.n).toBe(live);
  });

  it('at most 3 links an hour per address; unknown addresses get the same answer and no mail', async () => {
    await h.ctx.sql`delete from web_signins`;
    const ask = (email: string) => fetch(`${localBase(h)}/signin`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `email=${encodeURIComponent(email)}`,
    });
    const signinMails = async () =>
      (await h.ctx.sql`select count(*)::int as n from outbox where kind = 'web-signin' and recipient = 'ana@example.org'`)[0]!.n as number;
    const before = await signinMails();
    for (let i = 0; i < 3; i++) expect((await ask('ana@example.org')).status).toBe(200);
    const limited = await ask('ANA@example.org');
    expect(limited.status).toBe(200);
    expect(await limited.text()).toContain('If this address belongs to a member, a sign-in link is on its way to it (at most 3 an hour).');
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from web_signins`;
    expect(n).toBe(3);
    expect(await signinMails()).toBe(before + 3);

    const stranger = await ask('nobody@example.org');
    expect(stranger.status).toBe(200);
    expect(await stranger.text()).toContain('If this address belongs to a member');
    expect(await mailsTo(h, 'nobody@example.org')).toHaveLength(0);
  });
});

describe('page weight', () => {
  it('long threads are paged and long messages clipped: every page stays under 100 KB', async () => {
    const huge = `${'Ordinary words & <symbols> "quoted". '.repeat(8000)}THE END`;
    for (let i = 1; i <= 25; i++) {
      const raw = Buffer.from(`From: Ben <ben@example.org>\r\nSubject: Re: [gb] Long thread\r\nMessage-ID: <long-${i}@example.org>\r\n\r\n${i === 1 ? huge : `post ${i}`}\r\n`);
      await storeBenPost(`long-${i}`, i === 1 ? 'Long thread' : 'Re: [gb] Long thread', raw, i === 1 ? huge : `post ${i}`, i);
    }
    const first = await postId('<long-1@example.org>');
    const page1 = await getPage(h, `/lists/gb/thread/${first}`);
    expect(page1.html.match(/<article/g)).toHaveLength(20);
    expect(Buffer.byteLength(page1.html)).toBeLessThan(100 * 1024);
    expect(page1.html).toMatch(/\[…\] \(\d+ more characters\)/);
    expect(page1.html).toContain(`href="/tacit/lists/gb/thread/${first}?page&#x3D;2" rel="next"`);
    const page2 = await getPage(h, `/lists/gb/thread/${first}?page=2`);
    expect(page2.html.match(/<article/g)).toHaveLength(5);
    expect(page2.html).toContain('post 25');
    expect(page2.html).not.toContain('rel="next"');

    const message = await getPage(h, `/lists/gb/message/${first}`);
    expect(message.status).toBe(200);
    expect(Buffer.byteLength(message.html)).toBeLessThan(100 * 1024);
    expect(message.html).not.toContain('THE END');
    expect(message.html).toMatch(/\[…\] \(\d+ more characters\)/);
  });

  it('the heaviest message page: HTML past its budget (shown as clipped text) and 60 long-named attachments', async () => {
    const html = `<p>${'<b>Bold</b> &amp; <i>"quoted"</i> words. '.repeat(4000)}THE END</p>`;
    const parts = [`--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`];
    for (let i = 1; i <= 60; i++) {
      const name = `${'&<"'.repeat(100)}-${i}.pdf`;
      parts.push(`--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="${name.replace(/"/g, "'")}"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n`);
    }
    const raw = Buffer.from(`From: Ben <ben@example.org>\r\nSubject: Heavy\r\nMessage-ID: <heavy@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts.join('')}--b--\r\n`);
    const p = await storeBenPost('heavy', 'Heavy', raw, '');
    const page = await getPage(h, `/lists/gb/message/${p}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<div class="body html">');
    expect(page.html).toMatch(/<pre class="body">Bold &amp; &quot;quoted&quot; words\./);
    expect(page.html.match(/\/attachment\/\d+" download>/g)).toHaveLength(50);
    console.log('heaviest message page (bytes):', Buffer.byteLength(page.html));
    expect(Buffer.byteLength(page.html)).toBeLessThan(100 * 1024);
  });
});

describe('tacit group set --archive', () => {
  it('turns a public archive off, and the HTTP endpoint keeps /health and unsubscribe', async () => {
    await tacit(h, ['group', 'set', 'gb', '--archive', 'off']);
    expect((await getPage(h, '/lists')).html).not.toContain('United Kingdom');
    expect((await getPage(h, '/lists/gb')).status).toBe(404);
    const [row] = await h.ctx.sql`select archive from groups where slug = 'gb'`;
    expect(row!.archive).toBe('off');
    const bad = await tacit(h, ['group', 'set', 'gb', '--archive', 'everyone'], { allowFailure: true });
    expect(bad.code).not.toBe(0);
    expect((await fetch(`${localBase(h)}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${h.server.httpPort}/unsubscribe/1x1_${'0'.repeat(32)}`)).status).toBe(404);
  });
});
