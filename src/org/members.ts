import type { Queryable } from '../db/database.ts';
import { OrgError, requireGroup } from './groups.ts';

export interface Member {
  id: number;
  email: string;
  name: string;
  country: string | null;
  city: string | null;
  delivery_disabled_at: Date | null;
}

export type DeliveryMode = 'immediate' | 'digest' | 'nomail';
export type Role = 'owner' | 'moderator' | 'coordinator';

const EMAIL_RE = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL_RE.test(trimmed)) throw new OrgError(`not an email address: ${email}`);
  return trimmed;
}

/** The member an address belongs to: their main address or one of their further addresses. */
export async function findMemberByAddress(db: Queryable, email: string): Promise<Member | null> {
  const address = email.trim().toLowerCase();
  const [member] = await db<Member[]>`
    select m.id, m.email, m.name, m.country, m.city, m.delivery_disabled_at from members m
    where m.email = ${address}
       or m.id = (select member_id from member_addresses where email = ${address})
    limit 1`;
  return member ?? null;
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
    returning id, email, name, country, city, delivery_disabled_at`;
  return member;
}

export async function subscribe(db: Queryable, memberId: number, slug: string, mode: DeliveryMode = 'immediate'): Promise<void> {
  const group = await requireGroup(db, slug);
  await db`
    insert into memberships (group_id, member_id, mode) values (${group.id}, ${memberId}, ${mode})
    on conflict (group_id, member_id) do update set mode = excluded.mode`;
}

export async function grantRole(db: Queryable, memberId: number, role: Role, slug: string): Promise<void> {
  const group = await requireGroup(db, slug);
  await db`insert into roles (group_id, member_id, role) values (${group.id}, ${memberId}, ${role}) on conflict do nothing`;
}

export async function hasRole(db: Queryable, memberId: number, roles: Role[], slug: string): Promise<boolean> {
  const [row] = await db`
    select 1 from roles r join groups g on g.id = r.group_id
    where r.member_id = ${memberId} and g.slug = ${slug} and r.role = any(${roles})`;
  return !!row;
}
