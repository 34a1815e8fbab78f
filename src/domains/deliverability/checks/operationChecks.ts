import fs from 'node:fs/promises';
import type { Context } from '../../../shared/context.ts';
import { withTimeout } from '../../../shared/withTimeout.ts';
import { notChecked, pass, type Check } from '../check.ts';
import { policyRejections } from '../policyRejections.ts';

/** RFC 8058 one-click unsubscribe: only with an https PUBLIC_URL whose endpoint answers POST. */
export async function checkOneClick(ctx: Context): Promise<Check> {
  const name = 'one-click unsubscribe';
  const expected = 'an https PUBLIC_URL whose /unsubscribe/ answers POST';
  const base = ctx.config.publicUrl;
  if (!base || !/^https:/i.test(base)) {
    return { name, status: 'warn', expected, obtained: base ? `PUBLIC_URL is ${base} (not https): one-click is off` : 'no PUBLIC_URL: one-click is off', fix: 'set PUBLIC_URL=https://… behind a TLS proxy to the HTTP endpoint: Gmail and Yahoo want one-click unsubscribe from bulk senders' };
  }
  try {
    // A token that names nobody: the endpoint answers 404 "not valid" and unsubscribes no one.
    const res = await fetch(`${base}/unsubscribe/doctor`, { method: 'POST', body: 'List-Unsubscribe=One-Click', signal: AbortSignal.timeout(5000), redirect: 'manual' });
    if (res.status === 404 && /not valid/.test(await res.text())) return pass(name, expected, `POST ${base}/unsubscribe/… answered by Tacit`);
    return { name, status: 'fail', expected, obtained: `POST answered ${res.status}`, fix: 'route PUBLIC_URL to the HTTP endpoint (HTTP_HOST:HTTP_PORT), POST included' };
  } catch (err) {
    return { name, status: 'fail', expected, obtained: (err as Error).message, fix: 'make PUBLIC_URL reachable over https (certificate, proxy to HTTP_HOST:HTTP_PORT)' };
  }
}

const GiB = 1024 ** 3;

export async function checkDisk(ctx: Context): Promise<Check> {
  const name = 'disk';
  const stats = await fs.statfs(ctx.config.home);
  const free = stats.bavail * stats.bsize;
  const obtained = `${(free / GiB).toFixed(1)} GiB free under ${ctx.config.home}`;
  if (free < 0.1 * GiB) return { name, status: 'fail', expected: 'at least 1 GiB free', obtained, fix: 'free space: Postgres and the Maildir stop when the disk is full' };
  if (free < GiB) return { name, status: 'warn', expected: 'at least 1 GiB free', obtained, fix: 'free space before it runs out' };
  return pass(name, 'at least 1 GiB free', obtained);
}

export async function checkQueue(ctx: Context): Promise<Check> {
  const name = 'outbound queue';
  const [row] = await ctx.sql`
    select count(*)::int as n, extract(epoch from now() - min(created_at))::int as oldest
    from outbox where state in ('pending', 'sending')`;
  const oldest = (row!.oldest as number | null) ?? 0;
  const obtained = `${row!.n} waiting${row!.n ? `, oldest ${Math.round(oldest / 60)} min` : ''}`;
  if (oldest > 3600) return { name, status: 'warn', expected: 'nothing waiting more than an hour', obtained, fix: 'see tacit stats and the workers\' log: the relay may be refusing or down' };
  return pass(name, 'nothing waiting more than an hour', obtained);
}

export async function checkRedis(ctx: Context): Promise<Check> {
  const name = 'redis noeviction';
  const info = await withTimeout(ctx.queues.connection.info('memory'), 3000, null).catch(() => null);
  const policy = info ? /^maxmemory_policy:(\S+)/m.exec(info)?.[1] : undefined;
  if (!policy) return { name, status: 'fail', expected: 'maxmemory-policy noeviction', obtained: 'Redis did not answer', fix: 'check REDIS_URL' };
  if (policy !== 'noeviction') return { name, status: 'fail', expected: 'maxmemory-policy noeviction', obtained: policy, fix: 'set "maxmemory-policy noeviction": an evicting Redis loses queued jobs' };
  return pass(name, 'maxmemory-policy noeviction', policy);
}

export async function checkPolicyRejections(ctx: Context): Promise<Check> {
  const name = 'dmarc/policy rejections';
  const r = await policyRejections(ctx.sql);
  const expected = `none in ${r.days} days`;
  if (!r.policyRejections) return pass(name, expected, 'none');
  return {
    name,
    status: 'fail',
    expected,
    obtained: `${r.policyRejections} in ${r.days} days; latest: ${r.latest}`,
    fix: 'receivers refused Tacit\'s mail for authentication: fix the dkim/spf/dmarc lines above (members are not blamed: these never count as bounces)',
  };
}

/** What only the receivers know. */
export function notCheckable(): Check[] {
  return [
    notChecked('complaint rate', 'only the receivers know it', 'Gmail Postmaster Tools (keep spam complaints under 0.3%), Yahoo Sender Hub, Microsoft SNDS'),
    notChecked('reputation', 'only the receivers know it', 'Gmail Postmaster Tools, Microsoft SNDS, and the blocklists of your relay\'s address'),
  ];
}
