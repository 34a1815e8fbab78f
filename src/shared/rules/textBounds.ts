/**
 * Bounds on the sender text Tacit's readers see, and linear helpers for what
 * a backtracking pattern would do in quadratic time (`[.!]+$` tried at every
 * position of a long run). No I/O.
 */

/** A command mail (request@, consult@) is short: past this, the rest is not read and the answer says so. */
export const MAX_COMMAND_CHARS = 20_000;
/** An opening request with its description: past this it is refused, with the reason. */
export const MAX_OPENING_CHARS = 100_000;
/** A command line longer than this is not a command. */
export const MAX_COMMAND_LINE_CHARS = 1_000;

/** The first `max` characters of a text, and whether anything was cut. */
export function capText(text: string, max: number): { text: string; cut: boolean } {
  return text.length > max ? { text: text.slice(0, max), cut: true } : { text, cut: false };
}

/** The text without any trailing run of the given characters (what `/[chars]+$/` removes, in linear time). */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
