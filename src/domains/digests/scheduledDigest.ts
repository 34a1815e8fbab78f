import type { Context } from '../../shared/context.ts';
import { queueDigests, writeDigests } from './runDigest.ts';
import { latestPeriod, parseDigestSchedule } from '../../shared/rules/digestSchedule.ts';

/**
 * A reconciler pass: when the latest scheduled period has no digest run yet,
 * claim it (the primary key lets one process win) and send it. The first
 * period a fresh install sees is recorded as a baseline and not sent, so
 * starting Tacit never mails everyone about the week before it existed.
 */
export async function runScheduledDigest(ctx: Context, now = new Date()): Promise<number> {
  const schedule = parseDigestSchedule(ctx.config.digestSchedule);
  if (schedule.kind === 'off') return 0;
  const latest = latestPeriod(schedule, now);
  let period = latest;
  // Claim and write in one transaction: a crash leaves either nothing (tried
  // again next pass) or every row (delivered by the outbox reconciler).
  const members = await ctx.sql.begin(async (tx) => {
    // A period starts where the last run ended: boundaries missed while Tacit
    // was down (or a changed schedule) leave no posts or outcomes unsent, and
    // nothing already covered by a run is sent again.
    const [last] = await tx`select max(period_end) as end from digest_runs`;
    if (last?.end) {
      if ((last.end as Date).getTime() >= latest.end.getTime()) return null;
      period = { start: last.end as Date, end: latest.end };
    }
    const [claimed] = await tx`
      insert into digest_runs (period_end, period_start, kind)
      select ${period.end}, ${period.start},
             case when exists (select 1 from digest_runs) then 'sent' else 'baseline' end
      on conflict (period_end) do nothing
      returning kind`;
    if (!claimed || claimed.kind !== 'sent') return null;
    const written = await writeDigests(tx, period);
    await tx`update digest_runs set members = ${written}, finished_at = now() where period_end = ${period.end}`;
    return written;
  });
  if (members === null) return 0;
  await queueDigests(ctx, period);
  ctx.log.info({ period, members }, 'digest queued');
  return members;
}
