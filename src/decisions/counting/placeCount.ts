/**
 * `tacit count` with results per place (issue 22): the total as runCount
 * counts it, and each declared place counted the same way over the ballots
 * that count in it (a chapter's count in its branch too), so a published
 * sheet recounts per place to what the outcome says. A double majority is
 * then decided from the total and its places (doubleMajority.ts), as the
 * close decides it. Pure.
 */
import type { CountInput } from './countInput.ts';
import { runCount } from './count.ts';
import { decideDoubleMajority } from './doubleMajority.ts';
import type { CountSpec } from './methods.ts';
import type { Ranking } from './ballot.ts';
import { pathOf, unitPlaces, type PlaceDecl } from '../places/places.ts';

/** A row of `parts`, as `tacit consultation --json` gives it (electorate and turnout only from a sheet). */
export interface CountedPart {
  place: string;
  level: PlaceDecl['level'];
  name: string;
  parent: string | null;
  electorate: number | null;
  cast: number;
  turnout: number | null;
  result: Record<string, unknown>;
}

export function countWithPlaces(spec: CountSpec, input: Pick<CountInput, 'ballots' | 'places' | 'placeMembers'>): Record<string, unknown> {
  const total = runCount(spec, input.ballots);
  const places = input.places;
  if (!places) return spec.method === 'double-majority' ? { ...total, ...decideDoubleMajority(total as never, [], spec.branchQuorum ?? null) } : total;
  const ballotsOf = new Map<string, { ranking: Ranking; count: number }[]>(places.map((p) => [p.place, []]));
  const membersOf = new Map<string, number>(places.map((p) => [p.place, 0]));
  for (const b of input.ballots) {
    for (const slug of pathOf(places, b.place ?? null)) ballotsOf.get(slug)!.push({ ranking: b.ranking, count: b.count });
  }
  for (const [place, n] of input.placeMembers ?? []) {
    for (const slug of pathOf(places, place)) membersOf.set(slug, membersOf.get(slug)! + n);
  }
  const parts: CountedPart[] = places.map((p) => {
    const ballots = ballotsOf.get(p.place)!;
    const cast = ballots.reduce((n, b) => n + b.count, 0);
    const electorate = input.placeMembers ? membersOf.get(p.place)! : null;
    return {
      place: p.place,
      level: p.level,
      name: p.name,
      parent: p.parent,
      electorate,
      cast,
      turnout: electorate === null ? null : electorate === 0 ? 0 : cast / electorate,
      // A place's count over its own electorate (a quorum in percent of it), as the close counts each row.
      result: runCount({ ...spec, electorate: electorate ?? spec.electorate }, ballots),
    };
  });
  if (spec.method !== 'double-majority') return { ...total, parts };
  const units = new Set(unitPlaces(places).map((p) => p.place));
  const tallies = parts
    .filter((p) => units.has(p.place))
    .map((p) => ({ place: p.place, level: p.level, yes: p.result.yes as number, no: p.result.no as number, cast: p.cast }));
  return { ...total, ...decideDoubleMajority(total as never, tallies, spec.branchQuorum ?? null), parts };
}

/** The parts in words, after the count's own lines. */
export function partsReport(parts: readonly CountedPart[]): string[] {
  return parts.map((p) => {
    const figures = p.electorate === null ? `${p.cast} cast` : `${p.cast} of ${p.electorate} cast`;
    const r = p.result;
    const outcome = 'yes' in r ? `yes ${r.yes}, no ${r.no}, abstain ${r.abstain}` : 'winner' in r ? `winner ${r.winner ?? 'none'}` : 'elected' in r ? `elected ${(r.elected as string[]).join(', ')}` : String(r.verdict ?? '');
    return `${p.parent ? '    ' : '  '}${p.name} (${p.place}): ${figures}; ${outcome}`;
  });
}
