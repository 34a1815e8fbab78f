import type { Context } from '../../shared/context.ts';
import { createConfirmation, type Confirmer } from '../confirmations/confirmations.ts';
import type { Queryable } from '../../shared/db/database.ts';
import { OutboxWriter, enqueueDeliveries } from '../../pipeline/outbound/outbox.ts';
import { takeNoticeBudget } from '../../pipeline/routing/answers/noticeBudget.ts';
import { takeReplyBudget } from '../../pipeline/routing/answers/replyBudget.ts';
import type { HandlerTools, InboundMail } from '../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import { roleHoldersUpTheTree } from '../org/members.ts';
import type { Group } from '../org/groups.ts';
import { fanOutPost, requestCopyDelivery } from './fanout.ts';
import { readerLocalTime, readerOf } from '../org/reader.ts';
import { translate } from '../../shared/i18n/catalogue.ts';

/**
 * Posts from non-members wait for a moderator. Each owner/moderator of the
 * list (or of the nearest ancestor that has some) gets a mail whose Reply-To
 * is a confirmation of their own: replying approves, replying "reject"
 * refuses. The first answer decides; a held post nobody decides expires
 * after HOLD_EXPIRY_HOURS with a notice to its sender.
 */
export const MODERATE_PURPOSE = 'moderate';
const EXCERPT_LINES = 40;

export interface HeldPost {
  id: number;
  group: Group;
  subject: string;
  bodyText: string;
  /** non-member: the sender is not on the list; policy: the list's posting policy asks for moderation. */
  reason: 'non-member' | 'policy';
}

export async function holdForModeration(mail: InboundMail, tools: HandlerTools, post: HeldPost): Promise<number> {
  const { tx, ctx, outbox } = tools;
  const moderators = await roleHoldersUpTheTree(tx, post.group.id, ['owner', 'moderator']);
  const expires = new Date(Date.now() + ctx.config.lists.holdExpiryHours * 3600_000);
  for (const moderator of moderators) {
    // A flood of held posts reaches each moderator as a few requests and one summary an hour.
    if (!(await takeNoticeBudget(tx, moderator.email, 'moderation-request'))) continue;
    const confirmation = await createConfirmation(tx, ctx, {
      purpose: MODERATE_PURPOSE,
      email: moderator.email,
      memberId: moderator.id,
      payload: { postId: post.id },
      ttlHours: ctx.config.lists.holdExpiryHours,
    });
    // Each moderator reads the request in their language, the expiry on their clock too.
    const reader = await readerOf(tx, moderator.email, post.group.slug);
    await outbox.queue({
      kind: 'moderation-request',
      recipient: moderator.email,
      memberId: moderator.id,
      params: {
        data: {
          lang: reader.lang,
          list: post.group.slug,
          listAddress: `${post.group.slug}@${ctx.config.domain}`,
          listName: post.group.name,
          author: mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from || '(no From)',
          postSubject: post.subject,
          excerpt: excerpt(post.bodyText),
          expires,
          expiresLocal: readerLocalTime(reader, expires),
          confirmAddress: confirmation.address,
          byPolicy: post.reason === 'policy',
        },
        replyTo: confirmation.address,
        from: `"${post.group.slug} moderation" <${post.group.slug}-owner@${ctx.config.domain}>`,
      },
      dedupeKey: `moderate:${post.id}:${moderator.id}`,
    });
  }
  // The sender reads the notice in their language; a stranger in the list's.
  const reader = await readerOf(tx, mail.from, post.group.slug);
  await replyToSender(mail, tools, 'post-held', {
    lang: reader.lang,
    list: post.group.slug,
    listAddress: `${post.group.slug}@${ctx.config.domain}`,
    expires,
    expiresLocal: readerLocalTime(reader, expires),
    hasModerators: moderators.length > 0,
    moderators: moderators.length > 0 ? 'yes' : 'no',
    byPolicy: post.reason === 'policy',
    policy: post.reason === 'policy' ? 'yes' : 'no',
  });
  return moderators.length;
}

