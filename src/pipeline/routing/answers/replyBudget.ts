import type { Queryable } from '../../../shared/db/database.ts';

/** At most this many answers an hour to one address, so a loop or a flood cannot make Tacit a spammer
 * (generous enough for a coordinator running several consultations and commands in an hour). */
export const REPLIES_PER_HOUR = 30;

export async function takeReplyBudget(tx: Queryable, email: string): Promise<boolean> {
  const [allowed] = await takeReplyBudgets(tx, [email]);
  return allowed!;
}

/**
 * One answer's budget for each address of `emails`, in order (an address may
 * come more than once): the same as takeReplyBudget for each one after the
 * other, in one statement. Each address's row is counted up by its number of
 * answers, in address order, so two batches lock shared rows in one order.
 */
export async function takeReplyBudgets(tx: Queryable, emails: readonly string[]): Promise<boolean[]> {
  if (emails.length === 0) return [];
  const wanted = new Map<string, number>();
  for (const email of emails.map((e) => e.toLowerCase())) wanted.set(email, (wanted.get(email) ?? 0) + 1);
  const addresses = [...wanted.keys()].sort();
  const rows = await tx`
    insert into reply_budget (email, hour, count)
    select email, date_trunc('hour', now()), n from unnest(${addresses}::text[], ${addresses.map((a) => wanted.get(a)!)}::int[]) as v(email, n)
    order by email
    on conflict (email, hour) do update set count = reply_budget.count + excluded.count
    returning email, count`;
  // The count before this batch's answers; the k-th answer to an address is within budget while before + k is.
  const taken = new Map(rows.map((row) => [row.email as string, (row.count as number) - wanted.get(row.email as string)!]));
  return emails.map((e) => {
    const email = e.toLowerCase();
    const count = taken.get(email)! + 1;
    taken.set(email, count);
    return count <= REPLIES_PER_HOUR;
  });
}
