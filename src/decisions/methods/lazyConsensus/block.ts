/** A proposal's block rule: read from the opening's "Block:" line, said in words. Pure. */
import type { BlockRule } from './count.ts';
import { phrase, type Phrase } from '../../../shared/rules/phrase.ts';

/** The rule, or why it is refused (refusals.json). */
export function readBlock(value: string): BlockRule | Phrase {
  const v = value.trim().toLowerCase();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
  if (pct) {
    const p = Number(pct[1]);
    if (p > 0 && p <= 100) return { percent: p };
    return phrase('refusals.blockPercent', { value: value.trim() });
  }
  const n = /^(\d+)(?:\s+objections?)?$/.exec(v);
  if (n && Number(n[1]) >= 1) return Number(n[1]);
  return phrase('refusals.block', { value: value.trim() });
}

export function describeBlockRule(block: unknown): string | null {
  if (block == null) return null;
  if (typeof block === 'number') return block === 1 ? 'one objection blocks it' : `${block} objections block it`;
  if (typeof block === 'object' && 'percent' in (block as object)) return `objections from ${(block as { percent: number }).percent}% of the members block it`;
  return null;
}
