import { describe, expect, it } from 'vitest';
import { isNoticeKind, noticeLimit } from '../../../src/shared/rules/notices.ts';
import { renderMail } from '../../../src/shared/templates/render.ts';

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
    // The summary mail (templates/notices-held), in English: its subject names them, its body explains them.
    const mail = renderMail('notices-held', { lang: 'en', kind, count, limit: noticeLimit(kind), hour: new Date('2026-12-06T10:00:00Z'), domain: 'tacit.localhost' });
    expect(mail.subject).toBe(`${count} more ${what} held back`);
    const explanation = mail.text.split('\n\n')[2]!; // after the greeting and the count
    expect(explanation.length).toBeGreaterThan(20);
  });
});
