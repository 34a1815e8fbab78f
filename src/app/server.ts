import type { Worker } from 'bullmq';
import type { SMTPServer } from 'smtp-server';
import { startWorkers, stopWorkers } from '../../workers/index.ts';
import { createSmtpIngest, listen } from '../ingest/smtpIngest.ts';
import { openTransport } from '../outbound/transports/index.ts';
import { startReconciler } from '../queue/reconciler.ts';
import type { Runtime } from './runtime.ts';

export interface RunningServer {
  smtpPort: number;
  outbound: string;
  stop(): Promise<void>;
}

/** The SMTP ingest, every worker and the reconciler, in this process. */
export async function startServer(
  runtime: Runtime,
  options: { smtp?: boolean; workers?: boolean; reconciler?: boolean } = {},
): Promise<RunningServer> {
  const { ctx } = runtime;
  const transport = openTransport(ctx.config);
  const workers: Worker[] = options.workers === false ? [] : startWorkers(ctx, transport, runtime.redisUrl);
  const stopReconciler = options.workers === false || options.reconciler === false ? () => {} : startReconciler(ctx);
  let smtp: SMTPServer | undefined;
  let smtpPort = 0;
  if (options.smtp !== false) {
    smtp = createSmtpIngest(ctx);
    smtpPort = await listen(smtp, ctx.config.smtp.host, ctx.config.smtp.port);
  }
  return {
    smtpPort,
    outbound: transport.description,
    async stop() {
      // Stop accepting first, then let running jobs finish, then close the transport.
      if (smtp) await new Promise<void>((resolve) => smtp!.close(() => resolve()));
      stopReconciler();
      await stopWorkers(workers);
      await transport.close();
    },
  };
}
