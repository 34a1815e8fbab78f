import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { GIVE_UP_AFTER_DAYS, markDeliveryFailed } from '../../src/pipeline/outbound/deliver.ts';

/** Postfix's smtp-sink as the relay: a real SMTP server that writes each transaction to a file. */
async function startSink(extraArgs: string[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-sink-'));
  fs.chmodSync(dir, 0o777); // smtp-sink drops to "nobody" to write
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn('smtp-sink', ['-u', 'nobody', ...extraArgs, '-d', `${dir}/%H%M%S.`, `127.0.0.1:${port}`, '100'], {
    stdio: 'ignore',
  });
  await waitFor(
    () => new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.on('error', () => resolve(false));
    }),
    5_000,
    'smtp-sink to listen',
  );
  const files = () => fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  return { port, child, dir, files };
}

let sink: { child: ChildProcess; dir: string } | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  sink?.child.kill();
  if (sink) fs.rmSync(sink.dir, { recursive: true, force: true });
  h = sink = undefined;
});

describe('outbound through an SMTP relay (pooled nodemailer → smtp-sink)', () => {
  it('delivers with the VERP envelope sender to the recipient', async () => {
    const s = (sink = await startSink());
    h = await createHarness({ env: { OUTBOUND: `smtp://127.0.0.1:${s.port}?starttls=off` } });
    await h.send({ from: 'relay@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help', messageId: '<relay-1@example.org>' });
    // 'sent' means the relay answered 250 to the whole transaction, so its file is complete.
    const [row] = await waitFor(async () => {
      const rows = await h!.ctx.sql`select state, attempts from outbox`;
      return rows[0]?.state === 'sent' ? rows : undefined;
    });
    expect(row).toEqual({ state: 'sent', attempts: 1 });
    const [raw] = await waitFor(() => {
      const files = s.files();
      return files.length && files[0].includes('\n\n') ? files : undefined;
    });
    expect(raw).toMatch(/^X-Mail-Args: <bounces\+\d+_[0-9a-f]{32}@tacit\.localhost>$/m);
    expect(raw).toMatch(/^X-Rcpt-Args: <relay@example\.org>$/m);
    expect(raw).toMatch(/^In-Reply-To: <relay-1@example\.org>$/m);
  });

  it('records a permanent refusal (5xx) as failed without retrying', async () => {
    const s = (sink = await startSink(['-f', 'RCPT']));
    h = await createHarness({ env: { OUTBOUND: `smtp://127.0.0.1:${s.port}?starttls=off` } });
    await h.send({ from: 'refused@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    const [row] = await waitFor(async () => {
      const rows = await h!.ctx.sql`select state, attempts, last_error from outbox`;
      return rows[0]?.state === 'failed' ? rows : undefined;
    });
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/5\d\d/);
  });

  it('keeps a temporarily refused (4xx) mail pending and retries it', async () => {
    const s = (sink = await startSink(['-r', 'RCPT']));
    h = await createHarness({ env: { OUTBOUND: `smtp://127.0.0.1:${s.port}?starttls=off` } });
    await h.send({ from: 'later@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    const [row] = await waitFor(async () => {
      const rows = await h!.ctx.sql`select state, attempts, last_error from outbox`;
      // attempts counts claims; the refusal is recorded when the sender lets the row go
      return rows[0]?.last_error ? rows : undefined;
    });
    expect(row.state).toBe('pending');
    expect(row.last_error).toMatch(/4\d\d/);
  });
});

describe('a delivery whose retries are used up', () => {
  it('stays pending for the reconciler while young, and is failed once older than the give-up age', async () => {
    h = await createHarness({ workers: false });
    const [young] = await h.ctx.sql`insert into outbox (kind, recipient) values ('not-available', 'young@example.org') returning id`;
    const [old] = await h.ctx.sql`
      insert into outbox (kind, recipient, created_at)
      values ('not-available', 'old@example.org', now() - make_interval(days => ${GIVE_UP_AFTER_DAYS + 1})) returning id`;
    await markDeliveryFailed(h.ctx, young.id, '421 relay down');
    await markDeliveryFailed(h.ctx, old.id, '421 relay down');
    const rows = await h.ctx.sql`select recipient, state, last_error from outbox order by id`;
    expect(rows).toEqual([
      { recipient: 'young@example.org', state: 'pending', last_error: '421 relay down' },
      { recipient: 'old@example.org', state: 'failed', last_error: '421 relay down' },
    ]);
  });
});
