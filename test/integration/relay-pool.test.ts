import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { MAX_MESSAGES, relayPool, type RelayPool } from '../../src/pipeline/outbound/send/relayPool.ts';

/**
 * The relay transport's pool (send/relayPool.ts) against a real SMTP server
 * on loopback: the bytes arrive as given, once each; connections are reused
 * and replaced; a refusal keeps the connection, a dropped idle connection is
 * replaced without losing the send.
 */
interface Received {
  from: string;
  to: string[];
  data: Buffer;
  session: string;
}

async function startServer(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const sessions = new Set<string>();
  let open = 0;
  let maxOpen = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(session, callback) {
      sessions.add(session.id);
      maxOpen = Math.max(maxOpen, ++open);
      callback();
    },
    onClose() {
      open--;
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refused')) return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: (session.envelope.mailFrom as { address: string }).address, to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks), session: session.id });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, sessions, maxOpen: () => maxOpen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let pool: RelayPool | undefined;
let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  pool?.close();
  await closeServer?.();
  pool = closeServer = undefined;
});

const message = (i: number, to = `m${i}@example.org`) => ({
  envelope: { from: `bounces+${i}@tacit.example.org`, to },
  // A line starting with a dot: the pool must stuff it, and the server gives it back unstuffed.
  raw: Buffer.from(`From: Tacit <request@tacit.example.org>\r\nTo: ${to}\r\nSubject: Message ${i}\r\n\r\nLine one\r\n.a line with a dot\r\nend ${i}\r\n`),
});

describe('the relay pool', () => {
  it(`sends every message once as given, over at most its connections, each replaced after ${MAX_MESSAGES} messages`, async () => {
    const s = await startServer();
    closeServer = s.close;
    pool = relayPool({ host: '127.0.0.1', port: s.port, ignoreTLS: true }, 3);
    const count = 2 * MAX_MESSAGES + 50;
    await Promise.all(Array.from({ length: count }, (_, i) => pool!.send(message(i))));
    expect(s.received).toHaveLength(count);
    const byTo = new Map(s.received.map((r) => [r.to[0], r]));
    expect(byTo.size).toBe(count);
    for (let i = 0; i < count; i++) {
      const got = byTo.get(`m${i}@example.org`)!;
      expect(got.from).toBe(`bounces+${i}@tacit.example.org`);
      expect(got.data.equals(message(i).raw)).toBe(true);
    }
    expect(s.maxOpen()).toBeLessThanOrEqual(3);
    const perSession = new Map<string, number>();
    for (const r of s.received) perSession.set(r.session, (perSession.get(r.session) ?? 0) + 1);
    expect(Math.max(...perSession.values())).toBeLessThanOrEqual(MAX_MESSAGES);
    expect(s.sessions.size).toBeGreaterThanOrEqual(Math.ceil(count / MAX_MESSAGES));
  });

  it('rejects a refused recipient with the reply code, and keeps sending on the same connection', async () => {
    const s = await startServer();
    closeServer = s.close;
    pool = relayPool({ host: '127.0.0.1', port: s.port, ignoreTLS: true }, 1);
    await pool.send(message(1));
    await expect(pool.send(message(2, 'refused@example.org'))).rejects.toMatchObject({ responseCode: 550 });
    await pool.send(message(3));
    expect(s.received.map((r) => r.to[0])).toEqual(['m1@example.org', 'm3@example.org']);
    expect(new Set(s.received.map((r) => r.session)).size).toBe(1);
  });

  it('sends on a fresh connection when the server has closed the idle one', async () => {
    const s = await startServer({ socketTimeout: 300 });
    closeServer = s.close;
    pool = relayPool({ host: '127.0.0.1', port: s.port, ignoreTLS: true }, 1);
    await pool.send(message(1));
    await new Promise((r) => setTimeout(r, 800));
    await pool.send(message(2));
    expect(s.received.map((r) => r.to[0])).toEqual(['m1@example.org', 'm2@example.org']);
    expect(new Set(s.received.map((r) => r.session)).size).toBe(2);
  });

  it('fails a send when the relay cannot be reached, and the next one tries again', async () => {
    const s = await startServer();
    const port = s.port;
    await s.close();
    pool = relayPool({ host: '127.0.0.1', port, ignoreTLS: true, connectionTimeout: 2000 }, 2);
    await expect(pool.send(message(1))).rejects.toThrow();
    await expect(pool.send(message(2))).rejects.toThrow();
  });
});
