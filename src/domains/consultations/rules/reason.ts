/**
 * Why a reader refused what a person wrote, as words still to be written:
 * a catalogue key (templates/locales/CODE/notices.json) and its values. Pure
 * rules return these and never read a catalogue; the code that answers puts
 * them into the reader's language (mail/reasonText.ts). A value may be a
 * Date (written in UTC in the reader's language) or another Reason (a
 * deadline's own problem inside "Deadline: …"). A plain string is words
 * already written: a decision method's own (src/decisions/methods).
 */
export interface Reason {
  key: string;
  values?: Readonly<Record<string, ReasonValue>>;
}

export type ReasonValue = string | number | Date | Reason;

/** What an opening or a command line may be refused with: a Reason, or a method's written words. */
export type Refusal = Reason | string;

export const reason = (key: string, values?: Record<string, ReasonValue>): Reason => (values ? { key, values } : { key });

export function isReason(x: unknown): x is Reason {
  return typeof x === 'object' && x !== null && !(x instanceof Date) && typeof (x as Reason).key === 'string';
}
