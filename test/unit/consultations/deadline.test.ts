import { describe, expect, it } from 'vitest';
import * as rules from '../../../src/domains/consultations/rules/deadline.ts';
import { inEnglish } from '../../helpers/inEnglish.ts';

const { isWhenError, zoneOffsetMinutes } = rules;
// The reader gives its reasons as catalogue keys; these tests read them in English, the words they always compared.
const parseWhen = (...a: Parameters<typeof rules.parseWhen>): Date | { error: string } => inEnglish(rules.parseWhen(...a));
const parseReminder = (...a: Parameters<typeof rules.parseReminder>): Date | null | { error: string } => inEnglish(rules.parseReminder(...a));
const parseExtension = (...a: Parameters<typeof rules.parseExtension>): Date | { error: string } => inEnglish(rules.parseExtension(...a));

// Wednesday 25 March 2026, 10:17 UTC — four days before the UK and EU move to summer time (29 March).
const NOW = new Date('2026-03-25T10:17:00Z');

const iso = (x: Date | null | { error: string }) => (x === null ? null : x instanceof Date ? x.toISOString() : x);

describe('parseWhen', () => {
  it.each([
    ['2026-12-03 18:00 UTC', '2026-12-03T18:00:00.000Z'],
    ['2026-12-03T18:00Z', '2026-12-03T18:00:00.000Z'],
    ['2026-12-03T18:00:00+01:00', '2026-12-03T17:00:00.000Z'],
    ['2026-12-03 18:00 UTC+2', '2026-12-03T16:00:00.000Z'],
    ['2026-12-03 18:00 GMT-05:00', '2026-12-03T23:00:00.000Z'],
    ['2026-12-03 18:00', '2026-12-03T18:00:00.000Z'], // no zone: UTC
    ['2026-12-03', '2026-12-03T23:59:00.000Z'], // no time: end of the day
    ['2026-12-03 at 18:00', '2026-12-03T18:00:00.000Z'],
    ['Dec 3, 2026 at 6pm', '2026-12-03T18:00:00.000Z'],
    ['3 December 2026 18:00', '2026-12-03T18:00:00.000Z'],
    ['25/12/2026 18:00', '2026-12-25T18:00:00.000Z'],
    ['in 7 days', '2026-04-01T10:17:00.000Z'],
    ['in 36 hours', '2026-03-26T22:17:00.000Z'],
    ['Friday 18:00 UTC', '2026-03-27T18:00:00.000Z'],
    ['friday at 18:00 utc', '2026-03-27T18:00:00.000Z'],
    ['Friday 18:00', '2026-03-27T18:00:00.000Z'],
    ['Friday', '2026-03-27T23:59:00.000Z'],
    ['tomorrow noon', '2026-03-26T12:00:00.000Z'],
    ['tomorrow', '2026-03-26T23:59:00.000Z'],
    ['18:00', '2026-03-25T18:00:00.000Z'],
    // IANA zones, DST-correct
    ['Friday 18:00 Europe/London', '2026-03-27T18:00:00.000Z'], // still GMT
    ['2026-04-02 18:00 Europe/London', '2026-04-02T17:00:00.000Z'], // BST
    ['2026-12-03 18:00 Europe/London', '2026-12-03T18:00:00.000Z'], // GMT again
    ['2026-03-29 01:30 Europe/London', '2026-03-29T01:30:00.000Z'], // does not exist: moves to 02:30 BST
    ['2026-10-25 01:30 Europe/London', '2026-10-25T00:30:00.000Z'], // happens twice: the first one (BST)
    ['2026-07-01 12:00 America/New_York', '2026-07-01T16:00:00.000Z'],
    ['2026-12-03 09:00 Asia/Kolkata', '2026-12-03T03:30:00.000Z'],
    ['in 2 days at 18:00 Europe/London', '2026-03-27T18:00:00.000Z'],
    // abbreviations are the region's wall clock
    ['next Monday 9am CET', '2026-03-30T07:00:00.000Z'], // CET in summer means Paris time: UTC+2
    ['2026-11-02 09:00 CET', '2026-11-02T08:00:00.000Z'],
    ['Friday 6pm EST', '2026-03-27T22:00:00.000Z'],
  ])('%j → %s', (text, expected) => {
    expect(iso(parseWhen(text, NOW))).toBe(expected);
  });

  it.each([
    ['2026-03-20 18:00', '"2026-03-20 18:00" is Fri 20 Mar 2026 18:00 UTC, which is in the past (it is now Wed 25 Mar 2026 10:17 UTC).'],
    ['yesterday', '"yesterday" is Tue 24 Mar 2026 23:59 UTC, which is in the past (it is now Wed 25 Mar 2026 10:17 UTC).'],
    ['Friday 18:00 London', 'I could not understand "London" in "Friday 18:00 London". Write it like "2026-12-03 18:00 UTC", "Friday 18:00 Europe/London" or "in 7 days" (time zones as UTC or a name like Europe/London).'],
    ['03/12/2026', '"03/12/2026" could be 3 December or 12 March; please write the date as YYYY-MM-DD, e.g. 2026-12-03.'],
    ['Friday 18:00 Mars/Olympus', 'I do not know the time zone "Mars/Olympus". Use a name like Europe/London or America/New_York, or write UTC.'],
    ['soon', 'I could not read a date in "soon". Write it like "2026-12-03 18:00 UTC", "Friday 18:00 Europe/London" or "in 7 days".'],
    ['', 'No date given. Write it like "2026-12-03 18:00 UTC", "Friday 18:00 Europe/London" or "in 7 days".'],
    ['2026-12-03 18:00 Europe/London CET', '"2026-12-03 18:00 Europe/London CET" names more than one time zone; give just one.'],
    ['Friday or Saturday', '"Friday or Saturday" contains more than one date; give just one, like "2026-12-03 18:00 UTC", "Friday 18:00 Europe/London" or "in 7 days".'],
  ])('%j is refused', (text, error) => {
    expect(parseWhen(text, NOW)).toEqual({ error });
  });

  it('counts "in N days" as elapsed time and local times by the wall clock across the DST change', () => {
    const saturday = new Date('2026-03-28T12:00:00Z'); // London: 12:00 GMT; the clocks go forward tonight
    expect(iso(parseWhen('in 1 day', saturday))).toBe('2026-03-29T12:00:00.000Z');
    expect(iso(parseWhen('tomorrow 12:00 Europe/London', saturday))).toBe('2026-03-29T11:00:00.000Z');
    expect(iso(parseWhen('tomorrow 12:00 UTC', saturday))).toBe('2026-03-29T12:00:00.000Z');
  });

  it('reads relative days in the named zone, not in UTC', () => {
    // 23:30 UTC on 10 June is already 11 June 09:30 in Sydney: "tomorrow" there is 12 June.
    const late = new Date('2026-06-10T23:30:00Z');
    expect(iso(parseWhen('tomorrow 09:00 Australia/Sydney', late))).toBe('2026-06-11T23:00:00.000Z');
    expect(iso(parseWhen('tomorrow 09:00 UTC', late))).toBe('2026-06-11T09:00:00.000Z');
  });

  it('a weekday already past this week means next week', () => {
    const fridayEvening = new Date('2026-03-27T20:00:00Z');
    expect(iso(parseWhen('Friday 18:00', fridayEvening))).toBe('2026-04-03T18:00:00.000Z');
  });
});

