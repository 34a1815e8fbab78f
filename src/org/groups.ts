import type { Queryable } from '../db/database.ts';

export type GroupLevel = 'international' | 'national' | 'local' | 'committee' | 'list';

export interface Group {
  id: number;
  slug: string;
  name: string;
  parent_id: number | null;
  level: GroupLevel;
  country: string | null;
  city: string | null;
}

export class OrgError extends Error {}

export async function findGroup(db: Queryable, slug: string): Promise<Group | null> {
  const [group] = await db<Group[]>`select id, slug, name, parent_id, level, country, city from groups where slug = ${slug.toLowerCase()}`;
  return group ?? null;
}

export async function requireGroup(db: Queryable, slug: string): Promise<Group> {
  const group = await findGroup(db, slug);
  if (!group) throw new OrgError(`no list named ${slug}`);
  return group;
}

/** Creates a group (and so its list), or updates its name and place when it exists: safe to run again. */
export async function upsertGroup(
  db: Queryable,
  input: { slug: string; name: string; parent?: string | null; level?: GroupLevel; country?: string | null; city?: string | null },
): Promise<Group> {
  const parent = input.parent ? await requireGroup(db, input.parent) : null;
  const [group] = await db<Group[]>`
    insert into groups (slug, name, parent_id, level, country, city)
    values (${input.slug.toLowerCase()}, ${input.name}, ${parent?.id ?? null}, ${input.level ?? 'list'},
            ${input.country?.toUpperCase() ?? null}, ${input.city ?? null})
    on conflict (slug) do update set name = excluded.name,
      parent_id = coalesce(excluded.parent_id, groups.parent_id),
      level = excluded.level,
      country = coalesce(excluded.country, groups.country),
      city = coalesce(excluded.city, groups.city)
    returning id, slug, name, parent_id, level, country, city`;
  return group;
}