function excerpt(text: string): string {
  const lines = text.split('\n');
  return lines.slice(0, EXCERPT_LINES).join('\n') + (lines.length > EXCERPT_LINES ? '\n[…]' : '');
}

/** A notice to the author of a post that will not be distributed (rejected or expired), rate-limited. */
async function tellAuthor(db: Queryable, ctx: Context, outbox: OutboxWriter, post: Record<string, any>, template: string, data: Record<string, unknown>) {
  if (!post.author_email || !(await takeReplyBudget(db, post.author_email))) return;
  const { lang } = await readerOf(db, post.author_email, post.slug);
  await outbox.queue({
    kind: template,
    recipient: post.author_email,
    params: { data: { ...data, lang, list: post.slug, listAddress: `${post.slug}@${ctx.config.domain}`, subject: post.subject } },
    inReplyTo: post.message_id,
    dedupeKey: `${template}:${post.id}`,
  });
}

/** An owner's answer to a held post: approve (distribute) or, with "cancel", reject it. */
export const confirmModeration: Confirmer = async (confirmation, decision, mail, tools) => {
  const { tx } = tools;
  const [post] = await tx`
    select p.id, p.state, p.hold_reason, p.group_id, p.subject, p.author_email, p.message_id, p.decided_by, g.slug
    from list_posts p join groups g on g.id = p.group_id
    where p.id = ${confirmation.payload.postId} for update of p`;
  if (!post) return { outcome: 'held post gone' };
  const { lang } = await readerOf(tx, confirmation.email, post.slug);
  const about = { lang, list: post.slug, listAddress: `${post.slug}@${tools.ctx.config.domain}`, postSubject: post.subject };
  if (post.state !== 'held') {
    const alreadyState = translate(lang, 'modres.state', { state: post.state });
    await replyToSender(mail, tools, 'moderation-result', { ...about, already: post.state, alreadyState, by: post.decided_by });
    return { outcome: `post ${post.id} already ${post.state}` };
  }
  const by = confirmation.email;
  if (decision === 'cancel' || post.hold_reason === 'loop') {
    await tx`update list_posts set state = 'rejected', decided_at = now(), decided_by = ${by} where id = ${post.id}`;
    await tellAuthor(tx, tools.ctx, tools.outbox, post, 'post-rejected', {});
    await replyToSender(mail, tools, 'moderation-result', { ...about, rejected: true });
    return { outcome: `post ${post.id} rejected by ${by}` };
  }
  await tx`update list_posts set decided_at = now(), decided_by = ${by} where id = ${post.id}`;
  const copies = await fanOutPost(tx, post.id, post.group_id);
  await requestCopyDelivery(tools.ctx, post.id);
  await replyToSender(mail, tools, 'moderation-result', { ...about, approved: true, copies, copiesText: String(copies) });
  return { outcome: `post ${post.id} approved by ${by}: ${copies} copies` };
};

/** Expires held posts past HOLD_EXPIRY_HOURS, telling their senders (loops expire silently). Returns how many. */
export async function expireHeldPosts(ctx: Context): Promise<number> {
  let ids: number[] = [];
  const expired = await ctx.sql.begin(async (tx) => {
    const rows = await tx`
      update list_posts p set state = 'expired', decided_at = now()
      from groups g
      where g.id = p.group_id and p.state = 'held'
        and p.created_at < now() - make_interval(hours => ${ctx.config.lists.holdExpiryHours})
      returning p.id, p.hold_reason, p.subject, p.author_email, p.message_id, g.slug`;
    const outbox = new OutboxWriter(tx);
    for (const post of rows) {
      if (post.hold_reason !== 'loop') await tellAuthor(tx, ctx, outbox, post, 'post-expired', {});
    }
    ids = outbox.ids;
    return rows.length;
  });
  await enqueueDeliveries(ctx.queues, ids);
  return expired;
}
