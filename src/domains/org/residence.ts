import type { Queryable } from '../../shared/db/database.ts';
import type { Group } from './groups.ts';

/**
 * Membership follows residence: a member living in COUNTRY/CITY is on the
 * international list, the country's branch and the city's chapter. This puts
 * a set of members where their residence says, in one statement:
 * - adds the international, branch and chapter memberships they lack
 *   (marked 'residence'; an existing membership keeps its mode);
 * - ends the 'residence' memberships of branches and chapters they no longer
 *   live in (a move), carrying the old branch's/chapter's mode to the new one;
 * - leaves lists they subscribed to themselves alone, and never puts them
 *   back on a list they unsubscribed from.
 * Running it again changes nothing.
 */
export async function placeByResidence(db: Queryable, memberIds: readonly number[]): Promise<void> {
  if (memberIds.length === 0) return;
  await db`
    with target as (
      select m.id as member_id, g.id as group_id, g.level
      from members m join groups g
        on g.level = 'international'
        or (g.level = 'national' and g.country = m.country)
        or (g.level = 'local' and g.country = m.country and city_key(g.city) = city_key(m.city))
      where m.id = any(${memberIds as number[]})
    ), dropped as (
      -- Written against members rather than target: an anti-join on the CTE is quadratic in the batch.
      delete from memberships ms using groups g, members m
      where ms.group_id = g.id and m.id = ms.member_id and ms.member_id = any(${memberIds as number[]})
        and ms.source = 'residence' and g.level in ('national', 'local')
        and not coalesce(g.country = m.country and (g.level = 'national' or city_key(g.city) = city_key(m.city)), false)
      returning ms.member_id, g.level, ms.mode
    )
    insert into memberships (group_id, member_id, mode, source)
    select t.group_id, t.member_id,
           coalesce((select d.mode from dropped d where d.member_id = t.member_id and d.level = t.level limit 1), 'immediate'),
           'residence'
    from target t
    where not exists (select 1 from unsubscriptions u where u.member_id = t.member_id and u.group_id = t.group_id)
    on conflict (group_id, member_id) do nothing`;
}

/** The branch and chapter a residence maps to (either may not exist yet). */
export async function groupsForResidence(
  db: Queryable,
  country: string,
  city: string | null,
): Promise<{ branch: Group | null; chapter: Group | null }> {
  const rows = await db<Group[]>`
    select id, slug, name, parent_id, level, country, city from groups
    where country = ${country}
      and (level = 'national' or (level = 'local' and city_key(city) = city_key(${city})))`;
  return {
    branch: rows.find((g) => g.level === 'national') ?? null,
    chapter: rows.find((g) => g.level === 'local') ?? null,
  };
}

export interface WaitingCity {
  country: string;
  city: string;
  members: number;
  /** Whether the country has a branch yet (if not, a branch has to come first). */
  branch: string | null;
}

/** Members waiting for a chapter, per city (spellings folded together), most first. */
export async function waitingForChapter(db: Queryable): Promise<WaitingCity[]> {
  return db<WaitingCity[]>`
    select w.country, mode() within group (order by w.city) as city, count(*)::int as members,
           (select slug from groups g where g.level = 'national' and g.country = w.country) as branch
    from chapter_waiting w
    group by w.country, city_key(w.city)
    order by members desc, w.country, city`;
}

/** Whether this member is counted as waiting for a chapter. */
export async function isWaitingForChapter(db: Queryable, memberId: number): Promise<boolean> {
  const [row] = await db`select 1 from chapter_waiting where member_id = ${memberId}`;
  return !!row;
}
