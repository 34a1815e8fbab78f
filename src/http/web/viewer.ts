import type http from 'node:http';
import type { Context } from '../../shared/context.ts';
import { makeToken, readToken } from '../../shared/rules/tokens.ts';
import type { Viewer } from '../rules/access.ts';

/**
 * Signed-in browsers. The cookie is a session row's id plus an HMAC (as for
 * address tokens); the row says whose it is and until when, so signing out
 * ends it on the server too.
 */
export const SESSION_COOKIE = 'tacit_session';
const SESSION_DAYS = 30;

function cookieValue(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function sessionId(ctx: Context, req: http.IncomingMessage): number | null {
  const value = cookieValue(req, SESSION_COOKIE);
  const ids = value ? readToken(ctx.secret, 'session', value, 1) : null;
  return ids ? ids[0]! : null;
}

export async function loadViewer(ctx: Context, req: http.IncomingMessage): Promise<Viewer | null> {
  const id = sessionId(ctx, req);
  if (id === null) return null;
  const [row] = await ctx.sql`
    select m.id, m.email, m.name,
           coalesce((select array_agg(ms.group_id) from memberships ms where ms.member_id = m.id), '{}') as groups
    from web_sessions s join members m on m.id = s.member_id
    where s.id = ${id} and s.ended_at is null and s.expires_at > now()`;
  if (!row) return null;
  return { memberId: Number(row.id), email: row.email, name: row.name || row.email, groupIds: new Set((row.groups as number[]).map(Number)) };
}

function cookie(ctx: Context, value: string, maxAgeSeconds: number): string {
  const secure = ctx.config.publicUrl?.startsWith('https:') ? '; Secure' : '';
  const base = ctx.config.publicUrl ? new URL(ctx.config.publicUrl).pathname.replace(/\/+$/, '') : '';
  return `${SESSION_COOKIE}=${value}; Path=${base || '/'}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

/** A new session for a member who just used a sign-in link: the Set-Cookie header. */
export async function startSession(ctx: Context, memberId: number): Promise<string> {
  const [row] = await ctx.sql`
    insert into web_sessions (member_id, expires_at) values (${memberId}, now() + make_interval(days => ${SESSION_DAYS}))
    returning id`;
  return cookie(ctx, makeToken(ctx.secret, 'session', [Number(row!.id)]), SESSION_DAYS * 24 * 3600);
}

/** Ends the browser's session, if any: the Set-Cookie header that clears it. */
export async function endSession(ctx: Context, req: http.IncomingMessage): Promise<string> {
  const id = sessionId(ctx, req);
  if (id !== null) await ctx.sql`update web_sessions set ended_at = now() where id = ${id} and ended_at is null`;
  return cookie(ctx, '', 0);
}
