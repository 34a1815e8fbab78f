import { createConfirmation, type Confirmer } from '../../confirmations/confirmations.ts';
import { findMemberByAddress } from '../../org/members.ts';
import { newTextOfMessage, type TrimOptions } from '../../../reading/newText/replyText.ts';
import { parseBounce } from '../../../shared/rules/bounce.ts';
import type { Handler, HandlerTools, InboundMail, RouteResult } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
import { consultFrom, readReplyToken } from './replyAddress.ts';
import { loadConsultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import { answerReply } from './receipts.ts';
import { recordReply } from './recordReply.ts';
import { sentTextOf } from '../defaultOption.ts';
import { consultationView } from '../mail/views.ts';
import { memberLanguages } from '../../org/memberLanguages.ts';
import { readerOf } from '../../org/reader.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';
import { prepareReplies, voterKey, type PreparedReplies } from './preparedReplies.ts';

export const HELD_REPLY_PURPOSE = 'consultation-reply';

/**
 * reply+TOKEN@D: a member's answer to their copy. The token names the
 * consultation and the member; the From must still be that member, else the
 * reply is held and the member (never the sender) is asked to confirm it.
 * So is a reply whose From domain publishes DMARC reject/quarantine and
 * whose DMARC check failed: the From may be forged.
 * Auto-replies mark the member away and get no answer; a bounce sent here
 * marks the member's copy bounced.
 */
async function handleReply(mail: InboundMail, tools: HandlerTools): Promise<RouteResult> {
  if (mail.address.kind !== 'reply') return { outcome: 'not a reply address' };
  const ids = readReplyToken(tools.ctx, mail.address.token);
  if (!ids) {
    const { lang } = await readerOf(tools.tx, mail.from);
    await replyToSender(mail, tools, 'consultation-notice', {
      lang,
      lines: [translate(lang, 'reply.badToken', { address: mail.recipient }), translate(lang, 'reply.howToAnswer')],
    });
    return { outcome: 'bad reply token' };
  }
  const { consultationId, memberId } = ids;
  if (mail.kind === 'auto-reply') return markAway(mail, tools, consultationId, memberId);
  if (mail.kind === 'bounce') return markCopyBounced(mail, tools, consultationId, memberId);

  const { c, voter, sender } = await replyContext(mail, tools, consultationId, memberId);
  if (!c || !voter) {
    const { lang } = await readerOf(tools.tx, mail.from);
    await replyToSender(mail, tools, 'consultation-notice', { lang, lines: [translate(lang, 'reply.noConsultation', { id: displayId(consultationId) })] });
    return { outcome: `no electorate row for member ${memberId} in ${displayId(consultationId)}` };
  }

  if (sender?.id !== memberId || mail.authority.level === 'nothing') return holdForgedReply(mail, tools, c.id, memberId, voter.email as string, false);
  // The From is the member's, but their domain says mail failing DMARC is not theirs: ask them.
  if (mail.authority.dmarcRejects) return holdForgedReply(mail, tools, c.id, memberId, voter.email as string, true);

  const result = await recordReply(tools.tx, c, {
    memberId,
    // What Tacit sent: answers typed inside an unquoted original are the member's too.
    text: await newTextOfReply(mail, { sent: sentTextOf(c) }),
    inboundMessageId: mail.messageRowId,
    receivedAt: mail.receivedAt,
  }, tools.ctx.wiring.decisionMethods);
  await answerReply(mail, tools, c, memberId, result, tools.prepared as PreparedReplies | undefined);
  return { outcome: `${displayId(c.id)} reply ${result.state}${result.state === 'recorded' && !result.readable ? ' (unreadable)' : ''}` };
}

/** The consultation (share-locked), the member's electorate row and who the From is: prepared for the batch, or read now. */
async function replyContext(mail: InboundMail, tools: HandlerTools, consultationId: number, memberId: number) {
  const prepared = tools.prepared as PreparedReplies | undefined;
  if (prepared) {
    const c = prepared.consultations.get(consultationId) ?? null;
    return { c, voter: c ? prepared.voters.get(voterKey(consultationId, memberId)) : undefined, sender: mail.from ? prepared.senders.get(mail.from) ?? null : null };
  }
  // Sent together, the consultation's share lock first: one round trip.
  const [c, voters, sender] = await Promise.all([
    loadConsultation(tools.tx, consultationId, 'share'),
    tools.tx`
      select e.email, m.name from consultation_electorate e join members m on m.id = e.member_id
      where e.consultation_id = ${consultationId} and e.member_id = ${memberId}`,
    mail.from ? findMemberByAddress(tools.tx, mail.from) : null,
  ]);
  return { c, voter: c ? (voters[0] as { email: string; name: string } | undefined) : undefined, sender };
}

/**
 * reply+TOKEN@D (handleReply). In a batch, a run of replies has what each
 * reads before recording it read at once (preparedReplies.ts).
 */
export const replyHandler: Handler = Object.assign(handleReply, { prepare: prepareReplies });

/** The new text of a reply, from the parse routing made (parsed once) where it says the same as parsing again. */
function newTextOfReply(mail: InboundMail, options: TrimOptions = {}): Promise<string> {
  const parsed = mail.textParts === null ? undefined : { textParts: mail.textParts, html: mail.parsed.html };
  return newTextOfMessage(mail.raw, options, parsed);
}

/** A vacation notice came back for this member's copy: away, unless they answer. Never answered. */
async function markAway(mail: InboundMail, tools: HandlerTools, consultationId: number, memberId: number): Promise<RouteResult> {
  const updated = await tools.tx`
    update consultation_electorate set away_at = coalesce(away_at, now())
    where consultation_id = ${consultationId} and member_id = ${memberId}
    returning 1`;
  return { outcome: updated.length ? `auto-reply: member ${memberId} away for ${displayId(consultationId)}` : 'auto-reply ignored' };
}

/** Some servers send a bounce to the Reply-To: a hard one (or a policy refusal) marks the copy bounced (unreachable at the close). */
async function markCopyBounced(mail: InboundMail, tools: HandlerTools, consultationId: number, memberId: number): Promise<RouteResult> {
  const bounce = await parseBounce(mail.raw);
  if (bounce.kind !== 'hard' && bounce.kind !== 'policy') return { outcome: `${bounce.kind} bounce at a reply address ignored` };
  await tools.tx`
    update outbox set state = 'bounced', last_error = ${bounce.diagnostic ?? bounce.status ?? 'bounced'}
    where id = (select copy_outbox_id from consultation_electorate where consultation_id = ${consultationId} and member_id = ${memberId})`;
  return { outcome: `copy of ${displayId(consultationId)} to member ${memberId} bounced` };
}

/** The From is not the member: keep the message, and ask the member at their own address. */
async function holdForgedReply(mail: InboundMail, tools: HandlerTools, consultationId: number, memberId: number, memberEmail: string, dmarcFailed: boolean): Promise<RouteResult> {
  const c = (await loadConsultation(tools.tx, consultationId))!;
  const confirmation = await createConfirmation(tools.tx, tools.ctx, {
    purpose: HELD_REPLY_PURPOSE,
    email: memberEmail,
    memberId,
    payload: { consultationId, messageRowId: mail.messageRowId, sender: mail.from },
  });
  const text = await newTextOfReply(mail);
  const lang = (await memberLanguages(tools.tx, [memberId])).get(memberId) ?? 'en';
  await replyToSender(mail, tools, 'consultation-reply-held', {
    ...consultationView(c, tools.ctx.wiring.decisionMethods, lang),
    sender: mail.from || '(no sender)',
    dmarcFailed,
    excerpt: text.split('\n').slice(0, 8),
  }, { to: memberEmail, from: consultFrom(tools.ctx, c), replyTo: confirmation.address });
  const why = dmarcFailed ? ` (${mail.authority.reason})` : '';
  return { outcome: `reply to ${displayId(consultationId)} from ${mail.from || 'nobody'} held for member ${memberId}${why}`, state: 'held' };
}

/** The member confirmed (or refused) a reply that came from another address. */
export const confirmHeldReply: Confirmer = async (confirmation, decision, mail, tools) => {
  const { consultationId, messageRowId } = confirmation.payload as { consultationId: number; messageRowId: number };
  const memberId = confirmation.member_id!;
  if (decision === 'cancel') return { outcome: `held reply to ${displayId(consultationId)} discarded by the member` };
  const c = await loadConsultation(tools.tx, consultationId, 'share');
  const [message] = await tools.tx`select raw, received_at from inbound_messages where id = ${messageRowId}`;
  if (!c || !message) return { outcome: 'held reply no longer available' };
  const result = await recordReply(tools.tx, c, {
    memberId,
    text: await newTextOfMessage(message.raw as Buffer, { sent: sentTextOf(c) }),
    inboundMessageId: messageRowId,
    receivedAt: message.received_at as Date,
  }, tools.ctx.wiring.decisionMethods);
  await answerReply(mail, tools, c, memberId, result);
  return { outcome: `held reply to ${displayId(consultationId)} confirmed: ${result.state}` };
};
