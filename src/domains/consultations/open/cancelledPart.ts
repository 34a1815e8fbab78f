import type { Context } from '../../../shared/context.ts';
import type { Queryable } from '../../../shared/db/database.ts';
import { loadConsultation, type Consultation } from '../consultation.ts';
import { freezeElectorateAndWriteCopies, queueMailingJob } from '../mail/mailings.ts';

/**
 * A part cancelled while its parent is open (issue 22 item 3): the part
 * counts nothing, and the parent's mailing skipped its members, so they get
 * the parent's copy now and vote in the whole there. Members another open or
 * closed part covers, or who hold the parent's copy already, get nothing new.
 * A parent still in draft needs nothing: its open skips only live parts.
 * Returns the number of copies written.
 */
export async function giveParentCopies(tx: Queryable, ctx: Context, part: Consultation): Promise<number> {
  if (part.part_of === null || part.status !== 'open') return 0;
  const parent = await loadConsultation(tx, part.part_of, 'update');
  if (!parent || parent.status !== 'open') return 0;
  const purpose = `copy-after-C${part.id}`;
  const written = await freezeElectorateAndWriteCopies(tx, parent, ctx.secret, {
    purpose,
    voters: tx`
      select e.member_id, m.email from consultation_electorate e join members m on m.id = e.member_id
      where e.consultation_id = ${part.id} and m.delivery_disabled_at is null
        and not exists (select 1 from consultation_electorate pe where pe.consultation_id = ${parent.id} and pe.member_id = e.member_id)
        and not exists (
          select 1 from consultations o join consultation_electorate oe on oe.consultation_id = o.id
          where o.part_of = ${parent.id} and o.id <> ${part.id} and o.status in ('open', 'closed') and oe.member_id = e.member_id)`,
  });
  await tx`update consultations set electorate_size = electorate_size + ${written} where id = ${parent.id}`;
  await queueMailingJob(ctx, parent.id, purpose);
  return written;
}
