import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../shared/context.ts';
import { OutboxWriter, enqueueDeliveries } from '../../pipeline/outbound/outbox.ts';
import type { OutboxRow } from '../../pipeline/outbound/compose/compose.ts';
import { findMemberByAddress } from '../../domains/org/members.ts';
import { memberLanguages } from '../../domains/org/memberLanguages.ts';
import { renderMail } from '../../shared/templates/render.ts';
import { makeToken, readToken } from '../../shared/rules/tokens.ts';

/**
 * Members sign in with a link mailed to them: no passwords. A link is a
 * web_signins row id plus an HMAC, works once, expires after
 * SIGNIN_MINUTES, and an address gets at most SIGNINS_PER_HOUR links an
 * hour. The link is computed when the mail is composed, so no usable
 * token is ever stored.
 */
export const SIGNIN_MAIL = 'web-signin';
export const SIGNIN_MINUTES = 30;
export const SIGNINS_PER_HOUR = 3;

export type SigninRequest = 'sent' | 'limited' | 'unknown';

export async function requestSignin(ctx: Context, email: string): Promise<SigninRequest> {
  const ids: number[] = [];
  const result = await ctx.sql.begin(async (tx) => {
    const member = await findMemberByAddress(tx, email);
    if (!member) return 'unknown' as const;
    // The member row lock orders concurrent requests, so the limit holds.
    await tx`select id from members where id = ${member.id} for update`;
    const [{ n }] = await tx`select count(*)::int as n from web_signins where member_id = ${member.id} and created_at > now() - interval '1 hour'`;
    if (n >= SIGNINS_PER_HOUR) return 'limited' as const;
    const [row] = await tx`
      insert into web_signins (member_id, expires_at) values (${member.id}, now() + make_interval(mins => ${SIGNIN_MINUTES}))
      returning id`;
    const outbox = new OutboxWriter(tx);
    await outbox.queue({ kind: SIGNIN_MAIL, recipient: member.email, memberId: member.id, params: { signinId: Number(row!.id) } });
    ids.push(...outbox.ids);
    return 'sent' as const;
  });
  if (ids.length) await enqueueDeliveries(ctx.queues, ids);
  ctx.log.info({ result }, 'web sign-in requested');
  return result;
}

/** Uses a sign-in link: the member id, once, while it has not expired; null otherwise. */
export async function useSignin(ctx: Context, token: string): Promise<number | null> {
  const ids = readToken(ctx.secret, 'signin', token, 1);
  if (!ids) return null;
  const [row] = await ctx.sql`
    update web_signins set used_at = now()
    where id = ${ids[0]!} and used_at is null and expires_at > now()
    returning member_id`;
  return row ? Number(row.member_id) : null;
}

/** Whether a link is still usable (the page before the button says so). */
export async function signinUsable(ctx: Context, token: string): Promise<boolean> {
  const ids = readToken(ctx.secret, 'signin', token, 1);
  if (!ids) return false;
  const [row] = await ctx.sql`select 1 from web_signins where id = ${ids[0]!} and used_at is null and expires_at > now()`;
  return !!row;
}

export function signinLink(ctx: Context, signinId: number): string {
  return `${ctx.config.publicUrl}/signin/${makeToken(ctx.secret, 'signin', [signinId])}`;
}

export async function composeSigninMail(row: OutboxRow, ctx: Context): Promise<Mail.Options> {
  const signinId = Number((row.params as { signinId?: number }).signinId);
  const [member] = row.member_id ? await ctx.sql`select name from members where id = ${row.member_id}` : [];
  // In the member's language, as their other mail (they may not have picked one on the page yet).
  const lang = row.member_id ? ((await memberLanguages(ctx.sql, [Number(row.member_id)])).get(Number(row.member_id)) ?? 'en') : 'en';
  const mail = renderMail('web/signin-mail', {
    lang,
    memberName: member?.name ?? '',
    link: signinLink(ctx, signinId),
    minutes: SIGNIN_MINUTES,
    domain: ctx.config.domain,
  });
  return {
    from: `"Tacit" <request@${ctx.config.domain}>`,
    subject: mail.subject,
    text: mail.text,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** Sign-in links and sessions a day past their end are of no use to anyone: the reconciler's pass removes them. */
export async function forgetExpired(ctx: Context): Promise<number> {
  const links = await ctx.sql`delete from web_signins where expires_at < now() - interval '1 day' returning 1`;
  const sessions = await ctx.sql`
    delete from web_sessions where expires_at < now() - interval '1 day' or ended_at < now() - interval '1 day' returning 1`;
  return links.length + sessions.length;
}
