/**
 * Questions back are never a stance: "is there a cost estimate for Montreal
 * against Nairobi?" names two options and answers nothing. They are taken out
 * before the grammar reads the rest, and kept for the comment.
 */

export interface Asked {
  /** The text with each question replaced by a line break. */
  rest: string;
  questions: string[];
}

/** Splits text into sentences at stops and line ends (linear: one pass). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    // A line end is a break unless the next line goes on in lower case (a wrapped sentence).
    const wrapped = c === '\n' && /\p{Ll}/u.test(text[i + 1] ?? '') && /[\p{L}\p{N},]/u.test(text[i - 1] ?? '');
    const stop = (c === '\n' && !wrapped) || ((c === '.' || c === '!' || c === '?' || c === '…') && (i + 1 === text.length || /\s/.test(text[i + 1]!)));
    if (stop) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

export function takeOutQuestions(text: string): Asked {
  const questions: string[] = [];
  const kept: string[] = [];
  for (const s of splitSentences(text)) {
    const t = s.trim();
    // "Montreal?" alone may be a doubtful answer too: any sentence ending in "?" is a question.
    if (t.endsWith('?') || t.startsWith('¿')) {
      questions.push(t);
      kept.push(s.endsWith('\n') ? '\n' : ' ');
    } else kept.push(s);
  }
  return { rest: kept.join(''), questions };
}