describe('zone offsets', () => {
  it.each([
    ['2026-03-29T00:59:00Z', 'Europe/London', 0],
    ['2026-03-29T01:00:00Z', 'Europe/London', 60],
    ['2026-10-25T00:59:00Z', 'Europe/London', 60],
    ['2026-10-25T01:00:00Z', 'Europe/London', 0],
    ['2026-07-01T00:00:00Z', 'America/New_York', -240],
    ['2026-07-01T00:00:00Z', 'Asia/Kolkata', 330],
  ])('%s in %s is UTC%+i min', (instant, zone, offset) => {
    expect(zoneOffsetMinutes(Date.parse(instant), zone)).toBe(offset);
  });
});

describe('parseReminder', () => {
  const DEADLINE = new Date('2026-04-03T18:00:00Z');
  it.each([
    ['24 hours before', '2026-04-02T18:00:00.000Z'],
    ['24h before', '2026-04-02T18:00:00.000Z'],
    ['2 days before', '2026-04-01T18:00:00.000Z'],
    ['1 day before the deadline', '2026-04-02T18:00:00.000Z'],
    ['the day before', '2026-04-02T18:00:00.000Z'],
    ['a week before', '2026-03-27T18:00:00.000Z'],
    ['2026-04-02 09:00', '2026-04-02T09:00:00.000Z'],
    ['2026-04-02 09:00 Europe/London', '2026-04-02T08:00:00.000Z'],
    ['none', null],
    ['no', null],
  ])('%j → %s', (text, expected) => {
    expect(iso(parseReminder(text, DEADLINE, NOW))).toBe(expected);
  });

  it.each([
    ['2026-04-05 09:00', 'The reminder (Sun 5 Apr 2026 09:00 UTC) must come before the deadline (Fri 3 Apr 2026 18:00 UTC).'],
    ['10 days before', 'A reminder 10 days before the deadline would be Tue 24 Mar 2026 18:00 UTC, which is already past.'],
    ['soonish', 'Reminder: I could not read a date in "soonish". Write it like "2026-12-03 18:00 UTC", "Friday 18:00 Europe/London" or "in 7 days".'],
    ['2026-03-20 09:00', 'Reminder: "2026-03-20 09:00" is Fri 20 Mar 2026 09:00 UTC, which is in the past (it is now Wed 25 Mar 2026 10:17 UTC).'],
  ])('%j is refused', (text, error) => {
    expect(parseReminder(text, DEADLINE, NOW)).toEqual({ error });
  });
});

describe('parseExtension', () => {
  const DEADLINE = new Date('2026-04-03T18:00:00Z');
  it.each([
    ['2 days', '2026-04-05T18:00:00.000Z'],
    ['+2 days', '2026-04-05T18:00:00.000Z'],
    ['by 3 days', '2026-04-06T18:00:00.000Z'],
    ['2 more days', '2026-04-05T18:00:00.000Z'],
    ['another week', '2026-04-10T18:00:00.000Z'],
    ['12 hours', '2026-04-04T06:00:00.000Z'],
    ['2026-04-10 18:00', '2026-04-10T18:00:00.000Z'],
    ['2026-04-10 18:00 Europe/London', '2026-04-10T17:00:00.000Z'],
    ['in 14 days', '2026-04-08T10:17:00.000Z'],
  ])('%j → %s', (text, expected) => {
    expect(iso(parseExtension(text, DEADLINE, NOW))).toBe(expected);
  });

  it.each([
    ['in 2 days', 'The new deadline (Fri 27 Mar 2026 10:17 UTC) must be later than the current one (Fri 3 Apr 2026 18:00 UTC).'],
    ['2026-04-01', 'The new deadline (Wed 1 Apr 2026 23:59 UTC) must be later than the current one (Fri 3 Apr 2026 18:00 UTC).'],
    ['whenever', 'I could not read a date in "whenever". Write it like "2026-12-03 18:00 UTC", "Friday 18:00 Europe/London" or "in 7 days".'],
  ])('%j is refused', (text, error) => {
    expect(parseExtension(text, DEADLINE, NOW)).toEqual({ error });
  });
});
