import { describe, expect, it } from 'vitest';
import { decideAuthority, sameMailbox, type AuthorityInput, type AuthorityLevel } from '../../../src/shared/rules/authority.ts';
import { unauthenticated, type SenderAuth } from '../../../src/shared/rules/authResults.ts';

function auth(patch: Partial<SenderAuth>): SenderAuth {
  return { ...unauthenticated('tacit.localhost', 'verified'), ...patch };
}
const none = auth({});
const dkimPass = (d: string) => auth({ dkim: [{ result: 'pass', domain: d }] });
const dmarc = (result: string, domain: string, policy: 'none' | 'quarantine' | 'reject' | null) => auth({ dmarc: { result, domain, policy } });

describe('decideAuthority', () => {
  const base: AuthorityInput = { fromHeaders: ['Coord <coord@example.org>'], envelopeFrom: 'mallory@evil.example', addressKind: 'consult', auth: none };
  const table: [string, Partial<AuthorityInput>, AuthorityLevel, boolean?][] = [
    ['forged From, nothing signed', {}, 'confirm'],
    ['no auth result at all', { auth: null }, 'confirm'],
    ['aligned DKIM', { auth: dkimPass('example.org') }, 'act'],
    ['DKIM of a subdomain (relaxed alignment)', { auth: dkimPass('mail.example.org') }, 'act'],
    ['DKIM from the parent organisational domain', { fromHeaders: ['a@lists.example.org'], auth: dkimPass('example.org') }, 'act'],
    ['DKIM of another domain', { auth: dkimPass('evil.example') }, 'confirm'],
    ['DKIM of a look-alike domain', { auth: dkimPass('example.org.evil.example') }, 'confirm'],
    ['DKIM that failed', { auth: auth({ dkim: [{ result: 'fail', domain: 'example.org' }] }) }, 'confirm'],
    ['DMARC pass for the From domain', { auth: dmarc('pass', 'example.org', 'reject') }, 'act'],
    ['DMARC pass for another domain', { auth: dmarc('pass', 'evil.example', 'reject') }, 'confirm'],
    ['DMARC fail, p=reject', { auth: dmarc('fail', 'example.org', 'reject') }, 'confirm', true],
    ['DMARC fail, p=quarantine', { auth: dmarc('fail', 'example.org', 'quarantine') }, 'confirm', true],
    ['DMARC fail, p=none', { auth: dmarc('fail', 'example.org', 'none') }, 'confirm', false],
    ['SPF pass alone (envelope is not the From)', { auth: auth({ spf: { result: 'pass', domain: 'evil.example' } }) }, 'confirm'],
    ['two addresses in one From', { fromHeaders: ['a@example.org, b@example.net'], auth: dkimPass('example.org') }, 'nothing'],
    ['two From headers', { fromHeaders: ['a@example.org', 'b@example.net'] }, 'nothing'],
    ['no From header', { fromHeaders: [] }, 'nothing'],
    ['group syntax', { fromHeaders: ['Friends: a@example.org;'] }, 'nothing'],
    ['empty group', { fromHeaders: ['undisclosed-recipients:;'] }, 'nothing'],
    ['From that does not parse', { fromHeaders: ['not an address'] }, 'nothing'],
    ['From with no domain', { fromHeaders: ['coord@'] }, 'nothing'],
    ['null sender to a command address', { envelopeFrom: '' , auth: dkimPass('example.org') }, 'nothing'],
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
