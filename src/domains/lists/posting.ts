import { bodyTextOf } from '../../reading/newText/replyText.ts';
import { isLoop } from '../../shared/rules/listHeaders.ts';
import type { Handler, HandlerTools, InboundMail } from '../../pipeline/routing/inboundMail.ts';
import { findGroup, type Group } from '../org/groups.ts';
import { findMemberByAddress, hasRole, membershipOf, type Member } from '../org/members.ts';
import { fanOutPost, requestCopyDelivery } from './fanout.ts';
import { holdForModeration } from './moderation.ts';

/**
 * LIST@D: a post. Machine mail is never resent; a post that has already been
 * through this list is held (a loop); posts from anyone who is not on the
 * list (nor its owner or moderator) wait for moderation; the rest are stored
 * and their copies written for every immediate-mode member at once.
 * Digest-mode members read the stored post in their digest.
 */
const MAX_BODY_TEXT = 200_000;

export const listHandler: Handler = async (mail, tools) => {
  if (mail.address.kind !== 'list') return { outcome: 'not a list address' };
  if (mail.kind !== 'ordinary') return { outcome: `${mail.kind} to ${mail.address.list} dropped` };
  const { tx, ctx } = tools;
  const group = await findGroup(tx, mail.address.list);
  if (!group) return { outcome: `no list ${mail.address.list}` };

  const loop = isLoop(mail.headers, group.slug, ctx.config.domain);
  // A From that failed DMARC under reject/quarantine is not shown to be the member's: a moderator decides.
  const member = mail.from && !mail.authority.dmarcRejects ? await findMemberByAddress(tx, mail.from) : null;
  const holdReason = loop ? 'loop' : await postingHold(tools, group, member);
  const post = await storePost(tools, mail, group, member, holdReason);
  if (!post) return { outcome: 'post already stored' };

  if (holdReason === 'loop') return { outcome: `held: already carries ${group.slug}'s list headers (loop)`, state: 'held' };
  if (holdReason) {
    const moderators = await holdForModeration(mail, tools, { id: post.id, group, subject: mail.subject, bodyText: post.bodyText, reason: holdReason });
    return { outcome: `held for moderation (${moderators} moderator${moderators === 1 ? '' : 's'} asked)`, state: 'held' };
  }
  const copies = await fanOutPost(tx, post.id, group.id);
  await requestCopyDelivery(ctx, post.id);
  return { outcome: `post ${post.id} distributed: ${copies} copies` };
};

/**
 * Why a post must wait for a moderator, or null when it may go out: owners
 * and moderators always post; members post unless the list's policy is
 * `owners` (an announcement list) or `moderated`; anyone else is held.
 */
async function postingHold({ tx }: HandlerTools, group: Group, member: Member | null): Promise<'non-member' | 'policy' | null> {
  if (!member) return 'non-member';
  if (await hasRole(tx, member.id, ['owner', 'moderator'], group.slug)) return null;
  if (!(await membershipOf(tx, member.id, group.id))) return 'non-member';
  return group.posting === 'members' ? null : 'policy';
}

async function storePost(
  { tx }: HandlerTools,
  mail: InboundMail,
  group: Group,
  member: Member | null,
  holdReason: 'loop' | 'non-member' | 'policy' | null,
): Promise<{ id: number; bodyText: string } | null> {
  const text = bodyTextOf(mail.parsed);
  const bodyText = text.replace(/\r\n/g, '\n').trim().slice(0, MAX_BODY_TEXT);
  const [row] = await tx`
    insert into list_posts (group_id, inbound_message_id, delivery_id, author_member_id, author_email, author_name,
                            subject, message_id, body_text, state, hold_reason)
    values (${group.id}, ${mail.messageRowId}, ${mail.deliveryId}, ${member?.id ?? null}, ${mail.from},
            ${mail.fromName || member?.name || ''}, ${mail.subject}, ${mail.messageId}, ${bodyText},
            ${holdReason ? 'held' : 'distributed'}, ${holdReason})
    on conflict (group_id, inbound_message_id) do nothing
    returning id`;
  return row ? { id: row.id as number, bodyText } : null;
}
