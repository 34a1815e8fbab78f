import type { HandlerTools } from '../../pipeline/routing/inboundMail.ts';
import type { LineCommand } from '../mailCommands/mailCommandTables.ts';
import { findMemberByAddress, type Member } from '../org/members.ts';
import { findGroup, type Group } from '../org/groups.ts';
import { readerOf, type Reader } from '../org/reader.ts';
import { createConfirmation } from '../confirmations/confirmations.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
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
 * proxy's own yes (acceptProxy.ts). Answers are in the reader's language;
 * the command words stay the English ones Tacit reads.
 */
export const proxyLineCommand: LineCommand = async (line, mail, tools, reader) => {
  const command = parseProxyCommand(line);
  if (!command) return null;
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const described = describeProxyCommand(command);
  const from = mail.authority.from ?? mail.from;
  const member = from ? await findMemberByAddress(tools.tx, from) : null;
  if (!member) return { line: described, result: t('proxy.cmd.notMember') };
  switch (command.kind) {
    case 'proxies':
      return { line: described, result: (await proxiesLines(member, tools, reader)).join('\n') };
    case 'proxy-off':
      return { line: described, result: t('proxy.cmd.waitingOff'), pending: { kind: 'deferred', applier: PROXY_OFF_APPLIER, line: described, data: {} } };
    case 'proxy': {
      const checked = await checkNaming(member, command, tools, reader);
      if (typeof checked === 'string') return { line: described, result: checked };
      return {
        line: described,
        result: t('proxy.cmd.waitingName', { proxy: checked.proxy.email }),
        pending: { kind: 'deferred', applier: NAME_PROXY_APPLIER, line: described, data: { email: command.email, list: command.list } },
      };
    }
  }
};

/** Why a naming cannot be done (a sentence in the reader's language), or the proxy and list it names. Checked when asked and again when confirmed. */
async function checkNaming(member: Member, command: Extract<ProxyCommand, { kind: 'proxy' }>, tools: HandlerTools, reader: Reader): Promise<string | { proxy: Member; group: Group | null }> {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const proxy = await findMemberByAddress(tools.tx, command.email);
  if (!proxy) return t('proxy.cmd.proxyNotMember', { email: command.email });
  if (proxy.id === member.id) return t('proxy.cmd.self');
  const group = command.list ? await findGroup(tools.tx, command.list) : null;
  if (command.list && !group) return t('proxy.cmd.noList', { list: command.list });
  const limit = tools.ctx.config.proxyLimit;
  if ((await heldCount(tools.tx, proxy.id)) >= limit) return t('proxy.cmd.full', { proxy: proxy.email, limit });
  return { proxy, group };
}

/** A confirmed `proxy EMAIL [list SLUG]`: the offer is stored and the proxy asked to accept by reply, in the proxy's own language. */
export async function applyNameProxy(data: Record<string, unknown>, email: string, tools: HandlerTools, reader: Reader): Promise<string> {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const member = await findMemberByAddress(tools.tx, email);
  if (!member) return t('proxy.cmd.addressNotMember');
  const command = { kind: 'proxy' as const, email: String(data.email), list: (data.list as string | null) ?? null };
  const checked = await checkNaming(member, command, tools, reader);
  if (typeof checked === 'string') return t('proxy.cmd.notDone', { reason: checked });
  const { proxy, group } = checked;
  const rowId = await offerProxy(tools.tx, member.id, proxy.id, group?.id ?? null);
  const confirmation = await createConfirmation(tools.tx, tools.ctx, {
    purpose: PROXY_ACCEPT_PURPOSE, email: proxy.email, memberId: proxy.id, payload: { proxyRowId: rowId },
  });
  const { lang } = await readerOf(tools.tx, proxy.email);
  await tools.outbox.queue({
    kind: 'proxy-request',
    recipient: proxy.email,
    memberId: proxy.id,
    params: {
      data: { lang, memberName: member.name, memberEmail: member.email, scope: scopeText(group?.slug ?? null, lang), limit: tools.ctx.config.proxyLimit },
      replyTo: confirmation.address,
    },
    dedupeKey: `proxy-request:${rowId}`,
  });
  return t('proxy.cmd.asked', { proxy: proxy.email, scope: scopeText(group?.slug ?? null, reader.lang) });
}

/** A confirmed `proxy off`. */
export async function applyProxyOff(_data: Record<string, unknown>, email: string, tools: HandlerTools, reader: Reader): Promise<string> {
  const member = await findMemberByAddress(tools.tx, email);
  if (!member) return translate(reader.lang, 'proxy.cmd.addressNotMember');
  const ended = await endProxies(tools.tx, member.id);
  return translate(reader.lang, ended ? 'proxy.cmd.ended' : 'proxy.cmd.hadNone');
}

/** The `proxies` answer: whom the member holds, who holds theirs, what waits for an answer. */
async function proxiesLines(member: Member, tools: HandlerTools, { lang }: Reader): Promise<string[]> {
  const rows = await activeProxies(tools.tx, member.id);
  const held = rows.filter((r) => r.proxy === member.email);
  const mine = rows.filter((r) => r.member === member.email);
  const offers = await pendingOffers(tools.tx, member.id);
  return [
    held.length
      ? translate(lang, 'proxy.list.hold', { members: held.map((r) => `${r.member} (${scopeText(r.list, lang)})`).join(', ') })
      : translate(lang, 'proxy.list.holdNone'),
    mine.length
      ? translate(lang, 'proxy.list.heldBy', { proxies: mine.map((r) => `${r.proxy} (${scopeText(r.list, lang)})`).join(', ') })
      : translate(lang, 'proxy.list.heldByNone'),
    ...offers.map((o) => translate(lang, 'proxy.list.waiting', { proxy: o.proxy, scope: scopeText(o.list, lang) })),
  ];
}
