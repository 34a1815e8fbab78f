import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../shared/context.ts';
import type { ComposedMail, OutboxRow } from '../../pipeline/outbound/compose/compose.ts';
import type { ArcInput } from '../../pipeline/outbound/sign/signer.ts';
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
  arc: ArcInput;
  top: string[];
  kept: HeaderField[];
  body: Buffer;
}

// Dropped from the author's header: our own List-* set replaces theirs, trace
// fields of the inbound hop do not belong on a new delivery, and nobody wants
// a read receipt from a whole list. The author's DKIM-Signature is dropped
// too: it covers the Subject we tag, so it would only arrive broken (some
// filters score a broken signature); what it proved travels in our
// ARC-Authentication-Results, and the copy is signed by D.
const DROPPED = new Set([
  'return-path', 'delivered-to', 'x-original-to', 'envelope-to',
  'list-id', 'list-post', 'list-help', 'list-unsubscribe', 'list-unsubscribe-post', 'list-owner',
  'list-subscribe', 'list-archive', 'precedence', 'x-precedence',
  'dkim-signature',
  'bcc', 'errors-to', 'disposition-notification-to', 'return-receipt-to', 'x-confirm-reading-to',
  'subject',
]);

// An ARC chain that arrived is kept for our seal to extend (cv=pass, or cv=fail to end it); with none, stray ARC fields go.
const ARC_FIELDS = ['arc-seal', 'arc-message-signature', 'arc-authentication-results'];

function chainValidation(result: string | null | undefined): ArcInput['cv'] {
  if (result === 'pass') return 'pass';
  return result === 'fail' || result === 'permerror' ? 'fail' : 'none';
}

const prepared = new Map<number, Promise<PreparedPost>>();
const MAX_PREPARED = 8;

export async function composeListCopy(row: OutboxRow, ctx: Context): Promise<ComposedMail> {
  const postId = Number((row.params as { post?: number }).post);
  const post = await preparedPost(ctx, postId);
  const headers = listHeaders({
    list: post.group,
    domain: ctx.config.domain,
    publicUrl: ctx.config.publicUrl,
    unsubscribeToken: makeToken(ctx.secret, 'unsubscribe', [row.member_id ?? 0, post.group.id]),
  });
  const listLines = Object.entries(headers).map(([name, value]) => plainField(name, value));
  return { raw: joinMessage([...post.top, ...listLines, ...post.kept.map((f) => f.raw)], post.body), arc: post.arc };
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
           g.id as group_id, g.slug, g.name, coalesce(g.reply_to, ${ctx.config.lists.replyTo}) as reply_to, m.raw, m.auth,
           m.auth_results, m.auth->'arc'->>'result' as arc_result
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
  const cv = chainValidation(post.arc_result);
  if (cv === 'none') for (const name of ARC_FIELDS) replaced.add(name);
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
    arc: { authResults: (post.auth_results as string | null) ?? `${domain}; none`, cv },
    top,
    kept: fields.filter((f) => !replaced.has(f.name)),
    body,
  };
}
