import type { Logger } from 'pino';

let installed = false;

/**
 * A promise rejected with nobody listening (a status update while Postgres is
 * down, say) would end the process under Node's default and take the SMTP
 * ingest and every running job with it. Postgres is the truth and the
 * reconciler finds unfinished work again, so the right answer is to log it and
 * keep serving.
 */
export function installProcessGuards(log: Pick<Logger, 'error'>): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection; logged, and Tacit keeps running');
  });
}
