import type { Queryable } from '../../../shared/db/database.ts';
import type { ConsultationOption } from '../consultation.ts';
import { stanceSummary } from '../replies/describeStance.ts';
import { displayId } from '../ids.ts';
import { formatUtc } from '../../../shared/rules/formatUtc.ts';

/** What Tacit recorded for one member in each open consultation they are consulted in (the `status` command). */
export async function memberStatusLines(db: Queryable, memberId: number): Promise<string[]> {
  const rows = await db`
    select c.id, c.kind, c.question, c.options, c.deadline, g.slug as list, r.stance, r.readable
    from consultation_electorate e
    join consultations c on c.id = e.consultation_id and c.status = 'open'
    join groups g on g.id = c.group_id
    left join consultation_replies r on r.id = e.latest_reply_id
    where e.member_id = ${memberId}
    order by c.deadline limit 50`;
  if (rows.length === 0) return ['Open consultations: none for you.'];
  const lines = ['Open consultations:'];
  for (const r of rows) {
    const silence = r.kind === 'choice' ? 'consent to every option' : 'consent to the proposal';
    const recorded = r.readable
      ? `recorded: ${stanceSummary(r.kind, r.stance, r.options as ConsultationOption[])}`
      : r.readable === false
        ? `your reply could not be read; until you answer, your silence counts as ${silence}`
        : `no reply yet; your silence will count as ${silence}`;
    lines.push(`  ${displayId(r.id as number)} (${r.list}) "${r.question}", closes ${formatUtc(r.deadline as Date)}: ${recorded}`);
  }
  return lines;
}

/** One member's line for one consultation (`status C-ID` from a member who is not a coordinator). */
export async function memberStatusFor(db: Queryable, consultationId: number, memberId: number): Promise<string | null> {
  const lines = await memberStatusLines(db, memberId);
  return lines.find((l) => l.trimStart().startsWith(`${displayId(consultationId)} `))?.trim() ?? null;
}
