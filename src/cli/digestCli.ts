import type { Command } from 'commander';
import { latestPeriod, parseDigestSchedule, periodEndingNow } from '../shared/rules/digestSchedule.ts';
import { UsageError } from './usageError.ts';
import { withRuntime } from './withRuntime.ts';

function periodFrom(text: string | undefined, now = new Date()) {
  try {
    return periodEndingNow(text ?? '7d', now);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function registerDigestCommands(program: Command): void {
  const digest = program.command('digest').description('weekly digests of consultations and list traffic');

  digest
    .command('preview')
    .argument('<email>', 'the member')
    .option('--period <P>', 'the period ending now: 7d, 24h, 2w', '7d')
    .option('--html', 'print the HTML part instead of the text')
    .description("print a member's digest for a period ending now, without sending it")
    .action(async (email: string, opts: { period: string; html?: boolean }) => {
      const period = periodFrom(opts.period);
      // A command's modules are imported when it runs (main.ts).
      const [{ findMemberByAddress }, { renderDigest }] = await Promise.all([
        import('../domains/org/members.ts'), import('../domains/digests/digestComposer.ts'),
      ]);
      await withRuntime(async ({ ctx }) => {
        const member = await findMemberByAddress(ctx.sql, email);
        if (!member) throw new UsageError(`no member with the address ${email}`);
        const mail = await renderDigest(ctx, member.id, member.email, period);
        process.stdout.write(opts.html ? `${mail.html ?? ''}\n` : `Subject: ${mail.subject}\n\n${mail.text}`);
      });
    });

  digest
    .command('run')
    .option('--period <P>', 'send now for a period ending now (7d, 24h, 2w) instead of the latest scheduled one')
    .description('queue digests: the latest scheduled period (once), or --period ending now')
    .action(async (opts: { period?: string }) => {
      const [{ runDigest }, { runScheduledDigest }] = await Promise.all([
        import('../domains/digests/runDigest.ts'), import('../domains/digests/scheduledDigest.ts'),
      ]);
      await withRuntime(async ({ ctx }) => {
        if (opts.period) {
          const members = await runDigest(ctx, periodFrom(opts.period));
          process.stdout.write(`queued ${members} digests for the last ${opts.period}\n`);
          return;
        }
        const schedule = parseDigestSchedule(ctx.config.digestSchedule);
        if (schedule.kind === 'off') throw new UsageError('DIGEST_SCHEDULE is off; use --period to send one now');
        const period = latestPeriod(schedule, new Date());
        const members = await runScheduledDigest(ctx);
        // The run starts where the last one ended, which may be before the latest period.
        const [run] = await ctx.sql`select period_start from digest_runs where period_end = ${period.end}`;
        const start = (run?.period_start as Date | undefined) ?? period.start;
        process.stdout.write(
          members > 0
            ? `queued ${members} digests for ${start.toISOString()} to ${period.end.toISOString()}\n`
            : `nothing queued: the period ending ${period.end.toISOString()} was already run (or is the first, recorded as a baseline), or nobody had anything to read\n`,
        );
      });
    });
}
