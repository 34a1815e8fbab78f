import type { Confirmer } from '../confirmations/confirmations.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import { applyChange, describeChange, type Change } from './changes.ts';

/** A reply to a results mail carries out (or, with "cancel", drops) the changes it listed, and says what was done. */
export const confirmCommands: Confirmer = async (confirmation, decision, mail, tools) => {
  if (decision === 'cancel') {
    await replyToSender(mail, tools, 'changes-applied', { cancelled: true, results: [] });
    return { outcome: 'changes cancelled' };
  }
  const changes = (confirmation.payload.changes ?? []) as Change[];
  const name = String(confirmation.payload.name ?? '');
  const results = [];
  for (const change of changes) {
    results.push({ line: describeChange(change), result: await applyChange(change, confirmation.email, name, tools) });
  }
  await replyToSender(mail, tools, 'changes-applied', { results });
  return { outcome: `confirmed: ${results.map((r) => r.line).join(', ')}` };
};
