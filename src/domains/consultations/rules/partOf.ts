/**
 * Whether a chapter's or branch's vote may be part of a parent vote (issue 22
 * item 3, `Part of: C-ID`). Pure: the caller loads both.
 *
 * - The parent is a draft or open (a closed or cancelled one has no whole to
 *   add to) and is no part itself: one level of roll-up.
 * - The part's list lies under the parent's (a chapter of its branch, or a
 *   branch or chapter of the international list).
 * - Same question, same options (letters and texts), same decision method
 *   and settings: the ballots must mean the same in both counts. Texts are
 *   compared without case and runs of spaces.
 * - A deadline no later than the parent's: the part closes first, so the
 *   parent's close finds its ballots final.
 * Every problem is listed, as reasons for the coordinator's words (keys partOf.*).
 */
import { displayId } from '../ids.ts';
import { reason, type Reason } from './reason.ts';

export interface PartCandidate {
  question: string;
  options: readonly { letter: string; text: string }[];
  method: string;
  settings: unknown;
  deadline: Date;
  list: string;
}

export interface ParentVote extends PartCandidate {
  id: number;
  status: string;
  partOf: number | null;
}

const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/** JSON with keys sorted: a jsonb column gives its keys back in its own order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const optionsText = (options: PartCandidate['options']) => options.map((o) => `${o.letter}. ${o.text}`).join('; ');

export function partOfProblems(part: PartCandidate, parent: ParentVote, listUnderParent: boolean): Reason[] {
  const id = displayId(parent.id);
  const problems: Reason[] = [];
  if (parent.status !== 'draft' && parent.status !== 'open') {
    return [reason('partOf.ended', { id, state: reason('consult.state', { state: parent.status }) })];
  }
  if (parent.partOf !== null) problems.push(reason('partOf.nested', { id, parent: displayId(parent.partOf) }));
  if (!listUnderParent) problems.push(reason('partOf.notUnder', { list: part.list, parentList: parent.list, id }));
  if (!same(part.question, parent.question)) problems.push(reason('partOf.question', { id, question: parent.question }));
  const sameOptions =
    part.options.length === parent.options.length &&
    part.options.every((o, i) => o.letter === parent.options[i]!.letter && same(o.text, parent.options[i]!.text));
  if (!sameOptions) {
    problems.push(parent.options.length ? reason('partOf.options', { id, options: optionsText(parent.options) }) : reason('partOf.noOptions', { id }));
  }
  if (part.method !== parent.method) problems.push(reason('partOf.method', { id, method: parent.method, own: part.method }));
  else if (canonical(part.settings) !== canonical(parent.settings)) {
    problems.push(reason('partOf.settings', { id }));
  }
  if (part.deadline.getTime() > parent.deadline.getTime()) {
    problems.push(reason('partOf.deadline', { id, deadline: parent.deadline }));
  }
  return problems;
}
