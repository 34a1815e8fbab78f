import { describe, expect, it } from 'vitest';
import { isValidListSlug, parseTacitAddress, type TacitAddress } from '../../../src/shared/rules/addresses.ts';

const D = 'tacit.example.org';
const TOKEN = 'aB3_xY9-kLmN0pQr'; // 16 chars, the minimum
const LONG = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg';

describe('parseTacitAddress', () => {
  it.each<[string, TacitAddress | null]>([
    [`icc@${D}`, { kind: 'list', list: 'icc' }],
    [`gb@${D}`, { kind: 'list', list: 'gb' }],
    [`gb-london@${D}`, { kind: 'list', list: 'gb-london' }],
    [`all@${D}`, { kind: 'list', list: 'all' }],
    [`GB-London@TACIT.Example.ORG`, { kind: 'list', list: 'gb-london' }],
    [`gb-london@${D}.`, { kind: 'list', list: 'gb-london' }],
    [`"London chapter" <gb-london@${D}>`, { kind: 'list', list: 'gb-london' }],
    [`<icc@${D}>`, { kind: 'list', list: 'icc' }],
    [`request@${D}`, { kind: 'request' }],
    [`gb-request@${D}`, { kind: 'request', list: 'gb' }],
    [`gb-london-request@${D}`, { kind: 'request', list: 'gb-london' }],
    [`Gb-London-Request@${D}`, { kind: 'request', list: 'gb-london' }],
    [`consult@${D}`, { kind: 'consult' }],
    [`icc-consult@${D}`, { kind: 'consult', list: 'icc' }],
    [`gb-london-owner@${D}`, { kind: 'owner', list: 'gb-london' }],
    [`reply+${LONG}@${D}`, { kind: 'reply', token: LONG }],
    [`Reply+${TOKEN}@${D}`, { kind: 'reply', token: TOKEN }],
    [`confirm+${TOKEN}@${D}`, { kind: 'confirm', token: TOKEN }],
    [`bounces+${LONG}@${D}`, { kind: 'bounces', token: LONG }],
    [`postmaster@${D}`, { kind: 'postmaster' }],
    [`PostMaster@${D}`, { kind: 'postmaster' }],
    [`abuse@${D}`, { kind: 'postmaster' }],
    // not ours / malformed
    [`icc@other.example.org`, null],
    [`icc@sub.${D}`, null],
    [`reply+short@${D}`, null],
    [`reply+${TOKEN.slice(1)}@${D}`, null], // 15 chars
    [`reply+bad.token.here.x@${D}`, null],
    [`reply@${D}`, null],
    [`bounces@${D}`, null],
    [`gb+tag@${D}`, null],
    [`owner@${D}`, null],
    [`mailer-daemon@${D}`, null],
    [`-request@${D}`, null],
    [`request-request@${D}`, null],
    [`gb-request-request@${D}`, null],
    [`gb_london@${D}`, null],
    [`gb.london@${D}`, null],
    [`@${D}`, null],
    [`icc`, null],
    [``, null],
  ])('%j', (address, expected) => {
    expect(parseTacitAddress(address, D)).toStrictEqual(expected);
  });

  it('compares the configured domain case-insensitively', () => {
    expect(parseTacitAddress('icc@tacit.example.org', 'TACIT.example.org')).toStrictEqual({ kind: 'list', list: 'icc' });
  });
});

describe('isValidListSlug', () => {
  it.each<[string, boolean]>([
    ['icc', true],
    ['gb-london', true],
    ['2025-assembly', true],
    ['GB', false],
    ['-gb', false],
    ['gb_london', false],
    ['request', false],
    ['postmaster', false],
    ['gb-request', false],
    ['gb-owner', false],
    ['gb-consult', false],
    ['', false],
  ])('%j → %s', (slug, expected) => {
    expect(isValidListSlug(slug)).toBe(expected);
  });
});
