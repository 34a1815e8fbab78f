/**
 * The part of a consultation's copy a member answers inside of: question,
 * description, the option lines. Given to the reply trimmer, so that lines
 * a member typed into an unquoted original (Outlook) are read as theirs.
 */
import type { ChoiceOption } from './types.ts';

export function sentText(c: { question: string; description?: string | null; options?: readonly ChoiceOption[] | null }): string {
  const options = c.options ?? [];
  return [
    c.question,
    c.description ?? '',
    ...(options.length > 0 ? ['Options:', ...options.map((o) => `${o.letter}. ${o.text ?? ''}`)] : []),
  ].join('\n');
}
