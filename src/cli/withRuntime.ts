import { loadConfig } from '../shared/config/config.ts';
import { openRuntime, type Runtime } from '../app/runtime.ts';

/** Runs a one-shot command against the configured (or private) database and queues, then closes everything. */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig());
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** Prints one JSON document (the --json contract) or a human rendering. */
export function output(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}
