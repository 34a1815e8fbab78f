import pino from 'pino';
import { redactSecrets } from './redact.ts';

/**
 * One structured logger for the whole process; components take a child.
 * Logs go to stderr so that `--json` output on stdout stays one clean document.
 * No token or password is ever written (see redact.ts).
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    base: undefined,
    // Tokens and URL passwords are scrubbed from the finished line, whatever put them there.
    hooks: { streamWrite: redactSecrets },
  },
  pino.destination(2),
);

export type Logger = pino.Logger;
