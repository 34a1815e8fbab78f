import { ballotCode } from '../../shared/rules/tokens.ts';
import type { HandlerTools, InboundMail } from '../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../pipeline/routing/reply.ts';
import { consultFrom, replyAddress } from './addresses.ts';
import type { Consultation } from './consultation.ts';
import { describeStance, restateStance } from './describeStance.ts';
import type { Outcome } from './outcome.ts';
import { outcomeLines } from './outcomeView.ts';
import type { RecordedReply } from './recordReply.ts';
import { consultationView } from './views.ts';

/**
 * The one answer a member gets for a reply: a receipt saying exactly what
 * was recorded, how to answer when nothing could be read, or a short
 * "closed" notice with the outcome for a late reply. Sent with replyToSender,
 * so it is threaded, rate-limited and never sent to an auto-reply.
 */
export async function answerReply(
  mail: InboundMail,
  tools: HandlerTools,
  c: Consultation,
  memberId: number,
  result: RecordedReply,
): Promise<void> {
  if (result.state === 'duplicate') return;
  const { ctx } = tools;
  const view = consultationView(c);
  const options = { from: consultFrom(ctx, c), replyTo: replyAddress(ctx, c.id, memberId) };
  if (result.state === 'late') {
    await replyToSender(mail, tools, 'consultation-late', {
      ...view,
      cancelled: c.status === 'cancelled',
      outcomeLines: c.outcome ? outcomeLines(c.outcome as Outcome, c) : [],
    }, { from: options.from });
    return;
  }
  if (result.readable) {
    await replyToSender(mail, tools, 'consultation-receipt', {
      ...view,
      recorded: describeStance(c.kind, result.stance, c.options),
      ballotCode: ballotCode(ctx.secret, c.id, memberId),
      readAs: restateStance(c.kind, result.stance, c.options),
      comment: result.comment,
      superseded: result.superseded,
    }, options);
    return;
  }
  await replyToSender(mail, tools, 'consultation-unreadable', {
    ...view,
    earlier: result.standing ? describeStance(c.kind, result.standing, c.options) : null,
    doubt: result.doubt ?? null,
    notUnderstood: quotedLines(result.comment),
  }, options);
}

/** What the member wrote, quoted back ("> …"), at most a dozen lines. */
function quotedLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  return lines.length > 12 ? [...lines.slice(0, 12), '…'] : lines.filter((l, i) => l !== '' || i > 0);
}
