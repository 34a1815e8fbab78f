import { GREETINGS } from '../vocabulary/index.ts';
import { fold } from './text.ts';

/** "Hi all,", "Dear committee", "Hola a todos": a short line opening with a greeting, no sentence in it. */
export function isGreetingLine(line: string): boolean {
  const t = fold(line.trim());
  if (t.length === 0 || t.length > 70 || /[.!?]/.test(t)) return false;
  const words = t.split(/[^\p{L}']+/u).filter((w) => w !== '');
  return [1, 2, 3].some((n) => words.length >= n && GREETINGS.has(words.slice(0, n).join(' ')));
}
