/**
 * A vote's reply: the ballot on its first line, anything after it kept as
 * the comment (the copy says so); when the first line alone is no ballot,
 * the reader gets the whole new text. The readers (src/reading/ballot/) say
 * what is a ballot; a ballot not read exactly is doubt, never counted. Pure.
 */
export function splitComment(text: string): { ballot: string; comment: string } {
  const lines = text.trim().split(/\r?\n/);
  return { ballot: lines[0] ?? '', comment: lines.slice(1).join('\n').trim() };
}

/** The first line read alone, else the whole text: what a reader made of the reply, and the comment left. */
export function readBallotText<R extends object>(text: string, reader: (text: string) => R, isBallot: (r: R) => boolean): { reading: R; comment: string } {
  const { ballot, comment } = splitComment(text);
  const first = reader(ballot);
  if (isBallot(first) || !comment) return { reading: first, comment };
  const whole = reader(text.trim());
  return isBallot(whole) ? { reading: whole, comment: '' } : { reading: first, comment };
}
