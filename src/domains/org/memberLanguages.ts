import type { Queryable } from '../../shared/db/database.ts';
import { languageSource, memberLanguage, type Language } from '../../shared/rules/language.ts';

/**
 * What a member's language is read from (rules/language.ts decides): their
 * own choice, the language of their most local list that has one (a city's
 * chapter before a country's branch before the international list), their
 * country. One query for many members.
 */
export async function memberLanguageSources(db: Queryable, memberIds: readonly number[]) {
  if (memberIds.length === 0) return new Map<number, { language: string | null; listLanguage: string | null; country: string | null }>();
  const rows = await db`
    select m.id, m.language, m.country,
      (select g.language from memberships ms join groups g on g.id = ms.group_id
        where ms.member_id = m.id and g.language is not null
        order by case g.level when 'local' then 0 when 'committee' then 1 when 'list' then 2 when 'national' then 3 else 4 end, g.id
        limit 1) as list_language
    from members m where m.id = any(${memberIds as number[]}::bigint[])`;
  return new Map(rows.map((r) => [Number(r.id), { language: r.language as string | null, listLanguage: r.list_language as string | null, country: r.country as string | null }]));
}

/** The languages of some members, in one query; a member not found reads English. */
export async function memberLanguages(db: Queryable, memberIds: readonly number[]): Promise<Map<number, Language>> {
  const sources = await memberLanguageSources(db, memberIds);
  return new Map([...sources].map(([id, s]) => [id, memberLanguage(s)]));
}

/** A member's language and where it comes from, as `status`, `who` and the web record show it. */
export async function describeMemberLanguage(db: Queryable, memberId: number): Promise<{ language: Language; source: ReturnType<typeof languageSource> }> {
  const s = (await memberLanguageSources(db, [memberId])).get(memberId) ?? {};
  return { language: memberLanguage(s), source: languageSource(s) };
}

/** A member's own language (`tacit member add --language`, `set language`); null goes back to the list's or country's. */
export async function setMemberLanguage(db: Queryable, email: string, language: Language | null): Promise<void> {
  await db`update members set language = ${language} where email = ${email.toLowerCase()}`;
}

/** A list's default language (`tacit group add --language`), read by its members who chose none. */
export async function setGroupLanguage(db: Queryable, slug: string, language: Language | null): Promise<void> {
  await db`update groups set language = ${language} where slug = ${slug.toLowerCase()}`;
}
