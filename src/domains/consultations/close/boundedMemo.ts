/**
 * Values remembered by a string key for the keys seen last: equal stances
 * (the same vote's "A", a ranking thousands sent) are read once, while a
 * pass over replies that all differ (objections with their reasons) keeps
 * at most `limit` of them, not one per member.
 */
export function boundedMemo<V>(limit = 10_000) {
  const known = new Map<string, V>();
  return (key: string, compute: () => V): V => {
    if (known.has(key)) return known.get(key)!;
    if (known.size >= limit) known.clear();
    const value = compute();
    known.set(key, value);
    return value;
  };
}
