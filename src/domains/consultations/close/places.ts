import type { Queryable } from '../../../shared/db/database.ts';
import type { Consultation } from '../consultation.ts';
import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import { settingsOf } from '../../../decisions/methods/index.ts';
import { planPlaces, type PlaceGroup, type PlacePlan } from '../../../decisions/places/places.ts';

/**
 * The public rows of a closing consultation's parts (issue 22), from the
 * places frozen with its electorate (sql/220) and the ballots the close
 * wrote: one GROUP BY over the electorate, and the few groups it names.
 * Null for a list without parts. The close stores the plan in the outcome,
 * so the tally sheet printed later has the same rows (and the same SHA-256)
 * whatever becomes of the groups.
 */
export async function loadPlacePlan(db: Queryable, c: Consultation, method: DecisionMethod): Promise<PlacePlan | null> {
  if (!c.place_level) return null;
  const cells = await db`
    select branch_id, chapter_id, count(*)::int as members, count(*) filter (where bucket = 'replied')::int as ballots
    from consultation_electorate where consultation_id = ${c.id}
    group by branch_id, chapter_id`;
  const ids = [...new Set(cells.flatMap((r) => [r.branch_id, r.chapter_id]).filter((id) => id !== null))] as number[];
  const groups = new Map<number, PlaceGroup>(
    (await db`select id, slug, name, parent_id from groups where id = any(${ids})`).map((g) => [
      g.id as number,
      { id: g.id as number, slug: g.slug as string, name: g.name as string, parentId: (g.parent_id as number | null) ?? null },
    ]),
  );
  const plan = planPlaces({
    level: c.place_level,
    listGroupId: c.group_id,
    groups,
    cells: cells.map((r) => ({ branchId: r.branch_id as number | null, chapterId: r.chapter_id as number | null, members: r.members as number, ballots: r.ballots as number })),
    keepUnits: method.countsPlaces?.(settingsOf(c)) ?? false,
  });
  return plan.places.length ? plan : null;
}
