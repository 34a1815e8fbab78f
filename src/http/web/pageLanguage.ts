import type http from 'node:http';
import type { Context } from '../../shared/context.ts';
import type { Viewer } from '../rules/access.ts';
import { LANGUAGES, acceptedLanguage, languageName, normalizeLanguage, type Language } from '../../shared/rules/language.ts';
import { memberLanguages } from '../../domains/org/memberLanguages.ts';

/**
 * The language of a web record page (issue 23): the one the reader picked
 * with the switcher (?lang=, then kept in a cookie), else the signed-in
 * member's own, else the browser's Accept-Language, else English.
 */
export const LANGUAGE_COOKIE = 'tacit_lang';

export interface PageLanguage {
  lang: Language;
  /** Set-Cookie for a language just picked with the switcher. */
  cookie: string | null;
}

function cookieLanguage(req: http.IncomingMessage): Language | null {
  const found = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([name]) => name === LANGUAGE_COOKIE);
  return normalizeLanguage(found?.[1]);
}

export async function pageLanguage(ctx: Context, req: http.IncomingMessage, viewer: Viewer | null): Promise<PageLanguage> {
  const picked = normalizeLanguage(new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang'));
  if (picked) return { lang: picked, cookie: `${LANGUAGE_COOKIE}=${picked}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly` };
  const kept = cookieLanguage(req);
  if (kept) return { lang: kept, cookie: null };
  if (viewer) return { lang: (await memberLanguages(ctx.sql, [viewer.memberId])).get(viewer.memberId) ?? 'en', cookie: null };
  return { lang: acceptedLanguage(req.headers['accept-language']) ?? 'en', cookie: null };
}

/** The switcher's links: this page in each language, each named in itself ("Français"). */
export function languageSwitcher(req: http.IncomingMessage, base: string, current: Language) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return LANGUAGES.map((code) => {
    url.searchParams.set('lang', code);
    const name = languageName(code, code);
    return { code, name: name.charAt(0).toLocaleUpperCase(code) + name.slice(1), href: `${url.pathname.startsWith(base) ? '' : base}${url.pathname}${url.search}`, current: code === current };
  });
}
