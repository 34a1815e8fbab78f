import type { Expander } from '../../../pipeline/outbound/expand.ts';
import { loadConsultation } from '../consultation.ts';
import { queueMailingJob, writeOutcomeMails } from '../mail/mailings.ts';

const consultationOf = (params: Record<string, unknown>) => Number(params.consultationId);

/** Delivering the close's outcome-mailing row: every member's outcome row, then the job that queues them. */
export const outcomeMailingExpander: Expander = {
  async expand(tx, row) {
    const c = await loadConsultation(tx, consultationOf(row.params));
    if (!c) throw new Error(`outcome mailing ${row.id}: no consultation ${consultationOf(row.params)}`);
    await writeOutcomeMails(tx, c);
  },
  queue: (ctx, row) => queueMailingJob(ctx, consultationOf(row.params), 'outcome'),
};
