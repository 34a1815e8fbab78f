import type { Context } from '../../shared/context.ts';
import type { Language } from '../../shared/rules/language.ts';
import { formatInZone, formatUtcIn } from '../../shared/rules/formatUtc.ts';
import { memberZones } from '../../domains/org/memberZones.ts';
import type { Viewer } from '../rules/access.ts';

/**
 * Who reads a page, for its words and times (issue 23): the page's language
 * (pageLanguage.ts) and the signed-in member's time zone, from `set timezone`
 * or their residence (rules/timeZone.ts, as for their mail). An anonymous
 * reader gets UTC: a browser tells its zone only to JavaScript, and these
 * pages run none.
 */
export interface Reader {
  lang: Language;
  zone: string | null;
}

export async function readerZone(ctx: Context, viewer: Viewer | null): Promise<string | null> {
  if (!viewer) return null;
  return (await memberZones(ctx.sql, [viewer.memberId])).get(viewer.memberId) ?? null;
}

/**
 * A moment as the mails write it: UTC in the reader's language, and the same
 * moment on the clocks of their zone beside it ("… 17:00 UTC (… 18:00 Europe/Paris)").
 */
export function readerTime(date: Date, reader: Reader): string {
  const local = reader.zone && reader.zone !== 'UTC' && reader.zone !== 'Etc/UTC' ? reader.zone : null;
  const utc = formatUtcIn(date, reader.lang);
  return local ? `${utc} (${formatInZone(date, local, reader.lang)})` : utc;
}
