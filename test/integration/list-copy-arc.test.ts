import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealMessage } from 'mailauth';
import { buildRaw } from '../../src/pipeline/outbound/compose/compose.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, seedList, tacit, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { dkimKey, TestDns } from '../helpers/dns.ts';
import { independentVerify, type Zone } from '../helpers/independentVerifier.ts';

/**
 * A list copy is a changed post (tagged subject, list headers, maybe a new
 * From): Tacit ARC-seals it with what it verified on arrival, then signs it.
 * An independent ARC verifier (python3-dkim) accepts the chain: cv=none when
 * the post came straight from its author, cv=pass when it arrived through a
 * forwarder that sealed it.
 */
let h: Harness;
let list: SeededList;
let zone: Record<string, string>;
const dns = new TestDns();
const author = dkimKey('example.org');
const forwarder = dkimKey('fwd.example', 'arc');

beforeAll(async () => {
  author.publish(dns);
  forwarder.publish(dns);
  h = await createHarness({ resolver: dns.resolver });
  list = await seedList(h, 'arcl', 2);
  const printed = JSON.parse((await tacit(h, ['dns', '--json'])).stdout) as Zone;
  zone = Object.fromEntries(printed.records.filter((r) => r.type === 'TXT').map((r) => [r.name, r.value]));
  for (const key of [author, forwarder]) {
    const name = `${key.dkim.keySelector}._domainkey.${key.dkim.domainName}`;
    zone[name] = (await dns.resolver(name, 'TXT'))[0]![0] as string;
  }
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

const sent = (raw: string) => raw.replace(/^Return-Path: .*\r?\nDelivered-To: .*\r?\n/, '');
const headerOf = (raw: string, name: string) =>
  [...raw.slice(0, raw.indexOf('\r\n\r\n')).matchAll(new RegExp(`^${name}:((?:.*)(?:\\r\\n[ \\t].*)*)`, 'gim'))].map((m) => m[1]!.replace(/\r\n[ \t]+/g, ' ').trim());

describe('ARC on list copies', () => {
  it('first hop: ARC set i=1 cv=none with the inbound results, the author\'s signature dropped, D\'s signature valid', async () => {
    await h.send({ from: list.members[0], to: `arcl@${h.domain}`, subject: 'Straight', text: 'From the author.', dkim: author.dkim });
    const [copy] = await waitForMailTo(h, list.members[1]!, /\[arcl\] Straight/);
    const raw = sent(copy!.raw);
    expect(headerOf(raw, 'ARC-Seal')).toHaveLength(1);
    expect(headerOf(raw, 'ARC-Seal')[0]).toMatch(/i=1;.*cv=none/);
    expect(headerOf(raw, 'ARC-Message-Signature')[0]).toMatch(new RegExp(`d=${h.domain.replace(/\./g, '\\.')};`));
    // What Tacit saw on arrival: the author's DKIM passed.
    expect(headerOf(raw, 'ARC-Authentication-Results')[0]).toMatch(/^i=1; .*dkim=pass header\.i=@example\.org/);
    // The author's signature covered the Subject we tagged: it is not passed on broken.
    expect(headerOf(raw, 'DKIM-Signature').map((v) => /d=([^;]+)/.exec(v)![1])).toEqual([h.domain]);
    const verdict = independentVerify(raw, zone);
    expect(verdict.dkim).toEqual([expect.objectContaining({ d: h.domain, ok: true })]);
    expect(verdict.arc).toMatchObject({ cv: 'pass', instances: [{ instance: 1, 'ams-valid': true, 'as-valid': true, cv: 'none' }] });
  });

  it('a post that arrived with a valid chain gets i=2 cv=pass, and the whole chain verifies', async () => {
    const original = await buildRaw({
      from: list.members[0], to: `arcl@${h.domain}`, subject: 'Forwarded', text: 'Through a forwarder.', messageId: '<fwd-1@example.org>',
    });
    const { dkimSign } = await import('mailauth');
    const signed = Buffer.concat([
      Buffer.from((await dkimSign(original, { signatureData: [{ signingDomain: 'example.org', selector: 'test', privateKey: author.dkim.privateKey }] } as never)).signatures),
      original,
    ]);
    const seal = await sealMessage(signed, {
      signingDomain: 'fwd.example', selector: 'arc', privateKey: forwarder.dkim.privateKey,
      authResults: 'mx.fwd.example; dkim=pass header.d=example.org; spf=pass smtp.mailfrom=example.org', cv: 'none',
    } as never);
    await h.send({ envelope: { from: list.members[0]!, to: [`arcl@${h.domain}`] }, raw: Buffer.concat([seal, signed]) });
    const [copy] = await waitForMailTo(h, list.members[1]!, /\[arcl\] Forwarded/);
    const raw = sent(copy!.raw);
    expect(headerOf(raw, 'ARC-Seal').map((v) => /i=(\d)/.exec(v)![1]).sort()).toEqual(['1', '2']);
    expect(headerOf(raw, 'ARC-Seal').find((v) => /i=2/.test(v))).toMatch(/cv=pass/);
    expect(headerOf(raw, 'ARC-Authentication-Results').find((v) => v.startsWith('i=2'))).toMatch(/arc=pass/);
    const verdict = independentVerify(raw, zone);
    expect(verdict.dkim).toEqual([expect.objectContaining({ d: h.domain, ok: true })]);
    expect(verdict.arc?.cv).toBe('pass');
    expect(verdict.arc?.instances.map((i) => [i.instance, i['as-valid'], i.cv])).toEqual([[2, true, 'pass'], [1, true, 'none']]);
  });
});
