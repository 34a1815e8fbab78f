import type { Context } from '../../../shared/context.ts';
import { makeToken, readToken } from '../../../shared/rules/tokens.ts';
import type { Consultation } from '../consultation.ts';

/** The Reply-To of one member's copy: it names the consultation and the member. */
export function replyAddress(ctx: Context, consultationId: number, memberId: number): string {
  return `reply+${makeToken(ctx.secret, 'reply', [consultationId, memberId])}@${ctx.config.domain}`;
}

export function readReplyToken(ctx: Context, token: string): { consultationId: number; memberId: number } | null {
  const ids = readToken(ctx.secret, 'reply', token, 2);
  return ids ? { consultationId: ids[0], memberId: ids[1] } : null;
}

/** Consultation mails come from the list's consult address, so a coordinator's answer lands in the right place. */
export function consultFrom(ctx: Context, c: Pick<Consultation, 'list' | 'list_name'>): string {
  const name = `${c.list_name} consultations`.replace(/["\\]/g, '');
  return `"${name}" <${c.list}-consult@${ctx.config.domain}>`;
}

/** Stored replies addressed to this consultation start with this local part (see makeToken's format). */
export function replyRecipientPattern(consultationId: number): string {
  return `reply+${consultationId}x%`;
}
