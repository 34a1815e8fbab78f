import type { HandlerTools, InboundMail } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
import { consultFrom } from '../replies/replyAddress.ts';
import type { Consultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import type { Outcome } from './outcome.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/rules/language.ts';

/**
 * `tally C-ID`: the tally sheet of a closed consultation, to a member of its
 * electorate or audience or a coordinator, as an attachment in its own mail
 * (composed at send time by the 'consultation-tally' composer). While it is
 * open there is no sheet: a running tally would show who has not voted yet.
 */
export async function sendTallySheet(
  mail: InboundMail, tools: HandlerTools, c: Consultation, memberId: number, coordinator: boolean, lang: Language = DEFAULT_LANGUAGE,
): Promise<string> {
  const id = displayId(c.id);
  const t = (key: string, values?: Record<string, unknown>) => translate(lang, key, values);
  if (c.status === 'open') return t('tally.open', { id });
  if (c.status !== 'closed') return t('tally.none', { id, state: translate(lang, 'consult.state', { state: c.status }) });
  if (!coordinator) {
    const [allowed] = await tools.tx`
      select 1 where exists (select 1 from consultation_electorate where consultation_id = ${c.id} and member_id = ${memberId})
        or exists (select 1 from memberships where group_id = ${c.group_id} and member_id = ${memberId})`;
    if (!allowed) return t('tally.membersOnly', { list: c.list, id });
  }
  const sha256 = (c.outcome as Outcome | null)?.tallySha256 ?? null;
  const queued = await replyToSender(mail, tools, 'consultation-tally', { lang, consultationId: c.id, id, question: c.question, sha256 }, {
    from: consultFrom(tools.ctx, c),
    memberId,
    key: String(c.id),
  });
  if (queued === null) return t('tally.notSent', { id });
  return sha256 ? t('tally.followsSha', { id, sha256 }) : t('tally.follows', { id });
}
