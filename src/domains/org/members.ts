import type { Queryable } from '../../shared/db/database.ts';
import type { DeliveryMode } from '../../shared/rules/requestCommands.ts';
import { canonicalAddress } from '../../shared/rules/domains.ts';
import { OrgError, requireGroup } from './groups.ts';

export interface Member {
  id: number;
  email: string;
  name: string;
  country: string | null;
  city: string | null;
  delivery_disabled_at: Date | null;
}

export type Role = 'owner' | 'moderator' | 'coordinator';
export const ROLES: readonly Role[] = ['owner', 'moderator', 'coordinator'];

const EMAIL_RE = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export function isEmailAddress(email: string): boolean {
  return EMAIL_RE.test(canonicalAddress(email));
}

/** The address as stored: lower case, its domain in UTS #46 ASCII form (bücher.example is xn--bcher-kva.example). */
export function normaliseEmail(email: string): string {
  const canonical = canonicalAddress(email);
  if (!EMAIL_RE.test(canonical)) throw new OrgError(`not an email address: ${email}`);
  return canonical;
}

const MEMBER_COLUMNS = 'id, email, name, country, city, delivery_disabled_at';

/** The member an address belongs to: their main address or one of their further addresses. */
export async function findMemberByAddress(db: Queryable, email: string): Promise<Member | null> {
  const address = canonicalAddress(email);
  const [member] = await db<Member[]>`
    select m.id, m.email, m.name, m.country, m.city, m.delivery_disabled_at from members m
    where m.email = ${address}
       or m.id = (select member_id from member_addresses where email = ${address})
    limit 1`;
  return member ?? null;
}

/** findMemberByAddress for several addresses in one query, by the address as given; an address of nobody is absent. */
export async function findMembersByAddresses(db: Queryable, emails: readonly string[]): Promise<Map<string, Member>> {
  const given = [...new Set(emails)];
  if (given.length === 0) return new Map();
  const rows = await db`
    select a.given, f.* from unnest(${given}::text[], ${given.map(canonicalAddress)}::text[]) as a(given, address)
    cross join lateral (
      select m.id, m.email, m.name, m.country, m.city, m.delivery_disabled_at from members m
      where m.email = a.address
         or m.id = (select member_id from member_addresses where email = a.address)
      limit 1) f`;
  return new Map(rows.map(({ given: address, ...member }) => [address as string, member as unknown as Member]));
}

/** Adds a member or updates their name and residence: running it twice changes nothing. */
export async function upsertMember(
  db: Queryable,
  input: { email: string; name?: string; country?: string | null; city?: string | null },
): Promise<Member> {
  const email = normaliseEmail(input.email);
  const [member] = await db<Member[]>`
    insert into members (email, name, country, city)
    values (${email}, ${input.name ?? ''}, ${input.country?.toUpperCase() ?? null}, ${input.city ?? null})
    on conflict (email) do update set
      name = case when excluded.name <> '' then excluded.name else members.name end,
      country = coalesce(excluded.country, members.country),
      city = coalesce(excluded.city, members.city)
    returning ${db.unsafe(MEMBER_COLUMNS)}`;
  return member;
}

/** Subscribes (or changes the mode of) a member on one list. */
export async function subscribe(db: Queryable, memberId: number, slug: string, mode: DeliveryMode = 'immediate'): Promise<void> {
  const group = await requireGroup(db, slug);
  await db`
    insert into memberships (group_id, member_id, mode) values (${group.id}, ${memberId}, ${mode})
    on conflict (group_id, member_id) do update set mode = excluded.mode`;
}

/** Ends one membership, remembered so residence placement and imports do not undo it; false when there was none. */
export async function unsubscribe(db: Queryable, memberId: number, groupId: number): Promise<boolean> {
  const rows = await db`delete from memberships where group_id = ${groupId} and member_id = ${memberId} returning 1`;
  await db`insert into unsubscriptions (group_id, member_id) values (${groupId}, ${memberId}) on conflict do nothing`;
  return rows.length > 0;
}

