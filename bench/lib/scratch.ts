import { randomBytes } from 'node:crypto';
import path from 'node:path';
import postgres from 'postgres';
import type { Context } from '../../src/shared/context.ts';
import { openRuntime, type Runtime } from '../../src/app/runtime.ts';
import { loadConfig } from '../../src/shared/config/config.ts';
import { loadConsultation } from '../../src/domains/consultations/consultation.ts';
import { freezeElectorateAndWriteCopies, queueMailingJob } from '../../src/domains/consultations/mail/mailings.ts';
import type { Queryable } from '../../src/shared/db/database.ts';

/**
 * A benchmark's own database (created on the bench's private Postgres,
 * dropped after) and queue prefix, the environment a Tacit process needs to
 * use them, and a runtime in this process for seeding and triggering work.
 */
export interface Scratch {
  env: Record<string, string>;
  runtime: Runtime;
  ctx: Context;
  drop(): Promise<void>;
}

export async function openScratch(adminUrl: string, redisUrl: string, extraEnv: Record<string, string> = {}): Promise<Scratch> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const env = {
    DATABASE_URL: url.toString(),
    REDIS_URL: redisUrl,
    TACIT_HOME: path.resolve('var/bench/home'),
    TACIT_SECRET: 'bench-secret-bench-secret',
    QUEUE_PREFIX: name,
    OUTBOUND: `maildir:${path.resolve('var/bench/home/outbox')}`,
    ...extraEnv,
  };
  const runtime = await openRuntime(loadConfig({ ...process.env, ...env, LOG_LEVEL: 'warn' }));
  return {
    env,
    runtime,
    ctx: runtime.ctx,
    async drop() {
      const queues = runtime.ctx.queues;
      await Promise.all([queues.route, queues.deliver, queues.consultation, queues.lists].map((q) => q.obliterate({ force: true }).catch(() => {})));
      await runtime.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A list of `n` members (m1@example.org …) and a draft choice consultation on it, options A–D as in the reply corpus. */
export async function seedConsultation(sql: Queryable, n: number): Promise<{ groupId: number; consultationId: number }> {
  const [group] = await sql`insert into groups (slug, name, level) values ('congress', 'Congress Committee', 'committee') returning id`;
  await sql`insert into members (email, name) select 'm' || i || '@example.org', 'Member ' || i from generate_series(1, ${n}) i`;
  await sql`insert into memberships (group_id, member_id) select ${group.id}, id from members`;
  const [coordinator] = await sql`select id from members order by id limit 1`;
  const options = ['Lisbon', 'Montreal', 'Nairobi', 'Online only'].map((text, i) => ({ letter: 'ABCD'[i], text }));
  const [draft] = await sql`
    insert into consultations (group_id, coordinator_id, kind, question, options, deadline)
    values (${group.id}, ${coordinator.id}, 'choice', 'Where should the 2027 congress be held?', ${sql.json(options)}, now() + interval '7 days')
    returning id`;
  return { groupId: group.id as number, consultationId: draft.id as number };
}

/** What confirming the preview does (confirmOpen): freeze the electorate, write the copies, queue the mailing. */
export async function openConsultation(ctx: Context, id: number, options: { send?: boolean } = {}): Promise<number> {
  return ctx.sql.begin(async (tx) => {
    const c = (await loadConsultation(tx, id, 'update'))!;
    const count = await freezeElectorateAndWriteCopies(tx, c, ctx.secret);
    await tx`update consultations set status = 'open', opened_at = now(), electorate_size = ${count} where id = ${id}`;
    if (options.send === false) await tx`update outbox set state = 'sent', sent_at = now() where kind = 'consultation-copy'`;
    else await queueMailingJob(ctx, id, 'copy');
    return count;
  });
}
