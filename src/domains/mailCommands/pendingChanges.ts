import { createConfirmation } from '../confirmations/confirmations.ts';
import { findMemberByAddress } from '../org/members.ts';
import type { HandlerTools, InboundMail } from '../../pipeline/routing/inboundMail.ts';
import { applyChange } from './changes.ts';
import type { CommandResult } from './mailCommandTables.ts';
import type { Reader } from '../org/reader.ts';
import { translate } from '../../shared/i18n/catalogue.ts';

export const COMMANDS_PURPOSE = 'commands';

/**
 * The changes a message asked for (in its command results) happen according
 * to its authority: at once when the From domain signed it; otherwise they
 * wait for one confirmation, mailed to the From address only (the results
 * mail is its Reply-To); a message with no single From changes nothing.
 * Results are updated in place; returns the confirmation's address, if any.
 */
export async function settlePendingChanges(mail: InboundMail, tools: HandlerTools, results: CommandResult[], reader: Reader): Promise<{ confirmAddress?: string; pendingCount: number }> {
  const pending = results.filter((r) => r.pending);
  if (pending.length === 0) return { pendingCount: 0 };
  const { level, reason, from } = mail.authority;
  if (level === 'act' && from) {
    for (const r of pending) {
      r.result = await applyChange(r.pending!, from, mail.fromName, tools, reader);
      delete r.pending;
    }
    return { pendingCount: 0 };
  }
  if (level === 'nothing' || !from) {
    for (const r of pending) {
      r.result = translate(reader.lang, 'cmd.unknownSender', { reason });
      delete r.pending;
    }
    return { pendingCount: 0 };
  }
  const member = await findMemberByAddress(tools.tx, from);
  const confirmation = await createConfirmation(tools.tx, tools.ctx, {
    purpose: COMMANDS_PURPOSE,
    email: from,
    memberId: member?.id ?? null,
    payload: { changes: pending.map((r) => r.pending), name: mail.fromName, deliveryId: mail.deliveryId },
  });
  return { confirmAddress: confirmation.address, pendingCount: pending.length };
}
