/** Small pure helpers on reply text shared by the reading stages. */

// Letters NFD does not take apart ("ł" is not "l" + a mark), folded by hand.
const EXTRA_FOLDS: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i' };

/** Lower case, accents and curly apostrophes folded, same length as the input. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80 && ch !== '`') {
      // ASCII needs no Unicode tables (most of any reply).
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      continue;
    }
    let f = ch.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    f = EXTRA_FOLDS[f] ?? f;
    if (f === '’' || f === '‘' || f === '`' || f === '´') f = "'";
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

// Greek and Cyrillic capitals typed for a Latin option letter ("(Α)" on a Greek keyboard).
const HOMOGLYPHS: Record<string, string> = {
  'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P',
  'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'К': 'K', 'М': 'M', 'О': 'O',
  'Р': 'P', 'Т': 'T', 'Х': 'X',
};

/** The Latin capital a lone Greek/Cyrillic capital stands for, if any. */
export function latinLookalike(ch: string): string | undefined {
  return HOMOGLYPHS[ch];
}

export const LEADING_JUNK = /^[\s)\]}"'*.,;:!?…\-–—]+/;

/** Punctuation alone before the stance ("**B**") is not a comment. */
export function joinComment(prefix: string, suffix: string): string {
  const p = /[\p{L}\p{N}]/u.test(prefix) ? prefix.trim() : '';
  return [p, suffix.trim()].filter((s) => s.length > 0).join('\n');
}

export function lineRanges(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Damerau–Levenshtein distance of two short words (callers bound their length). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The most new text a reader looks at; a stance is short, and a longer reply is read by a person. */
export const MAX_READ_CHARS = 20_000;
