import type { Sql } from '../shared/db/database.ts';
import { policyRejections, type PolicyRejections } from '../domains/deliverability/policyRejections.ts';

export interface Stats {
  inbound: { stored: number; received: number; routed: number; held: number; failed: number; retrying: number };
  /** Deliveries that failed for good (unusable) or whose routing keeps failing (retried), newest first. */
  unrouted: { id: number; recipient: string; state: string; attempts: number; error: string | null }[];
  outbox: Record<string, number>;
  consultations: Record<string, number>;
  /** DMARC/policy rejections of Tacit's mail in the last `days` days: a fault of Tacit's set-up, never of the members. */
  deliverability: PolicyRejections;
}

export async function collectStats(sql: Sql): Promise<Stats> {
  const [stored] = await sql`select count(*)::int as n from inbound_messages`;
  const deliveries = await sql`select state, count(*)::int as n from inbound_deliveries group by state`;
  const outbox = await sql`select state, count(*)::int as n from outbox group by state`;
  const [{ exists }] = await sql`select to_regclass('consultations') is not null as exists`;
  const consultations = exists ? await sql`select status, count(*)::int as n from consultations group by status` : [];
  const byState = (rows: readonly Record<string, any>[], key: string) =>
    Object.fromEntries(rows.map((r) => [r[key], r.n as number])) as Record<string, number>;
  const d = byState(deliveries, 'state');
  const [{ n: retrying }] = await sql`
    select count(*)::int as n from inbound_deliveries where state = 'received' and route_attempts > 0`;
  const unrouted = await sql`
    select id, recipient, state, route_attempts as attempts, coalesce(route_error, outcome) as error
    from inbound_deliveries
    where state = 'failed' or (state = 'received' and route_attempts > 0)
    order by id desc limit 20`;
  return {
    inbound: { stored: stored.n, received: d.received ?? 0, routed: d.routed ?? 0, held: d.held ?? 0, failed: d.failed ?? 0, retrying },
    unrouted: unrouted.map((r) => ({ id: Number(r.id), recipient: r.recipient, state: r.state === 'failed' ? 'unusable' : 'retrying', attempts: r.attempts, error: r.error })),
    outbox: { pending: 0, sent: 0, failed: 0, ...byState(outbox, 'state') },
    consultations: { draft: 0, open: 0, closed: 0, cancelled: 0, ...byState(consultations, 'status') },
    deliverability: await policyRejections(sql),
  };
}

export function formatStats(stats: Stats): string {
  const line = (title: string, record: Record<string, number>) =>
    `${title.padEnd(14)} ${Object.entries(record).map(([k, v]) => `${k} ${v}`).join(', ')}`;
  const unrouted = stats.unrouted.map(
    (u) => `  delivery ${u.id} to ${u.recipient}: ${u.state}${u.state === 'retrying' ? ` (${u.attempts} rounds)` : ''}: ${u.error ?? ''}`,
  );
  return [
    line('inbound', stats.inbound),
    line('outbox', stats.outbox),
    line('consultations', stats.consultations),
    `${'refused'.padEnd(14)} ${stats.deliverability.policyRejections} by DMARC/policy in ${stats.deliverability.days} days` +
      (stats.deliverability.latest ? ` (latest: ${stats.deliverability.latest}); run tacit doctor` : ''),
    ...(unrouted.length ? ['not routed (newest first):', ...unrouted] : []),
  ].join('\n');
}
