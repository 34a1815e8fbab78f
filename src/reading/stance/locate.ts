/**
 * Stage 1 of reading a stance: where the member's own words are.
 *
 * The reply trimmer (src/reading/newText/replyText.ts) has already dropped the quote
 * that ends a mail, signatures and headers. What can remain is an answer
 * written between quoted blocks (mutt, Thunderbird bottom posting): here the
 * quoted lines and the "* Someone <x@y> [date]:" line above them go, and each
 * block of own text remembers the quoted line it was written under. A closing
 * line ("Regards,", "Mit freundlichen Grüßen") ends its block: what follows
 * it up to the next quote is a signature (names, titles, addresses).
 */
import { CLOSINGS } from '../vocabulary/index.ts';
import { fold, MAX_READ_CHARS } from './text.ts';

export interface OwnBlock {
  text: string;
  /** The last quoted line above this block, '' when none. */
  after: string;
}

export interface Located {
  /** The blocks of own text, joined by blank lines. */
  text: string;
  blocks: OwnBlock[];
  /** More text than a reader should guess at (MAX_READ_CHARS). */
  tooLong: boolean;
}

// One line at a time, anchored: linear whatever the line holds.
const QUOTED = /^[ \t]*>/;
const QUOTE_MARKS = /^(?:[ \t]*>)+[ \t]?/;
const CLOSING_TRIM = /[\s,.!:;-]+$/;

/** "On Monday, Tacit wrote:" above a quote, or left alone at the end: an answer does not end with a colon. */
function isQuoteHeader(line: string, next: string | undefined): boolean {
  const t = line.trim();
  if (!t.endsWith(':') || t.length > 300 || t.split(/\s+/).length < 3) return false;
  return next === undefined || QUOTED.test(next);
}

export function isClosingLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 40) return false;
  return CLOSINGS.has(fold(t).replace(CLOSING_TRIM, ''));
}

export function locateAnswer(text: string): Located {
  const source = text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (source.length > MAX_READ_CHARS) return { text: '', blocks: [], tooLong: true };
  const lines = source.split('\n');
  const blocks: OwnBlock[] = [];
  let current: string[] = [];
  let after = '';
  let inSignature = false;
  // The sign-off line, and whether a signature follows it: "Best regards,\nDana" is no part of an
  // answer, reason or comment; a last "Thanks!" under an answer is a comment.
  let closingAt = -1;
  let signed = false;
  const flush = () => {
    if (closingAt >= 0 && (signed || current[closingAt]!.trim().endsWith(','))) current = current.slice(0, closingAt);
    const body = current.join('\n').trim();
    if (body !== '') blocks.push({ text: body, after });
    current = [];
    closingAt = -1;
    signed = false;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (QUOTED.test(line)) {
      flush();
      inSignature = false;
      const quoted = line.replace(QUOTE_MARKS, '').trim();
      if (quoted !== '') after = quoted;
      continue;
    }
    if (isQuoteHeader(line, nextNonBlank(lines, i))) continue;
    if (inSignature) {
      if (line.trim() !== '') signed = true;
      continue;
    }
    if (isClosingLine(line) && current.some((l) => l.trim() !== '')) {
      closingAt = current.length;
      current.push(line);
      inSignature = true;
      continue;
    }
    current.push(line);
  }
  flush();
  return { text: blocks.map((b) => b.text).join('\n\n'), blocks, tooLong: false };
}

function nextNonBlank(lines: string[], i: number): string | undefined {
  for (let j = i + 1; j < lines.length && j <= i + 3; j++) if (lines[j]!.trim() !== '') return lines[j];
  return i + 3 < lines.length ? '' : undefined;
}
