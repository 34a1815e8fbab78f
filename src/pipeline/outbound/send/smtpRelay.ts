import { relayPool } from './relayPool.ts';
import { PermanentDeliveryError, type Transport, type WireMessage } from './transport.ts';

/** OUTBOUND=smtp://user:pass@host:port?starttls=off&tls=insecure as nodemailer's connection options. */
export function relayConnection(target: URL) {
  return {
    host: target.hostname,
    port: Number(target.port || (target.protocol === 'smtps:' ? 465 : 25)),
    secure: target.protocol === 'smtps:',
    auth: target.username ? { user: decodeURIComponent(target.username), pass: decodeURIComponent(target.password) } : undefined,
    tls: { rejectUnauthorized: target.searchParams.get('tls') !== 'insecure' },
    ignoreTLS: target.searchParams.get('starttls') === 'off',
  };
}

/** A few long-lived connections to the relay, reused across messages (relayPool.ts). */
export function smtpRelayTransport(url: string, maxConnections: number): Transport {
  const target = new URL(url);
  const pool = relayPool(relayConnection(target), maxConnections);
  return {
    description: `smtp://${target.host}`,
    async send(message: WireMessage) {
      try {
        // The bytes as signed, written as they are.
        await pool.send(message);
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (code && code >= 500) throw new PermanentDeliveryError((err as Error).message);
        throw err;
      }
    },
    async close() {
      pool.close();
    },
  };
}
