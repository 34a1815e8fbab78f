import type { ConsultationOption } from '../consultation.ts';
import { methodOfKind } from '../../../decisions/methods/index.ts';
import { describeChoiceStance } from '../../../decisions/methods/consentChoice/words.ts';

/**
 * A stance in plain words, for receipts and status answers, by the kind's
 * decision method (DecisionMethod.describe). Callers holding a consultation
 * ask its method directly; these take the kind, for those holding only that.
 */
export { describeChoiceStance };
export { describeProposalStance } from '../../../decisions/methods/lazyConsensus/lazyConsensus.ts';

/** The reading in one sentence of plain words, for the receipt (DecisionMethod.receipt's `readAs`). */
export function restateStance(kind: string, stance: unknown, options: ConsultationOption[]): string {
  return methodOfKind(kind).receipt(stance, '', { options, block: null }).readAs;
}

export function describeStance(kind: string, stance: unknown, options: ConsultationOption[]): string[] {
  return methodOfKind(kind).describe(stance, { options, block: null });
}

/** One line, for status answers. */
export function stanceSummary(kind: string, stance: unknown, options: ConsultationOption[]): string {
  return describeStance(kind, stance, options).join('; ');
}
