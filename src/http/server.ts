import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from '../shared/context.ts';
import { withTimeout } from '../shared/withTimeout.ts';
import { readToken } from '../shared/rules/tokens.ts';
import { unsubscribe } from '../domains/org/members.ts';
import { DIGEST_GROUP, setDigest } from '../domains/digests/digestOptOut.ts';
import { escapeHtml as escape, readBody, send } from './respond.ts';
import { basePath, handleWeb } from './web/routes.ts';
import { translate } from '../shared/i18n/catalogue.ts';
import { acceptedLanguage, type Language } from '../shared/rules/language.ts';
import { memberLanguages } from '../domains/org/memberLanguages.ts';

/**
 * The small HTTP endpoint: RFC 8058 one-click unsubscribe (the https
 * List-Unsubscribe link of every list copy), /health for monitors, and
 * with PUBLIC_URL the web record (web/routes.ts). Plain node:http: a dozen
 * routes matched by regular expressions need no framework.
 * A GET of the link only shows a button: mail scanners follow links, and a
 * GET must never unsubscribe anyone. The POST is idempotent.
 */
export interface HttpEndpoint {
  port: number;
  close(): Promise<void>;
}

export async function startHttpEndpoint(ctx: Context, host: string, port: number): Promise<HttpEndpoint> {
  const server = http.createServer((req, res) => {
    handle(ctx, req, res).catch((err) => {
      ctx.log.warn({ err }, 'http request failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${translate(browserLanguage(req), 'web.error.failed')}\n`);
      else res.end();
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(ctx: Context, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // A proxy may pass PUBLIC_URL's path on or strip it: both reach the same page.
  const base = ctx.config.publicUrl ? basePath(ctx.config.publicUrl) : '';
  const path = base && url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : url.pathname === base && base ? '/' : url.pathname;
  if (path === '/health') return health(ctx, res);
  const match = /^\/unsubscribe\/([A-Za-z0-9_]+)$/.exec(path);
  if (!match) {
    // The web record (decisions, archives, sign-in) is served when PUBLIC_URL says where the world reaches it.
    if (ctx.config.publicUrl && (await handleWeb(ctx, req, res, path))) return;
    return send(res, 404, 'text/plain', 'Not found.\n');
  }
  const ids = readToken(ctx.secret, 'unsubscribe', match[1]!, 2);
  if (!ids) return send(res, 404, 'text/plain; charset=utf-8', `${translate(browserLanguage(req), 'web.unsubscribe.badLink')}\n`);
  const [memberId, groupId] = ids as [number, number];
  // The page speaks the member's language (the one their mail is in), else the browser's.
  const lang = (await memberLanguages(ctx.sql, [memberId])).get(memberId) ?? browserLanguage(req);
  const words = (key: string, values: Record<string, unknown> = {}) =>
    translate(lang, key, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escape(String(v))])));
  if (groupId === DIGEST_GROUP) return digestUnsubscribe(ctx, req, res, memberId, lang, words);
  const [target] = await ctx.sql`
    select g.slug, m.email, exists (select 1 from memberships ms where ms.group_id = g.id and ms.member_id = m.id) as subscribed
    from groups g, members m where g.id = ${groupId} and m.id = ${memberId}`;
  if (!target) return send(res, 404, 'text/plain; charset=utf-8', `${translate(lang, 'web.unsubscribe.gone')}\n`);
  const list = `${target.slug}@${ctx.config.domain}`;

  if (req.method === 'POST') {
    await readBody(req);
    // RFC 8058: the body is "List-Unsubscribe=One-Click"; the button of the page below posts the same.
    await unsubscribe(ctx.sql, memberId, groupId);
    ctx.log.info({ memberId, groupId }, 'one-click unsubscribe');
    return send(res, 200, 'text/html; charset=utf-8', page(lang, words('web.unsubscribe.title'), `<p>${words('web.unsubscribe.done', { email: target.email, list })}</p>`));
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const body = target.subscribed
      ? `<p>${words('web.unsubscribe.ask', { email: target.email, list })}</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${words('web.unsubscribe.button')}</button></form>`
      : `<p>${words('web.unsubscribe.notOn', { email: target.email, list })}</p>`;
    return send(res, 200, 'text/html; charset=utf-8', page(lang, words('web.unsubscribe.title'), body));
  }
  res.setHeader('Allow', 'GET, HEAD, POST');
  return send(res, 405, 'text/plain; charset=utf-8', `${words('web.error.methodNotAllowed')}\n`);
}

/** The digest's one-click: stops the digest only (the member stays on every list). */
async function digestUnsubscribe(
  ctx: Context, req: http.IncomingMessage, res: http.ServerResponse, memberId: number,
  lang: Language, words: (key: string, values?: Record<string, unknown>) => string,
): Promise<void> {
  const [member] = await ctx.sql`select email, digest_off_at from members where id = ${memberId}`;
  if (!member) return send(res, 404, 'text/plain; charset=utf-8', `${translate(lang, 'web.digestOff.gone')}\n`);
  const title = words('web.digestOff.button');
  if (req.method === 'POST') {
    await readBody(req);
    await setDigest(ctx.sql, memberId, false);
    ctx.log.info({ memberId }, 'one-click digest unsubscribe');
    return send(res, 200, 'text/html; charset=utf-8', page(lang, title, `<p>${words('web.digestOff.done', { email: member.email })}</p>`));
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const body = member.digest_off_at
      ? `<p>${words('web.digestOff.already', { email: member.email })}</p>`
      : `<p>${words('web.digestOff.ask', { email: member.email })}</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${words('web.digestOff.button')}</button></form>`;
    return send(res, 200, 'text/html; charset=utf-8', page(lang, title, body));
  }
  res.setHeader('Allow', 'GET, HEAD, POST');
  return send(res, 405, 'text/plain; charset=utf-8', `${words('web.error.methodNotAllowed')}\n`);
}

async function health(ctx: Context, res: http.ServerResponse): Promise<void> {
  const database = await withTimeout(ctx.sql`select 1`.then(() => true, () => false), 2000, false);
  const redis = await withTimeout(ctx.queues.connection.ping().then(() => true, () => false), 2000, false);
  const ok = database && redis;
  send(res, ok ? 200 : 503, 'application/json', JSON.stringify({ status: ok ? 'ok' : 'degraded', database, redis }) + '\n');
}

function browserLanguage(req: http.IncomingMessage): Language {
  return acceptedLanguage(req.headers['accept-language']) ?? 'en';
}

function page(lang: Language, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title></head><body>${body}</body></html>\n`;
}

