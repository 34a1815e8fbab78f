/**
 * Answers typed inside an unquoted original (Outlook puts the old mail under a
 * "From:/Sent:" block without ">" marks, and some members write their answer
 * into it, under the line it answers). Tacit knows what it sent: in the
 * original, a line that is not in the sent text is the member's own.
 * Pure; lines and their kinds come from the reply trimmer.
 */

export interface Insert {
  /** The sent line the member wrote under. */
  after: string;
  text: string;
}

const norm = (line: string) => line.toLowerCase().replace(/\s+/g, ' ').trim();

// Shorter lines must equal a sent line; longer ones may be a piece of a re-wrapped paragraph.
const MIN_FRAGMENT = 20;

/**
 * The member's lines inside the original: between the first and the last
 * sent line found there, or right under the last one. `kinds` holds one
 * letter per line (t text, e empty, q quoted, b attribution, h header, d delimiter).
 */
export function insertsInOriginal(lines: readonly string[], kinds: string, sent: string): Insert[] {
  const sentLines = new Set(sent.split('\n').map(norm).filter((l) => l !== ''));
  if (sentLines.size === 0) return [];
  const sentFlat = ` ${norm(sent.replace(/\n/g, ' '))} `;
  const isSent = (line: string) => {
    const n = norm(line);
    return sentLines.has(n) || (n.length >= MIN_FRAGMENT && sentFlat.includes(n));
  };
  const start = kinds.search(/[bhd]/);
  if (start === -1) return [];
  const known: number[] = [];
  for (let i = start; i < lines.length; i++) if (kinds[i] === 't' && isSent(lines[i]!)) known.push(i);
  if (known.length === 0) return [];
  const first = known[0]!;
  const last = known[known.length - 1]!;
  const inserts: Insert[] = [];
  let after = lines[first]!.trim();
  for (let i = first + 1; i < lines.length; i++) {
    if (i > last && kinds[i] !== 't') break;
    if (kinds[i] !== 't') continue;
    if (isSent(lines[i]!)) after = lines[i]!.trim();
    else inserts.push({ after, text: lines[i]!.trim() });
  }
  return inserts;
}

/** The inserts as the stance reader reads inline answers: the sent line quoted, the answer under it. */
export function renderInserts(inserts: readonly Insert[]): string {
  const out: string[] = [];
  let previous: string | undefined;
  for (const { after, text } of inserts) {
    if (after !== previous) out.push('', `> ${after}`);
    out.push(text);
    previous = after;
  }
  return out.join('\n').trim();
}
