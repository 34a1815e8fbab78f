import { describe, expect, it } from 'vitest';
import { canonicalAddress, canonicalDomain } from '../../../src/shared/rules/domains.ts';
import { aligned, organizationalDomain } from '../../../src/shared/rules/organizationalDomain.ts';

describe('organizationalDomain (Public Suffix List)', () => {
  it.each([
    ['mail.example.org', 'example.org'],
    ['example.org', 'example.org'],
    ['a.b.c.example.com', 'example.com'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['Mail.Example.COM.AU.', 'example.com.au'],
    ['victim.org.es', 'victim.org.es'],
    ['mail.victim.org.es', 'victim.org.es'],
    ['shop.com.es', 'shop.com.es'],
    ['x.ministry.gov.br', 'ministry.gov.br'],
    ['uni.ac.nz', 'uni.ac.nz'],
    ['school.kent.sch.uk', 'school.kent.sch.uk'],
    ['a.firm.co.za', 'firm.co.za'],
    ['someone.blogspot.com', 'someone.blogspot.com'],
    ['mail.xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['post.münchen.de', 'xn--mnchen-3ya.de'],
    ['localhost', 'localhost'],
  ])('%s → %s', (d, expected) => {
    expect(organizationalDomain(d)).toBe(expected);
  });

  it.each([
    ['victim.org.es', 'attacker.org.es', false],
    ['victim.org.es', 'mail.victim.org.es', true],
    ['a.blogspot.com', 'b.blogspot.com', false],
    ['example.org', 'example.org.evil.example', false],
    ['münchen.de', 'xn--mnchen-3ya.de', true],
  ])('%s and %s aligned: %s', (a, b, expected) => {
    expect(aligned(a, b)).toBe(expected);
  });
});

describe('one form for domains (UTS #46, ASCII)', () => {
  it.each([
    ['Bücher.Example', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['EXAMPLE.ORG.', 'example.org'],
    // A look-alike (Cyrillic а) is another domain, not example.org.
    ['exаmple.org', 'xn--exmple-4nf.org'],
  ])('%s → %s', (d, expected) => {
    expect(canonicalDomain(d)).toBe(expected);
  });

  it.each([
    ['Ana@München.DE', 'ana@xn--mnchen-3ya.de'],
    ['ana@xn--mnchen-3ya.de', 'ana@xn--mnchen-3ya.de'],
    [' Bob@Example.org ', 'bob@example.org'],
    ['not an address', 'not an address'],
  ])('%s → %s', (a, expected) => {
    expect(canonicalAddress(a)).toBe(expected);
  });
});
