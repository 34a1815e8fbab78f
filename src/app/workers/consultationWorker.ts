import { Worker } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { runConsultationJob } from '../../domains/consultations/jobs.ts';
import { workerConnection } from '../../shared/queue/queues.ts';

/** Consultation alarms (close, remind) and mailings (streaming copies and outcomes into delivery). */
export function startConsultationWorker(ctx: Context, redisUrl: string, concurrency = 4): Worker {
  const worker = new Worker('consultation', (job) => runConsultationJob(ctx, job), {
    connection: workerConnection(redisUrl),
    prefix: ctx.queues.prefix,
    concurrency,
  });
  worker.on('failed', (job, err) => ctx.log.warn({ err, job: job?.id }, 'consultation job failed'));
  worker.on('error', (err) => ctx.log.warn({ err }, 'consultation worker error'));
  return worker;
}
