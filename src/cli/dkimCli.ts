import type { Command } from 'commander';
import type { Context } from '../shared/context.ts';
import type { DkimKey } from '../pipeline/outbound/sign/dkimKeys.ts';
import { UsageError } from './usageError.ts';
import { withRuntime } from './withRuntime.ts';

type KeyStep = (keys: typeof import('../pipeline/outbound/sign/dkimKeys.ts'), ctx: Context) => Promise<DkimKey[]>;

/** One step of a rotation: its refusal ("nothing waiting", a key file) is a usage error, its keys are said in words. */
function keyCommand(parent: Command, name: string, description: string, step: KeyStep, say: (keys: DkimKey[], ctx: Context) => string): void {
  parent
    .command(name)
    .description(description)
    .action(async () => {
      await withRuntime(async ({ ctx }) => {
        const dkimKeys = await import('../pipeline/outbound/sign/dkimKeys.ts');
        const keys = await step(dkimKeys, ctx).catch((err: Error) => {
          throw new UsageError(err.message);
        });
        process.stdout.write(say(keys, ctx));
      });
    });
}

/** `tacit dkim rotate`, then `tacit dkim switch` once the new record is in DNS. */
export function registerDkimCommands(program: Command): void {
  const dkim = program.command('dkim').description('the DKIM keys Tacit signs with');
  keyCommand(
    dkim,
    'rotate',
    'make a key under a new selector, to publish before `tacit dkim switch` signs with it',
    (k, ctx) => k.prepareRotation(ctx),
    (keys, ctx) => {
      const lines = keys.map((k) => `${k.selector}._domainkey.${ctx.config.domain} TXT "v=DKIM1; k=${k.algorithm}; p=${k.publicKey}"`);
      return `publish, beside the record in use (tacit dns lists both):\n${lines.join('\n')}\n` +
        'then check it with `tacit doctor` and run `tacit dkim switch`; keep the old record a week for mail in transit.\n';
    },
  );
  keyCommand(
    dkim,
    'switch',
    'sign with the key `tacit dkim rotate` made (publish its record first)',
    (k, ctx) => k.activateRotation(ctx),
    (keys) => `signing with selector ${keys.map((k) => k.selector).join(', ')} (running processes within a minute)\n`,
  );
}
