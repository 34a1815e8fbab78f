import { translate } from '../../../shared/i18n/catalogue.ts';
import { formatUtcIn } from '../../../shared/rules/formatUtc.ts';
import { isReason, type Refusal, type ReasonValue } from '../rules/reason.ts';

/** A refusal in `lang`'s words: a Reason through the catalogue (its Dates in UTC, its inner Reasons first), a method's string as written. */
export function reasonText(lang: string, refusal: Refusal): string {
  if (typeof refusal === 'string') return refusal;
  const values = Object.fromEntries(Object.entries(refusal.values ?? {}).map(([name, value]) => [name, valueText(lang, value)]));
  return translate(lang, refusal.key, values);
}

function valueText(lang: string, value: ReasonValue): string | number {
  if (value instanceof Date) return formatUtcIn(value, lang);
  if (isReason(value)) return reasonText(lang, value);
  return value;
}
