import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, memberTimeZone } from '../../../src/shared/rules/timeZone.ts';
import { formatInZone } from '../../../src/shared/rules/formatUtc.ts';

describe('a member\'s time zone', () => {
  it.each([
    ['a city naming a zone of its country', { country: 'PT', city: 'Lisbon' }, 'Europe/Lisbon'],
    ['a country with one zone', { country: 'FR', city: 'Lyon' }, 'Europe/Paris'],
    ['a country with one zone, no city', { country: 'gb' }, 'Europe/London'],
    ['a city with accents and spaces', { country: 'BR', city: 'São Paulo' }, 'America/Sao_Paulo'],
    ['a multi-zone country and a city naming none of its zones', { country: 'PT', city: 'Porto' }, null],
    ['a multi-zone country and no city', { country: 'US' }, null],
    ['a city naming a zone of another country', { country: 'ES', city: 'Lisbon' }, null],
    ['no residence', {}, null],
    ['an unknown country', { country: 'ZZ', city: 'Lisbon' }, null],
    ['a chosen zone wins over residence', { timezone: 'Asia/Tokyo', country: 'PT', city: 'Lisbon' }, 'Asia/Tokyo'],
    ['a stored zone Node no longer knows falls back to residence', { timezone: 'Mars/Base', country: 'FR' }, 'Europe/Paris'],
  ])('%s', (_name, residence, zone) => {
    expect(memberTimeZone(residence)).toBe(zone);
  });

  it.each([
    ['europe/lisbon', 'Europe/Lisbon'],
    [' UTC ', 'UTC'],
    ['Mars/Base', null],
    ['Europe/Lisbon; drop table', null],
    ['x'.repeat(500), null],
  ])('reads %j as %j', (input, zone) => {
    expect(canonicalTimeZone(input)).toBe(zone);
  });

  it('writes a moment on the zone\'s clocks as formatUtc writes it in UTC', () => {
    expect(formatInZone(new Date('2027-07-01T18:00:00Z'), 'Europe/Lisbon')).toBe('Thu 1 Jul 2027 19:00 Europe/Lisbon');
    expect(formatInZone(new Date('2026-12-31T23:30:00Z'), 'Asia/Tokyo')).toBe('Fri 1 Jan 2027 08:30 Asia/Tokyo');
  });
});
