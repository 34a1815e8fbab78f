import type { Context } from '../../../shared/context.ts';
import { loadConsultation } from '../consultation.ts';
import { queueMailingJob, writeReminders } from './mailings.ts';

export class NotDueYet extends Error {
  override name = 'NotDueYet';
}

/**
 * Sends the reminder of an open consultation to members without a readable
 * reply, once per reminder time: `reminded_for` records the time it was sent
 * for, so a repeated job does nothing and a moved reminder is sent again.
 * `alarmAt` is the time the ringing alarm was set for (null: the reconciler).
 */
export async function sendReminder(ctx: Context, id: number, alarmAt: Date | null): Promise<number> {
  return ctx.sql.begin(async (tx) => {
    const c = await loadConsultation(tx, id, 'update');
    if (!c || c.status !== 'open' || !c.reminder_at) return 0;
    if (alarmAt && c.reminder_at.getTime() !== alarmAt.getTime()) return 0; // moved: another alarm rings for it
    if (c.reminded_for?.getTime() === c.reminder_at.getTime()) return 0;
    if (c.deadline.getTime() <= Date.now()) return 0; // too late to remind: the close is due
    if (c.reminder_at.getTime() > Date.now()) throw new NotDueYet(`reminder of ${id} is due at ${c.reminder_at.toISOString()}`);
    const purpose = `reminder-${c.reminder_at.getTime()}`;
    const n = await writeReminders(tx, c, purpose);
    await tx`update consultations set reminded_for = reminder_at where id = ${id}`;
    await queueMailingJob(ctx, id, purpose);
    return n;
  }) as Promise<number>;
}
