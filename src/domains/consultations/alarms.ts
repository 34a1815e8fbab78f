import type { JobsOptions } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { addJobsBestEffort } from '../../shared/queue/queues.ts';

/**
 * The alarm clocks: delayed BullMQ jobs whose ids carry the time they were
 * set for. Moving a deadline sets a new alarm; the old one still rings, finds
 * the deadline in Postgres moved, and does nothing. A lost alarm (Redis
 * wiped) is set again, or its work done, by the reconciler.
 */
type AlarmJob = { name: string; data: object; opts: JobsOptions & { jobId: string } };

export function closeJobId(consultationId: number, deadline: Date): string {
  return `close-${consultationId}-${deadline.getTime()}`;
}

export function reminderJobId(consultationId: number, at: Date): string {
  return `remind-${consultationId}-${at.getTime()}`;
}

export function closeAlarm(consultationId: number, deadline: Date): AlarmJob {
  return {
    name: 'close',
    data: { id: consultationId, deadline: deadline.getTime() },
    opts: { jobId: closeJobId(consultationId, deadline), delay: Math.max(0, deadline.getTime() - Date.now()) },
  };
}

export function reminderAlarm(consultationId: number, at: Date): AlarmJob {
  return {
    name: 'remind',
    data: { id: consultationId, at: at.getTime() },
    opts: { jobId: reminderJobId(consultationId, at), delay: Math.max(0, at.getTime() - Date.now()) },
  };
}

/** Best effort: when Redis is away the reconciler sets the alarm again later. */
export function setAlarms(ctx: Context, jobs: AlarmJob[]): Promise<boolean> {
  return addJobsBestEffort(ctx.queues.consultation, jobs);
}

export function setCloseAlarm(ctx: Context, consultationId: number, deadline: Date): Promise<boolean> {
  return setAlarms(ctx, [closeAlarm(consultationId, deadline)]);
}

export function setReminderAlarm(ctx: Context, consultationId: number, at: Date): Promise<boolean> {
  return setAlarms(ctx, [reminderAlarm(consultationId, at)]);
}
