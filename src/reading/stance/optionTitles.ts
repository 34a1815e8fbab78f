/**
 * An option's titles: its own text, then the same option's title in the
 * consultation's other languages (`titles`, issue 23). The reader names an
 * option by any of them; the letters are the same in every version.
 */
export function optionTitles(o: { text?: string; titles?: readonly string[] }): string[] {
  const own = o.text !== undefined ? [o.text] : [];
  return o.titles?.length ? [...own, ...o.titles.filter((t) => t !== o.text)] : own;
}

/** The options as one set per version: the first with their own texts, then one per other title (aligned by position). */
export function optionsPerVersion<O extends { letter: string; text?: string; titles?: readonly string[] }>(options: readonly O[]): Array<Array<{ letter: string; text?: string }>> {
  const versions = Math.max(0, ...options.map((o) => o.titles?.length ?? 0));
  const out: Array<Array<{ letter: string; text?: string }>> = [options.map((o) => ({ letter: o.letter, text: o.text }))];
  for (let k = 0; k < versions; k++) out.push(options.map((o) => ({ letter: o.letter, text: o.titles?.[k] ?? '' })));
  return out;
}
