import type http from 'node:http';
import type { Context } from '../../shared/context.ts';
import { numericId } from '../../domains/consultations/ids.ts';
import { readBody, redirect, send } from '../respond.ts';
import type { Viewer } from '../rules/access.ts';
import { findArchiveList, listMonths, monthMbox, monthThreads, threadPosts, visibleLists } from './archive.ts';
import { messageAttachment, messagePage } from './message.ts';
import { decisionPage, registerEntries, tallySheetText } from './decisions.ts';
import { renderPage } from './pages.ts';
import { SIGNINS_PER_HOUR, SIGNIN_MINUTES, requestSignin, signinUsable, useSignin } from './signin.ts';
import { endSession, loadViewer, startSession } from './viewer.ts';
import { languageSwitcher, pageLanguage, type PageLanguage } from './pageLanguage.ts';
import { readerZone, type Reader } from './reader.ts';
import { translate } from '../../shared/i18n/catalogue.ts';

/**
 * The web record's routes (read-only but for signing in and out). Every
 * page is rendered for one viewer (anonymous or a signed-in member), so
 * nothing is cached; a list or consultation the viewer may not see answers
 * 404, as one that does not exist.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  // Sign-in links carry a token in their path: never hand it on as a Referer.
  'Referrer-Policy': 'no-referrer',
};

interface Request {
  ctx: Context;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  viewer: Viewer | null;
  base: string;
  language: PageLanguage;
  /** The page's language and the signed-in member's zone: every word and time on the page. */
  reader: Reader;
}

function page(r: Request, status: number, name: string, title: string, data: object, headers: Record<string, string | string[]> = {}): void {
  const html = renderPage(
    name,
    {
      title, base: r.base, domain: r.ctx.config.domain, viewer: r.viewer && { name: r.viewer.name, email: r.viewer.email },
      lang: r.language.lang, languages: languageSwitcher(r.req, r.base, r.language.lang),
    },
    data,
  );
  // A language just picked with the switcher is kept for the next pages.
  const all: Record<string, string | string[]> = { ...SECURITY_HEADERS, ...headers };
  if (r.language.cookie) all['Set-Cookie'] = [...[headers['Set-Cookie'] ?? []].flat(), r.language.cookie];
  send(r.res, status, 'text/html; charset=utf-8', html, all);
}

function notFound(r: Request): void {
  const heading = translate(r.reader.lang, 'web.notFound.heading');
  page(r, 404, 'notice', heading, { heading, text: translate(r.reader.lang, 'web.notFound.text') });
}

/** The base path of PUBLIC_URL ('' at the root), which every link of a page starts with. */
export function basePath(publicUrl: string): string {
  return new URL(publicUrl).pathname.replace(/\/+$/, '');
}

