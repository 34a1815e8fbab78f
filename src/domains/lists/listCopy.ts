import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../app/context.ts';
import type { OutboxRow } from '../../pipeline/outbound/compose.ts';
import { needsFromRewrite, rewriteFrom, storedPolicyFirst } from '../../shared/rules/dmarc.ts';
import { listHeaders, tagSubject } from '../../shared/rules/listHeaders.ts';
import { makeToken } from '../../shared/rules/tokens.ts';
import { dmarcPolicyLookup } from './dmarcCache.ts';
import {
  addressField,
  fieldValue,
  joinMessage,
  parseMailboxes,
  plainField,
  splitMessage,
  unstructuredField,
  type HeaderField,
} from './rawMessage.ts';

/**
 * Composes one member's copy of a list post: the author's message with its
 * body untouched, the subject tagged, From rewritten when the author's
 * domain would fail DMARC on a resent copy, the list's Reply-To policy, and
 * the RFC 2369/2919/8058 headers (List-Unsubscribe names this member).
 * Everything but the List-* block is prepared once per post and cached.
 */
export const LIST_COPY = 'list-copy';

interface PreparedPost {
  group: { id: number; slug: string; name: string };
  top: string[];
  kept: HeaderField[];
  body: Buffer;
}

// Dropped from the author's header: our own List-* set replaces theirs, trace
// fields of the inbound hop do not belong on a new delivery, signatures no
// longer verify once the subject is tagged, and nobody wants a read receipt
// from a whole list.
const DROPPED = new Set([
  'return-path', 'delivered-to', 'x-original-to', 'envelope-to',
  'list-id', 'list-post', 'list-help', 'list-unsubscribe', 'list-unsubscribe-post', 'list-owner',
  'list-subscribe', 'list-archive', 'precedence', 'x-precedence',
  'dkim-signature', 'arc-seal', 'arc-message-signature', 'arc-authentication-results',
  'bcc', 'errors-to', 'disposition-notification-to', 'return-receipt-to', 'x-confirm-reading-to',
  'subject',
]);

const prepared = new Map<number, Promise<PreparedPost>>();
const MAX_PREPARED = 8;

export async function composeListCopy(row: OutboxRow, ctx: Context): Promise<Mail.Options> {
  const postId = Number((row.params as { post?: number }).post);
  const post = await preparedPost(ctx, postId);
  const headers = listHeaders({
    list: post.group,
    domain: ctx.config.domain,
    publicUrl: ctx.config.publicUrl,
    unsubscribeToken: makeToken(ctx.secret, 'unsubscribe', [row.member_id ?? 0, post.group.id]),
  });
  const listLines = Object.entries(headers).map(([name, value]) => plainField(name, value));
  return { raw: joinMessage([...post.top, ...listLines, ...post.kept.map((f) => f.raw)], post.body) };
}

function preparedPost(ctx: Context, postId: number): Promise<PreparedPost> {
  let entry = prepared.get(postId);
  if (!entry) {
    if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value!);
    entry = preparePost(ctx, postId);
    entry.catch(() => prepared.delete(postId));
    prepared.set(postId, entry);
  }
  return entry;
}

async function preparePost(ctx: Context, postId: number): Promise<PreparedPost> {
  const [post] = await ctx.sql`
    select p.id, p.subject, p.author_email, p.author_name, p.message_id,
           g.id as group_id, g.slug, g.name, coalesce(g.reply_to, ${ctx.config.lists.replyTo}) as reply_to, m.raw, m.auth
    from list_posts p join groups g on g.id = p.group_id join inbound_messages m on m.id = p.inbound_message_id
    where p.id = ${postId}`;
  if (!post) throw new Error(`list post ${postId} not found`);
  const domain = ctx.config.domain;
  const listAddress = `${post.slug}@${domain}`;
  const { fields, body } = splitMessage(post.raw as Buffer);
  const replyToList = post.reply_to === 'list';
  const authorDomain = String(post.author_email).split('@')[1] ?? '';
  // The DMARC check made when the post arrived knows the author's policy; DNS is asked only when it does not.
  const policy = storedPolicyFirst(post.auth?.dmarc, dmarcPolicyLookup(ctx));
  const rewrite = await needsFromRewrite(authorDomain, policy, ctx.config.lists.dmarcMode);

  const top = [unstructuredField('Subject', tagSubject(post.subject, post.slug))];
  const replaced = new Set(DROPPED);
  if (rewrite) {
    const r = rewriteFrom({
      authorName: post.author_name,
      authorAddress: post.author_email,
      listName: post.name,
      listAddress,
      replyGoesToList: replyToList,
    });
    const cc = [...parseMailboxes(fieldValue(fields, 'cc') ?? ''), ...(r.cc ? parseMailboxes(r.cc) : [])];
    // The author's own Reply-To, if any, still says where they want answers.
    const replyTo = !replyToList && fieldValue(fields, 'reply-to') ? parseMailboxes(fieldValue(fields, 'reply-to')!) : parseMailboxes(r.replyTo);
    top.push(addressField('From', parseMailboxes(r.from)), addressField('Reply-To', replyTo));
    if (cc.length) top.push(addressField('Cc', cc));
    for (const name of ['from', 'reply-to', 'cc', 'sender']) replaced.add(name);
  } else if (replyToList) {
    top.push(addressField('Reply-To', [{ address: listAddress }]));
    replaced.add('reply-to');
  }
  if (!fields.some((f) => f.name === 'message-id')) top.push(`Message-ID: <tacit-post-${post.id}@${domain}>`);
  if (!fields.some((f) => f.name === 'date')) top.push(`Date: ${new Date().toUTCString().replace(/GMT$/, '+0000')}`);
  return {
    group: { id: post.group_id, slug: post.slug, name: post.name },
    top,
    kept: fields.filter((f) => !replaced.has(f.name)),
    body,
  };
}
