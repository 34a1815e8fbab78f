import { composeTemplate, type Composer, type CopyTemplate } from '../../../pipeline/outbound/compose/compose.ts';

/**
 * Receipts (consultation-receipt) are template mails like any answer, but
 * at a deadline they come by the hundred and say much the same: the same
 * consultation, a handful of readings. So they are written from a byte
 * template per variant, as a mailing's copies are (compose.ts): what a
 * receipt says of its reply alone (the ballot code, the comment, the reply
 * address, the address it goes to, the message it answers) is filled per
 * receipt, everything else is the variant.
 */
const OWN = ['ballotCode', 'comment', 'subject'] as const;

interface ReceiptParams {
  data?: Record<string, unknown>;
  from?: string;
  replyTo?: string;
  [other: string]: unknown;
}

const copies: CopyTemplate = async (row, ctx) => {
  const params = row.params as ReceiptParams;
  const data = params.data ?? {};
  const own: Record<string, string> = {};
  for (const name of OWN) {
    const value = data[name];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') return null;
    own[name] = value;
  }
  // The text's runs of blank lines are collapsed after it is rendered (renderMail): a comment that could make or
  // join such a run (an empty line in it, a line break at either end) is composed on its own, as are CRs.
  const comment = own.comment;
  if (comment !== undefined && (comment.includes('\n\n') || comment.startsWith('\n') || comment.endsWith('\n') || comment.includes('\r'))) return null;
  const replyTo = params.replyTo;
  const at = replyTo ? replyTo.lastIndexOf('@') : -1;
  if (replyTo !== undefined && at <= 0) return null;
  const shared = Object.fromEntries(Object.entries(data).filter(([key]) => !(OWN as readonly string[]).includes(key)));
  return {
    // Which values the receipt has at all decides its template's branches ({{#if comment}}): part of the variant.
    variant: JSON.stringify([shared, Object.keys(own).sort(), { ...params, data: undefined, replyTo: replyTo?.slice(at) }]),
    values: { ...own, recipient: row.recipient, ...(replyTo ? { replyToLocal: replyTo.slice(0, at) } : {}) },
    compose(slots) {
      const marked = Object.fromEntries(Object.keys(own).map((name) => [name, slots.slot(name)]));
      return composeTemplate({
        ...row,
        recipient: slots.slot('recipient'),
        params: { ...params, data: { ...data, ...marked }, ...(replyTo ? { replyTo: `${slots.slot('replyToLocal')}${replyTo.slice(at)}` } : {}) },
      }, ctx);
    },
  };
};

/** A receipt composed on its own is the template mail it always was; its copies come from a byte template. */
export const receiptComposer: Composer = Object.assign(async (row: Parameters<Composer>[0], ctx: Parameters<Composer>[1]) => composeTemplate(row, ctx), { copies });
