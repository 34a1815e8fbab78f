import { ballotCode } from '../../../shared/rules/tokens.ts';
import type { HandlerTools, InboundMail } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
import { consultFrom, replyAddress } from './replyAddress.ts';
import type { Consultation } from '../consultation.ts';
import { describeStance, restateStance } from './describeStance.ts';
import type { Outcome } from '../close/outcome.ts';
import { outcomeLines } from '../close/outcomeView.ts';
import type { RecordedReply } from './recordReply.ts';
import { consultationView, zoneView } from '../mail/views.ts';
import { decisionUrl } from '../ids.ts';
import type { ProposalStance } from '../rules/tally.ts';
import { memberZones } from '../../org/memberZones.ts';
import { formatUtc } from '../../../shared/rules/formatUtc.ts';

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
  const zone = (await memberZones(tools.tx, [memberId])).get(memberId) ?? null;
  const url = ctx.config.publicUrl ? decisionUrl(ctx.config.publicUrl, c.id) : null;
  const view = { ...consultationView(c), ...zoneView(zone, { deadline: c.deadline, closedAt: c.closed_at }), url };
  const options = { from: consultFrom(ctx, c), replyTo: replyAddress(ctx, c.id, memberId) };
  if (result.state === 'late') {
    await replyToSender(mail, tools, 'consultation-late', {
      ...view,
      cancelled: c.status === 'cancelled',
      // Closed early, the consultation ended before its announced deadline.
      closedAt: c.closed_at ? formatUtc(c.closed_at) : view.deadline,
      outcomeLines: c.outcome ? outcomeLines(c.outcome as Outcome, c) : [],
    }, { from: options.from });
    return;
  }
  if (result.readable) {
    const reason = c.kind === 'proposal' ? ((result.stance as unknown as ProposalStance).reason ?? '') : '';
    await replyToSender(mail, tools, 'consultation-receipt', {
      ...view,
      // A proposal's stance reads the same both ways: said once, in readAs.
      recorded: c.kind === 'proposal' ? [] : describeStance(c.kind, result.stance, c.options),
      ballotCode: ballotCode(ctx.secret, c.id, memberId),
      readAs: restateStance(c.kind, result.stance, c.options),
      // An objection's reason is its comment too: not written a second time.
      comment: reason && sameWords(result.comment, reason) ? '' : result.comment,
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

const words = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
const sameWords = (a: string, b: string) => words(a) === words(b);
