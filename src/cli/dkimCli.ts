import type { Command } from 'commander';
import { UsageError } from './usageError.ts';
import { withRuntime } from './withRuntime.ts';

/** `tacit dkim rotate`, then `tacit dkim switch` once the new record is in DNS. */
export function registerDkimCommands(program: Command): void {
  const dkim = program.command('dkim').description('the DKIM keys Tacit signs with');
  dkim
    .command('rotate')
    .description('make a key under a new selector, to publish before `tacit dkim switch` signs with it')
    .action(async () => {
      await withRuntime(async ({ ctx }) => {
        const { prepareRotation } = await import('../pipeline/outbound/sign/dkimKeys.ts');
        const keys = await prepareRotation(ctx).catch((err: Error) => {
          throw new UsageError(err.message);
        });
        const lines = keys.map((k) => `${k.selector}._domainkey.${ctx.config.domain} TXT "v=DKIM1; k=${k.algorithm}; p=${k.publicKey}"`);
        process.stdout.write(
          `publish, beside the record in use (tacit dns lists both):\n${lines.join('\n')}\n` +
            'then check it with `tacit doctor` and run `tacit dkim switch`; keep the old record a week for mail in transit.\n',
        );
      });
    });
  dkim
    .command('switch')
    .description('sign with the key `tacit dkim rotate` made (publish its record first)')
    .action(async () => {
      await withRuntime(async ({ ctx }) => {
        const { activateRotation } = await import('../pipeline/outbound/sign/dkimKeys.ts');
        const keys = await activateRotation(ctx).catch((err: Error) => {
          throw new UsageError(err.message);
        });
        process.stdout.write(`signing with selector ${keys.map((k) => k.selector).join(', ')} (running processes within a minute)\n`);
      });
    });
}
