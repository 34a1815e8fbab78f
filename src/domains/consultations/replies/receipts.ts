import { ballotCode } from '../../../shared/rules/tokens.ts';
import type { HandlerTools, InboundMail } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
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
  if (result.state === 'duplicate') return;
  const { ctx } = tools;
  // Read for the batch's replies already, or now, sent together: one round trip.
  const [zones, languages] = prepared
    ? [prepared.zones, prepared.languages]
    : await Promise.all([memberZones(tools.tx, [memberId]), memberLanguages(tools.tx, [memberId])]);
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
    await replyToSender(mail, tools, 'consultation-late', {
      ...view,
      cancelled: c.status === 'cancelled',
      // Closed early, the consultation ended before its announced deadline.
      closedAt: c.closed_at ? formatUtcIn(c.closed_at, lang) : view.deadline,
      outcomeLines: c.outcome ? outcomeLines(c.outcome as Outcome, c, methods, lang) : [],
    }, { from: options.from });
    return;
  }
  if (result.readable) {
    // What was recorded, read back, and the comment: the method says (a proposal's objection is not repeated as its comment).
    const receipt = receiptIn(lang, method, result.stance, result.comment, settingsOf(c));
    await replyToSender(mail, tools, 'consultation-receipt', {
      ...view,
      recorded: receipt.recorded,
      ballotCode: ballotCode(ctx.secret, c.id, memberId),
      readAs: receipt.readAs,
      comment: receipt.comment,
      superseded: result.superseded,
    }, options);
    return;
  }
  await replyToSender(mail, tools, 'consultation-unreadable', {
    ...view,
    earlier: result.standing ? describeIn(lang, method, result.standing, settingsOf(c)) : null,
    doubt: result.doubt ? translatePhrase(lang, result.doubt) : null,
    notUnderstood: quotedLines(result.comment),
  }, options);
}

/** What the member wrote, quoted back ("> …"), at most a dozen lines. */
function quotedLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  return lines.length > 12 ? [...lines.slice(0, 12), '…'] : lines.filter((l, i) => l !== '' || i > 0);
}
