import type { Context } from '../../shared/context.ts';
import type { Queryable } from '../../shared/db/database.ts';
import { listIdentity } from '../../shared/rules/listHeaders.ts';
import { makeToken } from '../../shared/rules/tokens.ts';
import type { CommandResult } from '../mailCommands/mailCommandTables.ts';
import type { HandlerTools, InboundMail } from '../../pipeline/routing/inboundMail.ts';
import type { Reader } from '../org/reader.ts';
import { translate } from '../../shared/i18n/catalogue.ts';

/**
 * The digest is sent to a list of members like a list copy, so it carries
 * List-Id and List-Unsubscribe too. Leaving it stops only the digest: the
 * one-click token names the member and group 0 (no list), and the mailto
 * sends "digest off" to request@.
 */
export const DIGEST_GROUP = 0;

export function digestHeaders(ctx: Context, memberId: number): Record<string, string> {
  const identity = listIdentity({
    list: { slug: 'digest', name: 'Tacit digest' },
    domain: ctx.config.domain,
    publicUrl: ctx.config.publicUrl,
    unsubscribeToken: makeToken(ctx.secret, 'unsubscribe', [memberId, DIGEST_GROUP]),
  });
  // In the body too: request@ reads commands from the body; the subject only when it is a list command.
  const mailto = `<mailto:request@${ctx.config.domain}?subject=digest%20off&body=digest%20off>`;
  return {
    'List-Id': identity['List-Id']!,
    'List-Unsubscribe': identity['List-Unsubscribe']!.replace(/<mailto:[^>]*>/, mailto),
    ...(identity['List-Unsubscribe-Post'] ? { 'List-Unsubscribe-Post': identity['List-Unsubscribe-Post'] } : {}),
    'List-Help': `<mailto:request@${ctx.config.domain}?subject=help>`,
  };
}

export async function setDigest(db: Queryable, memberId: number, on: boolean): Promise<void> {
  await db`update members set digest_off_at = ${on ? null : new Date()} where id = ${memberId}`;
}

/** "digest off" / "digest on" to request@, from a sender whose From can be trusted (DMARC, SPF or DKIM aligned); answered in the reader's language. */
export async function digestLineCommand(line: string, mail: InboundMail, tools: HandlerTools, { lang }: Reader): Promise<CommandResult | null> {
  const m = /^digest\s+(off|on)$/i.exec(line.trim());
  if (!m) return null;
  const on = m[1]!.toLowerCase() === 'on';
  const said = `digest ${on ? 'on' : 'off'}`;
  const [member] = mail.authority.from ? await tools.tx`select id from members where lower(email) = ${mail.authority.from}` : [];
  if (!member) return { line: said, result: mail.from ? translate(lang, 'digestcmd.notMember', { address: mail.from }) : translate(lang, 'digestcmd.addressNotMember') };
  if (mail.authority.level !== 'act') return { line: said, result: translate(lang, 'digestcmd.notProven') };
  await setDigest(tools.tx, member.id as number, on);
  return { line: said, result: translate(lang, on ? 'digestcmd.on' : 'digestcmd.off') };
}
