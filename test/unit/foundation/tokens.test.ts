import { describe, expect, it } from 'vitest';
import { ballotCode, makeToken, readToken } from '../../../src/shared/rules/tokens.ts';

const secret = 'a-server-secret-for-tests';

describe('address tokens', () => {
  it('round-trips the ids it names', () => {
    const token = makeToken(secret, 'reply', [12, 345]);
    expect(token).toMatch(/^12x345_[0-9a-f]{32}$/);
    expect(readToken(secret, 'reply', token, 2)).toEqual([12, 345]);
  });

  it('survives a relay that upper-cases the local part', () => {
    const token = makeToken(secret, 'bounce', [7]);
    expect(readToken(secret, 'bounce', token.toUpperCase(), 1)).toEqual([7]);
  });

  it.each([
    ['another purpose', (t: string) => readToken(secret, 'confirm', t, 2)],
    ['another secret', (t: string) => readToken('other-secret-other-secret', 'reply', t, 2)],
    ['changed ids', (t: string) => readToken(secret, 'reply', t.replace(/^12x345/, '12x346'), 2)],
    ['a flipped MAC digit', (t: string) => readToken(secret, 'reply', t.slice(0, -1) + (t.endsWith('0') ? '1' : '0'), 2)],
    ['a short MAC', (t: string) => readToken(secret, 'reply', t.slice(0, -2), 2)],
    ['the wrong number of ids', (t: string) => readToken(secret, 'reply', t, 1)],
  ])('refuses %s', (_, read) => {
    expect(read(makeToken(secret, 'reply', [12, 345]))).toBeNull();
  });

  it('refuses ids that are not whole numbers', () => {
    expect(() => makeToken(secret, 'reply', [1.5])).toThrow(/non-negative integers/);
  });
});

describe('ballot codes', () => {
  it('are ten Crockford base32 characters, the same for the same member and consultation', () => {
    const code = ballotCode(secret, 12, 345);
    expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
    expect(ballotCode(secret, 12, 345)).toBe(code);
  });

  it.each([
    ['another member', () => ballotCode(secret, 12, 346)],
    ['another consultation', () => ballotCode(secret, 13, 345)],
    ['another secret', () => ballotCode('other-secret-other-secret', 12, 345)],
    ['swapped ids', () => ballotCode(secret, 345, 12)],
  ])('differ for %s', (_, other) => {
    expect(other()).not.toBe(ballotCode(secret, 12, 345));
  });

  it('do not collide among a large electorate', () => {
    const codes = new Set(Array.from({ length: 20_000 }, (_, i) => ballotCode(secret, 1, i)));
    expect(codes.size).toBe(20_000);
  });
});
