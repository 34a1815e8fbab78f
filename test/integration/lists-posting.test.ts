import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { expireHeldPosts } from '../../src/domains/lists/moderation.ts';
import { addMember, header, headerCount, mailsTo, makeOwner, nthMailTo, replyTo, routed, standardOrg } from '../helpers/lists.ts';

const exec = promisify(execFile);
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { PUBLIC_URL: 'https://lists.example.org', HTTP_PORT: '0', DMARC_MODE: 'never', LIST_REPLY_TO: 'author' } });
  await standardOrg(h);
  const london = { country: 'GB', city: 'London' };
  await addMember(h, 'alice@example.org', { name: 'Alice Smith', ...london });
  await addMember(h, 'erin@example.org', { name: 'Erin', ...london });
  await addMember(h, 'bob@example.org', { name: 'Bob', ...london });
  await addMember(h, 'carol@example.org', { name: 'Carol', ...london });
  await addMember(h, 'dave@example.org', { name: 'Dave', ...london });
  const sql = h.ctx.sql;
  const london_ = sql`(select id from groups where slug = 'gb-london')`;
  await sql`update memberships set mode = 'digest' where group_id = ${london_} and member_id = (select id from members where email = 'bob@example.org')`;
  await sql`update memberships set mode = 'nomail' where group_id = ${london_} and member_id = (select id from members where email = 'carol@example.org')`;
  await sql`update members set delivery_disabled_at = now() where email = 'dave@example.org'`;
  await makeOwner(h, 'olga@example.org', 'gb-london');
  await makeOwner(h, 'milo@example.org', 'gb-london', 'moderator');
});
afterAll(async () => {
  await h?.close();
});

async function copiesOf(messageId: string) {
  return h.ctx.sql`
    select o.recipient, o.state from outbox o join list_posts p on p.id = o.list_post_id
    where p.message_id = ${messageId} order by o.recipient`;
}

