import type { Queryable } from '../../shared/db/database.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import type { Language } from '../../shared/rules/language.ts';

/**
 * The proxies table (sql/230): who named whom, for which list, in which
 * state. A row is 'offered' once the member confirmed naming it, 'active'
 * once the proxy accepted, 'ended' otherwise. The rules it keeps:
 * one active proxy per member and scope (all lists, or one list), and at most
 * `limit` members held by one proxy (checked under a lock on the proxy's
 * member row, so two acceptances at once cannot both take the last place).
 */
export interface ProxyRow {
  id: number;
  member_id: number;
  proxy_member_id: number;
  group_id: number | null;
  state: 'offered' | 'active' | 'ended';
}

/** Members a proxy holds now (accepted, not ended). */
export async function heldCount(db: Queryable, proxyMemberId: number): Promise<number> {
  const [row] = await db`select count(*)::int as n from proxies where proxy_member_id = ${proxyMemberId} and state = 'active'`;
  return row.n as number;
}

/** A naming the member confirmed: earlier offers of the same scope not yet accepted end here. */
export async function offerProxy(db: Queryable, memberId: number, proxyMemberId: number, groupId: number | null): Promise<number> {
  await db`
    update proxies set state = 'ended', ended_at = now()
    where member_id = ${memberId} and state = 'offered' and group_id is not distinct from ${groupId}`;
  const [row] = await db`
    insert into proxies (member_id, proxy_member_id, group_id) values (${memberId}, ${proxyMemberId}, ${groupId})
    returning id`;
  return row.id as number;
}

export type Acceptance = { kind: 'accepted'; row: ProxyRow } | { kind: 'full'; row: ProxyRow } | { kind: 'gone' };

/**
 * The proxy said yes. Still an offer, and room under the limit: it becomes
 * the member's active proxy of its scope (ending the one it replaces).
 */
export async function acceptProxy(db: Queryable, proxyRowId: number, limit: number): Promise<Acceptance> {
  const [row] = await db<ProxyRow[]>`select id, member_id, proxy_member_id, group_id, state from proxies where id = ${proxyRowId} for update`;
  if (!row || row.state !== 'offered') return { kind: 'gone' };
  // One acceptance at a time per proxy: the count below cannot change under us.
  await db`select 1 from members where id = ${row.proxy_member_id} for update`;
  if ((await heldCount(db, row.proxy_member_id)) >= limit) return { kind: 'full', row };
  await db`
    update proxies set state = 'ended', ended_at = now()
    where member_id = ${row.member_id} and state = 'active' and group_id is not distinct from ${row.group_id}`;
  await db`update proxies set state = 'active', accepted_at = now() where id = ${row.id}`;
  return { kind: 'accepted', row };
}

/** The proxy said no: the offer ends. */
export async function declineProxy(db: Queryable, proxyRowId: number): Promise<ProxyRow | null> {
  const [row] = await db<ProxyRow[]>`
    update proxies set state = 'ended', ended_at = now() where id = ${proxyRowId} and state = 'offered'
    returning id, member_id, proxy_member_id, group_id, state`;
  return row ?? null;
}

/** `proxy off`: every proxy the member named (active or offered) ends. */
export async function endProxies(db: Queryable, memberId: number): Promise<number> {
  const ended = await db`
    update proxies set state = 'ended', ended_at = now()
    where member_id = ${memberId} and state in ('offered', 'active')`;
  return ended.count;
}

export interface ProxyListing {
  member: string;
  proxy: string;
  list: string | null;
  since: Date;
}

/** Every active proxy (`tacit proxies`), or those around one member (`proxies`). */
export async function activeProxies(db: Queryable, around?: number): Promise<ProxyListing[]> {
  return db<ProxyListing[]>`
    select m.email as member, pm.email as proxy, g.slug as list, p.accepted_at as since
    from proxies p
    join members m on m.id = p.member_id
    join members pm on pm.id = p.proxy_member_id
    left join groups g on g.id = p.group_id
    where p.state = 'active' ${around === undefined ? db`` : db`and (p.member_id = ${around} or p.proxy_member_id = ${around})`}
    order by p.accepted_at, p.id`;
}

/** Offers the member made that wait for the proxy's answer. */
export async function pendingOffers(db: Queryable, memberId: number): Promise<{ proxy: string; list: string | null }[]> {
  return db<{ proxy: string; list: string | null }[]>`
    select pm.email as proxy, g.slug as list from proxies p
    join members pm on pm.id = p.proxy_member_id
    left join groups g on g.id = p.group_id
    where p.member_id = ${memberId} and p.state = 'offered'
    order by p.id`;
}

/** "every list" or "list SLUG", as the mails say it, in the reader's language. */
export function scopeText(list: string | null, lang: Language): string {
  return list ? translate(lang, 'proxy.scope.list', { list }) : translate(lang, 'proxy.scope.all');
}
