import type { Queryable } from '../../../shared/db/database.ts';

/** At most this many answers an hour to one address, so a loop or a flood cannot make Tacit a spammer
 * (generous enough for a coordinator running several consultations and commands in an hour). */
export const REPLIES_PER_HOUR = 30;

export async function takeReplyBudget(tx: Queryable, email: string): Promise<boolean> {
  const [row] = await tx`
    insert into reply_budget (email, hour, count) values (${email.toLowerCase()}, date_trunc('hour', now()), 1)
    on conflict (email, hour) do update set count = reply_budget.count + 1
    returning count`;
  return (row.count as number) <= REPLIES_PER_HOUR;
}
