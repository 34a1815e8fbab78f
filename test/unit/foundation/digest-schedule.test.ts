import { describe, expect, it } from 'vitest';
import { latestPeriod, parseDigestSchedule, periodEndingNow } from '../../../src/shared/rules/digestSchedule.ts';

describe('digest schedule', () => {
  it.each([
    [undefined, { kind: 'weekly', weekday: 1, hour: 8, minute: 0 }],
    ['fri 17:30', { kind: 'weekly', weekday: 5, hour: 17, minute: 30 }],
    ['Sunday 6:00', { kind: 'weekly', weekday: 0, hour: 6, minute: 0 }],
    ['daily 07:15', { kind: 'daily', weekday: 0, hour: 7, minute: 15 }],
    ['off', { kind: 'off' }],
  ])('reads %s', (text, expected) => {
    expect(parseDigestSchedule(text)).toEqual(expected);
  });

  it.each(['weekly', 'mon 25:00', 'someday 08:00', 'mon 8'])('refuses %s', (text) => {
    expect(() => parseDigestSchedule(text)).toThrow(/DIGEST_SCHEDULE must be like/);
  });

  it.each([
    // Thursday 26 Nov 2026 → the period ended on Monday 23 Nov 08:00.
    ['2026-11-26T12:00:00Z', 'mon 08:00', '2026-11-16T08:00:00.000Z', '2026-11-23T08:00:00.000Z'],
    // Exactly at the boundary, that boundary is the end.
    ['2026-11-23T08:00:00Z', 'mon 08:00', '2026-11-16T08:00:00.000Z', '2026-11-23T08:00:00.000Z'],
    // A minute before it, the week before.
    ['2026-11-23T07:59:00Z', 'mon 08:00', '2026-11-09T08:00:00.000Z', '2026-11-16T08:00:00.000Z'],
    ['2026-11-26T06:00:00Z', 'daily 08:00', '2026-11-24T08:00:00.000Z', '2026-11-25T08:00:00.000Z'],
    ['2026-11-26T09:00:00Z', 'daily 08:00', '2026-11-25T08:00:00.000Z', '2026-11-26T08:00:00.000Z'],
  ])('at %s with "%s" covers %s to %s', (now, schedule, start, end) => {
    const period = latestPeriod(parseDigestSchedule(schedule) as never, new Date(now));
    expect([period.start.toISOString(), period.end.toISOString()]).toEqual([start, end]);
  });

  it('reads --period', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(periodEndingNow('7d', now).start.toISOString()).toBe('2026-11-19T12:00:00.000Z');
    expect(periodEndingNow('36h', now).start.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(() => periodEndingNow('a week', now)).toThrow(/such as 7d/);
  });
});
