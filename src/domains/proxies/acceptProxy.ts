import type { Confirmer } from '../confirmations/confirmations.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import type { HandlerTools } from '../../pipeline/routing/inboundMail.ts';
import { readerOf } from '../org/reader.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import type { Language } from '../../shared/rules/language.ts';
import { acceptProxy, declineProxy, scopeText, type ProxyRow } from './proxies.ts';

export const PROXY_ACCEPT_PURPOSE = 'proxy-accept';

/**
 * The named proxy answered the request (a confirmation sent to the proxy's
 * address only, so the From check is the confirmations' own). Yes makes the
 * proxy active, unless they already hold PROXY_LIMIT members; no ends the
 * offer. The member hears either way. Each reads it in their own language.
 */
export const confirmProxy: Confirmer = async (confirmation, decision, mail, tools) => {
  const rowId = Number(confirmation.payload.proxyRowId);
  const { lang } = await readerOf(tools.tx, confirmation.email);
  const t = (key: string, values?: Record<string, unknown>) => translate(lang, key, values);
  const answer = (lines: string[]) => replyToSender(mail, tools, 'proxy-notice', { lang, lines });
  if (decision === 'cancel') {
    const row = await declineProxy(tools.tx, rowId);
    await answer([t(row ? 'proxy.accept.declined' : 'proxy.accept.alreadyEnded')]);
    if (row) {
      const slug = await slugOf(tools, row);
      await tellMember(tools, row, (memberLang) => translate(memberLang, 'proxy.accept.memberDeclined', { proxy: confirmation.email, scope: scopeText(slug, memberLang) }));
    }
    return { outcome: `proxy ${rowId} declined` };
  }
  const limit = tools.ctx.config.proxyLimit;
  const result = await acceptProxy(tools.tx, rowId, limit);
  if (result.kind === 'gone') {
    await answer([t('proxy.accept.gone')]);
    return { outcome: `proxy ${rowId} no longer offered` };
  }
  const slug = await slugOf(tools, result.row);
  const memberEmail = await emailOf(tools, result.row.member_id);
  if (result.kind === 'full') {
    await answer([t('proxy.accept.full', { limit, member: memberEmail })]);
    return { outcome: `proxy ${rowId} refused: ${confirmation.email} holds ${limit}` };
  }
  await answer([
    t('proxy.accept.now', { member: memberEmail, scope: scopeText(slug, lang) }),
    t('proxy.accept.eachVote'),
    t('proxy.accept.memberFirst', { member: memberEmail }),
  ]);
  await tellMember(tools, result.row, (memberLang) =>
    translate(memberLang, 'proxy.accept.accepted', { proxy: confirmation.email, scope: scopeText(slug, memberLang), domain: tools.ctx.config.domain }));
  return { outcome: `proxy ${rowId} accepted` };
};

async function emailOf(tools: HandlerTools, memberId: number): Promise<string> {
  const [row] = await tools.tx`select email from members where id = ${memberId}`;
  return row.email as string;
}

/** The list a proxy is for, or null for every list. */
async function slugOf(tools: HandlerTools, row: ProxyRow): Promise<string | null> {
  if (row.group_id === null) return null;
  const [group] = await tools.tx`select slug from groups where id = ${row.group_id}`;
  return (group?.slug as string | undefined) ?? null;
}

/** The member who named the proxy hears the answer, in their own language. */
async function tellMember(tools: HandlerTools, row: ProxyRow, line: (lang: Language) => string): Promise<void> {
  const email = await emailOf(tools, row.member_id);
  const { lang } = await readerOf(tools.tx, email);
  await tools.outbox.queue({
    kind: 'proxy-notice',
    recipient: email,
    memberId: row.member_id,
    params: { data: { lang, lines: [line(lang)], title: translate(lang, 'proxy.notice.title') } },
    dedupeKey: `proxy-answer:${row.id}`,
  });
}
