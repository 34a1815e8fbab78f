import type { Command } from 'commander';
import { output, withRuntime } from './withRuntime.ts';

/** `tacit doctor [--json]`: DNS, signing, relay and operations checked from here; exit 1 when a check fails. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check what makes mail arrive: DNS records, signing, relay, one-click unsubscribe, disk, queue, Redis')
    .option('--json', 'one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const ok = await withRuntime(async ({ ctx }) => {
        const { formatDoctor, runDoctor } = await import('../domains/deliverability/doctor.ts');
        const report = await runDoctor(ctx);
        output(!!opts.json, report, () => formatDoctor(report));
        return report.ok;
      });
      if (!ok) process.exitCode = 1;
    });
}
