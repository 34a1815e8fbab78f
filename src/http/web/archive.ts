import { simpleParser, type AddressObject } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../shared/context.ts';
import { threadSubject } from '../../domains/digests/digestContent.ts';
import { canDownloadMbox, canReadArchive, mayShowAddresses, type ListAccess, type Viewer } from '../rules/access.ts';
import { mboxEntry } from '../rules/mbox.ts';
import { clipWithNote, pageWindow } from '../rules/budget.ts';
import { personLabel, redact, removeTokens } from '../rules/redact.ts';
import { pager } from './pager.ts';
import { readerTime, type Reader } from './reader.ts';

/**
 * List archives: the distributed posts of a list by month and thread, one
 * page per message (message.ts), and an mbox per month for members.
 * Thread pages show each post's text.
 */
export interface ArchiveList extends ListAccess {
  slug: string;
  name: string;
}

const MBOX_BATCH = 20;
// Page sizes and text budgets that keep every page under 100 KB.
const LISTS_PAGE = 200;
const THREADS_PAGE = 100;
const POSTS_PAGE = 20;
const POST_BUDGET = 3_000;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function findArchiveList(ctx: Context, viewer: Viewer | null, slug: string): Promise<ArchiveList | null> {
  const [g] = await ctx.sql<ArchiveList[]>`select id, slug, name, archive, decisions from groups where slug = ${slug.toLowerCase()}`;
  return g && canReadArchive(viewer, g) ? g : null;
}

/** The lists whose archive the viewer may read; the others are not named at all. */
export async function visibleLists(ctx: Context, viewer: Viewer | null, base: string, page: number) {
  const { offset, limit } = pageWindow(page, LISTS_PAGE);
  const groups = viewer ? [...viewer.groupIds] : [];
  const rows = await ctx.sql`
    select g.id, g.slug, g.name, g.archive, g.decisions,
           (select count(*)::int from list_posts p where p.group_id = g.id and p.state = 'distributed') as posts
    from groups g
    where g.archive = 'public' or (g.archive = 'members' and g.id = any(${groups}::int[]))
    order by g.slug offset ${offset} limit ${limit}`;
  const lists = rows
    .slice(0, LISTS_PAGE)
    .filter((g) => canReadArchive(viewer, { id: g.id, archive: g.archive, decisions: g.decisions }))
    .map((g) => ({ slug: g.slug, name: clipWithNote(g.name, 200), posts: g.posts, href: `${base}/lists/${g.slug}`, public: g.archive === 'public' }));
  return { lists, pager: pager(`${base}/lists`, page, rows.length > LISTS_PAGE) };
}

export async function listMonths(ctx: Context, list: ArchiveList, viewer: Viewer | null, base: string) {
  const rows = await ctx.sql`
    select to_char(date_trunc('month', distributed_at), 'YYYY-MM') as month, count(*)::int as posts
    from list_posts where group_id = ${list.id} and state = 'distributed'
    group by 1 order by 1 desc`;
  const mbox = canDownloadMbox(viewer, list);
  return rows.map((r) => ({
    month: r.month,
    posts: r.posts,
    href: `${base}/lists/${list.slug}/${r.month}`,
    mbox: mbox ? `${base}/lists/${list.slug}/${r.month}.mbox` : null,
  }));
}

function monthRange(month: string): [Date, Date] | null {
  if (!MONTH_RE.test(month)) return null;
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 1))];
}

