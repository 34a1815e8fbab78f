import type { Queryable } from '../../../shared/db/database.ts';
import type { ConsultationOption } from '../consultation.ts';
import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { displayId } from '../ids.ts';
import { formatUtc } from '../../../shared/rules/formatUtc.ts';

/** What Tacit recorded for one member in each open consultation they are consulted in (the `status` command). */
export async function memberStatusLines(db: Queryable, memberId: number, methods: ReadonlyMap<string, DecisionMethod>): Promise<string[]> {
  const rows = await db`
    select c.id, c.kind, c.method, c.question, c.options, c.block_threshold, c.deadline, g.slug as list, r.stance, r.readable
    from consultation_electorate e
    join consultations c on c.id = e.consultation_id and c.status = 'open'
    join groups g on g.id = c.group_id
    left join consultation_replies r on r.id = e.latest_reply_id
    where e.member_id = ${memberId}
    order by c.deadline limit 50`;
  if (rows.length === 0) return ['Open consultations: none for you.'];
  const lines = ['Open consultations:'];
  for (const r of rows) {
    const method = methodOf(r as { kind: string; method: string | null }, methods);
    const settings = settingsOf(r as { options: ConsultationOption[]; block_threshold: unknown });
    const silence = method.view(settings).silenceCountsAs;
    const recorded = r.readable
      ? `recorded: ${method.describe(r.stance, settings).join('; ')}`
      : r.readable === false
        ? `your reply could not be read; until you answer, your silence counts as ${silence}`
        : `no reply yet; your silence will count as ${silence}`;
    lines.push(`  ${displayId(r.id as number)} (${r.list}) "${r.question}", closes ${formatUtc(r.deadline as Date)}: ${recorded}`);
  }
  return lines;
}

/** One member's line for one consultation (`status C-ID` from a member who is not a coordinator). */
export async function memberStatusFor(db: Queryable, consultationId: number, memberId: number, methods: ReadonlyMap<string, DecisionMethod>): Promise<string | null> {
  const lines = await memberStatusLines(db, memberId, methods);
  return lines.find((l) => l.trimStart().startsWith(`${displayId(consultationId)} `))?.trim() ?? null;
}
