import { describe, expect, it } from 'vitest';
import { DOMAIN_MANIFESTS, wireDomains } from '../../../src/app/wiring.ts';
import type { DomainManifest } from '../../../src/domains/manifest.ts';
import type { TacitAddress } from '../../../src/shared/rules/addresses.ts';
import type { Handler } from '../../../src/pipeline/routing/inboundMail.ts';

/**
 * Every address kind of src/shared/rules/addresses.ts, each saying whether it
 * has a handler. A Record, so a new kind does not compile until it is listed here.
 */
const HANDLED: Record<TacitAddress['kind'], boolean> = {
  list: true,
  request: true,
  consult: true,
  owner: true,
  reply: true,
  confirm: true,
  bounces: true,
  proxy: true,
  postmaster: true,
};

const answer: Handler = async () => ({ outcome: 'test' });

describe('wireDomains', () => {
  it('gives every handled address kind its handler', () => {
    const wiring = wireDomains();
    for (const [kind, handled] of Object.entries(HANDLED)) {
      expect(wiring.handlers.has(kind as TacitAddress['kind']), kind).toBe(handled);
    }
  });

  it('fills the tables the stages read', () => {
    const wiring = wireDomains();
    expect([...wiring.confirmers.keys()].sort()).toEqual(['commands', 'consultation-open', 'consultation-reply', 'moderate', 'proxy-accept', 'proxy-ballot']);
    expect(wiring.composers.has('list-copy')).toBe(true);
    expect(wiring.composers.has('digest')).toBe(true);
    expect(wiring.expanders.has('consultation-outcome-mailing')).toBe(true);
    expect(wiring.deferredAppliers.has('consultation-command')).toBe(true);
    expect(wiring.commandRunners.has('help')).toBe(true);
    expect(wiring.commandRunners.has('subscribe')).toBe(true);
    // lists' part of "status" first, then consultations'; the line readers (consultations, proxies, digests).
    expect(wiring.statusSections).toHaveLength(2);
    expect(wiring.lineCommands).toHaveLength(3);
    // held posts, consultations, digests, held notices, web housekeeping
    expect(wiring.reconcilers).toHaveLength(5);
  });

  it('builds fresh tables each time, so a test may add to its own', () => {
    const a = wireDomains();
    a.composers.set('test-only', async () => ({ subject: 'x' }));
    expect(wireDomains().composers.has('test-only')).toBe(false);
  });

  it('refuses a key two manifests both claim, naming both', () => {
    const twice: DomainManifest = { name: 'second lists', handlers: { list: answer } };
    expect(() => wireDomains([...DOMAIN_MANIFESTS, twice])).toThrow(/address kind 'list' is claimed by both lists and second lists/);
    const a: DomainManifest = { name: 'a', composers: { x: async () => ({}) }, confirmers: { p: async () => ({ outcome: '' }) } };
    const b: DomainManifest = { name: 'b', confirmers: { p: async () => ({ outcome: '' }) } };
    expect(() => wireDomains([a, b])).toThrow(/confirmation purpose 'p' is claimed by both a and b/);
    expect(() => wireDomains([a, { name: 'c', composers: { x: async () => ({}) } }])).toThrow(/outbox kind \(composer\) 'x'/);
  });

  it('keeps every key of distinct manifests', () => {
    const wiring = wireDomains([
      { name: 'a', handlers: { list: answer }, reconcilers: [async () => 1] },
      { name: 'b', handlers: { owner: answer }, reconcilers: [async () => 2] },
    ]);
    expect([...wiring.handlers.keys()]).toEqual(['list', 'owner']);
    expect(wiring.reconcilers).toHaveLength(2);
  });
});
