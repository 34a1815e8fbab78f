import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import type { Context } from '../../shared/context.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import { htmlToPlainText } from '../../reading/newText/replyText.ts';
import { mayShowAddresses, type Viewer } from '../rules/access.ts';
import { MAX_ATTACHMENT_BYTES, attachmentDisposition, servedAs, textCharset } from '../rules/attachment.ts';
import { clipWithNote } from '../rules/budget.ts';
import { postHtml } from '../rules/postHtml.ts';
import { personLabel, redact, removeTokens } from '../rules/redact.ts';
import type { ArchiveList } from './archive.ts';
import { readerTime, type Reader } from './reader.ts';

/**
 * One archived message: its page (the sanitised HTML when the post has
 * HTML that can be shown safely, else its text; attachments listed) and
 * its attachments, served one by one to those who may read the page.
 */
// With 50 attachments listed (about 500 bytes each) and the frame, the page stays under 100 KB.
const MESSAGE_BUDGET = 65_000;
const MAX_ATTACHMENTS = 50;

async function loadPost(ctx: Context, list: ArchiveList, postId: number) {
  const [post] = await ctx.sql`
    select p.id, p.subject, p.author_name, p.author_email, p.distributed_at, m.raw
    from list_posts p join inbound_messages m on m.id = p.inbound_message_id
    where p.id = ${postId} and p.group_id = ${list.id} and p.state = 'distributed'`;
  if (!post) return null;
  const parsed = await simpleParser(post.raw as Buffer, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  return { post, parsed };
}

/** The attachments a page lists, in order: the N of `/attachment/N` counts from 1 in this list. */
function listed(parsed: ParsedMail): Attachment[] {
  return parsed.attachments.filter((a) => a.contentDisposition === 'attachment' || a.filename).slice(0, MAX_ATTACHMENTS);
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** One message: headers people read, the body, and the attachments by name. */
export async function messagePage(ctx: Context, list: ArchiveList, viewer: Viewer | null, reader: Reader, postId: number, base: string) {
  const loaded = await loadPost(ctx, list, postId);
  if (!loaded) return null;
  const { post, parsed } = loaded;
  const show = mayShowAddresses(viewer, list.id);
  const options = { tacitDomain: ctx.config.domain, showAddresses: show };
  const clean = (s: string) => redact(s, options);
  const html = typeof parsed.html === 'string' ? postHtml(parsed.html, { ...options, budgetBytes: MESSAGE_BUDGET }) : null;
  const text = parsed.text ?? (typeof parsed.html === 'string' ? htmlToPlainText(parsed.html) : '');
  const href = `${base}/lists/${list.slug}/message/${post.id}`;
  return {
    subject: clipWithNote(clean(post.subject || translate(reader.lang, 'web.message.noSubject')), 500),
    author: clipWithNote(clean(personLabel(post.author_name, post.author_email, show)), 200),
    address: show ? removeTokens(post.author_email) : null,
    date: readerTime(post.distributed_at, reader),
    html,
    body: html === null ? clipWithNote(clean(text.replace(/\r\n/g, '\n').trim()), MESSAGE_BUDGET) : null,
    attachments: listed(parsed).map((a, i) => ({
      name: clipWithNote(clean(a.filename ?? translate(reader.lang, 'web.message.unnamed')), 200),
      type: clipWithNote(a.contentType, 100),
      size: formatSize(a.size),
      href: a.size <= MAX_ATTACHMENT_BYTES ? `${href}/attachment/${i + 1}` : null,
    })),
    maxAttachment: formatSize(MAX_ATTACHMENT_BYTES),
    thread: `${base}/lists/${list.slug}/thread/${post.id}`,
    month: `${base}/lists/${list.slug}/${new Date(post.distributed_at).toISOString().slice(0, 7)}`,
  };
}

function charsetOf(a: Attachment): string | undefined {
  const header = a.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  return header?.params?.charset;
}

export interface ServedAttachment {
  type: string;
  disposition: string;
  body: Buffer;
}

/**
 * Attachment N of a message, for a viewer who may read the message; null
 * when there is no such attachment or it is past the size served here.
 * Text is decoded and redacted like the page; other content is served as is.
 */
export async function messageAttachment(ctx: Context, list: ArchiveList, viewer: Viewer | null, postId: number, n: number): Promise<ServedAttachment | null> {
  const loaded = await loadPost(ctx, list, postId);
  const a = loaded ? listed(loaded.parsed)[n - 1] : undefined;
  if (!a || a.size > MAX_ATTACHMENT_BYTES) return null;
  const options = { tacitDomain: ctx.config.domain, showAddresses: mayShowAddresses(viewer, list.id) };
  const as = servedAs(a.contentType);
  const body = as.text ? Buffer.from(redact(new TextDecoder(textCharset(charsetOf(a))).decode(a.content), options), 'utf8') : a.content;
  return { type: as.type, disposition: attachmentDisposition(redact(a.filename ?? '', options)), body };
}