/** An explicit subscription (by the member, or an operator naming them) lifts an earlier unsubscription. */
export async function clearUnsubscription(db: Queryable, memberId: number, groupIds: number[]): Promise<void> {
  await db`delete from unsubscriptions where member_id = ${memberId} and group_id = any(${groupIds})`;
}

/** Changes how a member receives one list; false when they are not on it. */
export async function setMode(db: Queryable, memberId: number, groupId: number, mode: DeliveryMode): Promise<boolean> {
  const rows = await db`update memberships set mode = ${mode} where group_id = ${groupId} and member_id = ${memberId} returning 1`;
  return rows.length > 0;
}

/** Ends every membership of a member (their row, roles and history stay); returns how many ended. */
export async function leaveAll(db: Queryable, memberId: number): Promise<number> {
  const rows = await db`delete from memberships where member_id = ${memberId} returning 1`;
  await db`update members set left_at = now() where id = ${memberId}`;
  return rows.length;
}

/** Joining or subscribing again after "leave": imports may place them again. */
export async function markReturned(db: Queryable, memberId: number): Promise<void> {
  await db`update members set left_at = null where id = ${memberId} and left_at is not null`;
}

export interface MembershipRow {
  group_id: number;
  slug: string;
  name: string;
  level: string;
  mode: DeliveryMode;
  source: 'residence' | 'subscribe';
}

/** A member's lists, broadest first (international, branch, chapter, others). */
export async function membershipsOf(db: Queryable, memberId: number): Promise<MembershipRow[]> {
  return db<MembershipRow[]>`
    select g.id as group_id, g.slug, g.name, g.level, ms.mode, ms.source
    from memberships ms join groups g on g.id = ms.group_id
    where ms.member_id = ${memberId}
    order by array_position(array['international', 'national', 'local', 'committee', 'list'], g.level), g.slug`;
}

export async function membershipOf(db: Queryable, memberId: number, groupId: number): Promise<{ mode: DeliveryMode } | null> {
  const [row] = await db<{ mode: DeliveryMode }[]>`select mode from memberships where member_id = ${memberId} and group_id = ${groupId}`;
  return row ?? null;
}

export async function grantRole(db: Queryable, memberId: number, role: Role, slug: string): Promise<void> {
  const group = await requireGroup(db, slug);
  await db`insert into roles (group_id, member_id, role) values (${group.id}, ${memberId}, ${role}) on conflict do nothing`;
}

export async function revokeRole(db: Queryable, memberId: number, role: Role, slug: string): Promise<boolean> {
  const group = await requireGroup(db, slug);
  const rows = await db`delete from roles where group_id = ${group.id} and member_id = ${memberId} and role = ${role} returning 1`;
  return rows.length > 0;
}

export async function hasRole(db: Queryable, memberId: number, roles: Role[], slug: string): Promise<boolean> {
  const [row] = await db`
    select 1 from roles r join groups g on g.id = r.group_id
    where r.member_id = ${memberId} and g.slug = ${slug} and r.role = any(${roles})`;
  return !!row;
}

/**
 * Who decides about a list (held posts, owner mail): the holders of `roles`
 * on the list itself, else on its nearest ancestor that has any, so a new
 * chapter without owners is looked after by its branch.
 */
export async function roleHoldersUpTheTree(
  db: Queryable,
  groupId: number,
  roles: Role[],
): Promise<{ id: number; email: string; name: string }[]> {
  return db<{ id: number; email: string; name: string }[]>`
    with recursive up as (
      select id, parent_id, 0 as depth from groups where id = ${groupId}
      union all
      select g.id, g.parent_id, up.depth + 1 from groups g join up on g.id = up.parent_id where up.depth < 20
    ), holders as (
      select distinct m.id, m.email, m.name, up.depth
      from up join roles r on r.group_id = up.id join members m on m.id = r.member_id
      where r.role = any(${roles})
    )
    select id, email, name from holders where depth = (select min(depth) from holders) order by email`;
}
