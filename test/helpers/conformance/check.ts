import { newTextOfMessage } from '../../../src/reading/newText/replyText.ts';
import { readChoiceStance, readProposalStance } from '../../../src/reading/stance.ts';
import { consultationOf, rawReply, sentOf, type Answer, type ConformanceCase } from './generate.ts';

/**
 * Whether a reading is the one its bare answer expects: the same choice stance,
 * or the same proposal stance with the reason (objections) or the concern
 * (agreements with a concern) kept, and no sign-off, signature or disclaimer
 * line stored with them. Returns what is wrong, or undefined.
 */

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x).filter(([, y]) => y !== undefined).sort(([a], [b]) => a.localeCompare(b)))
    : x));

export function misreading(answer: Answer, text: string, noise: string[] = []): string | undefined {
  const { options } = consultationOf(answer.language, answer.kind);
  if (answer.kind === 'choice') {
    const got = readChoiceStance(text, options);
    return canonical(got.stance) === canonical(answer.choice) ? undefined : `read ${canonical(got.stance)}${got.doubt ? ` (${got.doubt.key})` : ''}`;
  }
  const want = answer.proposal!;
  const got = readProposalStance(text);
  if (got.stance !== want.stance) return `read ${got.stance}${got.doubt ? ` (${got.doubt.key})` : ''}`;
  const stored = want.reason !== undefined ? got.reason ?? '' : got.comment;
  const kept = want.reason ?? want.comment;
  if (kept !== undefined && !collapse(stored).includes(collapse(kept))) return `kept ${JSON.stringify(stored)}, not ${JSON.stringify(kept)}`;
  const extra = noise.map((n) => n.trim()).filter((n) => n.length > 2 && (collapse(got.reason ?? '').includes(collapse(n)) || collapse(got.comment).includes(collapse(n))));
  return extra.length > 0 ? `stored ${JSON.stringify(extra[0])} with the answer` : undefined;
}

/** The whole case through the ingest's path: the raw reply, mailparser, the reply trimmer, the reader. */
export async function misreadCase(c: ConformanceCase): Promise<string | undefined> {
  const t = c.answer.language;
  const own = c.wrapping.wrap(c.answer.text, t);
  const raw = rawReply(own, t, c.answer.kind, c.placement, c.client);
  const text = await newTextOfMessage(raw, { sent: sentOf(t, c.answer.kind) });
  return misreading(c.answer, text, c.wrapping.noise?.(t) ?? []);
}
