/**
 * How many mails of one kind one person gets in an hour. Pure. The ones
 * held back past that are summed up by templates/notices-held.
 *
 *   noticeLimit(kind): number
 *
 * A flood (forged posts, a loop, a spammer) then costs each person at most
 * the limit plus one summary an hour, whatever arrives.
 */
export type NoticeKind = 'answer' | 'moderation-request' | 'forward';

const LIMITS: Record<NoticeKind, number> = {
  // Generous enough for a coordinator running several consultations and commands in an hour.
  answer: 30,
  'moderation-request': 10,
  forward: 20,
};

export function noticeLimit(kind: NoticeKind): number {
  return LIMITS[kind];
}

export function isNoticeKind(text: string): text is NoticeKind {
  return Object.hasOwn(LIMITS, text);
}
