/**
 * Answers written under quoted option lines (mutt, Outlook inline, a copied
 * list answered line by line): "Yes" / "+1" / "this one" under B, "No" under
 * D → first B, D refused. Each own block remembers the quoted line above it
 * (locate.ts); a block under an option line is read on its own, as a word
 * about that option. Only when every such block is understood and the rest of
 * the reply names no option itself; otherwise the ordinary grammar reads it.
 */
import { readChoiceText } from './choiceGrammar.ts';
import type { Located } from './locate.ts';
import { fold } from './text.ts';
import type { ChoiceOption, ChoiceReading, ChoiceStance } from './types.ts';
import { CHOICE_WORDS, PROPOSAL_WORDS } from './vocabulary/index.ts';

type Verdict = 'want' | 'accept' | 'refuse';

const OPTION_LINE = /^[ \t]*\(?([A-Za-z])[.):][ \t]+(\S[^\n]{0,200})$/;
// "[KJ] …", "KJ: …", ">>" markers members put before an inline answer.
const INITIALS = /^(?:\[[^\]\n]{1,6}\]|[A-Z]{2,3}:)[ \t]*/;

// Words that point at the line above ("this one", "celle-ci", "diese"…).
const POINTERS = new Set([
  'this one', 'this', 'that one', 'this option', 'here', 'my choice', 'my vote', 'this please', 'this one please', 'me',
  'x', 'yes this one', 'yes this', 'yes please', 'celle-ci', 'celui-ci', 'ce choix', 'diese', 'dieser', 'diese hier',
  'esta', 'este', 'esta opcion', 'questa', 'deze', 'den har', 'ta', 'ten', 'ta opcja', 'essa', 'esta aqui',
]);
const MARKS_WANT = new Set(['+1', '✓', '✔', '✅', '👍', 'x', '<--', '<-', '←']);
const MARKS_REFUSE = new Set(['-1', '✗', '✘', '❌', '👎']);

/** The option an option line names, when it is one of `options` (its text as sent). */
export function optionOfLine(line: string, options: ChoiceOption[]): ChoiceOption | undefined {
  const m = OPTION_LINE.exec(line);
  const option = options.find((o) => o.letter === m?.[1]?.toUpperCase());
  if (!m || !option) return undefined;
  return fold(m[2]!).startsWith(fold(option.text ?? '').trim()) ? option : undefined;
}

/** What a short answer under an option line says about that option, or null. */
export function verdictOf(text: string, letter: string): Verdict | null {
  let t = text.trim().replace(INITIALS, '');
  // "This one - C." names the option it is under: the letter adds nothing.
  t = t.replace(new RegExp(`(?:^|[\\s(\\-–—:,])${letter}[.)!]?$`, 'i'), '').trim();
  // "<-- this", "← this one": the arrow points at the line above.
  const arrow = /^(?:<[-=]+|←|⬅)[ \t]*/u.exec(t);
  if (arrow) t = t.slice(arrow[0].length) || 'this';
  const symbol = t.replace(/[\s.!]+$/u, '');
  if (MARKS_WANT.has(symbol)) return 'want';
  if (MARKS_REFUSE.has(symbol)) return 'refuse';
  const key = fold(t).replace(/\s[-–—]+(?=\s|$)/gu, ' ').replace(/[^\p{L}\p{N}\s'+-]+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (key === '' || key.length > 40) return null;
  if (POINTERS.has(key)) return 'want';
  const choice = CHOICE_WORDS.get(key);
  if (choice === 'neg') return 'refuse';
  if (choice === 'accept' || choice === 'acceptPrefix') return 'accept';
  if (choice === 'pref') return 'want';
  const proposal = PROPOSAL_WORDS.get(key);
  if (proposal === 'agree' || proposal === 'agreeShort') return 'want';
  if (proposal === 'object' || proposal === 'objectShort') return 'refuse';
  return null;
}

export function inlineAnswers(located: Located, options: ChoiceOption[]): ChoiceReading | null {
  const verdicts = new Map<string, Verdict>();
  const rest: string[] = [];
  for (const block of located.blocks) {
    const option = optionOfLine(block.after, options);
    if (!option) {
      rest.push(block.text);
      continue;
    }
    const verdict = verdictOf(block.text, option.letter);
    if (!verdict || verdicts.has(option.letter)) return null;
    verdicts.set(option.letter, verdict);
  }
  if (verdicts.size === 0) return null;
  // Free text that reads as a stance of its own: the ordinary grammar decides.
  if (rest.length > 0 && !readChoiceText(rest.join('\n\n'), options).stance.unreadable) return null;
  const pick = (v: Verdict) => [...verdicts].filter(([, x]) => x === v).map(([l]) => l);
  const want = pick('want');
  const accept = pick('accept');
  const reject = pick('refuse');
  const stance: ChoiceStance = { first: want.length === 1 ? want[0]! : null };
  if (want.length > 1 || accept.length > 0) stance.accept = [...(want.length > 1 ? want : []), ...accept];
  if (reject.length > 0) stance.reject = reject;
  if (want.length === 0 && accept.length === 0 && reject.length === 0) return null;
  return { stance, comment: rest.join('\n\n').trim() };
}
