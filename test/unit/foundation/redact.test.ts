import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src/shared/log/redact.ts';
import { makeToken } from '../../../src/shared/rules/tokens.ts';

const token = makeToken('a-secret-for-the-redaction-test', 'reply', [12, 345]);

describe('no token or password in a log line', () => {
  it.each([
    ['a reply address', `to reply+${token}@tacit.localhost`, 'to reply+[token]@tacit.localhost'],
    ['an upper-cased bounce address in a relay error', `550 <BOUNCES+${token.toUpperCase()}@D>: rejected`, '550 <BOUNCES+[token]@D>: rejected'],
    ['a one-click unsubscribe URL', `POST /unsubscribe/${token}`, 'POST /unsubscribe/[token]'],
    ['a Postgres URL', 'connect postgres://tacit:s3cr3t@127.0.0.1:5432/tacit failed', 'connect postgres://tacit:***@127.0.0.1:5432/tacit failed'],
    ['a Redis URL with only a password', 'redis://:hunter2@127.0.0.1:6379', 'redis://:***@127.0.0.1:6379'],
    ['an IMAP URL in JSON', '{"url":"imaps://ana:pw@mail.example.org/INBOX"}', '{"url":"imaps://ana:***@mail.example.org/INBOX"}'],
    ['a URL without a password', 'postgres://tacit@127.0.0.1/tacit', 'postgres://tacit@127.0.0.1/tacit'],
    ['a plain address', 'from ana@example.org', 'from ana@example.org'],
    ['an ordinary id', 'job out-1234 done', 'job out-1234 done'],
  ])('%s', (_, line, expected) => {
    expect(redactSecrets(line)).toBe(expected);
  });
});

describe('the process logger', () => {
  it('writes no token, even inside an error it is given', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `import('./src/shared/log/logger.ts').then(({ logger }) => logger.warn({ err: new Error('550 <bounces+${token}@D>: rejected') }, 'delivery failed to reply+${token}@D'))`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, VITEST: '', LOG_LEVEL: 'info' }, encoding: 'utf8' });
    expect(run.stderr).toContain('delivery failed to reply+[token]@D');
    expect(run.stderr).toContain('550 <bounces+[token]@D>: rejected');
    expect(run.stderr).not.toContain(token.split('_')[1]);
  });
});
