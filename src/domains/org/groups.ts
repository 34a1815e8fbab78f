import type { Queryable } from '../../shared/db/database.ts';
import { isValidListSlug } from '../../shared/rules/addresses.ts';
import { countryCode } from '../../shared/rules/countries.ts';

export type GroupLevel = 'international' | 'national' | 'local' | 'committee' | 'list';
export const GROUP_LEVELS: readonly GroupLevel[] = ['international', 'national', 'local', 'committee', 'list'];

export interface Group {
  id: number;
  slug: string;
  name: string;
  parent_id: number | null;
  level: GroupLevel;
  country: string | null;
  city: string | null;
  /** Who posts without moderation: members, only owners and moderators, or nobody. */
  posting: PostingPolicy;
}

export type PostingPolicy = 'members' | 'owners' | 'moderated';

/** A mistake an operator or member can fix (no such list, bad address...): reported as one clear line. */
export class OrgError extends Error {
  override name = 'OrgError';
}

const GROUP_COLUMNS = 'id, slug, name, parent_id, level, country, city, posting';

export async function findGroup(db: Queryable, slug: string): Promise<Group | null> {
  const [group] = await db<Group[]>`select ${db.unsafe(GROUP_COLUMNS)} from groups where slug = ${slug.toLowerCase()}`;
  return group ?? null;
}

