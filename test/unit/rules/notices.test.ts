import { describe, expect, it } from 'vitest';
import { heldNoticesText, isNoticeKind, noticeLimit } from '../../../src/shared/rules/notices.ts';

describe('hourly limits per person and kind', () => {
  it.each([
    ['answer', 30],
    ['moderation-request', 10],
    ['forward', 20],
  ] as const)('%s: %i an hour', (kind, limit) => {
    expect(noticeLimit(kind)).toBe(limit);
  });

  it.each([
    ['answer', true],
    ['forward', true],
    ['consultation-copy', false],
    ['toString', false],
  ])('isNoticeKind(%j) is %s', (text, expected) => {
    expect(isNoticeKind(text)).toBe(expected);
  });

  it.each([
    ['answer', 1, 'answer'],
    ['answer', 4, 'answers'],
    ['moderation-request', 1, 'moderation request'],
    ['moderation-request', 3, 'moderation requests'],
    ['forward', 2, 'forwarded messages'],
  ] as const)('%s × %i is summed up as "%s"', (kind, count, what) => {
    const text = heldNoticesText(kind, count);
    expect(text.what).toBe(what);
    expect(text.explanation.length).toBeGreaterThan(20);
  });
});
