import { describe, expect, it } from 'vitest';
import { decideAuthority, sameMailbox, type AuthorityInput, type AuthorityLevel } from '../../../src/shared/rules/authority.ts';
import { unauthenticated, type SenderAuth } from '../../../src/shared/rules/authResults.ts';
import type { DkimSignature } from '../../../src/shared/rules/dkimSignatures.ts';

function auth(patch: Partial<SenderAuth>): SenderAuth {
  return { ...unauthenticated('tacit.localhost', 'verified'), ...patch };
}
const none = auth({});
const sig = (domain: string, wholeBody = true, b = `b-${domain}`): DkimSignature =>
  ({ domain, b, signedHeaders: ['from', 'to', 'date'], bodyLength: wholeBody ? null : 9, wholeBody });
/** A verified signature of `d`, with its DKIM-Signature header as Tacit reads it. */
const dkimPass = (d: string, wholeBody = true): Partial<AuthorityInput> =>
  ({ auth: auth({ dkim: [{ result: 'pass', domain: d }] }), signatures: [sig(d, wholeBody)] });
const dmarc = (result: string, domain: string, policy: 'none' | 'quarantine' | 'reject' | null, spf: SenderAuth['spf'] = { result: 'none', domain: null }) =>
  auth({ dmarc: { result, domain, policy }, spf });

