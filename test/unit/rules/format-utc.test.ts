import { describe, expect, it } from 'vitest';
import { formatUtc } from '../../../src/shared/rules/formatUtc.ts';
import { renderMail } from '../../../src/shared/templates/render.ts';

describe('formatUtc', () => {
  it.each([
    ['2026-12-03T08:05:00Z', 'Thu 3 Dec 2026 08:05 UTC'],
    ['2026-12-03T18:00:00Z', 'Thu 3 Dec 2026 18:00 UTC'],
    ['2027-01-01T00:00:59Z', 'Fri 1 Jan 2027 00:00 UTC'],
  ])('%s → %s', (iso, expected) => {
    expect(formatUtc(new Date(iso))).toBe(expected);
  });

  // Templates and rule answers used to write dates two ways in one conversation.
  it('is what the templates write, from a Date or an ISO string', () => {
    const data = { subject: 'x', list: 'icc', domain: 'tacit.localhost', byPolicy: true, hasModerators: true };
    for (const expires of [new Date('2026-12-03T18:00:00Z'), '2026-12-03T18:00:00.000Z']) {
      expect(renderMail('post-held', { ...data, expires }).text).toContain('by Thu 3 Dec 2026 18:00 UTC,');
    }
  });
});
