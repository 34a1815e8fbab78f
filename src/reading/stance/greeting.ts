import { GREETINGS } from '../vocabulary/index.ts';
import { fold } from './text.ts';

/** "Hi all,", "Dear committee", "Hola a todos": a short line opening with a greeting, no sentence in it. */
export function isGreetingLine(line: string): boolean {
  const t = fold(line.trim());
  if (t.length === 0 || t.length > 70 || /[.!?]/.test(t)) return false;
  const words = t.split(/[^\p{L}']+/u).filter((w) => w !== '');
  return [1, 2, 3].some((n) => words.length >= n && GREETINGS.has(words.slice(0, n).join(' ')));
}

/**
 * A greeting line's text after the greeting ("Hi all, I vote no" → "I vote
 * no"): what follows the first comma or colon after its greeting words; ''
 * when the line is only a greeting ("Dear committee,"), the line itself
 * when it is none.
 */
export function afterGreeting(line: string): string {
  if (!isGreetingLine(line)) return line;
  const cut = line.search(/[,:;]/);
  return cut < 0 ? '' : line.slice(cut + 1).trim();
}
