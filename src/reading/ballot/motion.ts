import type { MotionReading } from './types.ts';

/**
 * A motion's ballot: yes, no or abstain, as the whole of the member's new
 * text (the reply trimmer has removed quotes and signatures).
 */
export function readMotionVote(text: string): MotionReading {
  const word = text.trim().toLowerCase().replace(/[.!]+$/, '');
  if (word === 'yes' || word === 'no' || word === 'abstain') return { vote: word };
  return { doubt: 'Answer with one word: yes, no or abstain.' };
}
