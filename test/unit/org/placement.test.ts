import { describe, expect, it } from 'vitest';
import { OrgError, inferPlacement, type Group } from '../../../src/domains/org/groups.ts';

const group = (level: Group['level'], country: string | null = null): Group => ({ id: 1, slug: 'x', name: 'X', parent_id: null, level, country, city: null, posting: 'members' });

describe('inferPlacement', () => {
  it.each([
    [{ slug: 'all', name: 'All' }, null, false, { level: 'international', country: null, city: null }],
    [{ slug: 'icc', name: 'ICC' }, null, true, { level: 'list', country: null, city: null }],
    [{ slug: 'gb', name: 'UK' }, group('international'), true, { level: 'national', country: 'GB', city: null }],
    [{ slug: 'france', name: 'France' }, group('international'), true, { level: 'national', country: 'FR', city: null }],
    [{ slug: 'uk-branch', name: 'UK', country: 'United Kingdom' }, group('international'), true, { level: 'national', country: 'GB', city: null }],
    [{ slug: 'icc', name: 'ICC' }, group('international'), true, { level: 'list', country: null, city: null }],
    [{ slug: 'gb-london', name: 'London' }, group('national', 'GB'), true, { level: 'local', country: 'GB', city: 'London' }],
    [{ slug: 'gb-mk', name: 'MK chapter', city: 'Milton Keynes' }, group('national', 'GB'), true, { level: 'local', country: 'GB', city: 'Milton Keynes' }],
    [{ slug: 'icc', name: 'ICC', level: 'committee' as const }, group('international'), true, { level: 'committee', country: null, city: null }],
    [{ slug: 'gb-youth', name: 'Youth' }, group('local', 'GB'), true, { level: 'list', country: null, city: null }],
  ])('%j under %j', (input, parent, internationalExists, expected) => {
    expect(inferPlacement(input, parent, internationalExists)).toEqual(expected);
  });

  it('refuses what it cannot place', () => {
    expect(() => inferPlacement({ slug: 'x', name: 'X', country: 'Narnia' }, null, true)).toThrow(OrgError);
    expect(() => inferPlacement({ slug: 'x', name: 'X', level: 'national' }, null, true)).toThrow('needs a country');
    expect(() => inferPlacement({ slug: 'x', name: 'X', level: 'local' }, null, true)).toThrow('needs a country');
  });
});