describe('a member\'s post', () => {
  let copy: Awaited<ReturnType<typeof nthMailTo>>;

  it('is stored and sent to every immediate-mode member (not digest, nomail or disabled ones)', async () => {
    await h.send({
      from: '"Alice Smith" <alice@example.org>',
      to: `gb-london@${h.domain}`,
      subject: 'Meeting on Thursday',
      text: 'Shall we meet at the library?\n\nAlice',
      html: '<p>Shall we meet at the <b>library</b>?</p>',
      messageId: '<post-1@example.org>',
    });
    expect((await routed(h, '<post-1@example.org>')).outcome).toMatch(/^post \d+ distributed: 2 copies$/);
    copy = await nthMailTo(h, 'erin@example.org', 1);
    await nthMailTo(h, 'alice@example.org', 1);
    expect(await copiesOf('<post-1@example.org>')).toEqual([
      { recipient: 'alice@example.org', state: 'sent' },
      { recipient: 'erin@example.org', state: 'sent' },
    ]);
    const [stored] = await h.ctx.sql`select state, author_email, body_text from list_posts where message_id = '<post-1@example.org>'`;
    expect(stored).toEqual({ state: 'distributed', author_email: 'alice@example.org', body_text: 'Shall we meet at the library?\n\nAlice' });
    for (const other of ['bob@example.org', 'carol@example.org', 'dave@example.org', 'olga@example.org', 'milo@example.org']) {
      expect(await mailsTo(h, other)).toEqual([]);
    }
  });

  it('carries the list headers, the subject tag, the author\'s From and Message-ID, and a VERP envelope', async () => {
    const raw = copy.raw;
    expect(header(raw, 'Return-Path')).toMatch(/^<bounces\+\d+_[0-9a-f]{32}@tacit\.localhost>$/);
    expect(header(raw, 'List-Id')).toBe('"London" <gb-london.tacit.localhost>');
    expect(header(raw, 'List-Post')).toBe('<mailto:gb-london@tacit.localhost>');
    expect(header(raw, 'List-Help')).toBe('<mailto:gb-london-request@tacit.localhost?subject=help>');
    expect(header(raw, 'List-Unsubscribe')).toMatch(
      /^<https:\/\/lists\.example\.org\/unsubscribe\/\d+x\d+_[0-9a-f]{32}>, <mailto:gb-london-request@tacit\.localhost\?subject=unsubscribe%20gb-london>$/,
    );
    expect(header(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(raw, 'Precedence')).toBe('list');
    expect(header(raw, 'X-Loop')).toBe('gb-london@tacit.localhost');
    expect(header(raw, 'Subject')).toBe('[gb-london] Meeting on Thursday');
    expect(header(raw, 'From')).toBe('Alice Smith <alice@example.org>');
    expect(header(raw, 'Reply-To')).toBeUndefined(); // LIST_REPLY_TO=author leaves it alone
    expect(header(raw, 'Message-ID')).toBe('<post-1@example.org>');
    expect(headerCount(raw, 'Subject')).toBe(1);
    // The body (both MIME parts) is the author's, untouched.
    expect(copy.parsed.text?.trim()).toBe('Shall we meet at the library?\n\nAlice');
    expect(copy.parsed.html).toContain('<b>library</b>');
    // Each member's unsubscribe link is their own.
    const alice = await nthMailTo(h, 'alice@example.org', 1);
    expect(header(alice.raw, 'List-Unsubscribe')).not.toBe(header(raw, 'List-Unsubscribe'));
  });

  it('a reply keeps one tag ("Re: [gb-london] …"), and the list\'s Reply-To policy applies', async () => {
    await setGroupSettings(h.ctx.sql, 'gb-london', { replyTo: 'list' });
    await h.send({
      from: 'erin@example.org',
      to: `gb-london@${h.domain}`,
      subject: 'Re: [gb-london] Meeting on Thursday',
      text: 'Yes!',
      inReplyTo: '<post-1@example.org>',
      references: '<post-1@example.org>',
      messageId: '<post-2@example.org>',
    });
    const reply = await nthMailTo(h, 'alice@example.org', 2);
    expect(header(reply.raw, 'Subject')).toBe('Re: [gb-london] Meeting on Thursday');
    expect(header(reply.raw, 'Reply-To')).toBe('<gb-london@tacit.localhost>');
    expect(header(reply.raw, 'In-Reply-To')).toBe('<post-1@example.org>');
    await setGroupSettings(h.ctx.sql, 'gb-london', { replyTo: 'default' });
  });

  it('a post that already carries this list\'s headers is held as a loop and never resent', async () => {
    const before = (await mailsTo(h, 'alice@example.org')).length;
    await h.send({
      from: 'erin@example.org',
      to: `gb-london@${h.domain}`,
      subject: '[gb-london] Meeting on Thursday',
      text: 'echo',
      headers: { 'List-Post': '<mailto:gb-london@tacit.localhost>', 'X-Loop': 'gb-london@tacit.localhost' },
      messageId: '<loop-1@example.org>',
    });
    const row = await routed(h, '<loop-1@example.org>');
    expect(row.state).toBe('held');
    expect(row.outcome).toContain('loop');
    const [post] = await h.ctx.sql`select state, hold_reason from list_posts where message_id = '<loop-1@example.org>'`;
    expect(post).toEqual({ state: 'held', hold_reason: 'loop' });
    expect(await copiesOf('<loop-1@example.org>')).toEqual([]);
    // Nobody is asked about a loop, and the sender is not answered.
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from outbox where kind in ('moderation-request', 'post-held') and params::text like '%loop-1%'`;
    expect(n).toBe(0);
    expect((await mailsTo(h, 'alice@example.org')).length).toBe(before);
  });
});

describe('moderation', () => {
  it('a non-member\'s post is held; the owner approves it by reply; it is then sent', async () => {
    await h.send({ from: '"Nina" <nina@example.net>', to: `gb-london@${h.domain}`, subject: 'Hello London', text: 'I would like to join you.', messageId: '<nm-1@example.net>' });
    const row = await routed(h, '<nm-1@example.net>');
    expect(row.state).toBe('held');
    const notice = await nthMailTo(h, 'nina@example.net', 1);
    expect(notice.parsed.text).toContain('has not been sent to the list yet');
    const ask = await nthMailTo(h, 'olga@example.org', 1);
    expect(ask.parsed.subject).toBe('[gb-london] Held for moderation: Hello London');
    expect(ask.parsed.text).toContain('From:    Nina <nina@example.net>');
    expect(ask.parsed.text).toContain('I would like to join you.');
    expect(await copiesOf('<nm-1@example.net>')).toEqual([]);

    await replyTo(h, ask, 'olga@example.org', 'approve', '<olga-approve@example.org>');
    const copy = await waitFor(async () => (await mailsTo(h, 'erin@example.org')).find((m) => m.parsed.messageId === '<nm-1@example.net>'));
    expect(header(copy.raw, 'Subject')).toBe('[gb-london] Hello London');
    const done = await nthMailTo(h, 'olga@example.org', 2);
    expect(done.parsed.text).toContain('Approved: "Hello London" has been sent');
    const [post] = await h.ctx.sql`select state, decided_by from list_posts where message_id = '<nm-1@example.net>'`;
    expect(post).toEqual({ state: 'distributed', decided_by: 'olga@example.org' });

    // The other moderator's later answer changes nothing.
    const milosAsk = await nthMailTo(h, 'milo@example.org', 1);
    await replyTo(h, milosAsk, 'milo@example.org', 'reject', '<milo-late@example.org>');
    expect((await nthMailTo(h, 'milo@example.org', 2)).parsed.text).toContain('was already distributed (by olga@example.org)');
    expect((await h.ctx.sql`select state from list_posts where message_id = '<nm-1@example.net>'`)[0]!.state).toBe('distributed');
  });

  it('"reject" refuses the post and tells its sender', async () => {
    await h.send({ from: 'spam@example.net', to: `gb-london@${h.domain}`, subject: 'Buy now', text: 'cheap', messageId: '<nm-2@example.net>' });
    const ask = await waitFor(async () => (await mailsTo(h, 'olga@example.org')).find((m) => m.parsed.subject?.includes('Buy now')));
    await replyTo(h, ask, 'olga@example.org', 'reject');
    const told = await nthMailTo(h, 'spam@example.net', 2);
    expect(told.parsed.text).toContain('did not approve your message');
    expect(await copiesOf('<nm-2@example.net>')).toEqual([]);
  });

  it('a held post nobody decides expires with a notice to the sender', async () => {
    await h.send({ from: 'late@example.net', to: `gb-london@${h.domain}`, subject: 'Anyone?', text: 'hi', messageId: '<nm-3@example.net>' });
    await routed(h, '<nm-3@example.net>');
    expect(await expireHeldPosts(h.ctx)).toBe(0); // not yet
    await h.ctx.sql`update list_posts set created_at = now() - interval '8 days' where message_id = '<nm-3@example.net>'`;
    expect(await expireHeldPosts(h.ctx)).toBe(1);
    expect(await expireHeldPosts(h.ctx)).toBe(0); // once
    const told = await nthMailTo(h, 'late@example.net', 2);
    expect(told.parsed.text).toContain('waited for a moderator\nfor too long and has expired');
    const [post] = await h.ctx.sql`select state from list_posts where message_id = '<nm-3@example.net>'`;
    expect(post.state).toBe('expired');
  });
});

describe('LIST-owner@ and postmaster@', () => {
  it('LIST-owner@ reaches the owners unchanged, with X-Loop on top; a forward that comes back is dropped', async () => {
    const before = (await mailsTo(h, 'olga@example.org')).length;
    await h.send({ from: 'visitor@example.net', to: `gb-london-owner@${h.domain}`, subject: 'A question', text: 'Who runs this?', messageId: '<own-1@example.net>' });
    const fwd = await nthMailTo(h, 'olga@example.org', before + 1);
    expect(fwd.raw).toMatch(/^Return-Path: <bounces\+\d+_[0-9a-f]{32}@tacit\.localhost>\r\nDelivered-To: olga@example\.org\r\n(?:DKIM-Signature: .*\r\n(?:[ \t].*\r\n)*)X-Loop: gb-london-owner@tacit\.localhost\r\n/);
    expect(fwd.parsed.from?.value[0]?.address).toBe('visitor@example.net');
    expect(fwd.parsed.messageId).toBe('<own-1@example.net>');
    expect(fwd.parsed.text?.trim()).toBe('Who runs this?');
    // Milo moderates but does not own the list.
    expect((await mailsTo(h, 'milo@example.org')).some((m) => m.parsed.messageId === '<own-1@example.net>')).toBe(false);

    await h.send({ from: 'olga@example.org', to: `gb-london-owner@${h.domain}`, subject: 'A question', text: 'x', headers: { 'X-Loop': 'gb-london-owner@tacit.localhost' }, messageId: '<own-2@example.net>' });
    expect((await routed(h, '<own-2@example.net>')).outcome).toBe('looped mail to gb-london-owner@tacit.localhost dropped');
  });

  it('postmaster@ with no owner of the international list is kept for the operators, unanswered', async () => {
    await h.send({ from: 'someone@example.net', to: `postmaster@${h.domain}`, subject: 'Abuse report', text: 'spam from you', messageId: '<pm-1@example.net>' });
    const row = await routed(h, '<pm-1@example.net>');
    expect(row).toEqual({ state: 'held', outcome: 'postmaster mail kept for operators (no international owner)' });
    expect(await h.ctx.sql`select 1 from outbox where recipient = 'someone@example.net'`).toHaveLength(0);
  });
});

describe('the HTTP endpoint', () => {
  it('answers /health', async () => {
    const res = await fetch(`http://127.0.0.1:${h.server.httpPort}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: true, redis: true });
  });

  it('RFC 8058 one-click: GET only shows a button, POST unsubscribes, a forged token is refused', async () => {
    const copy = await nthMailTo(h, 'erin@example.org', 1);
    const link = /<(https:[^>]+)>/.exec(header(copy.raw, 'List-Unsubscribe')!)![1]!;
    const local = link.replace('https://lists.example.org', `http://127.0.0.1:${h.server.httpPort}`);
    const onLondon = async () =>
      (await h.ctx.sql`select 1 from memberships where group_id = (select id from groups where slug = 'gb-london')
                       and member_id = (select id from members where email = 'erin@example.org')`).length;

    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect(await onLondon()).toBe(1);

    const forged = await fetch(local.replace(/_[0-9a-f]{4}/, '_0000'), { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(forged.status).toBe(404);
    expect(await onLondon()).toBe(1);

    const res = await fetch(local, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('erin@example.org is no longer on gb-london@tacit.localhost');
    expect(await onLondon()).toBe(0);
    expect((await fetch(local, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200); // idempotent
  });
});

describe('posts in a burst', () => {
  it('20 posts over 4 parallel sessions (Postfix smtp-source): each stored once, each member gets each post once', async () => {
    await h.ctx.sql`insert into groups (slug, name, level) values ('burst', 'Burst', 'list')`;
    for (const email of ['b1@example.org', 'b2@example.org', 'b3@example.org']) await addMember(h, email, { lists: ['burst'] });
    await exec('smtp-source', ['-m', '20', '-s', '4', '-f', 'b1@example.org', '-t', `burst@${h.domain}`, '-S', 'burst post', `127.0.0.1:${h.server.smtpPort}`], { timeout: 30_000 });
    await waitFor(async () => {
      const [row] = await h.ctx.sql`
        select count(distinct p.id)::int as posts, count(o.id) filter (where o.state = 'sent')::int as sent
        from list_posts p join groups g on g.id = p.group_id left join outbox o on o.list_post_id = p.id where g.slug = 'burst'`;
      return row.posts === 20 && row.sent === 60;
    }, 30_000, '20 posts, 60 copies sent');
    for (const email of ['b1@example.org', 'b2@example.org', 'b3@example.org']) {
      const copies = await mailsTo(h, email);
      expect(copies).toHaveLength(20);
      expect(new Set(copies.map((c) => c.parsed.messageId)).size).toBe(20);
      expect(copies.every((c) => header(c.raw, 'Subject') === '[burst] burst post')).toBe(true);
    }
  });
});

describe('fan-out at size', () => {
  it('writes 1,200 copies with one statement and streams them into delivery jobs in batches', async () => {
    const sql = h.ctx.sql;
    await sql`insert into groups (slug, name, level) values ('big', 'Big list', 'list')`;
    await sql`
      insert into members (email, name) select 'm' || i || '@big.example.org', 'M' || i from generate_series(1, 1200) i`;
    await sql`
      insert into memberships (group_id, member_id) select (select id from groups where slug = 'big'), id from members where email like '%@big.example.org'`;
    await h.send({ from: 'm1@big.example.org', to: `big@${h.domain}`, subject: 'To everyone', text: 'Hello all', messageId: '<big-1@example.org>' });
    await waitFor(async () => {
      const [row] = await sql`select count(*) filter (where o.state = 'sent')::int as sent, count(*)::int as total
                              from outbox o join list_posts p on p.id = o.list_post_id where p.message_id = '<big-1@example.org>'`;
      return row.total === 1200 && row.sent === 1200;
    }, 60_000, '1200 copies sent');
    expect(await mailsTo(h, 'm1200@big.example.org')).toHaveLength(1);
  });
});
