import type { Command } from 'commander';
import { output, withDatabase } from './withRuntime.ts';

/**
 * `tacit proxies [--json]`: every active proxy, for operators (issue 22
 * item 5). --json prints `[{"member", "proxy", "list": null|SLUG, "since"}]`,
 * `since` the moment the proxy accepted (ISO 8601).
 */
export function registerProxiesCommand(program: Command): void {
  program
    .command('proxies')
    .option('--json', 'print JSON: [{"member", "proxy", "list", "since"}]')
    .description('the active proxies for formal votes: who votes for whom, on which list')
    .action(async (opts: { json?: boolean }) => {
      const { activeProxies } = await import('../domains/proxies/proxies.ts');
      await withDatabase(async (sql) => {
        const rows = (await activeProxies(sql)).map((r) => ({ member: r.member, proxy: r.proxy, list: r.list, since: r.since.toISOString() }));
        output(!!opts.json, rows, () =>
          rows.length === 0
            ? 'no proxies'
            : rows.map((r) => `${r.member} -> ${r.proxy} (${r.list ?? 'every list'}) since ${r.since}`).join('\n'));
      });
    });
}
