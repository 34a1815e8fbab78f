import type { InboundMail, HandlerTools } from '../inboundMail.ts';
import { takeReplyBudgets } from './replyBudget.ts';
import { isSingleAddress } from '../../../shared/rules/sender.ts';
import type { OutgoingMail } from '../../outbound/outbox.ts';

/** One answer to an inbound message: its template, the template's data, and who it is from, to, and for. */
export interface Answer {
  mail: InboundMail;
  template: string;
  data: Record<string, unknown>;
  options?: { from?: string; replyTo?: string; to?: string; memberId?: number; key?: string };
}

/**
 * Answers an inbound message with a template mail, threaded under it. The one
 * place that refuses to answer bounces, auto-replies, the null sender, more
 * than one address and anyone who has had too many answers this hour.
 */
export async function replyToSender(
  mail: InboundMail,
  tools: HandlerTools,
  template: string,
  data: Record<string, unknown>,
  options: Answer['options'] = {},
): Promise<number | null> {
  const [id] = await replyToSenders([{ mail, template, data, options }], tools);
  return id!;
}

/**
 * Several answers, as replyToSender one after the other would write them, in
 * two statements (their budgets, their outbox rows): the outbox row's id of
 * each, or null when it is not sent.
 */
export async function replyToSenders(answers: readonly Answer[], { tx, outbox }: Pick<HandlerTools, 'tx' | 'outbox'>): Promise<(number | null)[]> {
  const ids: (number | null)[] = answers.map(() => null);
  const answerable = answers.flatMap((answer, i) => {
    const to = answer.options?.to ?? answer.mail.from;
    if (answer.mail.kind !== 'ordinary' || !to || !answer.mail.envelopeFrom) return [];
    // One address or nobody: never a list of strangers taken from a header.
    if (!isSingleAddress(to)) return [];
    return [{ i, to, answer }];
  });
  const budgets = await takeReplyBudgets(tx, answerable.map((a) => a.to));
  const sent = answerable.filter((_, n) => budgets[n]);
  const written = await outbox.queueMany(sent.map(({ to, answer: { mail, template, data, options = {} } }) => outboxMail(mail, template, data, options, to)));
  sent.forEach(({ i }, n) => (ids[i] = written[n]!));
  return ids;
}

function outboxMail(mail: InboundMail, template: string, data: Record<string, unknown>, options: NonNullable<Answer['options']>, to: string): OutgoingMail & { dedupeKey: string } {
  return {
    kind: template,
    recipient: to,
    memberId: options.memberId ?? null,
    params: { data: { ...data, subject: mail.subject }, from: options.from, replyTo: options.replyTo },
    inReplyTo: mail.messageId,
    references: [mail.references, mail.messageId].filter(Boolean).join(' ') || null,
    // `key` tells apart several answers of one template to one message (two sheets asked in one mail).
    dedupeKey: `reply:${mail.deliveryId}:${template}${options.key ? `:${options.key}` : ''}`,
  };
}