/** Handles a web record request; false when the path is not one of its pages. */
export async function handleWeb(ctx: Context, req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<boolean> {
  const method = req.method ?? 'GET';
  const reading = method === 'GET' || method === 'HEAD';
  const base = basePath(ctx.config.publicUrl!);
  const viewer = await loadViewer(ctx, req);
  const language = await pageLanguage(ctx, req, viewer);
  const r: Request = { ctx, req, res, viewer, base, language, reader: { lang: language.lang, zone: await readerZone(ctx, viewer) } };
  const words = (key: string, values?: Record<string, unknown>) => translate(r.reader.lang, key, values);
  const pageNumber = Number(new URL(req.url ?? '/', 'http://localhost').searchParams.get('page') ?? 1);
  let m: RegExpExecArray | null;

  if (path === '/' || path === '/decisions') {
    if (!reading) return methodNotAllowed(r);
    page(r, 200, 'register', words('web.decisions'), await registerEntries(ctx, r.viewer, r.reader, base, pageNumber));
    return true;
  }
  if ((m = /^\/decisions\/(C-\d{1,15})$/i.exec(path))) {
    if (!reading) return methodNotAllowed(r);
    const id = numericId(m[1]!);
    const data = id ? await decisionPage(ctx, r.viewer, r.reader, id) : null;
    if (!data) notFound(r);
    else page(r, 200, 'decision', `${data.id}: ${data.question}`, data);
    return true;
  }
  if ((m = /^\/decisions\/(C-\d{1,15})\/tally\.txt$/i.exec(path))) {
    if (!reading) return methodNotAllowed(r);
    const id = numericId(m[1]!);
    const text = id ? await tallySheetText(ctx, r.viewer, id) : null;
    if (text === null) notFound(r);
    else send(res, 200, 'text/plain; charset=utf-8', text, { ...SECURITY_HEADERS, 'Cache-Control': 'private, no-store' });
    return true;
  }
  if (path === '/lists') {
    if (!reading) return methodNotAllowed(r);
    page(r, 200, 'lists', words('web.lists'), await visibleLists(ctx, r.viewer, base, pageNumber));
    return true;
  }
  if ((m = /^\/lists\/([a-z0-9][a-z0-9-]*)(?:\/(\d{4}-\d{2})(\.mbox)?|\/(thread|message)\/(\d{1,15})(?:\/attachment\/(\d{1,3}))?)?$/.exec(path))) {
    if (!reading) return methodNotAllowed(r);
    const list = await findArchiveList(ctx, r.viewer, m[1]!);
    if (!list) return notFound(r), true;
    const [, , month, mbox, kind, idText, attachment] = m;
    if (month && mbox) {
      const body = r.viewer?.groupIds.has(list.id) ? await monthMbox(ctx, list, month) : null;
      if (body === null) return notFound(r), true;
      send(res, 200, 'application/mbox', body, {
        ...SECURITY_HEADERS,
        'Content-Disposition': `attachment; filename="${list.slug}-${month}.mbox"`,
      });
      return true;
    }
    if (month) {
      const threads = await monthThreads(ctx, list, r.viewer, r.reader, month, base, pageNumber);
      if (!threads) return notFound(r), true;
      page(r, 200, 'month', `${list.name}: ${month}`, { list, month, ...threads });
      return true;
    }
    if (attachment) {
      const file = kind === 'message' ? await messageAttachment(ctx, list, r.viewer, Number(idText), Number(attachment)) : null;
      if (!file) return notFound(r), true;
      send(res, 200, file.type, file.body, {
        ...SECURITY_HEADERS,
        // Even if a browser were to show it, it runs nothing and reaches nothing.
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Content-Disposition': file.disposition,
        'Cache-Control': 'private, no-store',
      });
      return true;
    }
    if (kind === 'thread') {
      const thread = await threadPosts(ctx, list, r.viewer, r.reader, Number(idText), base, pageNumber);
      if (!thread) return notFound(r), true;
      page(r, 200, 'thread', thread.subject, { list, thread });
      return true;
    }
    if (kind === 'message') {
      const message = await messagePage(ctx, list, r.viewer, r.reader, Number(idText), base);
      if (!message) return notFound(r), true;
      page(r, 200, 'message', message.subject, { list, message });
      return true;
    }
    page(r, 200, 'list', list.name, { list, months: await listMonths(ctx, list, r.viewer, base) });
    return true;
  }
  if (path === '/signin') {
    if (method === 'POST') {
      const email = new URLSearchParams(await readBody(req)).get('email')?.trim() ?? '';
      if (/^[^\s@]+@[^\s@]+$/.test(email)) await requestSignin(ctx, email);
      // One answer for members, strangers and the rate-limited alike: the page must not tell who is a member.
      const message = words('web.signin.sent', { n: SIGNINS_PER_HOUR });
      page(r, 200, 'signin', words('web.signIn'), { message, minutes: SIGNIN_MINUTES });
      return true;
    }
    if (!reading) return methodNotAllowed(r);
    page(r, 200, 'signin', words('web.signIn'), { minutes: SIGNIN_MINUTES });
    return true;
  }
  if ((m = /^\/signin\/([A-Za-z0-9_]{1,80})$/.exec(path))) {
    // Mail scanners open links: the GET only shows a button, the POST signs in.
    if (method === 'POST') {
      await readBody(req);
      const memberId = await useSignin(ctx, m[1]!);
      if (memberId === null) {
        page(r, 410, 'signin-link', words('web.signIn'), { usable: false });
        return true;
      }
      redirect(res, `${base}/`, { 'Set-Cookie': await startSession(ctx, memberId) });
      return true;
    }
    if (!reading) return methodNotAllowed(r);
    page(r, 200, 'signin-link', words('web.signIn'), { usable: await signinUsable(ctx, m[1]!) });
    return true;
  }
  if (path === '/signout') {
    if (method !== 'POST') return methodNotAllowed(r, 'POST');
    await readBody(req);
    redirect(res, `${base}/`, { 'Set-Cookie': await endSession(ctx, req) });
    return true;
  }
  return false;
}

function methodNotAllowed(r: Request, allow = 'GET, HEAD'): true {
  send(r.res, 405, 'text/plain; charset=utf-8', `${translate(r.reader.lang, 'web.error.methodNotAllowed')}\n`, { Allow: allow });
  return true;
}
