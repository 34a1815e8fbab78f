import { Redis } from 'ioredis';
import { ConfigError } from '../config/config.ts';

/**
 * BullMQ keeps jobs and their locks in Redis: a Redis that evicts keys under
 * memory pressure loses jobs silently and lets two workers hold one job. So
 * Tacit refuses to start on one, with the fix in the message.
 */
export async function assertNoEviction(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let policy: string | undefined;
  try {
    await redis.connect();
    // CONFIG may be disabled on managed Redis; INFO carries the same value.
    const info = await redis.info('memory');
    policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  } catch {
    // Redis down at start: Tacit still accepts mail (the reconciler queues it later); nothing to check now.
    return;
  } finally {
    redis.disconnect();
  }
  if (policy && policy !== 'noeviction') {
    throw new ConfigError(
      `REDIS_URL: this Redis evicts keys (maxmemory-policy ${policy}); queued jobs would be lost. ` +
        'Set "maxmemory-policy noeviction" in its configuration (or CONFIG SET maxmemory-policy noeviction) and start again.',
    );
  }
}
