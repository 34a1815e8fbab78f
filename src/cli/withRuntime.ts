import type { Command } from 'commander';
import type { Context } from '../shared/context.ts';
import type { Runtime } from '../app/runtime.ts';
import type { Sql } from '../shared/db/database.ts';
import type { Config } from '../shared/config/config.ts';

/**
 * Runs a one-shot command against the configured (or private) database and
 * queues, then closes everything. The runtime's modules are imported here,
 * when a command runs: `tacit --help` loads none of them.
 */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const [{ loadConfig }, { openRuntime }] = await Promise.all([import('../shared/config/config.ts'), import('../app/runtime.ts')]);
  const runtime = await openRuntime(loadConfig());
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** Runs a read-only command against the database alone: no queues, no domains loaded (a faster start). */
export async function withDatabase<T>(fn: (sql: Sql, config: Config) => Promise<T>): Promise<T> {
  const [{ loadConfig }, { openDatabase }] = await Promise.all([import('../shared/config/config.ts'), import('../app/database.ts')]);
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    return await fn(database.sql, config);
  } finally {
    await database.close();
  }
}

/** Prints one JSON document (the --json contract) or a human rendering. */
export function output(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}

/** A command without arguments whose answer is one document: printed for people, or with --json as JSON. */
function jsonDocumentCommand(program: Command, name: string, description: string, run: (json: boolean) => Promise<unknown>): void {
  program
    .command(name)
    .description(description)
    .option('--json', 'one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await run(!!opts.json);
    });
}

/**
 * A read-only document command that needs the database alone (withDatabase):
 * it starts in about half the time of one that opens the queues and wires the domains.
 */
export function databaseDocumentCommand(
  program: Command,
  name: string,
  description: string,
  produce: (sql: Sql, config: Config) => Promise<{ value: unknown; human: () => string }>,
): void {
  jsonDocumentCommand(program, name, description, (json) =>
    withDatabase(async (sql, config) => {
      const { value, human } = await produce(sql, config);
      output(json, value, human);
    }));
}

/** A document command that needs the whole runtime (queues, wired domains). */
export function documentCommand(
  program: Command,
  name: string,
  description: string,
  produce: (ctx: Context) => Promise<{ value: unknown; human: () => string }>,
): void {
  jsonDocumentCommand(program, name, description, (json) =>
    withRuntime(async ({ ctx }) => {
      const { value, human } = await produce(ctx);
      output(json, value, human);
    }));
}
