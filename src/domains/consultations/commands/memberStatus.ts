import type { Queryable } from '../../../shared/db/database.ts';
import type { ConsultationOption } from '../consultation.ts';
import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { displayId } from '../ids.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';
import { ENGLISH_READER, readerTime, type Reader } from '../../org/reader.ts';
import { describeIn, methodWordsIn } from '../mail/localWords.ts';

/** What Tacit recorded for one member in each open consultation they are consulted in (the `status` command). */
export async function memberStatusLines(db: Queryable, memberId: number, methods: ReadonlyMap<string, DecisionMethod>, reader: Reader = ENGLISH_READER): Promise<string[]> {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const rows = await db`
    select c.id, c.kind, c.method, c.question, c.options, c.block_threshold, c.deadline, g.slug as list, r.stance, r.readable
    from consultation_electorate e
    join consultations c on c.id = e.consultation_id and c.status = 'open'
    join groups g on g.id = c.group_id
    left join consultation_replies r on r.id = e.latest_reply_id
    where e.member_id = ${memberId}
    order by c.deadline limit 50`;
  if (rows.length === 0) return [t('status.openNone')];
  const lines = [t('status.open')];
  for (const r of rows) {
    const method = methodOf(r as { kind: string; method: string | null }, methods);
    const settings = settingsOf(r as { options: ConsultationOption[]; block_threshold: unknown });
    const view = method.view(settings);
    const silence = methodWordsIn(reader.lang, method, settings).silenceCountsAs ?? view.silenceCountsAs;
    const recorded = r.readable
      ? t('status.recorded', { what: describeIn(reader.lang, method, r.stance, settings).join('; ') })
      : r.readable === false
        ? t('status.unreadable', { silence })
        : t('status.noReply', { silence });
    const values = { id: displayId(r.id as number), list: r.list, question: r.question, deadline: readerTime(reader, r.deadline as Date), recorded };
    lines.push(`  ${t('status.openLine', values)}`);
  }
  return lines;
}

/** One member's line for one consultation (`status C-ID` from a member who is not a coordinator). */
export async function memberStatusFor(db: Queryable, consultationId: number, memberId: number, methods: ReadonlyMap<string, DecisionMethod>, reader: Reader = ENGLISH_READER): Promise<string | null> {
  const lines = await memberStatusLines(db, memberId, methods, reader);
  return lines.find((l) => l.trimStart().startsWith(`${displayId(consultationId)} `))?.trim() ?? null;
}
