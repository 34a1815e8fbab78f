/**
 * What every decision method's outcome says about its electorate, counted
 * once outside the methods: buckets, unreadable replies, turnout. Pure.
 *
 * - The bucket is authoritative: only `replied` members' ballots are read;
 *   `unreachable` and `away` members count for nothing (not consent).
 * - A reply that is not a ballot of the method counts as silent (consent),
 *   as DESIGN.md says for unreadable replies: in `unreadable` and in
 *   `buckets.silent`, not in `buckets.replied`. In a formal vote the silent
 *   bucket is abstention, never consent: not cast, never counted for
 *   anything (its methods say so with `silentMeans`).
 * - Turnout = readable replies / electorate (0 for an empty electorate).
 */
export type Bucket = 'replied' | 'silent' | 'unreachable' | 'away';

export interface Buckets {
  replied: number;
  silent: number;
  unreachable: number;
  away: number;
}

export interface ElectorateFigures {
  provisional: boolean;
  electorate: number;
  buckets: Buckets;
  /** Replies that could not be read (already included in buckets.silent). */
  unreadable: number;
  /** buckets.replied / electorate. */
  turnout: number;
}

export function createElectorateCount() {
  const buckets: Buckets = { replied: 0, silent: 0, unreachable: 0, away: 0 };
  let unreadable = 0;
  return {
    /** `count` members in a bucket other than a reply. */
    addBucket(bucket: Bucket, count: number): void {
      buckets[bucket] += count;
    },
    /** `count` readable replies (their ballots go to the method). */
    addReplied(count: number): void {
      buckets.replied += count;
    },
    /** `count` replies that are no ballot: silent, and counted apart. */
    addUnreadable(count: number): void {
      unreadable += count;
      buckets.silent += count;
    },
    figures(provisional: boolean): ElectorateFigures {
      const electorate = buckets.replied + buckets.silent + buckets.unreachable + buckets.away;
      return {
        provisional,
        electorate,
        buckets: { ...buckets },
        unreadable,
        turnout: electorate === 0 ? 0 : buckets.replied / electorate,
      };
    },
  };
}

/** Whether a ballot matches a method's `namedBallots` pattern: jsonb `@>` on a flat pattern. */
export function matchesPattern(ballot: unknown, pattern: Record<string, unknown> | undefined): boolean {
  if (!pattern || !ballot || typeof ballot !== 'object') return false;
  return Object.entries(pattern).every(([k, v]) => (ballot as Record<string, unknown>)[k] === v);
}
