import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { withTimeout } from '../withTimeout.ts';

/**
 * The BullMQ queues. Postgres holds the truth (stored messages, outbox rows,
 * deadlines); a job is only the signal to act on a row, so every job id is
 * derived from the row it names and re-adding one is harmless.
 */
export const QUEUE_NAMES = {
  route: 'route',
  deliver: 'deliver',
  consultation: 'consultation',
  lists: 'lists',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface Queues {
  route: Queue;
  deliver: Queue;
  consultation: Queue;
  lists: Queue;
  connection: Redis;
  prefix: string;
  close(): Promise<void>;
}

const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Producers fail fast so a Redis outage never blocks an SMTP answer. */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
}

/**
 * Options (not a client) for a worker, so BullMQ owns its connections and
 * closes them with the worker; workers wait for Redis indefinitely.
 */
export function workerConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

export function openQueues(redisUrl: string, prefix: string): Queues {
  const connection = redisConnection(redisUrl);
  connection.on('error', () => {}); // reported where a command fails
  const make = (name: QueueName) => {
    const queue = new Queue(name, { connection: connection as ConnectionOptions, prefix, defaultJobOptions });
    queue.on('error', () => {}); // a Redis outage is survived by the reconciler; callers see failed adds
    return queue;
  };
  const queues = {
    route: make('route'),
    deliver: make('deliver'),
    consultation: make('consultation'),
    lists: make('lists'),
  };
  return {
    ...queues,
    connection,
    prefix,
    async close() {
      // BullMQ waits for Redis to be ready before closing: bounded, so a stop during an outage still ends.
      await withTimeout(Promise.all(Object.values(queues).map((q) => q.close())), 3_000);
      connection.disconnect();
    },
  };
}

/** A job whose id derives from the row it names. */
export type RowJob = { name: string; data: object; opts: JobsOptions & { jobId: string } };

/** True once `work` has queued the jobs; false when it fails or takes longer than `timeoutMs`. */
async function queueWithin(jobs: RowJob[], timeoutMs: number, work: () => Promise<unknown>): Promise<boolean> {
  if (jobs.length === 0) return true;
  return withTimeout(work().then(() => true, () => false), timeoutMs, false);
}

/** Adds jobs, giving up after a short time: callers rely on a reconciler, not on this. */
export async function addJobsBestEffort(queue: Queue, jobs: RowJob[], timeoutMs = 2_000): Promise<boolean> {
  return queueWithin(jobs, timeoutMs, () => queue.addBulk(jobs));
}

/**
 * Queues jobs again for rows the database says still need one (the
 * reconciler). A finished job under the same id (failed after its last
 * attempt while Postgres was unreachable, say) would make a plain add a
 * no-op for days, so finished ones are removed first; waiting, delayed and
 * active jobs are left alone, and a duplicate run finds its row done.
 */
export async function requeueJobs(queue: Queue, jobs: RowJob[], timeoutMs = 10_000): Promise<boolean> {
  return queueWithin(jobs, timeoutMs, async () => {
    for (let i = 0; i < jobs.length; i += 500) {
      const chunk = jobs.slice(i, i + 500);
      const states = await Promise.all(chunk.map((job) => queue.getJobState(job.opts.jobId)));
      await Promise.all(
        chunk.map((job, k) => (states[k] === 'failed' || states[k] === 'completed' ? queue.remove(job.opts.jobId) : 0)),
      );
    }
    await queue.addBulk(jobs);
  });
}
