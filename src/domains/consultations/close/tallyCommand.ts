import type { HandlerTools, InboundMail } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
import { consultFrom } from '../replies/replyAddress.ts';
import type { Consultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import type { Outcome } from './outcome.ts';

/**
 * `tally C-ID`: the tally sheet of a closed consultation, to a member of its
 * electorate or audience or a coordinator, as an attachment in its own mail
 * (composed at send time by the 'consultation-tally' composer). While it is
 * open there is no sheet: a running tally would show who has not voted yet.
 */
export async function sendTallySheet(mail: InboundMail, tools: HandlerTools, c: Consultation, memberId: number, coordinator: boolean): Promise<string> {
  const id = displayId(c.id);
  if (c.status === 'open') {
    return `${id} is open: its tally sheet exists once it has closed. Then the outcome mail states the sheet's SHA-256, and "tally ${id}" mails you the sheet.`;
  }
  if (c.status !== 'closed') return `${id} is ${c.status}: it has no tally sheet.`;
  if (!coordinator) {
    const [allowed] = await tools.tx`
      select 1 where exists (select 1 from consultation_electorate where consultation_id = ${c.id} and member_id = ${memberId})
        or exists (select 1 from memberships where group_id = ${c.group_id} and member_id = ${memberId})`;
    if (!allowed) return `Only members of ${c.list} may have the tally sheet of ${id}.`;
  }
  const sha256 = (c.outcome as Outcome | null)?.tallySha256 ?? null;
  const queued = await replyToSender(mail, tools, 'consultation-tally', { consultationId: c.id, id, question: c.question, sha256 }, {
    from: consultFrom(tools.ctx, c),
    memberId,
    key: String(c.id),
  });
  if (queued === null) return `The tally sheet of ${id} was not sent: too many answers to this address in the last hour; ask again later.`;
  return `The tally sheet of ${id} follows in a separate mail, attached${sha256 ? `; its SHA-256 is ${sha256}` : ''}.`;
}
