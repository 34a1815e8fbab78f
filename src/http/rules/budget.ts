/**
 * Keeps every page under its weight limit whatever members write: text is
 * clipped by the bytes it takes once HTML-escaped and UTF-8 encoded (what
 * the page will actually weigh), never in the middle of a character.
 */
const ESCAPED: Record<string, number> = { '&': 5, '<': 4, '>': 4, '"': 6, "'": 6, '`': 6, '=': 6 };

function weight(ch: string): number {
  const escaped = ESCAPED[ch];
  if (escaped) return escaped;
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

export interface Clipped {
  text: string;
  /** Characters left out (0 when the whole text fits). */
  omitted: number;
}

export function clip(text: string, budgetBytes: number): Clipped {
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const w = weight(ch);
    if (used + w > budgetBytes) {
      const rest = [...text.slice(end)].length;
      return { text: text.slice(0, end).trimEnd(), omitted: rest };
    }
    used += w;
    end += ch.length;
  }
  return { text, omitted: 0 };
}

/** A text clipped to its budget, with a visible note when something was left out. */
export function clipWithNote(text: string, budgetBytes: number): string {
  const c = clip(text, budgetBytes);
  return c.omitted ? `${c.text} […] (${c.omitted} more characters)` : c.text;
}

/** Offset and limit of page N (from 1) of a listing; more is one row past the page, to know whether a next page exists. */
export function pageWindow(page: number, size: number): { offset: number; limit: number } {
  const n = Number.isSafeInteger(page) && page > 0 ? page : 1;
  return { offset: (n - 1) * size, limit: size + 1 };
}
