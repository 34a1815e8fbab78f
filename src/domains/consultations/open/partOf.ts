import type { Queryable } from '../../../shared/db/database.ts';
import { displayId } from '../ids.ts';
import { partOfProblems, type PartCandidate } from '../rules/partOf.ts';
import { reason, type Reason } from '../rules/reason.ts';
import { loadConsultation, type Consultation } from '../consultation.ts';
import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import { methodOf } from '../../../decisions/methods/index.ts';

/**
 * The roll-up checks of a part (rules/partOf.ts) against its parent as the
 * database holds it now: at the draft, and again when the coordinator
 * confirms (the parent may have closed or been cancelled in between).
 */
export async function partOfErrors(db: Queryable, parentId: number, part: PartCandidate & { groupId: number }, methodOfParent: (c: { method: string | null; kind: string }) => string): Promise<Reason[]> {
  const parent = await loadConsultation(db, parentId);
  if (!parent) return [reason('partOf.noSuch', { id: displayId(parentId) })];
  const [{ under }] = await db`
    with recursive up as (
      select id, parent_id from groups where id = ${part.groupId}
      union all
      select g.id, g.parent_id from groups g join up on g.id = up.parent_id
    )
    select exists (select 1 from up where parent_id = ${parent.group_id}) as under`;
  return partOfProblems(
    part,
    {
      id: parent.id,
      status: parent.status,
      partOf: parent.part_of,
      question: parent.question,
      options: parent.options,
      method: methodOfParent(parent),
      settings: parent.block_threshold,
      deadline: parent.deadline,
      list: parent.list,
    },
    under as boolean,
  );
}

/** A stored draft as the roll-up checks read it. */
export function partCandidate(c: Consultation, methods: ReadonlyMap<string, DecisionMethod>): PartCandidate & { groupId: number } {
  return {
    question: c.question,
    options: c.options,
    method: methodOf(c, methods).name,
    settings: c.block_threshold,
    deadline: c.deadline,
    list: c.list,
    groupId: c.group_id,
  };
}
