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

/** What one elector brings to their row: a bucket, an unreadable reply, or a ballot (with its grouping key, JSON of the ballot). */
export type PartEntry = { bucket: Exclude<Bucket, 'replied'> } | { unreadable: true } | { ballot: unknown; key?: string };

interface CellTally {
  electorate: ReturnType<typeof createElectorateCount>;
  ballots: Map<string, { ballot: unknown; count: number }>;
}

/**
 * Electors are tallied in their finest row only (one map update each, the
 * hot path of a 300,000-elector close); a row's result sums the rows under
 * it (a branch: its own, its chapters', its waiting row's) at the end.
 */
export function createPartsCount(method: DecisionMethod, settings: MethodSettings, places: readonly PlaceDecl[]) {
  const cells = new Map<string, CellTally>(places.map((p) => [p.place, { electorate: createElectorateCount(), ballots: new Map() }]));
  return {
    /** An elector of the row `place` (null: counted in the total only). */
    add(place: string | null, entry: PartEntry): void {
      const t = place === null ? undefined : cells.get(place);
      if (!t) return;
      if ('bucket' in entry) t.electorate.addBucket(entry.bucket, 1);
      else if ('unreadable' in entry) t.electorate.addUnreadable(1);
      else {
        t.electorate.addReplied(1);
        const key = entry.key ?? JSON.stringify(entry.ballot);
        const group = t.ballots.get(key);
        if (group) group.count += 1;
        else t.ballots.set(key, { ballot: entry.ballot, count: 1 });
      }
    },
    /** Every row's result, in the plan's order (voters never named: a row is smaller than its list). */
    result(sheet?: { sha256: string }): Part[] {
      // The rows under each row, itself included.
      const under = new Map<string, CellTally[]>(places.map((p) => [p.place, []]));
      for (const p of places) for (const slug of pathOf(places, p.place)) under.get(slug)!.push(cells.get(p.place)!);
      return places.map((p) => {
        const count = method.createCount(settings);
        const electorate = createElectorateCount();
        for (const t of under.get(p.place)!) {
          const f = t.electorate.figures(false);
          for (const b of ['silent', 'unreachable', 'away'] as const) electorate.addBucket(b, f.buckets[b] - (b === 'silent' ? f.unreadable : 0));
          electorate.addUnreadable(f.unreadable);
          electorate.addReplied(f.buckets.replied);
          for (const { ballot, count: n } of t.ballots.values()) count.add(ballot, n);
        }
        const figures = electorate.figures(false);
        return {
          place: p.place,
          level: p.level,
          name: p.name,
          parent: p.parent,
          electorate: figures.electorate,
          cast: figures.buckets.replied,
          turnout: figures.turnout,
          result: withoutQuotes(publicResult(method, count.result(figures, sheet), false)),
        };
      });
    },
  };
}

/**
 * A row's result without the words it would quote (a proposal's objections):
 * the total quotes them; quoted per place, a reason would point to the few
 * members of a chapter who could have written it. The counts stay.
 */
function withoutQuotes<Result>(result: Result): Result {
  const r = result as { objections?: unknown };
  return Array.isArray(r?.objections) ? ({ ...result, objections: [] } as Result) : result;
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
