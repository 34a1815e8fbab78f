import type { Consultation } from './consultation.ts';
import { displayId } from './ids.ts';
import { formatUtc } from '../../shared/rules/formatUtc.ts';

/**
 * What the templates see of a consultation: the same data for the preview,
 * the members' copies and the reminders, so the preview is exactly the copy.
 */
export interface ConsultationView {
  id: string;
  question: string;
  description: string;
  kind: 'choice' | 'proposal';
  isChoice: boolean;
  options: { letter: string; text: string }[];
  list: string;
  listName: string;
  deadline: string;
  deadlineIso: string;
  reminder: string | null;
  blockRule: string | null;
  exampleLetter: string;
  exampleRanking: string;
  exampleAcceptReject: string;
}

export function describeBlockRule(block: unknown): string | null {
  if (block == null) return null;
  if (typeof block === 'number') return block === 1 ? 'one objection blocks it' : `${block} objections block it`;
  if (typeof block === 'object' && 'percent' in (block as object)) return `objections from ${(block as { percent: number }).percent}% of the members block it`;
  return null;
}

export function consultationView(c: Consultation): ConsultationView {
  const letters = c.options.map((o) => o.letter);
  const [a = 'A', b = 'B', third] = letters;
  return {
    id: displayId(c.id),
    question: c.question,
    description: c.description,
    kind: c.kind,
    isChoice: c.kind === 'choice',
    options: c.options,
    list: c.list,
    listName: c.list_name,
    deadline: formatUtc(c.deadline),
    deadlineIso: c.deadline.toISOString(),
    reminder: c.reminder_at ? formatUtc(c.reminder_at) : null,
    blockRule: c.kind === 'proposal' ? describeBlockRule(c.block_threshold ?? 1) : null,
    exampleLetter: b,
    exampleRanking: [b, a, ...(third ? [third] : [])].join(' > '),
    exampleAcceptReject: third ? `${a} and ${b} fine, not ${third}` : `${a} fine, not ${b}`,
  };
}
