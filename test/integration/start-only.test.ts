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
    const ingest = await startTacitProcess(h, port, ['--only', 'ingest']);
    children.push(ingest);
    // Neither PUBLIC_URL nor HTTP_PORT: the start says the web endpoint is off and how to have it.
    expect(ingest.banner).toMatch(/^  web           off \(PUBLIC_URL=http:\/\/127\.0\.0\.1:8025 serves the web record and \/health there\)$/m);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({ from: 'split@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    transport.close();
    expect(info.response).toMatch(/^250 /);
    await new Promise((r) => setTimeout(r, 1500));
    const [before] = await h.ctx.sql`select state from inbound_deliveries`;
    expect(before.state).toBe('received');

    const workers = await startTacitProcess(h, 0, ['--only', 'workers']);
    children.push(workers);
    expect(workers.banner).not.toMatch(/SMTP ingest|web/);
    await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: split@example.org')), 20_000);
    const [after] = await h.ctx.sql`select state from inbound_deliveries`;
    expect(after.state).toBe('routed');
  }, 60_000);

  it('prints the web address, and listens on the port of a PUBLIC_URL on this machine', async () => {
    const webPort = await freePort();
    const tacit = await startTacitProcess(h, 0, ['--only', 'ingest'], { PUBLIC_URL: `http://localhost:${webPort}` });
    children.push(tacit);
    expect(tacit.banner).toMatch(
      new RegExp(`^  web           http://localhost:${webPort} \\(PUBLIC_URL; listening on http://127\\.0\\.0\\.1:${webPort}\\)$`, 'm'),
    );
    // Where the links point, a real GET answers.
    const res = await fetch(`http://localhost:${webPort}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: true, redis: true });
    tacit.kill('SIGTERM');
  }, 30_000);

  it('names both addresses when PUBLIC_URL is a proxy in front of the endpoint', async () => {
    const webPort = await freePort();
    const tacit = await startTacitProcess(h, 0, ['--only', 'ingest'], { PUBLIC_URL: 'https://lists.example.org', HTTP_PORT: String(webPort) });
    children.push(tacit);
    expect(tacit.banner).toContain(
      `  web           http://127.0.0.1:${webPort}, but links point to PUBLIC_URL https://lists.example.org: forward that address here\n`,
    );
    expect((await fetch(`http://127.0.0.1:${webPort}/health`)).status).toBe(200);
    tacit.kill('SIGTERM');
  }, 30_000);

  it('refuses an unknown part', async () => {
    await expect(startTacitProcess(h, 0, ['--only', 'everything'])).rejects.toThrow(/exited 2/);
  }, 30_000);
});
