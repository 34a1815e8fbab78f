import { createConfirmation, type Confirmer } from '../../confirmations/confirmations.ts';
import { newTextOfMessage, type TrimOptions } from '../../../reading/newText/replyText.ts';
import { parseBounce } from '../../../shared/rules/bounce.ts';
import type { Handler, HandlerTools, InboundMail, RouteResult } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
import { consultFrom, readReplyToken } from './replyAddress.ts';
import { loadConsultation, type Consultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import { answerReplies, answerReply } from './receipts.ts';
import { recordReplies, recordReply } from './recordReply.ts';
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
  const [result] = await handleReplies([mail], tools);
  return result!;
}

/**
 * handleReply for a run of a batch's replies, in their order, each with the
 * same effect: what they read is read for all of them at once
 * (preparedReplies.ts), and consecutive replies to be recorded are recorded
 * and answered together (recordReplies, answerReplies), a few statements for
 * all of them. Anything else (a bad token, an auto-reply, a held reply, a
 * second reply of one member) is handled alone, in its turn.
 */
async function handleReplies(mails: readonly InboundMail[], tools: HandlerTools): Promise<RouteResult[]> {
  const prepared = await prepareReplies(mails, tools);
  const results: RouteResult[] = [];
  let ballots: Ballot[] = [];
  const recordBallots = async () => {
    if (ballots.length === 0) return;
    for (const [i, outcome] of (await recordAndAnswer(ballots, tools, prepared)).entries()) results[ballots[i]!.index] = outcome;
    ballots = [];
  };
  for (const [index, mail] of mails.entries()) {
    const step = await readReply(mail, tools, prepared);
    if ('act' in step) {
      await recordBallots();
      results[index] = await step.act();
      continue;
    }
    // A second reply of a member reads what the first recorded: the first is recorded before it.
    if (ballots.some((b) => b.c.id === step.c.id && b.memberId === step.memberId)) await recordBallots();
    ballots.push({ ...step, index });
  }
  await recordBallots();
  return results;
}

/** A reply to record: the member's own, to a consultation they are in. */
interface Ballot {
  index: number;
  mail: InboundMail;
  c: Consultation;
  memberId: number;
  text: string;
}

/** What a reply comes to: a ballot to record, or anything else, done by `act` in its turn. */
async function readReply(mail: InboundMail, tools: HandlerTools, prepared: PreparedReplies): Promise<Omit<Ballot, 'index'> | { act: () => Promise<RouteResult> }> {
  if (mail.address.kind !== 'reply') return { act: async () => ({ outcome: 'not a reply address' }) };
  const ids = readReplyToken(tools.ctx, mail.address.token);
  if (!ids) {
    return {
      act: async () => {
        const { lang } = await readerOf(tools.tx, mail.from);
        await replyToSender(mail, tools, 'consultation-notice', {
          lang,
          lines: [translate(lang, 'reply.badToken', { address: mail.recipient }), translate(lang, 'reply.howToAnswer')],
        });
        return { outcome: 'bad reply token' };
      },
    };
  }
  const { consultationId, memberId } = ids;
  if (mail.kind === 'auto-reply') return { act: () => markAway(mail, tools, consultationId, memberId) };
  if (mail.kind === 'bounce') return { act: () => markCopyBounced(mail, tools, consultationId, memberId) };

  const c = prepared.consultations.get(consultationId) ?? null;
  const voter = c ? prepared.voters.get(voterKey(consultationId, memberId)) : undefined;
  const sender = mail.from ? prepared.senders.get(mail.from) ?? null : null;
  if (!c || !voter) {
    return {
      act: async () => {
        const { lang } = await readerOf(tools.tx, mail.from);
        await replyToSender(mail, tools, 'consultation-notice', { lang, lines: [translate(lang, 'reply.noConsultation', { id: displayId(consultationId) })] });
        return { outcome: `no electorate row for member ${memberId} in ${displayId(consultationId)}` };
      },
    };
  }

  if (sender?.id !== memberId || mail.authority.level === 'nothing') return { act: () => holdForgedReply(mail, tools, c.id, memberId, voter.email as string, false) };
  // The From is the member's, but their domain says mail failing DMARC is not theirs: ask them.
  if (mail.authority.dmarcRejects) return { act: () => holdForgedReply(mail, tools, c.id, memberId, voter.email as string, true) };

  return {
    mail,
    c,
    memberId,
    // What Tacit sent: answers typed inside an unquoted original are the member's too.
    text: await newTextOfReply(mail, { sent: sentTextOf(c) }),
  };
}

/** Records a run of ballots and answers each (recordReplies, answerReplies): the outcome of each. */
async function recordAndAnswer(ballots: readonly Ballot[], tools: HandlerTools, prepared: PreparedReplies): Promise<RouteResult[]> {
  const results = await recordReplies(tools.tx, ballots.map((b) => ({
    c: b.c,
    memberId: b.memberId,
    text: b.text,
    inboundMessageId: b.mail.messageRowId,
    receivedAt: b.mail.receivedAt,
  })), tools.ctx.wiring.decisionMethods);
  await answerReplies(ballots.map((b, i) => ({ mail: b.mail, stored: b.c, memberId: b.memberId, result: results[i]! })), tools, prepared);
  return results.map((result, i) => ({
    outcome: `${displayId(ballots[i]!.c.id)} reply ${result.state}${result.state === 'recorded' && !result.readable ? ' (unreadable)' : ''}`,
  }));
}

/**
 * reply+TOKEN@D (handleReply). In a batch, a run of replies is handled
 * together (handleReplies).
 */
export const replyHandler: Handler = Object.assign(handleReply, { handleMany: handleReplies });

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
