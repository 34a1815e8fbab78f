/**
 * Answers written under quoted option lines (mutt, Outlook inline, a copied
 * list answered line by line): "Yes" / "+1" / "this one" under B, "No" under
 * D → first B, D refused. Each own block remembers the quoted line above it
 * (locate.ts); a block under an option line is read on its own, as a word
 * about that option. Only when every such block is understood and the rest of
 * the reply names no option itself; otherwise the ordinary grammar reads it.
 */
import { optionTitles } from './optionTitles.ts';
import { readChoiceText } from './choiceGrammar.ts';
import { isClosingLine, type Located } from './locate.ts';
import { fold } from './text.ts';
import type { ChoiceOption, ChoiceReading, ChoiceStance } from './types.ts';
import { CHOICE_WORDS, PROPOSAL_WORDS } from '../vocabulary/index.ts';

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
  const copied = fold(m[2]!);
  const titles = optionTitles(option);
  return titles.length === 0 || titles.some((t) => copied.startsWith(fold(t).trim())) ? option : undefined;
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

// The first clause of an answer: "No way, too far." → "No way".
const FIRST_CLAUSE = /^([^,.;:!?\n]{1,40})[,.;:!?\n]+\s*([^]*)$/u;

/**
 * The verdicts of one block: of the whole block, or of its first clause with
 * the rest as its reason; a rest that names options ("No, but hybrid is
 * fine") adds what it says of them. Null when not understood.
 */
function blockVerdicts(text: string, letter: string, options: ChoiceOption[]): { verdicts: Array<[string, Verdict]>; reason?: string } | null {
  const whole = verdictOf(text, letter);
  if (whole) return { verdicts: [[letter, whole]] };
  const m = FIRST_CLAUSE.exec(text.trim());
  if (!m || m[2]!.trim() === '') return null;
  const verdict = verdictOf(m[1]!, letter);
  if (!verdict) return null;
  const rest = readChoiceText(m[2]!, options).stance;
  if (rest.unreadable) return { verdicts: [[letter, verdict]], reason: m[2]!.trim() };
  if (rest.any || (rest.ranking && rest.ranking.length > 1)) return null;
  const verdicts: Array<[string, Verdict]> = [[letter, verdict]];
  if (rest.first) verdicts.push([rest.first, 'want']);
  for (const l of rest.accept ?? []) verdicts.push([l, 'accept']);
  for (const l of rest.reject ?? []) verdicts.push([l, 'refuse']);
  return { verdicts };
}

export function inlineAnswers(located: Located, options: ChoiceOption[]): ChoiceReading | null {
  const verdicts = new Map<string, Verdict>();
  const rest: string[] = [];
  for (const block of located.blocks) {
    const option = optionOfLine(block.after, options);
    // "Cheers,\nKim" under the last quoted line is a sign-off, not an answer to it.
    if (!option || isClosingLine(block.text.split('\n')[0]!)) {
      rest.push(block.text);
      continue;
    }
    const read = blockVerdicts(block.text, option.letter, options);
    if (!read) return null;
    for (const [letter, verdict] of read.verdicts) {
      // An option answered twice is a contradiction the grammar may still resolve.
      if (verdicts.has(letter)) return null;
      verdicts.set(letter, verdict);
    }
    if (read.reason) rest.push(read.reason);
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
