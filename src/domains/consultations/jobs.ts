import type { Job } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { closeConsultation } from './close/close.ts';
import { loadConsultation } from './consultation.ts';
import { streamMailing } from './mail/mailings.ts';
import { sendReminder } from './mail/remind.ts';

export type ConsultationJob =
  | { name: 'close'; data: { id: number; deadline: number } }
  | { name: 'remind'; data: { id: number; at: number } }
  | { name: 'mailings'; data: { id: number; purpose: string } };

/**
 * The consultation queue's jobs. Each re-reads Postgres and acts only if the
 * row still asks for it, so a repeated, early or stale job does nothing.
 */
export async function runConsultationJob(ctx: Context, job: Pick<Job, 'name' | 'data'>): Promise<string> {
  const { name, data } = job as ConsultationJob;
  switch (name) {
    case 'close': {
      // The share lock waits for a transaction moving the deadline, so we read the deadline it leaves.
      const c = await loadConsultation(ctx.sql, data.id, 'share');
      if (!c || c.status !== 'open') return `not open (${c?.status ?? 'gone'})`;
      if (c.deadline.getTime() !== data.deadline) return 'deadline moved; another alarm closes it';
      if (c.deadline.getTime() > Date.now()) throw new Error(`close of ${data.id} rang early; retrying`);
      const result = await closeConsultation(ctx, data.id);
      return result.closed ? 'closed' : result.reason;
    }
    case 'remind':
      return `reminded ${await sendReminder(ctx, data.id, new Date(data.at))}`;
    case 'mailings':
      return `queued ${await streamMailing(ctx, data.id, data.purpose)}`;
    default:
      throw new Error(`unknown consultation job ${name}`);
  }
}
