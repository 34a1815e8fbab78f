import type { Context } from '../../shared/context.ts';
import { makeToken, readToken } from '../../shared/rules/tokens.ts';

/**
 * proxy+TOKEN@D: where a proxy sends one member's ballot in one vote. The
 * token binds the vote, the member and the proxy (an HMAC under its own
 * purpose, so a member's reply token is never a proxy token): a ballot there
 * counts only from the proxy's own address, and only for that member.
 */
export function proxyReplyAddress(ctx: Context, consultationId: number, memberId: number, proxyMemberId: number): string {
  return `proxy+${makeToken(ctx.secret, 'proxy', [consultationId, memberId, proxyMemberId])}@${ctx.config.domain}`;
}

export function readProxyToken(ctx: Context, token: string): { consultationId: number; memberId: number; proxyMemberId: number } | null {
  const ids = readToken(ctx.secret, 'proxy', token, 3);
  return ids ? { consultationId: ids[0]!, memberId: ids[1]!, proxyMemberId: ids[2]! } : null;
}
