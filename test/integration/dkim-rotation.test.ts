import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsRecords } from '../../src/domains/deliverability/dnsRecords.ts';
import { activateRotation, prepareRotation, signingKeys } from '../../src/pipeline/outbound/sign/dkimKeys.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * A rotation never signs with a key DNS does not carry yet: `rotate` makes
 * a key under a new selector that `tacit dns` lists beside the one in use,
 * and only `switch` signs with it. The private keys are stored encrypted.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
});
afterAll(async () => {
  await h?.close();
});

const dkimNames = async () => (await dnsRecords(h.ctx)).filter((r) => r.purpose === 'dkim').map((r) => r.name);

describe('DKIM keys', () => {
  it('are generated once, kept encrypted, and the same for every reader', async () => {
    const [first] = await signingKeys(h.ctx);
    const [again] = await signingKeys(h.ctx);
    expect(again).toEqual(first);
    const [row] = await h.ctx.sql`select private_key from dkim_keys where state = 'active'`;
    expect(row!.private_key).toMatch(/^v1:/);
    expect(row!.private_key).not.toContain('PRIVATE KEY');
    // Another server secret cannot read it: a clear error, not a wrong signature.
    await expect(signingKeys({ ...h.ctx, secret: 'another-secret-another' })).rejects.toThrow(/another server secret/);
  });

  it('rotate publishes a second selector first; switch signs with it', async () => {
    const before = (await signingKeys(h.ctx))[0]!.selector;
    expect(await dkimNames()).toEqual([`${before}._domainkey.${h.domain}`]);
    const [next] = await prepareRotation(h.ctx, new Date('2026-12-06T00:00:00Z'));
    expect(next!.selector).toBe(`${before}-20261206`);
    expect(await dkimNames()).toEqual([`${before}._domainkey.${h.domain}`, `${before}-20261206._domainkey.${h.domain}`]);
    expect((await signingKeys(h.ctx))[0]!.selector).toBe(before);
    // Asking again does not make a third key.
    expect((await prepareRotation(h.ctx))[0]!.selector).toBe(next!.selector);

    await activateRotation(h.ctx);
    expect((await signingKeys(h.ctx))[0]!.selector).toBe(next!.selector);
    expect(await dkimNames()).toEqual([`${next!.selector}._domainkey.${h.domain}`]);
    await expect(activateRotation(h.ctx)).rejects.toThrow(/no key is waiting/);
  });
});
