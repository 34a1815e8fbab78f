import pino from 'pino';

/**
 * One structured logger for the whole process; components take a child.
 * Logs go to stderr so that `--json` output on stdout stays one clean document.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    base: undefined,
  },
  pino.destination(2),
);

export type Logger = pino.Logger;
