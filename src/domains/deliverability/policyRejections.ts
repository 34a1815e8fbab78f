import type { Queryable } from '../../shared/db/database.ts';

/** How far back `tacit stats` and `tacit doctor` count DMARC/policy rejections. */
export const POLICY_WINDOW_DAYS = 7;

export interface PolicyRejections {
  days: number;
  policyRejections: number;
  /** Status and words of the latest one, for the operator to read. */
  latest: string | null;
}

/** Receivers that refused Tacit's mail for DMARC or authentication: a fault of the set-up, never of the members. */
export async function policyRejections(db: Queryable): Promise<PolicyRejections> {
  const [row] = await db`
    select count(*)::int as n,
           (array_agg(coalesce(status, '') || ' ' || coalesce(diagnostic, '') order by created_at desc))[1] as latest
    from delivery_reports where kind = 'policy' and created_at > now() - make_interval(days => ${POLICY_WINDOW_DAYS})`;
  return { days: POLICY_WINDOW_DAYS, policyRejections: row!.n as number, latest: (row!.latest as string | null)?.trim() || null };
}
