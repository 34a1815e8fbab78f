import type { Queryable } from '../../shared/db/database.ts';
import { canonicalAddress } from '../../shared/rules/domains.ts';
import { DEFAULT_LANGUAGE, normalizeLanguage, type Language } from '../../shared/rules/language.ts';
import { memberTimeZone } from '../../shared/rules/timeZone.ts';
import { formatInZone, formatUtcIn } from '../../shared/rules/formatUtc.ts';
import { memberLanguages } from './memberLanguages.ts';

/**
 * Who reads an answer Tacit writes to an address (a command's results, a
 * confirmation, an owner's or moderator's mail): the language and time zone
 * of the member behind the address; for an address that is no member, the
 * language of the list the mail concerns, else English, and no zone.
 */
export interface Reader {
  lang: Language;
  zone: string | null;
}

export const ENGLISH_READER: Reader = { lang: DEFAULT_LANGUAGE, zone: null };

export async function readerOf(db: Queryable, email: string | null | undefined, list?: string | null): Promise<Reader> {
  const address = email ? canonicalAddress(email) : '';
  const [member] = address
    ? await db`
        select m.id, m.timezone, m.country, m.city from members m
        where m.email = ${address} or m.id = (select member_id from member_addresses where email = ${address})
        limit 1`
    : [];
  if (member) {
    const lang = (await memberLanguages(db, [Number(member.id)])).get(Number(member.id)) ?? DEFAULT_LANGUAGE;
    const zone = memberTimeZone(member as { timezone: string | null; country: string | null; city: string | null });
    return { lang, zone: zone === 'UTC' || zone === 'Etc/UTC' ? null : zone };
  }
  if (list) {
    const [group] = await db`select language from groups where slug = ${list.toLowerCase()}`;
    const lang = normalizeLanguage(group?.language as string | null);
    if (lang) return { lang, zone: null };
  }
  return ENGLISH_READER;
}

/** A moment as the reader reads it: UTC in their language, their own clock beside it when Tacit knows their zone. */
export function readerTime(reader: Reader, date: Date): string {
  const utc = formatUtcIn(date, reader.lang);
  const local = readerLocalTime(reader, date);
  return local ? `${utc} (${local})` : utc;
}

/** The same moment on the reader's own clock, for a template that writes it beside its UTC time ({{both (utc x) xLocal}}); null without a zone. */
export function readerLocalTime(reader: Reader, date: Date): string | null {
  return reader.zone ? formatInZone(date, reader.zone, reader.lang) : null;
}
