import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, tacit, waitForMailTo } from '../helpers/consultation.ts';
import { independentVerify, type Zone } from '../helpers/independentVerifier.ts';

/**
 * The two signing settings besides the default: DKIM=off (the relay signs
 * for D, so Tacit adds no signature) and DKIM_PRIVATE_KEY (the operator's own
 * key and selector instead of the key Tacit keeps in Postgres).
 */

/** The part of a raw Maildir file that left Tacit (the Maildir adds Return-Path and Delivered-To). */
const sent = (raw: string) => raw.replace(/^Return-Path: .*\r?\nDelivered-To: .*\r?\n/, '');

async function helpAnswer(h: Harness, from: string): Promise<string> {
  await h.send({ from, to: `request@${h.domain}`, subject: 'help', text: 'help' });
  const [answer] = await waitForMailTo(h, from, /./);
  return sent(answer!.raw);
}

describe('DKIM=off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ env: { DKIM: 'off' } });
  }, 60_000);
  afterAll(() => closeHarness(h));

  it('sends the mail unsigned', async () => {
    const raw = await helpAnswer(h, 'nosig@example.org');
    expect(raw).toMatch(/^Subject: /m);
    expect(raw).not.toMatch(/^DKIM-Signature:/im);
  });
});

describe('DKIM_PRIVATE_KEY', () => {
  let h: Harness;
  let dir: string;
  let publicKey: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-dkim-key-'));
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(path.join(dir, 'dkim.pem'), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    h = await createHarness({ env: { DKIM_PRIVATE_KEY: path.join(dir, 'dkim.pem'), DKIM_SELECTOR: 'ops2026' } });
  }, 60_000);
  afterAll(async () => {
    await closeHarness(h);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs with the operator\'s key under the operator\'s selector', async () => {
    const raw = await helpAnswer(h, 'ownkey@example.org');
    // The record comes from the key the test made, not from Tacit.
    const zone = { [`ops2026._domainkey.${h.domain}`]: `v=DKIM1; k=rsa; p=${publicKey}` };
    expect(independentVerify(raw, zone).dkim.map((s) => [s.d, s.s, s.ok])).toEqual([[h.domain, 'ops2026', true]]);
  });

  it('prints that key\'s record in tacit dns', async () => {
    const printed = JSON.parse((await tacit(h, ['dns', '--json'], { env: { DKIM_PRIVATE_KEY: path.join(dir, 'dkim.pem'), DKIM_SELECTOR: 'ops2026' } })).stdout) as Zone;
    const dkim = printed.records.filter((r) => r.name === `ops2026._domainkey.${h.domain}`);
    expect(dkim.map((r) => r.value.replace(/\s+/g, ''))).toEqual([`v=DKIM1;k=rsa;p=${publicKey}`]);
  });
});
