import type { Worker } from 'bullmq';
import type { SMTPServer } from 'smtp-server';
import { startWorkers, stopWorkers } from './workers/index.ts';
import { createSmtpIngest, listen } from '../pipeline/ingest/smtpIngest.ts';
import { openTransport } from '../pipeline/outbound/send/index.ts';
import { startReconciler } from './reconciler.ts';
import { startHttpEndpoint, type HttpEndpoint } from '../http/server.ts';
import { startImapIngest } from '../pipeline/ingest/imapIngest.ts';
import type { Runtime } from './runtime.ts';
import { assertNoEviction } from '../shared/queue/redisPolicy.ts';

export interface RunningServer {
  smtpPort: number;
  /** The one-click unsubscribe + /health endpoint's port, when HTTP_PORT or PUBLIC_URL configures one. */
  httpPort?: number;
  outbound: string;
  stop(): Promise<void>;
}

/** The SMTP (and IMAP) ingest, every worker, the reconciler and the HTTP endpoint, in this process. */
export async function startServer(
  runtime: Runtime,
  options: { smtp?: boolean; workers?: boolean; reconciler?: boolean } = {},
): Promise<RunningServer> {
  const { ctx } = runtime;
  await assertNoEviction(runtime.redisUrl);
  const transport = openTransport(ctx.config);
  const workers: Worker[] = options.workers === false ? [] : startWorkers(ctx, transport, runtime.redisUrl);
  const stopReconciler = options.workers === false || options.reconciler === false ? () => {} : startReconciler(ctx);
  let smtp: SMTPServer | undefined;
  let smtpPort = 0;
  if (options.smtp !== false) {
    smtp = createSmtpIngest(ctx);
    smtpPort = await listen(smtp, ctx.config.smtp.host, ctx.config.smtp.port);
  }
  // Mail that arrives in a mailbox instead of by SMTP (IMAP_URL), stored the same way.
  const imap = options.smtp !== false && ctx.config.imap ? startImapIngest(ctx, ctx.config.imap) : undefined;
  let http: HttpEndpoint | undefined;
  // The HTTP endpoint faces the world like the SMTP ingest: a workers-only process does not open it.
  if (ctx.config.http && options.smtp !== false) {
    http = await startHttpEndpoint(ctx, ctx.config.http.host, ctx.config.http.port);
    ctx.log.info({ port: http.port }, 'HTTP endpoint (one-click unsubscribe, /health) listening');
  }
  return {
    smtpPort,
    httpPort: http?.port,
    outbound: transport.description,
    async stop() {
      // Stop accepting first, then let running jobs finish, then close the transport.
      if (smtp) await new Promise<void>((resolve) => smtp!.close(() => resolve()));
      await imap?.stop();
      await http?.close();
      stopReconciler();
      await stopWorkers(workers);
      await transport.close();
    },
  };
}
