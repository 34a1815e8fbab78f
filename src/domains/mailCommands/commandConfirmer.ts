import type { Confirmer } from '../confirmations/confirmations.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import { normalizeLanguage } from '../../shared/rules/language.ts';
import { readerOf } from '../org/reader.ts';
import { applyChange, describeChange, type Change } from './changes.ts';

/** A reply to a results mail carries out (or, with "cancel", drops) the changes it listed, and says what was done. */
export const confirmCommands: Confirmer = async (confirmation, decision, mail, tools) => {
  const changes = (confirmation.payload.changes ?? []) as Change[];
  const before = await readerOf(tools.tx, confirmation.email);
  // A confirmed `set language` is answered in the language chosen.
  const chosen = changes.flatMap((c) => (c.kind === 'set-language' ? [normalizeLanguage(c.language)] : [])).find(Boolean);
  const reader = decision === 'confirm' && chosen ? { ...before, lang: chosen } : before;
  if (decision === 'cancel') {
    await replyToSender(mail, tools, 'changes-applied', { lang: reader.lang, cancelled: true, results: [] });
    return { outcome: 'changes cancelled' };
  }
  const name = String(confirmation.payload.name ?? '');
  const results = [];
  for (const change of changes) {
    results.push({ line: describeChange(change, reader), result: await applyChange(change, confirmation.email, name, tools, reader) });
  }
  await replyToSender(mail, tools, 'changes-applied', { lang: reader.lang, results });
  return { outcome: `confirmed: ${results.map((r) => r.line).join(', ')}` };
};
