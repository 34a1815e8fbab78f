/** What the readers return; the consultation code stores these as they are. */
import type { Phrase } from '../../shared/rules/phrase.ts';

export interface ChoiceOption {
  letter: string;
  text?: string;
  /** The same option's title in the consultation's other languages: naming it by any of them names it. */
  titles?: readonly string[];
}

export interface ChoiceStance {
  first?: string | null;
  ranking?: string[];
  accept?: string[];
  reject?: string[];
  any?: true;
  unreadable?: true;
}

export interface ChoiceReading {
  stance: ChoiceStance;
  comment: string;
  /** Why a reply was not read as a vote (unreadable only), said to the member in their language. */
  doubt?: Phrase;
}

export type ProposalStanceValue = 'agree' | 'object' | 'abstain' | 'unreadable';

export interface ProposalReading {
  stance: ProposalStanceValue;
  reason?: string;
  comment: string;
  doubt?: Phrase;
}
