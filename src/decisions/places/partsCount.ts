/**
 * Counting a consultation per place (issue 22), with its own decision
 * method: each public row (places.ts) gets its electorate figures and the
 * method's result over its own ballots, as the total does. Pure; fed one
 * elector at a time beside the total's count. Ballots are kept grouped per
 * row (equal ballots once, with their number), so memory follows the
 * distinct ballots of each row, not its electors.
 */
import type { DecisionMethod, MethodSettings } from '../decisionMethod.ts';
import { createElectorateCount, type Bucket } from '../electorateFigures.ts';
import { publicResult } from '../voterNames.ts';
import { pathOf, unitPlaces, type PlaceDecl, type PlaceLevel } from './places.ts';

/** One row of the parts: `--json`'s `parts` entry, with the method's result for the row. */
export interface Part<Result = unknown> {
  place: string;
  level: PlaceLevel;
  name: string;
  /** The row this one is part of (a chapter's branch), or null. */
  parent: string | null;
  electorate: number;
  /** Ballots cast (readable replies). */
  cast: number;
  turnout: number;
  result: Result;
}

/** What one elector brings to the rows they count in. */
export type PartEntry = { bucket: Exclude<Bucket, 'replied'> } | { unreadable: true } | { ballot: unknown };

interface RowTally {
  electorate: ReturnType<typeof createElectorateCount>;
  ballots: Map<string, { ballot: unknown; count: number }>;
}

export function createPartsCount(method: DecisionMethod, settings: MethodSettings, places: readonly PlaceDecl[]) {
  const tallies = new Map<string, RowTally>(places.map((p) => [p.place, { electorate: createElectorateCount(), ballots: new Map() }]));
  const paths = new Map<string, RowTally[]>();
  const tallyPath = (place: string) => {
    let path = paths.get(place);
    if (!path) paths.set(place, (path = pathOf(places, place).map((slug) => tallies.get(slug)!)));
    return path;
  };
  return {
    /** An elector of the row `place` (null: counted in the total only). */
    add(place: string | null, entry: PartEntry): void {
      if (place === null) return;
      const path = tallyPath(place);
      if (path.length === 0) return;
      const key = 'ballot' in entry ? JSON.stringify(entry.ballot) : '';
      for (const t of path) {
        if ('bucket' in entry) t.electorate.addBucket(entry.bucket, 1);
        else if ('unreadable' in entry) t.electorate.addUnreadable(1);
        else {
          t.electorate.addReplied(1);
          const group = t.ballots.get(key);
          if (group) group.count += 1;
          else t.ballots.set(key, { ballot: entry.ballot, count: 1 });
        }
      }
    },
    /** Every row's result, in the plan's order (voters never named: a row is smaller than its list). */
    result(sheet?: { sha256: string }): Part[] {
      return places.map((p) => {
        const t = tallies.get(p.place)!;
        const count = method.createCount(settings);
        for (const { ballot, count: n } of t.ballots.values()) count.add(ballot, n);
        const figures = t.electorate.figures(false);
        return {
          place: p.place,
          level: p.level,
          name: p.name,
          parent: p.parent,
          electorate: figures.electorate,
          cast: figures.buckets.replied,
          turnout: figures.turnout,
          result: publicResult(method, count.result(figures, sheet), false),
        };
      });
    },
  };
}

/**
 * The total decided with its places, where the method counts them (a double
 * majority); otherwise the total as it is.
 */
export function decideWithParts<Result>(method: DecisionMethod<unknown, Result>, total: Result, parts: readonly Part[], settings: MethodSettings): Result {
  if (!method.combineParts || !method.countsPlaces?.(settings)) return total;
  const units = new Set(unitPlaces(parts).map((p) => p.place));
  return method.combineParts(total, parts.filter((p) => units.has(p.place)) as Part<Result>[], settings);
}

/** A part as `--json` gives it: `result` holds the same fields as the total's (the method's document fields). */
export function partDocument(part: Part, method: DecisionMethod, settings: MethodSettings) {
  const own = method.document(part.result, settings);
  return {
    place: part.place,
    level: part.level,
    name: part.name,
    parent: part.parent,
    electorate: part.electorate,
    cast: part.cast,
    turnout: part.turnout,
    result: { ...(own.options.length ? { options: own.options } : {}), ...own.fields },
  };
}
