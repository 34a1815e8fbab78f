import { describe, expect, it } from 'vitest';
import { parseTacitAddress } from '../../../src/shared/rules/addresses.ts';
import { makeToken, readToken } from '../../../src/shared/rules/tokens.ts';
import { withProxyMark } from '../../../src/domains/consultations/rules/tallySheetText.ts';
import { parseCountInput } from '../../../src/decisions/counting/countInput.ts';

const SECRET = 'test-secret-test-secret';

describe('the proxy address', () => {
  it('is a tacit address kind of its own, its token kept as written', () => {
    const token = makeToken(SECRET, 'proxy', [12, 34, 56]);
    expect(parseTacitAddress(`proxy+${token}@tacit.example`, 'tacit.example')).toEqual({ kind: 'proxy', token });
    expect(parseTacitAddress(`proxy@tacit.example`, 'tacit.example')).toEqual({ kind: 'list', list: 'proxy' });
  });
  it('binds vote, member and proxy under its own purpose: a member\'s reply token is no proxy token', () => {
    const reply = makeToken(SECRET, 'reply', [12, 34]);
    expect(readToken(SECRET, 'proxy', reply, 2)).toBeNull();
    const proxy = makeToken(SECRET, 'proxy', [12, 34, 56]);
    expect(readToken(SECRET, 'proxy', proxy, 3)).toEqual([12, 34, 56]);
    expect(readToken(SECRET, 'reply', proxy, 3)).toBeNull();
    // Another proxy (or member) in the same token does not verify.
    expect(readToken(SECRET, 'proxy', proxy.replace(/^12x34x56/, '12x34x57'), 3)).toBeNull();
  });
});

describe('the tally sheet\'s proxy mark', () => {
  const replied = { bucket: 'replied' as const, readable: true, stance: {} };
  it('marks a counted ballot a proxy cast with the proxy\'s code, and nothing else', () => {
    expect(withProxyMark('yes', replied, 'ABCDEFGH12')).toBe('yes proxy ABCDEFGH12');
    expect(withProxyMark('yes', replied, null)).toBe('yes');
    expect(withProxyMark('unreadable', { ...replied, readable: false }, 'ABCDEFGH12')).toBe('unreadable');
    expect(withProxyMark('silent', { bucket: 'silent', readable: null, stance: null }, 'ABCDEFGH12')).toBe('silent');
  });
  it('is read back by tacit count as the member\'s ballot', () => {
    const sheet = 'Tacit tally sheet\nconsultation C-1\nkind vote\ncount majority\nbase cast\nquorum none\nelectorate 3\n\n'
      + '0AAAAAAAAA yes proxy 7QQQQQQQQQ\n1BBBBBBBBB no\n2CCCCCCCCC yes\n';
    const input = parseCountInput(sheet);
    expect(input.ballots).toEqual([{ ranking: [['yes']], count: 2 }, { ranking: [['no']], count: 1 }]);
  });
});
