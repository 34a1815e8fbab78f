/**
 * A member who copies the option list into the reply and marks one line
 * ("[x] B. Montreal", "B. Montreal   <-- this one") chose that line's option.
 * Only when at least two option lines are copied and exactly one is marked.
 */
import { optionTitles } from './optionTitles.ts';
import type { Located } from './locate.ts';
import { fold } from './text.ts';
import type { ChoiceOption, ChoiceReading } from './types.ts';

// Anchored at the line start or end, each a fixed shape: linear on any line.
const MARK_BEFORE = /^[ \t]*(?:\[[ \t]*[xX✓✔*][ \t]*\]|\([ \t]*[xX✓✔*][ \t]*\)|[☒☑✅✓✔→➡]|[-=]+>)[ \t]*/u;
const BOX_BEFORE = /^[ \t]*(?:\[[ \t]*\]|\([ \t]*\)|☐)[ \t]*/u;
const MARK_AFTER = /(?:<[-=]+|←|⬅|\(?[xX✓✔]\)?|\*+|this one|that one|my choice|my vote|please)[^\n]{0,40}$/u;
const OPTION_LINE = /^[ \t]*\(?([A-Za-z])[.):][ \t]+(\S[^\n]{0,200})$/;

export function markedOption(located: Located, options: ChoiceOption[]): ChoiceReading | null {
  const letters = new Set(options.map((o) => o.letter));
  const lines = located.text.split('\n');
  let copied = 0;
  const marked: string[] = [];
  for (const line of lines) {
    const markedBefore = MARK_BEFORE.test(line);
    const bare = line.replace(MARK_BEFORE, '').replace(BOX_BEFORE, '');
    const m = OPTION_LINE.exec(bare);
    if (!m) continue;
    const letter = m[1]!.toUpperCase();
    const option = options.find((o) => o.letter === letter);
    if (!option || !letters.has(letter)) continue;
    const rest = fold(m[2]!);
    // The option line as copied from the member's version of the copy, or any other.
    const optionText = optionTitles(option).map((t) => fold(t).trim()).find((t) => t !== '' && rest.startsWith(t));
    if (optionText === undefined) continue;
    copied++;
    const tail = rest.slice(optionText.length).trim();
    if (markedBefore || (tail !== '' && MARK_AFTER.test(tail))) marked.push(letter);
  }
  if (copied < 2 || marked.length !== 1) return null;
  return { stance: { first: marked[0]! }, comment: '' };
}
