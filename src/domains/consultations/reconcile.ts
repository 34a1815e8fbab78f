import type { Context } from '../../shared/context.ts';
import { closeAlarm, reminderAlarm, setAlarms } from './alarms.ts';
import { closeDue } from './close/close.ts';
import { streamMailing } from './mail/mailings.ts';
import { sendReminder } from './mail/remind.ts';

/**
 * The reconciler's consultation pass: Postgres is the truth, alarms may be
 * lost. Closes what is overdue, sends reminders that are due, finishes a
 * fan-out whose job was lost, and sets the alarms of every open consultation
 * again (same job ids, so existing alarms are not doubled).
 */
export async function reconcileConsultations(ctx: Context): Promise<number> {
  let acted = (await closeDue(ctx)).length;

  const dueReminders = await ctx.sql`
    select id from consultations
    where status = 'open' and reminder_at <= now() and deadline > now()
      and reminded_for is distinct from reminder_at
    limit 100`;
  for (const { id } of dueReminders) {
    if ((await sendReminder(ctx, id as number, null)) > 0) acted++;
  }

  const graceSeconds = ctx.config.reconcileGraceMs / 1000;
  const unfinished = await ctx.sql`
    select id from consultations
    where status in ('open', 'closed') and fanout_queued_at is null
      and opened_at < now() - make_interval(secs => ${graceSeconds})
    limit 100`;
  for (const { id } of unfinished) {
    await streamMailing(ctx, id as number, 'copy');
    acted++;
  }

  await ctx.sql`select id, deadline, reminder_at, reminded_for from consultations where status = 'open' order by id`.cursor(500, async (open) => {
    const alarms = open.map((c) => closeAlarm(c.id as number, c.deadline as Date));
    for (const c of open) {
      const reminder = c.reminder_at as Date | null;
      if (reminder && (c.reminded_for as Date | null)?.getTime() !== reminder.getTime()) alarms.push(reminderAlarm(c.id as number, reminder));
    }
    await setAlarms(ctx, alarms);
  });
  return acted;
}
