import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { secondsSince, sleep } from './lib/peers.ts';
import { openScratch } from './lib/scratch.ts';
import { startTacit } from './lib/tacitProcess.ts';

/** One message of about `bytes`: headers and a base64 body, as an attachment would be sent. */
function bigMessage(bytes: number): Buffer {
  const head = 'From: big@example.org\r\nTo: request@tacit.localhost\r\nSubject: a big attachment\r\nMessage-ID: <big@example.org>\r\n\r\n';
  const lines = randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64').match(/.{1,76}/g)!;
  return Buffer.from(head + lines.join('\r\n') + '\r\n');
}

/**
 * `clients` clients, each from its own envelope sender, send one message of
 * `size` bytes at once, each retrying (as an MTA would) until it gets a 250.
 * The figure is the Tacit process's peak RSS, against its RSS when idle; the
 * bytes all sessions may hold are bounded (SMTP_MAX_INFLIGHT_BYTES), the rest
 * are answered 452 4.3.1 and come back.
 */
export async function benchIngestMemory(adminUrl: string, redisUrl: string, clients: number, size = 24 * 1024 * 1024) {
  const raw = bigMessage(size);
  const scratch = await openScratch(adminUrl, redisUrl, {});
  const tacit = await startTacit({ ...scratch.env, SMTP_MAX_MESSAGES_PER_IP: '1000000', SMTP_MAX_CLIENTS_PER_IP: '1000' }, 'ingest');
  try {
    await sleep(1000);
    const idle = tacit.peakRssMiB();
    let refused = 0;
    let failed = 0;
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: clients }, async (_, i) => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: tacit.smtpPort, secure: false, ignoreTLS: true });
      try {
        for (;;) {
          const answer = await transport
            // SIZE declared in MAIL FROM, as MTAs do: a message that does not fit is refused before its bytes.
            .sendMail({ envelope: { from: `big${i}@example.org`, to: 'request@tacit.localhost', size: raw.length } as never, raw })
            .then((info) => info.response, (err: Error & { responseCode?: number }) => `${err.responseCode ?? 0} ${err.message}`);
          if (/^250 /.test(answer)) return;
          // As an MTA: a 5xx is final, anything else (4xx, a timeout, a dropped connection) is tried again.
          if (/^5/.test(answer)) throw new Error(`message ${i} refused: ${answer}`);
          if (/^452 /.test(answer)) refused++;
          else failed++;
          await sleep(500 + Math.random() * 1000);
        }
      } finally {
        transport.close();
      }
    }));
    const seconds = secondsSince(started);
    const [stored] = await scratch.ctx.sql`select count(*)::int as n, count(distinct envelope_from)::int as senders from inbound_messages`;
    return {
      clients,
      'message MiB': +(raw.length / 2 ** 20).toFixed(1),
      'idle RSS MiB': idle,
      'peak RSS MiB': tacit.peakRssMiB(),
      'answered 452 (retried)': refused,
      'other failures (retried)': failed,
      stored: stored.n as number,
      lost: clients - (stored.senders as number),
      seconds: +seconds.toFixed(1),
    };
  } finally {
    await tacit.stop();
    await scratch.drop();
  }
}