export async function findGroupById(db: Queryable, id: number): Promise<Group | null> {
  const [group] = await db<Group[]>`select ${db.unsafe(GROUP_COLUMNS)} from groups where id = ${id}`;
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
    insert into groups (slug, name, parent_id, level, country, city, subscription)
    values (${input.slug.toLowerCase()}, ${input.name}, ${parent?.id ?? null}, ${input.level ?? 'list'},
            ${input.country?.toUpperCase() ?? null}, ${input.city ?? null},
            ${input.level === 'committee' ? 'closed' : 'open'})
    on conflict (slug) do update set name = excluded.name,
      parent_id = coalesce(excluded.parent_id, groups.parent_id),
      level = excluded.level,
      country = coalesce(excluded.country, groups.country),
      city = coalesce(excluded.city, groups.city)
    returning ${db.unsafe(GROUP_COLUMNS)}`;
  return group;
}

export interface GroupPlacement {
  level: GroupLevel;
  country: string | null;
  city: string | null;
}

/**
 * Where a new group sits in the organisation when the operator does not say:
 * the first root group is the international body; a child of it named by a
 * country (gb, france) is that country's branch; a child of a branch is the
 * chapter of the city it is named after; anything else is a plain list.
 */
export function inferPlacement(
  input: { slug: string; name: string; level?: GroupLevel; country?: string; city?: string },
  parent: Group | null,
  internationalExists: boolean,
): GroupPlacement {
  const country = input.country ? countryCode(input.country) : undefined;
  if (input.country && !country) throw new OrgError(`not a country: ${input.country}`);
  const level =
    input.level ??
    (!parent
      ? internationalExists ? 'list' : 'international'
      : parent.level === 'international' && (country ?? countryCode(input.slug))
        ? 'national'
        : parent.level === 'national'
          ? 'local'
          : 'list');
  if (level === 'national') {
    const code = country ?? countryCode(input.slug);
    if (!code) throw new OrgError(`a national branch needs a country: add --country CC`);
    return { level, country: code, city: null };
  }
  if (level === 'local') {
    const code = country ?? parent?.country ?? undefined;
    if (!code) throw new OrgError(`a local chapter needs a country: give it a national --parent or --country CC`);
    const city = (input.city ?? input.name).trim();
    if (!city) throw new OrgError(`a local chapter needs a city: add --city "City"`);
    return { level, country: code, city };
  }
  return { level, country: country ?? null, city: null };
}

/**
 * `tacit group add`: creates the group, or updates it when it exists. A new
 * branch or chapter takes in the members already living there (who were
 * waiting for it), as joining would have placed them.
 */
export async function addGroup(
  db: Queryable,
  input: { slug: string; name: string; parent?: string; level?: GroupLevel; country?: string; city?: string },
): Promise<{ group: Group; created: boolean; placed: number }> {
  const slug = input.slug.trim().toLowerCase();
  if (!isValidListSlug(slug)) {
    throw new OrgError(`"${input.slug}" cannot name a list: use a-z, 0-9 and "-", not a reserved name or a -request/-owner/-consult ending`);
  }
  if (!input.name.trim()) throw new OrgError('a group needs a --name');
  const existing = await findGroup(db, slug);
  const parent = input.parent ? await requireGroup(db, input.parent) : existing?.parent_id ? await findGroupById(db, existing.parent_id) : null;
  if (parent && existing && parent.id === existing.id) throw new OrgError('a group cannot be its own parent');
  const [{ exists }] = await db`select exists (select 1 from groups where level = 'international' and slug <> ${slug}) as exists`;
  const placement = existing && !input.level && !input.country && !input.city && !input.parent
    ? { level: existing.level, country: existing.country, city: existing.city }
    : inferPlacement({ ...input, slug }, parent, exists as boolean);
  await checkPlacementFree(db, slug, placement);
  const group = await upsertGroup(db, { slug, name: input.name.trim(), parent: parent?.slug ?? null, ...placement });
  const placed = await takeInResidents(db, group);
  return { group, created: !existing, placed };
}

async function checkPlacementFree(db: Queryable, slug: string, p: GroupPlacement): Promise<void> {
  if (p.level === 'national') {
    const [other] = await db`select slug from groups where level = 'national' and country = ${p.country} and slug <> ${slug}`;
    if (other) throw new OrgError(`${p.country} already has a branch: ${other.slug}`);
  }
  if (p.level === 'local') {
    const [other] = await db`
      select slug from groups where level = 'local' and country = ${p.country}
        and city_key(city) = city_key(${p.city}) and slug <> ${slug}`;
    if (other) throw new OrgError(`${p.city} (${p.country}) already has a chapter: ${other.slug}`);
  }
}

/** Members on some list whose residence this group serves join it (set-based; nobody is added twice). */
async function takeInResidents(db: Queryable, group: Group): Promise<number> {
  if (!['international', 'national', 'local'].includes(group.level)) return 0;
  const rows = await db`
    insert into memberships (group_id, member_id, source)
    select ${group.id}, m.id, 'residence' from members m
    where exists (select 1 from memberships ms where ms.member_id = m.id)
      and (${group.level} = 'international'
           or (m.country = ${group.country} and (${group.level} = 'national' or city_key(m.city) = city_key(${group.city}))))
    on conflict do nothing
    returning member_id`;
  return rows.length;
}

/**
 * Renames a group's title and/or its list address (the slug); memberships,
 * roles and the city a chapter serves stay (`group add SLUG --city` moves that).
 */
export async function renameGroup(db: Queryable, slug: string, change: { name?: string; slug?: string }): Promise<Group> {
  const group = await requireGroup(db, slug);
  const newSlug = change.slug?.trim().toLowerCase();
  if (newSlug && newSlug !== group.slug) {
    if (!isValidListSlug(newSlug)) throw new OrgError(`"${change.slug}" cannot name a list`);
    if (await findGroup(db, newSlug)) throw new OrgError(`a list named ${newSlug} already exists`);
  }
  const name = change.name?.trim() || group.name;
  const [renamed] = await db<Group[]>`
    update groups set slug = ${newSlug || group.slug}, name = ${name}
    where id = ${group.id}
    returning ${db.unsafe(GROUP_COLUMNS)}`;
  return renamed;
}

export async function setGroupSettings(
  db: Queryable,
  slug: string,
  settings: {
    replyTo?: 'author' | 'list' | 'default';
    subscription?: 'open' | 'closed';
    posting?: PostingPolicy;
    archive?: 'public' | 'members' | 'off';
    decisions?: 'public' | 'members';
    objections?: 'named' | 'anonymous';
  },
): Promise<void> {
  const group = await requireGroup(db, slug);
  if (settings.replyTo) {
    await db`update groups set reply_to = ${settings.replyTo === 'default' ? null : settings.replyTo} where id = ${group.id}`;
  }
  if (settings.subscription) await db`update groups set subscription = ${settings.subscription} where id = ${group.id}`;
  if (settings.posting) await db`update groups set posting = ${settings.posting} where id = ${group.id}`;
  // Who reads the list's archive and decisions on the web record.
  if (settings.archive) await db`update groups set archive = ${settings.archive} where id = ${group.id}`;
  if (settings.decisions) await db`update groups set decisions = ${settings.decisions} where id = ${group.id}`;
  // Whether its consultations quote objections with the objector's name (frozen by each consultation when drafted).
  if (settings.objections) await db`update groups set objections = ${settings.objections} where id = ${group.id}`;
}

export interface GroupSummary extends Group {
  depth: number;
  members: number;
  reply_to: 'author' | 'list' | null;
  subscription: 'open' | 'closed';
}

/** Every group in tree order (parents before children), with its member count. */
export async function groupTree(db: Queryable): Promise<GroupSummary[]> {
  return db<GroupSummary[]>`
    with recursive tree as (
      select g.id, 0 as depth, array[g.slug]::text[] as path from groups g where g.parent_id is null
      union all
      select g.id, t.depth + 1, t.path || g.slug from groups g join tree t on g.parent_id = t.id
      where t.depth < 20
    )
    select g.id, g.slug, g.name, g.parent_id, g.level, g.country, g.city, g.reply_to, g.subscription, t.depth,
           (select count(*)::int from memberships ms where ms.group_id = g.id) as members
    from tree t join groups g on g.id = t.id
    order by t.path`;
}
