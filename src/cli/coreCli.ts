import type { Command } from 'commander';
import { output, withDatabase, withRuntime } from './withRuntime.ts';

/** What one `tacit start` process runs; several processes may split the work. */
function parseStartPart(value: string): 'ingest' | 'workers' | 'all' {
  if (value === 'ingest' || value === 'workers' || value === 'all') return value;
  process.stderr.write(`--only must be ingest, workers or all (not "${value}")\n`);
  process.exit(2);
}

export function registerCoreCommands(program: Command): void {
  program
    .command('start')
    .description('run the SMTP ingest and every worker (private Postgres/Redis when no URLs are set); with more than one core, as two processes')
    .option('--only <part>', 'ingest (SMTP, IMAP, HTTP), workers (queues and reconciler) or all (both in this one process)')
    .action(async (opts: { only?: string }) => {
      const say = (line: string) => process.stdout.write(line + '\n');
      const { loadConfig } = await import('../shared/config/config.ts');
      const config = loadConfig();
      if (opts.only === undefined && (await import('node:os')).availableParallelism() > 1) {
        const { runSupervised } = await import('../app/supervisor.ts');
        await runSupervised(config, say);
        return;
      }
      const part = parseStartPart(opts.only ?? 'all');
      // Imported when the command runs, so that --help and the other commands load none of the server.
      const [{ openRuntime }, { startServer }, { installProcessGuards }, { webAddressLine }, { endWithSupervisor }] = await Promise.all([
        import('../app/runtime.ts'), import('../app/server.ts'), import('../app/processGuards.ts'),
        import('../shared/config/httpEndpoint.ts'), import('../app/supervisor.ts'),
      ]);
      const runtime = await openRuntime(config);
      installProcessGuards(runtime.ctx.log);
      endWithSupervisor(runtime.ctx.log);
      const server = await startServer(runtime, { smtp: part !== 'workers', workers: part !== 'ingest' });
      say(`Tacit is running for ${config.domain}`);
      say(`  running       ${part}`);
      if (part !== 'workers') say(`  SMTP ingest   ${config.smtp.host}:${server.smtpPort}`);
      // The port the endpoint took (HTTP_PORT=0 asks for any free one).
      const web = config.http && server.httpPort !== undefined ? { host: config.http.host, port: server.httpPort } : null;
      if (part !== 'workers') say(`  web           ${webAddressLine(config.publicUrl, web)}`);
      say(`  outbound mail ${server.outbound}`);
      say(`  database      ${runtime.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
      say(`  redis         ${runtime.redisUrl.replace(/\/\/[^@/]*@/, '//***@')}`);
      say('Press Ctrl-C to stop.');
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        say(`${signal}: stopping (finishing running jobs)…`);
        await server.stop();
        await runtime.close();
        say('stopped.');
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('apply the SQL migrations in sql/')
    .action(async () => {
      await withRuntime(async () => {
        process.stdout.write('migrations are up to date\n');
      });
    });

  program
    .command('config')
    .description('print the configuration in effect (secrets masked)')
    .option('--json', 'one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const { describeConfig, loadConfig } = await import('../shared/config/config.ts');
      const described = describeConfig(loadConfig());
      output(!!opts.json, described, () =>
        Object.entries(described)
          .map(([k, v]) => `${k.padEnd(18)} ${typeof v === 'object' ? JSON.stringify(v) : v}`)
          .join('\n'),
      );
    });

  program
    .command('stats')
    .description('inbound stored/routed/held, outbox by state, consultations by status')
    .option('--json', 'one JSON document')
    .action(async (opts: { json?: boolean }) => {
      // Read-only: the database alone, so it starts without loading the queues and the domains.
      await withDatabase(async (sql) => {
        const { collectStats, formatStats } = await import('../app/stats.ts');
        const stats = await collectStats(sql);
        output(!!opts.json, stats, () => formatStats(stats));
      });
    });
}
