import { describe, expect, it } from 'vitest';
import { positionalColumns, readHeader, readRow } from '../../../src/domains/org/importMembers.ts';

const LISTS = new Set(['all', 'gb', 'icc']);
const POS = positionalColumns(['a@b.org', 'A']);

describe('CSV columns', () => {
  it('reads a header in any order and any common spelling', () => {
    expect(readHeader(['Name', 'E-mail', 'Town', 'Country'])).toEqual({ email: 1, name: 0, country: 3, city: 2, lists: -1 });
    expect(readHeader(['email', 'name', 'country', 'city', 'lists'])).toEqual({ email: 0, name: 1, country: 2, city: 3, lists: 4 });
    expect(readHeader(['ann@x.org', 'Ann', 'GB', 'London'])).toBeNull();
  });

  it('without a header: email first, or name first when the address is plainly second', () => {
    expect(positionalColumns(['ann@x.org', 'Ann'])).toMatchObject({ email: 0, name: 1 });
    expect(positionalColumns(['Ann', 'ann@x.org'])).toMatchObject({ email: 1, name: 0 });
  });
});

describe('readRow', () => {
  it.each([
    [['Ann@X.org', ' Ann  Lee ', 'uk', ' London '], { email: 'ann@x.org', name: 'Ann Lee', country: 'GB', city: 'London', lists: [] }],
    [['ann@x.org', '', '', ''], { email: 'ann@x.org', name: '', country: null, city: null, lists: [] }],
    [['ann@x.org', 'Ann', 'Deutschland', 'Köln', 'gb; ICC|all@d.org'], { email: 'ann@x.org', name: 'Ann', country: 'DE', city: 'Köln', lists: ['gb', 'icc', 'all'] }],
  ])('%j is imported', (record, expected) => {
    expect(readRow(record, POS, 2, LISTS)).toEqual({ line: 2, ...expected });
  });

  it.each([
    [['', 'Ann'], 'no email address'],
    [['ann at x.org', 'Ann'], 'not an email address: ann at x.org'],
    [['ann@x.org', 'Ann', 'Narnia'], 'unknown country: Narnia'],
    [['ann@x.org', 'Ann', '', 'London'], 'a city needs a country'],
    [['ann@x.org', 'Ann', 'GB', 'London', 'gb nope zzz'], 'no list named nope, zzz'],
  ])('%j is refused: %s', (record, reason) => {
    expect(readRow(record, POS, 2, LISTS)).toEqual({ refused: reason });
  });
});
