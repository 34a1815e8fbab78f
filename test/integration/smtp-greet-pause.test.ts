import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GreetPauseSmtpServer } from '../../src/pipeline/ingest/greetPause.ts';

let server: GreetPauseSmtpServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function start(greetPauseMs: number): Promise<number> {
  // onConnect answers at once, as Tacit's does (smtp-server's default waits a turn of the event loop).
  const options = { logger: false, authOptional: true, disableReverseLookup: true, onConnect: (_s: unknown, done: () => void) => done() };
  server = new GreetPauseSmtpServer(options, greetPauseMs);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return (server.server.address() as net.AddressInfo).port;
}

/**
 * Everything the server says until it closes, the client sending `lines`
 * either as soon as it is connected (an early talker) or after the 220.
 */
function converse(port: number, lines: string[], early: boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const send = () => socket.write(lines.map((l) => l + '\r\n').join(''));
    if (early) socket.once('connect', send);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      if (!early && text === '') send();
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text.split('\r\n').filter(Boolean)));
  });
}

describe('the pause before the greeting (SMTP_GREET_PAUSE_MS)', () => {
  it('0: the greeting is immediate, so a client that talks at once is answered', async () => {
    const port = await start(0);
    const lines = await converse(port, ['EHLO client.example', 'QUIT'], true);
    expect(lines[0]).toMatch(/^220 /);
    expect(lines.some((l) => /^250[ -]/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^221 /);
  });

  it('more than 0: a client that talks before the greeting is refused (the early-talker check)', async () => {
    const port = await start(400);
    const lines = await converse(port, ['EHLO client.example', 'QUIT'], true);
    expect(lines[0]).toMatch(/^421 .*too soon/i);
    expect(lines.some((l) => /^220 /.test(l))).toBe(false);
  });

  it('more than 0: a client that waits for the greeting is served', async () => {
    const port = await start(400);
    const lines = await converse(port, ['EHLO client.example', 'QUIT'], false);
    expect(lines[0]).toMatch(/^220 /);
    expect(lines.at(-1)).toMatch(/^221 /);
  });
});
