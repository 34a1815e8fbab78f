import type { Context } from '../../shared/context.ts';
import type { Queryable } from '../../shared/db/database.ts';
import { makeToken, readToken } from '../../shared/rules/tokens.ts';
import { canonicalAddress } from '../../shared/rules/domains.ts';
import type { Handler, HandlerTools, InboundMail, RouteResult } from '../../pipeline/routing/inboundMail.ts';
import { findMemberByAddress } from '../org/members.ts';
import { newTextOfMessage } from '../../reading/newText/replyText.ts';
import { readDecision } from '../../reading/confirmationAnswer.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import { readerLocalTime, readerOf } from '../org/reader.ts';

/**
 * Confirmations: anything that must be confirmed by a reply (a subscription,
 * a command, a consultation preview) is a row here, mailed with a
 * `confirm+TOKEN@D` Reply-To. An explicit yes or no from the right address
 * runs the confirmer named for the row's purpose (ctx.wiring.confirmers), once; any other
 * answer changes nothing and is told how to confirm.
 */
export interface Confirmation {
  id: number;
  purpose: string;
  email: string;
  member_id: number | null;
  payload: Record<string, any>;
}

/** What a confirmer is asked to do: an unclear answer never reaches it. */
export type Decision = 'confirm' | 'cancel';
export type Confirmer = (confirmation: Confirmation, decision: Decision, mail: InboundMail, tools: HandlerTools) => Promise<RouteResult>;

declare module '../../shared/context.ts' {
  interface Wiring {
    /** Confirmers by confirmation purpose. */
    confirmers: Map<string, Confirmer>;
  }
}

export async function createConfirmation(
  db: Queryable,
  ctx: Context,
  input: { purpose: string; email: string; memberId?: number | null; payload?: Record<string, unknown>; ttlHours?: number },
): Promise<{ id: number; token: string; address: string }> {
  const [row] = await db`
    insert into confirmations (purpose, email, member_id, payload, expires_at)
    values (${input.purpose}, ${canonicalAddress(input.email)}, ${input.memberId ?? null}, ${db.json((input.payload ?? {}) as never)},
            now() + make_interval(hours => ${input.ttlHours ?? 24 * 7}))
    returning id`;
  const token = makeToken(ctx.secret, 'confirm', [row.id]);
  return { id: row.id, token, address: `confirm+${token}@${ctx.config.domain}` };
}

export const confirmHandler: Handler = async (mail, tools) => {
  if (mail.kind !== 'ordinary') return { outcome: `${mail.kind} ignored` };
  if (mail.address.kind !== 'confirm') return { outcome: 'not a confirmation address' };
  const ids = readToken(tools.ctx.secret, 'confirm', mail.address.token, 1);
  if (!ids) return { outcome: 'bad confirmation token' };
  const [row] = await tools.tx`
    select id, purpose, email, member_id, payload, used_at, expires_at, expires_at < now() as expired
    from confirmations where id = ${ids[0]} for update`;
  if (!row) return { outcome: 'unknown confirmation' };
  // Only the address the confirmation was sent to (or another address of that member) may answer it.
  // The token is the secret here; still, a message with no single From cannot be the owner's answer.
  if (mail.authority.level === 'nothing') return { outcome: `confirmation answer ignored: ${mail.authority.reason}`, state: 'held' };
  // Only the address the confirmation was sent to (or another address of that member) may answer it.
  const sender = await findMemberByAddress(tools.tx, mail.from);
  const fromOwner = mail.from === row.email || (row.member_id != null && sender?.id === row.member_id);
  if (!fromOwner) return { outcome: `confirmation from ${mail.from || 'nobody'} ignored: sent to ${row.email}`, state: 'held' };
  // The sender is the owner here, so telling them is safe (a stranger gets nothing above).
  const reader = await readerOf(tools.tx, row.email);
  if (row.used_at || row.expired) {
    await replyToSender(mail, tools, 'confirmation-unusable', { lang: reader.lang, expired: !row.used_at && row.expired });
    return { outcome: row.used_at ? 'confirmation already used' : 'confirmation expired' };
  }
  const confirmer = tools.ctx.wiring.confirmers.get(row.purpose);
  if (!confirmer) return { outcome: `no confirmer for ${row.purpose}` };
  const decision = readDecision(await newTextOfMessage(mail.raw));
  if (decision === 'unclear') {
    // A protest or a question must not carry anything out; the confirmation stays open.
    const expiresLocal = readerLocalTime(reader, row.expires_at as Date);
    await replyToSender(mail, tools, 'confirmation-unclear', { lang: reader.lang, expires: row.expires_at, expiresLocal }, { replyTo: mail.recipient });
    return { outcome: 'confirmation answer unclear: nothing done' };
  }
  await tools.tx`update confirmations set used_at = now() where id = ${row.id}`;
  return confirmer(row as Confirmation, decision, mail, tools);
};
