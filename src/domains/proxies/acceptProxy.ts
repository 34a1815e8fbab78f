import type { Confirmer } from '../confirmations/confirmations.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import type { HandlerTools } from '../../pipeline/routing/inboundMail.ts';
import { acceptProxy, declineProxy, scopeText, type ProxyRow } from './proxies.ts';

export const PROXY_ACCEPT_PURPOSE = 'proxy-accept';

/**
 * The named proxy answered the request (a confirmation sent to the proxy's
 * address only, so the From check is the confirmations' own). Yes makes the
 * proxy active, unless they already hold PROXY_LIMIT members; no ends the
 * offer. The member hears either way.
 */
export const confirmProxy: Confirmer = async (confirmation, decision, mail, tools) => {
  const rowId = Number(confirmation.payload.proxyRowId);
  if (decision === 'cancel') {
    const row = await declineProxy(tools.tx, rowId);
    await replyToSender(mail, tools, 'proxy-notice', { lines: [row ? 'You declined: you hold no vote for them.' : 'This request had already ended; nothing changed.'] });
    if (row) await tellMember(tools, row, `${confirmation.email} declined to be your proxy. You have no proxy for ${await scopeOf(tools, row)}.`);
    return { outcome: `proxy ${rowId} declined` };
  }
  const limit = tools.ctx.config.proxyLimit;
  const result = await acceptProxy(tools.tx, rowId, limit);
  if (result.kind === 'gone') {
    await replyToSender(mail, tools, 'proxy-notice', { lines: ['This request has ended (the member named someone else, or ended it): you hold no vote for them.'] });
    return { outcome: `proxy ${rowId} no longer offered` };
  }
  const scope = await scopeOf(tools, result.row);
  const memberEmail = await emailOf(tools, result.row.member_id);
  if (result.kind === 'full') {
    await replyToSender(mail, tools, 'proxy-notice', { lines: [`You already hold ${limit} members' votes, the most one proxy may hold: you were not made ${memberEmail}'s proxy.`] });
    return { outcome: `proxy ${rowId} refused: ${confirmation.email} holds ${limit}` };
  }
  await replyToSender(mail, tools, 'proxy-notice', {
    lines: [
      `You are now ${memberEmail}'s proxy for ${scope}.`,
      'For each vote that opens from now on, you receive one mail listing the ballots you hold, each with its own address.',
      `${memberEmail}'s own reply to a vote always counts before yours.`,
    ],
  });
  await tellMember(tools, result.row, `${confirmation.email} accepted: they are your proxy for ${scope} from now on. Your own reply to a vote always counts before theirs; "proxy off" to request@${tools.ctx.config.domain} ends it.`);
  return { outcome: `proxy ${rowId} accepted` };
};

async function emailOf(tools: HandlerTools, memberId: number): Promise<string> {
  const [row] = await tools.tx`select email from members where id = ${memberId}`;
  return row.email as string;
}

async function scopeOf(tools: HandlerTools, row: ProxyRow): Promise<string> {
  if (row.group_id === null) return scopeText(null);
  const [group] = await tools.tx`select slug from groups where id = ${row.group_id}`;
  return scopeText((group?.slug as string | undefined) ?? null);
}

async function tellMember(tools: HandlerTools, row: ProxyRow, line: string): Promise<void> {
  await tools.outbox.queue({
    kind: 'proxy-notice',
    recipient: await emailOf(tools, row.member_id),
    memberId: row.member_id,
    params: { data: { lines: [line], title: 'Your proxy' } },
    dedupeKey: `proxy-answer:${row.id}`,
  });
}
