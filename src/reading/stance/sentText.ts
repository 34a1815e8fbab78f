/**
 * The part of a consultation's copy a member answers inside of: question,
 * description, the option lines. Given to the reply trimmer, so that lines
 * a member typed into an unquoted original (Outlook) are read as theirs.
 */
import type { ChoiceOption } from './types.ts';

type Sent = { question?: string; description?: string | null; options?: readonly ChoiceOption[] | null };

/** `versions`: the same in the consultation's other languages (issue 23); a member got one of them. */
export function sentText(c: Sent & { question: string; versions?: Readonly<Record<string, Sent | undefined>> | null }): string {
  const one = (v: Sent) => {
    const options = v.options ?? [];
    return [
      v.question ?? '',
      v.description ?? '',
      ...(options.length > 0 ? ['Options:', ...options.map((o) => `${o.letter}. ${o.text ?? ''}`)] : []),
    ];
  };
  const others = Object.values(c.versions ?? {}).flatMap((v) => (v ? one(v) : []));
  return [...one(c), ...others].join('\n');
}
