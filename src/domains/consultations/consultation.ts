import type { Queryable } from '../../shared/db/database.ts';
import type { BlockRule } from '../../decisions/methods/lazyConsensus/count.ts';
import type { QuestionVersions } from './rules/questionVersions.ts';

/** choice, proposal (the two first decision methods), or a new method's own kind. */
export type ConsultationKind = string;
export type ConsultationStatus = 'draft' | 'open' | 'closed' | 'cancelled';

export interface ConsultationOption {
  letter: string;
  text: string;
}

/** One consultation row with the slug and name of its audience list. */
export interface Consultation {
  id: number;
  group_id: number;
  list: string;
  list_name: string;
  coordinator_id: number;
  coordinator_email: string;
  kind: ConsultationKind;
  /** The decision method (src/decisions/methods/); null on a row written without one: the method of its kind. */
  method: string | null;
  question: string;
  description: string;
  options: ConsultationOption[];
  /** The question, description and option titles in other languages (rules/questionVersions.ts); {} when none. */
  versions: QuestionVersions;
  block_threshold: BlockRule | null;
  /** The list named objectors when it was drafted (`--objections named`); otherwise objections are quoted without names. */
  objections_named: boolean;
  status: ConsultationStatus;
  deadline: Date;
  reminder_at: Date | null;
  reminder_lead_ms: number | null;
  reminded_for: Date | null;
  source_message_id: string | null;
  created_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
  cancelled_at: Date | null;
  electorate_size: number | null;
  outcome: Record<string, any> | null;
  /** The places its parts are counted in (sql/220): 'branch' (the international list), 'chapter' (a branch's list), or null. */
  place_level: 'branch' | 'chapter' | null;
  /** The parent vote this one rolls up into (sql/250, `Part of: C-ID`), or null. */
  part_of: number | null;
}

/**
 * Loads a consultation. `lock` takes the row lock that orders replies,
 * extensions and the close: 'share' for readers that must not see it change
 * under them (recording a reply), 'update' for those that change it.
 */
export async function loadConsultation(db: Queryable, id: number, lock?: 'share' | 'update'): Promise<Consultation | null> {
  const locking = lock === 'update' ? db`for update of c` : lock === 'share' ? db`for share of c` : db``;
  const [row] = await db<Consultation[]>`
    select c.*, g.slug as list, g.name as list_name, m.email as coordinator_email
    from consultations c
    join groups g on g.id = c.group_id
    join members m on m.id = c.coordinator_id
    where c.id = ${id}
    ${locking}`;
  return row ?? null;
}

/** Several consultations at once (loadConsultation's rows), locked in id order, so two callers cannot deadlock on them. */
export async function loadConsultations(db: Queryable, ids: readonly number[], lock?: 'share' | 'update'): Promise<Map<number, Consultation>> {
  if (ids.length === 0) return new Map();
  const locking = lock === 'update' ? db`for update of c` : lock === 'share' ? db`for share of c` : db``;
  const rows = await db<Consultation[]>`
    select c.*, g.slug as list, g.name as list_name, m.email as coordinator_email
    from consultations c
    join groups g on g.id = c.group_id
    join members m on m.id = c.coordinator_id
    where c.id = any(${[...new Set(ids)] as number[]}::bigint[])
    order by c.id
    ${locking}`;
  return new Map(rows.map((c) => [Number(c.id), c]));
}
