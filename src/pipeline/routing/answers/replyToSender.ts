import type { InboundMail, HandlerTools } from '../inboundMail.ts';
import { takeReplyBudget } from './replyBudget.ts';
import { isSingleAddress } from '../../../shared/rules/sender.ts';

/**
 * Answers an inbound message with a template mail, threaded under it. The one
 * place that refuses to answer bounces, auto-replies, the null sender, more
 * than one address and anyone who has had too many answers this hour.
 */
export async function replyToSender(
  mail: InboundMail,
  { tx, outbox }: HandlerTools,
  template: string,
  data: Record<string, unknown>,
  options: { from?: string; replyTo?: string; to?: string; memberId?: number; key?: string } = {},
): Promise<number | null> {
  const to = options.to ?? mail.from;
  if (mail.kind !== 'ordinary' || !to || !mail.envelopeFrom) return null;
  // One address or nobody: never a list of strangers taken from a header.
  if (!isSingleAddress(to)) return null;
  if (!(await takeReplyBudget(tx, to))) return null;
  return outbox.queue({
    kind: template,
    recipient: to,
    memberId: options.memberId ?? null,
    params: { data: { ...data, subject: mail.subject }, from: options.from, replyTo: options.replyTo },
    inReplyTo: mail.messageId,
    references: [mail.references, mail.messageId].filter(Boolean).join(' ') || null,
    // `key` tells apart several answers of one template to one message (two sheets asked in one mail).
    dedupeKey: `reply:${mail.deliveryId}:${template}${options.key ? `:${options.key}` : ''}`,
  });
}
