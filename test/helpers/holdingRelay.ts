import net from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP relay that can hold mail: while `holding`, it reads each message
 * and never answers its DATA, so the sender's claims stay 'sending' (until
 * the sender dies with them); otherwise it accepts and records the
 * recipients. For the restart test and its bench row.
 */
export interface HoldingRelay {
  port: number;
  holding: boolean;
  /** Messages read and left unanswered while holding. */
  held: number;
  /** Recipients of the messages accepted (250), in order. */
  delivered: string[];
  close(): Promise<void>;
}

export async function startHoldingRelay(): Promise<HoldingRelay> {
  const relay: HoldingRelay = { port: 0, holding: true, held: 0, delivered: [], close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        if (relay.holding) return void relay.held++;
        relay.delivered.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.port = (server.server.address() as net.AddressInfo).port;
  relay.close = () => new Promise((resolve) => server.close(() => resolve()));
  return relay;
}
