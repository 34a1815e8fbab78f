import type { Context } from '../../shared/context.ts';
import type { Check } from './check.ts';
import { checkRecords, doctorResolver } from './checks/dnsChecks.ts';
import { checkDisk, checkOneClick, checkPolicyRejections, checkQueue, checkRedis, notCheckable } from './checks/operationChecks.ts';
import { checkHelo, checkRelay, checkReverseDns } from './checks/relayChecks.ts';
import { checkSignVerify } from './checks/signingCheck.ts';
import { dnsRecords } from './dnsRecords.ts';

export interface DoctorReport {
  /** False when any check failed (warnings and what cannot be checked from here do not fail). */
  ok: boolean;
  checks: Check[];
}

/** Everything `tacit doctor` can check from here, in the order an operator fixes them. */
export async function runDoctor(ctx: Context): Promise<DoctorReport> {
  const resolver = doctorResolver(ctx);
  const checks = [
    ...(await checkRecords(resolver, await dnsRecords(ctx))),
    await checkSignVerify(ctx, resolver),
    await checkReverseDns(ctx, resolver),
    await checkHelo(ctx, resolver),
    await checkRelay(ctx),
    await checkOneClick(ctx),
    await checkPolicyRejections(ctx),
    await checkDisk(ctx),
    await checkQueue(ctx),
    await checkRedis(ctx),
    ...notCheckable(),
  ];
  return { ok: !checks.some((c) => c.status === 'fail'), checks };
}

export function formatDoctor(report: DoctorReport): string {
  const mark = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', 'not-checked': ' -- ' };
  const lines = report.checks.flatMap((c) => [
    `${mark[c.status]} ${c.name}: ${c.obtained}`,
    ...(c.status === 'fail' || c.status === 'warn' ? [`       expected: ${c.expected}`] : []),
    ...(c.fix && c.status !== 'pass' ? [`       fix: ${c.fix}`] : []),
  ]);
  return [...lines, report.ok ? 'no failures' : 'some checks failed'].join('\n');
}
