import type { ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { freePort, startTacitProcess } from '../helpers/tacit-process.ts';

/** `tacit start --only ingest` and `--only workers`: two processes that together are one Tacit. */
let h: Harness;
const children: ChildProcess[] = [];
beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
});
afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await h?.close();
});

describe('tacit start --only', () => {
  it('an ingest process stores mail without routing it; a workers process routes it', async () => {
    const port = await freePort();
    children.push(await startTacitProcess(h, port, ['--only', 'ingest']));
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({ from: 'split@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    transport.close();
    expect(info.response).toMatch(/^250 /);
    await new Promise((r) => setTimeout(r, 1500));
    const [before] = await h.ctx.sql`select state from inbound_deliveries`;
    expect(before.state).toBe('received');

    children.push(await startTacitProcess(h, 0, ['--only', 'workers']));
    await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: split@example.org')), 20_000);
    const [after] = await h.ctx.sql`select state from inbound_deliveries`;
    expect(after.state).toBe('routed');
  }, 60_000);

  it('refuses an unknown part', async () => {
    await expect(startTacitProcess(h, 0, ['--only', 'everything'])).rejects.toThrow(/exited 2/);
  }, 30_000);
});
