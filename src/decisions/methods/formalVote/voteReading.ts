/**
 * A vote's reply: the ballot is its first paragraph, anything after the first
 * blank line is kept as the comment (the copy says so). A paragraph that is
 * no ballot as a whole may be a ballot on its first line and a remark under
 * it ("B > A" / "Thanks."): its first line is read alone then, unless the
 * lines under it may go on with the ballot (`continuesBallot`: "1. Ana" /
 * "2. Bo"), for a ballot read in part would be a different vote. Last, the
 * reader gets the whole new text. The readers (src/reading/ballot/) say what
 * is a ballot; a ballot not read exactly is doubt, never counted. Pure.
 */
export function splitComment(text: string): { ballot: string; comment: string } {
  const [ballot = '', ...rest] = text.trim().split(/\r?\n[ \t]*\r?\n/);
  return { ballot: ballot.trim(), comment: rest.join('\n\n').trim() };
}

/** What a reader made of the reply, and the comment left. */
export function readBallotText<R extends object>(
  text: string,
  reader: (text: string) => R,
  isBallot: (r: R) => boolean,
  continuesBallot: (lines: string) => boolean = () => false,
): { reading: R; comment: string } {
  const { ballot, comment } = splitComment(text);
  const paragraph = reader(ballot);
  const [firstLine = '', ...under] = ballot.split(/\r?\n/);
  const remark = under.join('\n').trim();
  if (isBallot(paragraph)) {
    // The first line alone says the same: the lines under it are a remark, kept as the comment.
    const sameOnFirstLine = remark && JSON.stringify(reader(firstLine)) === JSON.stringify(paragraph);
    return { reading: paragraph, comment: sameOnFirstLine ? [remark, comment].filter(Boolean).join('\n\n') : comment };
  }
  if (remark && !continuesBallot(remark)) {
    const first = reader(firstLine);
    if (isBallot(first)) return { reading: first, comment: [remark, comment].filter(Boolean).join('\n\n') };
  }
  if (!comment) return { reading: paragraph, comment };
  const whole = reader(text.trim());
  return isBallot(whole) ? { reading: whole, comment: '' } : { reading: paragraph, comment };
}

/**
 * Lines that may go on with a ranking: a numbered place, or a word that names
 * an option (its letter standing alone, or a word of its title).
 */
export function mayContinueRanking(lines: string, options: readonly { letter: string; text: string }[]): boolean {
  if (/^\s*\d+\s*[.):]/m.test(lines)) return true;
  const words = new Set(lines.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const lower = new Set([...words].map((w) => w.toLowerCase()));
  return options.some((o) =>
    words.has(o.letter.toUpperCase()) ||
    o.text.split(/[^\p{L}\p{N}]+/u).some((w) => w.length >= 3 && lower.has(w.toLowerCase())));
}