/** The threads that had posts in a month, in order of their first post. */
export async function monthThreads(ctx: Context, list: ArchiveList, viewer: Viewer | null, reader: Reader, month: string, base: string, page: number) {
  const range = monthRange(month);
  if (!range) return null;
  const posts = await ctx.sql`
    select id, subject, author_name, author_email, distributed_at from list_posts
    where group_id = ${list.id} and state = 'distributed' and distributed_at >= ${range[0]} and distributed_at < ${range[1]}
    order by distributed_at, id`;
  const show = mayShowAddresses(viewer, list.id);
  const clean = (s: string) => redact(s, { tacitDomain: ctx.config.domain, showAddresses: show });
  const threads = new Map<string, { subject: string; href: string; posts: number; last: string; authors: Set<string> }>();
  for (const p of posts) {
    const subject = threadSubject(p.subject);
    let t = threads.get(subject);
    if (!t) threads.set(subject, (t = { subject, href: `${base}/lists/${list.slug}/thread/${p.id}`, posts: 0, last: '', authors: new Set() }));
    t.posts += 1;
    t.last = readerTime(p.distributed_at, reader);
    t.authors.add(personLabel(p.author_name, p.author_email, show));
  }
  const { offset } = pageWindow(page, THREADS_PAGE);
  const all = [...threads.values()];
  return {
    threads: all.slice(offset, offset + THREADS_PAGE).map((t) => ({
      ...t,
      subject: clipWithNote(clean(t.subject), 300),
      authors: clipWithNote(clean([...t.authors].join(', ')), 300),
    })),
    pager: pager(`${base}/lists/${list.slug}/${month}`, page, all.length > offset + THREADS_PAGE),
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every post of the thread that post `postId` belongs to (same subject once Re:/[tag] are removed). */
export async function threadPosts(ctx: Context, list: ArchiveList, viewer: Viewer | null, reader: Reader, postId: number, base: string, page: number) {
  const [first] = await ctx.sql`select subject from list_posts where id = ${postId} and group_id = ${list.id} and state = 'distributed'`;
  if (!first) return null;
  const subject = threadSubject(first.subject);
  const candidates = await ctx.sql`
    select id, subject, author_name, author_email, distributed_at, body_text from list_posts
    where group_id = ${list.id} and state = 'distributed' and subject ilike ${`%${escapeLike(subject)}%`}
    order by distributed_at, id limit 5000`;
  const show = mayShowAddresses(viewer, list.id);
  const clean = (s: string) => redact(s, { tacitDomain: ctx.config.domain, showAddresses: show });
  const posts = candidates.filter((p) => threadSubject(p.subject) === subject);
  const { offset } = pageWindow(page, POSTS_PAGE);
  return {
    subject: clipWithNote(clean(subject), 500),
    posts: posts.slice(offset, offset + POSTS_PAGE).map((p) => ({
      href: `${base}/lists/${list.slug}/message/${p.id}`,
      author: clipWithNote(clean(personLabel(p.author_name, p.author_email, show)), 200),
      date: readerTime(p.distributed_at, reader),
      body: clipWithNote(clean(p.body_text), POST_BUDGET),
    })),
    pager: pager(`${base}/lists/${list.slug}/thread/${postId}`, page, posts.length > offset + POSTS_PAGE),
  };
}

/**
 * A month of a list as mbox, for its members. Each message is rebuilt from
 * its parsed parts with address tokens removed: a token inside a
 * quoted-printable or base64 part cannot be found in the raw bytes.
 * Null when the month is malformed.
 */
export async function monthMbox(ctx: Context, list: ArchiveList, month: string): Promise<string | null> {
  const range = monthRange(month);
  if (!range) return null;
  const ids = await ctx.sql`
    select id from list_posts
    where group_id = ${list.id} and state = 'distributed' and distributed_at >= ${range[0]} and distributed_at < ${range[1]}
    order by distributed_at, id`;
  const entries: string[] = [];
  // In batches: a month of a busy list is not loaded at once.
  for (let i = 0; i < ids.length; i += MBOX_BATCH) {
    const batch = ids.slice(i, i + MBOX_BATCH).map((r) => Number(r.id));
    const rows = await ctx.sql`
      select p.author_email, p.distributed_at, m.raw
      from list_posts p join inbound_messages m on m.id = p.inbound_message_id
      where p.id = any(${batch}::bigint[]) order by p.distributed_at, p.id`;
    for (const r of rows) {
      const clean = await withoutTokens(r.raw as Buffer);
      entries.push(mboxEntry(clean.toString('latin1'), r.author_email, new Date(r.distributed_at)));
    }
  }
  return entries.join('');
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined;
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

async function withoutTokens(raw: Buffer): Promise<Buffer> {
  const p = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  const message: Mail.Options = {
    from: addressText(p.from),
    to: addressText(p.to),
    cc: addressText(p.cc),
    subject: removeTokens(p.subject ?? ''),
    date: p.date,
    messageId: p.messageId,
    inReplyTo: p.inReplyTo,
    references: p.references,
    text: p.text === undefined ? undefined : removeTokens(p.text),
    html: typeof p.html === 'string' ? removeTokens(p.html) : undefined,
    attachments: p.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      cid: a.cid,
      contentDisposition: a.contentDisposition === 'inline' ? 'inline' : 'attachment',
    })),
  };
  return new MailComposer(message).compile().build();
}
