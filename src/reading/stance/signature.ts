/**
 * A signature written without a "-- " line or a sign-off: the last paragraph
 * of the member's words, when it is shaped like a name ("Dr. Anna B. Costa,
 * MA, PhD", "J.-P. Martin") with at most a few short lines under it (a role
 * such as "Chapter C secretary", a phone number). Its initials and chapter
 * letters must not be read as options. The readers try the text without it
 * and keep that reading when it is one.
 */

const MAX_LINES = 6;
const MAX_LINE = 80;
// A word of a name line: a capitalised word or initial ("Anna", "B.", "Anne-B.", "PhD", "M.Sc."),
// a lower-case abbreviation ("fil.", "inż."), or a particle of a surname.
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Ll}{1,5}\.|de|da|das|do|dos|di|del|della|du|des|la|le|van|von|der|den|ter|mgr|y|e)$/u;

function isNameLine(line: string): boolean {
  const words = line.trim().split(/[\s,]+/).filter((w) => w !== '');
  return words.length > 0 && words.length <= 8 && !/[?!:;]$/.test(line.trim()) && words.every((w) => NAME_WORD.test(w));
}

/** The text without a trailing name-shaped paragraph, or undefined when it ends otherwise (or is nothing else). */
export function withoutSignature(text: string): string | undefined {
  const trimmed = text.trimEnd();
  // The last blank line, in one pass.
  let split = -1;
  for (const m of trimmed.matchAll(/\n[ \t]*\n/g)) split = m.index;
  if (split < 0) return undefined;
  const before = trimmed.slice(0, split).trimEnd();
  const lines = trimmed.slice(split).trim().split('\n');
  if (before === '' || lines.length > MAX_LINES || lines.some((l) => l.length > MAX_LINE)) return undefined;
  if (!isNameLine(lines[0]!) || lines.slice(1).some((l) => /[?:]$/.test(l.trim()))) return undefined;
  return before;
}
