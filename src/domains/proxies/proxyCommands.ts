import type { HandlerTools } from '../../pipeline/routing/inboundMail.ts';
import type { LineCommand } from '../mailCommands/mailCommandTables.ts';
import { findMemberByAddress, type Member } from '../org/members.ts';
import { findGroup, type Group } from '../org/groups.ts';
import { createConfirmation } from '../confirmations/confirmations.ts';
import { describeProxyCommand, parseProxyCommand, type ProxyCommand } from './rules/proxyCommands.ts';
import { activeProxies, endProxies, heldCount, offerProxy, pendingOffers, scopeText } from './proxies.ts';
import { PROXY_ACCEPT_PURPOSE } from './acceptProxy.ts';

export const NAME_PROXY_APPLIER = 'proxy-name';
export const PROXY_OFF_APPLIER = 'proxy-off';

/**
 * `proxy EMAIL [list SLUG]`, `proxy off`, `proxies` sent to request@. Naming
 * and ending change the member's state: like a subscription, they happen
 * once the member confirms by reply (at once for an authenticated sender),
 * through the request handler's pending changes. A naming then waits for the
 * proxy's own yes (acceptProxy.ts).
 */
export const proxyLineCommand: LineCommand = async (line, mail, tools) => {
  const command = parseProxyCommand(line);
  if (!command) return null;
  const described = describeProxyCommand(command);
  const from = mail.authority.from ?? mail.from;
  const member = from ? await findMemberByAddress(tools.tx, from) : null;
  if (!member) return { line: described, result: 'Only members can name a proxy or hold one; this address is not a member.' };
  switch (command.kind) {
    case 'proxies':
      return { line: described, result: (await proxiesLines(member, tools)).join('\n') };
    case 'proxy-off':
      return { line: described, result: 'Waiting for your confirmation: reply "yes" to this mail to end your proxies.', pending: { kind: 'deferred', applier: PROXY_OFF_APPLIER, line: described, data: {} } };
    case 'proxy': {
      const checked = await checkNaming(member, command, tools);
      if (typeof checked === 'string') return { line: described, result: checked };
      return {
        line: described,
        result: `Waiting for your confirmation: reply "yes" to this mail; then ${checked.proxy.email} is asked to accept.`,
        pending: { kind: 'deferred', applier: NAME_PROXY_APPLIER, line: described, data: { email: command.email, list: command.list } },
      };
    }
  }
};

/** Why a naming cannot be done (a sentence), or the proxy and list it names. Checked when asked and again when confirmed. */
async function checkNaming(member: Member, command: Extract<ProxyCommand, { kind: 'proxy' }>, tools: HandlerTools): Promise<string | { proxy: Member; group: Group | null }> {
  const proxy = await findMemberByAddress(tools.tx, command.email);
  if (!proxy) return `${command.email} is not a member: a proxy must be one.`;
  if (proxy.id === member.id) return 'You cannot be your own proxy.';
  const group = command.list ? await findGroup(tools.tx, command.list) : null;
  if (command.list && !group) return `There is no list named ${command.list}.`;
  const limit = tools.ctx.config.proxyLimit;
  if ((await heldCount(tools.tx, proxy.id)) >= limit) return `${proxy.email} already holds ${limit} members' votes, the most one proxy may hold.`;
  return { proxy, group };
}

/** A confirmed `proxy EMAIL [list SLUG]`: the offer is stored and the proxy asked to accept by reply. */
export async function applyNameProxy(data: Record<string, unknown>, email: string, tools: HandlerTools): Promise<string> {
  const member = await findMemberByAddress(tools.tx, email);
  if (!member) return 'This address is not a member.';
  const command = { kind: 'proxy' as const, email: String(data.email), list: (data.list as string | null) ?? null };
  const checked = await checkNaming(member, command, tools);
  if (typeof checked === 'string') return `Not done: ${checked}`;
  const { proxy, group } = checked;
  const rowId = await offerProxy(tools.tx, member.id, proxy.id, group?.id ?? null);
  const confirmation = await createConfirmation(tools.tx, tools.ctx, {
    purpose: PROXY_ACCEPT_PURPOSE, email: proxy.email, memberId: proxy.id, payload: { proxyRowId: rowId },
  });
  await tools.outbox.queue({
    kind: 'proxy-request',
    recipient: proxy.email,
    memberId: proxy.id,
    params: {
      data: { memberName: member.name, memberEmail: member.email, scope: scopeText(group?.slug ?? null), limit: tools.ctx.config.proxyLimit },
      replyTo: confirmation.address,
    },
    dedupeKey: `proxy-request:${rowId}`,
  });
  return `${proxy.email} was asked to accept being your proxy for ${scopeText(group?.slug ?? null)}; you will hear when they answer. Until then you have no proxy for them.`;
}

/** A confirmed `proxy off`. */
export async function applyProxyOff(_data: Record<string, unknown>, email: string, tools: HandlerTools): Promise<string> {
  const member = await findMemberByAddress(tools.tx, email);
  if (!member) return 'This address is not a member.';
  const ended = await endProxies(tools.tx, member.id);
  return ended
    ? 'Your proxies have ended: nobody votes for you any more, also in votes already open.'
    : 'You had no proxy.';
}

/** The `proxies` answer: whom the member holds, who holds theirs, what waits for an answer. */
async function proxiesLines(member: Member, tools: HandlerTools): Promise<string[]> {
  const rows = await activeProxies(tools.tx, member.id);
  const held = rows.filter((r) => r.proxy === member.email);
  const mine = rows.filter((r) => r.member === member.email);
  const offers = await pendingOffers(tools.tx, member.id);
  return [
    held.length
      ? `You hold the votes of: ${held.map((r) => `${r.member} (${scopeText(r.list)})`).join(', ')}.`
      : 'You hold nobody\'s votes.',
    mine.length
      ? `Your votes are held by: ${mine.map((r) => `${r.proxy} (${scopeText(r.list)})`).join(', ')}. Your own reply to a vote always counts before theirs.`
      : 'Nobody holds your votes.',
    ...offers.map((o) => `Waiting for ${o.proxy} to accept (${scopeText(o.list)}).`),
  ];
}

