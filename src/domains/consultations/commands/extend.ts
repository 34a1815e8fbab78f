import type { Context } from '../../../shared/context.ts';
import type { Queryable } from '../../../shared/db/database.ts';
import { setCloseAlarm, setReminderAlarm } from '../alarms.ts';
import type { Consultation } from '../consultation.ts';
import { queueMailingJob, writeElectorateNotice } from '../mail/mailings.ts';
import { giveParentCopies } from '../open/cancelledPart.ts';

/**
 * Moves the deadline of an open consultation (the caller holds its row lock
 * and has read the new time with the rules' parseExtension). The reminder
 * moves with it, keeping its distance to the deadline ("24 hours before"),
 * and is sent again if the old one was already sent; the electorate is told the new deadline.
 * New alarms are set; the old ones ring, find the times moved, and do nothing.
 */
export async function extendDeadline(tx: Queryable, ctx: Context, c: Consultation, deadline: Date): Promise<{ reminder: Date | null; notified: number }> {
  const moved = c.reminder_lead_ms != null ? new Date(deadline.getTime() - c.reminder_lead_ms) : null;
  const reminder = moved && moved.getTime() > Date.now() ? moved : null;
  await tx`update consultations set deadline = ${deadline}, reminder_at = ${reminder} where id = ${c.id}`;
  // Coalesced: a notice of an earlier extension not sent yet is replaced by this one.
  await tx`
    update outbox o set state = 'failed', last_error = 'superseded by a later extension'
    from consultation_mailings cm
    where cm.consultation_id = ${c.id} and cm.purpose like 'extended-%' and cm.outbox_id = o.id and o.state = 'pending'`;
  const purpose = `extended-${deadline.getTime()}`;
  const notified = await writeElectorateNotice(tx, { ...c, deadline }, purpose, 'consultation-extended');
  await queueMailingJob(ctx, c.id, purpose);
  await setCloseAlarm(ctx, c.id, deadline);
  if (reminder) await setReminderAlarm(ctx, c.id, reminder);
  return { reminder, notified };
}

/** Cancels a draft or open consultation: nothing is counted; the electorate (if any) is told. */
export async function cancelConsultation(tx: Queryable, ctx: Context, c: Consultation): Promise<number> {
  await tx`update consultations set status = 'cancelled', cancelled_at = now() where id = ${c.id}`;
  if (c.status !== 'open') return 0;
  // A part of an open parent vote: its members get the parent's copy instead (issue 22 item 3).
  await giveParentCopies(tx, ctx, c);
  // Copies and reminders that have not left yet are not sent: no ballot after the cancel.
  await tx`
    update outbox o set state = 'failed', last_error = 'consultation cancelled before it was sent'
    from consultation_mailings cm
    where cm.consultation_id = ${c.id} and cm.outbox_id = o.id and o.state = 'pending'`;
  const notified = await writeElectorateNotice(tx, c, 'cancelled', 'consultation-cancelled');
  await queueMailingJob(ctx, c.id, 'cancelled');
  return notified;
}
