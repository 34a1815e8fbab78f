import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { tacit } from '../helpers/cli.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('tacit (core commands)', () => {
  it('config --json prints one JSON document with secrets masked', async () => {
    const { code, stdout } = await tacit(h, ['config', '--json']);
    expect(code).toBe(0);
    const config = JSON.parse(stdout);
    expect(config.domain).toBe('tacit.localhost');
    expect(config.secret).toBe('***');
    expect(config.outbound).toBe(`maildir:${h.maildir}`);
  });

  it('config explains a bad setting and exits 2', async () => {
    const { code, stderr } = await tacit(h, ['config'], { env: { SMTP_PORT: 'abc' }, allowFailure: true });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Invalid configuration:\n {2}SMTP_PORT:/);
  });

  it('migrate is idempotent', async () => {
    const { code, stdout } = await tacit(h, ['migrate']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/migrations are up to date/);
  });

  it('stats --json counts inbound and outbox rows', async () => {
    await h.send({ from: 'stats@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    await waitFor(async () => (await h.ctx.sql`select 1 from outbox where state = 'sent'`).length === 1);
    const { code, stdout } = await tacit(h, ['stats', '--json']);
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect(stats.inbound).toEqual({ stored: 1, received: 0, routed: 1, held: 0, failed: 0, retrying: 0 });
    expect(stats.unrouted).toEqual([]);
    expect(stats.outbox).toMatchObject({ pending: 0, sent: 1, failed: 0 });
    expect(stats.consultations).toMatchObject({ open: 0, closed: 0 });
  });
});