describe('decideAuthority', () => {
  const base: AuthorityInput = { fromHeaders: ['Coord <coord@example.org>'], envelopeFrom: 'mallory@evil.example', addressKind: 'consult', auth: none, signatures: [] };
  const table: [string, Partial<AuthorityInput>, AuthorityLevel, boolean?][] = [
    ['forged From, nothing signed', {}, 'confirm'],
    ['no auth result at all', { auth: null }, 'confirm'],
    ['aligned DKIM', dkimPass('example.org'), 'act'],
    ['DKIM of a subdomain (relaxed alignment)', dkimPass('mail.example.org'), 'act'],
    ['DKIM from the parent organisational domain', { fromHeaders: ['a@lists.example.org'], ...dkimPass('example.org') }, 'act'],
    ['DKIM of another domain', dkimPass('evil.example'), 'confirm'],
    ['DKIM of a look-alike domain', dkimPass('example.org.evil.example'), 'confirm'],
    ['DKIM that failed', { auth: auth({ dkim: [{ result: 'fail', domain: 'example.org' }] }), signatures: [sig('example.org')] }, 'confirm'],
    // The Public Suffix List: org.es, gov.br, sch.uk and blogspot.com are suffixes, so siblings under them are strangers.
    ['DKIM of a sibling under org.es', { fromHeaders: ['coord@victim.org.es'], ...dkimPass('attacker.org.es') }, 'confirm'],
    ['DKIM of a sibling under gov.br', { fromHeaders: ['coord@victim.gov.br'], ...dkimPass('attacker.gov.br') }, 'confirm'],
    ['DKIM of a sibling under sch.uk', { fromHeaders: ['coord@victim.kent.sch.uk'], ...dkimPass('attacker.kent.sch.uk') }, 'confirm'],
    ['DKIM of a sibling under blogspot.com', { fromHeaders: ['coord@victim.blogspot.com'], ...dkimPass('attacker.blogspot.com') }, 'confirm'],
    ['DKIM of a subdomain under org.es', { fromHeaders: ['coord@victim.org.es'], ...dkimPass('mail.victim.org.es') }, 'act'],
    ['DKIM with l= leaving bytes unsigned', dkimPass('example.org', false), 'confirm'],
    ['a DKIM verdict with no signature header to read l= from', { auth: auth({ dkim: [{ result: 'pass', domain: 'example.org' }] }) }, 'confirm'],
    ['two signatures of one d=, one undersized, verdict not matched by b=', {
      auth: auth({ dkim: [{ result: 'pass', domain: 'example.org' }] }), signatures: [sig('example.org', true, 'b1'), sig('example.org', false, 'b2')],
    }, 'confirm'],
    ['two signatures of one d=, the verdict names the whole-body one by b=', {
      auth: auth({ dkim: [{ result: 'pass', domain: 'example.org', b: 'b1' }] }), signatures: [sig('example.org', true, 'b1'), sig('example.org', false, 'b2')],
    }, 'act'],
    ['DMARC pass resting on aligned SPF', { auth: dmarc('pass', 'example.org', 'reject', { result: 'pass', domain: 'bounce.example.org' }) }, 'act'],
    ['DMARC pass with no aligned SPF (its DKIM leg may leave bytes unsigned): a failure under p=reject', { auth: dmarc('pass', 'example.org', 'reject') }, 'confirm', true],
    ['DMARC pass resting on an undersized signature, p=none', { auth: dmarc('pass', 'example.org', 'none') }, 'confirm', false],
    ['DMARC pass, SPF of a sibling under org.es', {
      fromHeaders: ['coord@victim.org.es'], auth: dmarc('pass', 'victim.org.es', 'reject', { result: 'pass', domain: 'attacker.org.es' }),
    }, 'confirm', true],
    ['DMARC pass for another domain', { auth: dmarc('pass', 'evil.example', 'reject') }, 'confirm'],
    ['DMARC fail, p=reject', { auth: dmarc('fail', 'example.org', 'reject') }, 'confirm', true],
    ['DMARC fail, p=quarantine', { auth: dmarc('fail', 'example.org', 'quarantine') }, 'confirm', true],
    ['DMARC fail, p=none', { auth: dmarc('fail', 'example.org', 'none') }, 'confirm', false],
    ['SPF pass alone (envelope is not the From)', { auth: auth({ spf: { result: 'pass', domain: 'evil.example' } }) }, 'confirm'],
    ['two addresses in one From', { fromHeaders: ['a@example.org, b@example.net'], ...dkimPass('example.org') }, 'nothing'],
    ['two From headers', { fromHeaders: ['a@example.org', 'b@example.net'] }, 'nothing'],
    ['no From header', { fromHeaders: [] }, 'nothing'],
    ['group syntax', { fromHeaders: ['Friends: a@example.org;'] }, 'nothing'],
    ['empty group', { fromHeaders: ['undisclosed-recipients:;'] }, 'nothing'],
    ['From that does not parse', { fromHeaders: ['not an address'] }, 'nothing'],
    ['From with no domain', { fromHeaders: ['coord@'] }, 'nothing'],
    ['null sender to a command address', { envelopeFrom: '', ...dkimPass('example.org') }, 'nothing'],
    ['a Unicode From domain, signed by its ASCII form', { fromHeaders: ['ana@münchen.de'], ...dkimPass('xn--mnchen-3ya.de') }, 'act'],
    ['a Unicode look-alike of the signing domain', { fromHeaders: ['coord@exаmple.org'], ...dkimPass('example.org') }, 'confirm'],
    ['null sender to a reply address (the token authorises)', { envelopeFrom: '', addressKind: 'reply' }, 'confirm'],
    ['null sender to a bounce address', { envelopeFrom: '', addressKind: 'bounces' }, 'confirm'],
  ];
  it.each(table)('%s', (_name, patch, level, rejects = false) => {
    const result = decideAuthority({ ...base, ...patch });
    expect(result.level).toBe(level);
    expect(result.dmarcRejects).toBe(rejects);
  });

  it('names the one From address', () => {
    expect(decideAuthority(base).from).toBe('coord@example.org');
    expect(decideAuthority({ ...base, fromHeaders: ['a@x.org, b@y.org'] }).from).toBeNull();
    expect(decideAuthority({ ...base, fromHeaders: ['Ana <Ana@München.DE>'] }).from).toBe('ana@xn--mnchen-3ya.de');
  });

  describe('ARC', () => {
    const seal = sig('lists.example.net');
    const sealed = (sealer: string, dmarcResult = 'pass', domain = 'example.org'): Partial<AuthorityInput> => ({
      auth: auth({ arc: { result: 'pass', sealer, dmarc: { result: dmarcResult, domain } } }), arcSignatures: [sig(sealer)],
    });
    it.each<[string, Partial<AuthorityInput>, AuthorityLevel]>([
      ['a trusted sealer that saw DMARC pass', { ...sealed('lists.example.net'), arcTrustedSealers: ['lists.example.net'] }, 'act'],
      ['the same seal, no sealer named (the default)', sealed('lists.example.net'), 'confirm'],
      ['a sealer not named', { ...sealed('evil.example'), arcTrustedSealers: ['lists.example.net'] }, 'confirm'],
      ['a trusted sealer that saw DMARC fail', { ...sealed('lists.example.net', 'fail'), arcTrustedSealers: ['lists.example.net'] }, 'confirm'],
      ['a trusted sealer vouching for another domain', { ...sealed('lists.example.net', 'pass', 'other.example'), arcTrustedSealers: ['lists.example.net'] }, 'confirm'],
      ['a chain that does not verify', { auth: auth({ arc: { result: 'fail', sealer: 'lists.example.net', dmarc: { result: 'pass', domain: 'example.org' } } }), arcSignatures: [seal], arcTrustedSealers: ['lists.example.net'] }, 'confirm'],
      ['a trusted seal whose message signature has l=', { ...sealed('lists.example.net'), arcSignatures: [sig('lists.example.net', false)], arcTrustedSealers: ['lists.example.net'] }, 'confirm'],
    ])('%s', (_name, patch, level) => {
      expect(decideAuthority({ ...base, ...patch }).level).toBe(level);
    });
  });

  it('names the signatures an act rests on, and none for an act on SPF', () => {
    expect(decideAuthority({ ...base, ...dkimPass('example.org') }).signatures?.map((s) => s.b)).toEqual(['b-example.org']);
    expect(decideAuthority({ ...base, auth: dmarc('pass', 'example.org', 'none', { result: 'pass', domain: 'example.org' }) }).signatures).toBeUndefined();
  });
});

describe('sameMailbox', () => {
  // [what mailparser read, what the authority was decided for, same?]
  const table: [string, string | null, boolean][] = [
    ['ana@example.org', 'ana@example.org', true],
    ['ana@münchen.de', 'ana@xn--mnchen-3ya.de', true],
    ['coord@example.org', 'coord@xn--example-.xn--org-', false],
    ['coord@exämple.org', 'coord@example.org', false],
    ['coord@example.org', null, false],
    ['', null, true],
    ['coord', 'coord@example.org', false],
  ];
  it.each(table)('%s vs %s: %s', (handlerFrom, authorityFrom, same) => {
    expect(sameMailbox(handlerFrom, authorityFrom)).toBe(same);
  });
});
