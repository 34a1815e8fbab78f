import { ballotCode } from '../../../shared/rules/tokens.ts';
import type { HandlerTools, InboundMail } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSenders, type Answer } from '../../../pipeline/routing/answers/replyToSender.ts';
import { consultFrom, replyAddress } from './replyAddress.ts';
import type { Consultation } from '../consultation.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import type { Outcome } from '../close/outcome.ts';
import { outcomeLines } from '../close/outcomeView.ts';
import type { RecordedReply } from './recordReply.ts';
import type { PreparedReplies } from './preparedReplies.ts';
import { consultationView, zoneView } from '../mail/views.ts';
import { describeIn, receiptIn } from '../mail/localWords.ts';
import { decisionUrl } from '../ids.ts';
import { memberZones } from '../../org/memberZones.ts';
import { memberLanguages } from '../../org/memberLanguages.ts';
import { formatUtcIn } from '../../../shared/rules/formatUtc.ts';
import { versionIn } from '../defaultOption.ts';
import { translatePhrase } from '../../../shared/i18n/phrase.ts';

/**
 * The one answer a member gets for a reply: a receipt saying exactly what
 * was recorded, how to answer when nothing could be read, or a short
 * "closed" notice with the outcome for a late reply. Sent with replyToSender,
 * so it is threaded, rate-limited and never sent to an auto-reply.
 */
export async function answerReply(
  mail: InboundMail,
  tools: HandlerTools,
  stored: Consultation,
  memberId: number,
  result: RecordedReply,
  prepared?: Pick<PreparedReplies, 'zones' | 'languages'>,
): Promise<void> {
  await answerReplies([{ mail, stored, memberId, result }], tools, prepared);
}

/** A recorded reply to answer: its mail, the consultation as the reply found it, whose it is, and what was recorded. */
export interface ReplyToAnswer {
  mail: InboundMail;
  stored: Consultation;
  memberId: number;
  result: RecordedReply;
}

/** answerReply for several replies: their answers written together (replyToSenders), as one after the other would write them. */
export async function answerReplies(
  replies: readonly ReplyToAnswer[],
  tools: HandlerTools,
  prepared?: Pick<PreparedReplies, 'zones' | 'languages'>,
): Promise<void> {
  const answered = replies.filter((r) => r.result.state !== 'duplicate');
  if (answered.length === 0) return;
  const memberIds = [...new Set(answered.map((r) => r.memberId))];
  // Read for the batch's replies already, or now, sent together: one round trip.
  const [zones, languages] = prepared
    ? [prepared.zones, prepared.languages]
    : await Promise.all([memberZones(tools.tx, memberIds), memberLanguages(tools.tx, memberIds)]);
  await replyToSenders(answered.map((r) => answerOf(r, tools, zones, languages)), tools);
}

/** The answer to one recorded reply (not a duplicate), in the member's language and on their clock. */
function answerOf(
  { mail, stored, memberId, result }: ReplyToAnswer,
  tools: HandlerTools,
  zones: PreparedReplies['zones'],
  languages: PreparedReplies['languages'],
): Answer {
  if (result.state === 'duplicate') throw new Error('a duplicate reply is not answered');
  const { ctx } = tools;
  const zone = zones.get(memberId) ?? null;
  const lang = languages.get(memberId) ?? 'en';
  // The receipt names the options in the member's version of the question.
  const c = versionIn(stored, lang);
  const url = ctx.config.publicUrl ? decisionUrl(ctx.config.publicUrl, c.id) : null;
  const methods = ctx.wiring.decisionMethods;
  const method = methodOf(c, methods);
  const view = { ...consultationView(c, methods, lang), ...zoneView(zone, { deadline: c.deadline, closedAt: c.closed_at }, lang), url };
  const options = { from: consultFrom(ctx, c), replyTo: replyAddress(ctx, c.id, memberId) };
  if (result.state === 'late') {
    return { mail, template: 'consultation-late', data: {
      ...view,
      cancelled: c.status === 'cancelled',
      // Closed early, the consultation ended before its announced deadline.
      closedAt: c.closed_at ? formatUtcIn(c.closed_at, lang) : view.deadline,
      outcomeLines: c.outcome ? outcomeLines(c.outcome as Outcome, c, methods, lang) : [],
    }, options: { from: options.from } };
  }
  if (result.readable) {
    // What was recorded, read back, and the comment: the method says (a proposal's objection is not repeated as its comment).
    const receipt = receiptIn(lang, method, result.stance, result.comment, settingsOf(c));
    return { mail, template: 'consultation-receipt', data: {
      ...view,
      recorded: receipt.recorded,
      ballotCode: ballotCode(ctx.secret, c.id, memberId),
      readAs: receipt.readAs,
      comment: receipt.comment,
      superseded: result.superseded,
    }, options };
  }
  return { mail, template: 'consultation-unreadable', data: {
    ...view,
    earlier: result.standing ? describeIn(lang, method, result.standing, settingsOf(c)) : null,
    doubt: result.doubt ? translatePhrase(lang, result.doubt) : null,
    notUnderstood: quotedLines(result.comment),
  }, options };
}

/** What the member wrote, quoted back ("> …"), at most a dozen lines. */
function quotedLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  return lines.length > 12 ? [...lines.slice(0, 12), '…'] : lines.filter((l, i) => l !== '' || i > 0);
}
