/**
 * How many mails of one kind one person gets in an hour, and how the ones
 * held back past that are summed up. Pure.
 *
 *   noticeLimit(kind): number
 *   heldNoticesText(kind, count): { what, explanation }
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

export function heldNoticesText(kind: NoticeKind, count: number): { what: string; explanation: string } {
  const many = count !== 1;
  switch (kind) {
    case 'answer':
      return {
        what: many ? 'answers' : 'answer',
        explanation:
          'They answered messages sent from your address. If you did not send that many, someone may be ' +
          'using your address; nothing else needs doing.',
      };
    case 'moderation-request':
      return {
        what: many ? 'moderation requests' : 'moderation request',
        explanation:
          'The posts wait for moderation and expire unanswered; their senders were told they are held.',
      };
    case 'forward':
      return {
        what: many ? 'forwarded messages' : 'forwarded message',
        explanation: 'The messages are kept by Tacit: an operator sees them as held in `tacit stats`.',
      };
  }
}
