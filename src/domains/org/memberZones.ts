import type { Queryable } from '../../shared/db/database.ts';
import { memberTimeZone } from '../../shared/rules/timeZone.ts';

/** The time zones of some members (rules/timeZone.ts decides each), in one query; null where none is known. */
export async function memberZones(db: Queryable, memberIds: readonly number[]): Promise<Map<number, string | null>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db`select id, timezone, country, city from members where id = any(${memberIds as number[]}::bigint[])`;
  return new Map(rows.map((r) => [Number(r.id), memberTimeZone(r)]));
}
