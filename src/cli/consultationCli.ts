import type { Command } from 'commander';
import { displayId, numericId } from '../domains/consultations/ids.ts';
import { parseConsultationId } from '../domains/consultations/rules/consultationCommands.ts';
import type { Outcome } from '../domains/consultations/close/outcome.ts';
import { readInput } from './readInput.ts';
import { UsageError } from './usageError.ts';
import { databaseDocumentCommand, documentCommand, output, withDatabase, withRuntime } from './withRuntime.ts';

/** "C-12", "c12", "#12" or "12" → 12. */
function consultationNumber(text: string): number {
  const id = /^\d+$/.test(text.trim()) ? Number(text.trim()) : numericId(parseConsultationId(text) ?? '');
  if (!id) throw new UsageError(`not a consultation id: ${text} (ids look like C-12)`);
  return id;
}

/**
 * Without --json, stdout is exactly the sheet (so `| sha256sum` gives the
 * digest of the outcome mail) and the digest goes to stderr.
 */
async function printTallySheet(id: number, json: boolean): Promise<void> {
  const [{ loadConsultation }, { ensureBallotCodes, loadTallySheet, streamTallySheet }] = await Promise.all([
    import('../domains/consultations/consultation.ts'), import('../domains/consultations/close/tallySheet.ts'),
  ]);
  await withRuntime(async ({ ctx }) => {
    const c = await loadConsultation(ctx.sql, id);
    if (!c) throw new UsageError(`no consultation ${displayId(id)}`);
    if (c.status !== 'closed') throw new UsageError(`${displayId(id)} is ${c.status}: a tally sheet exists once it has closed`);
    // Consultations closed before ballot codes existed get theirs now.
    await ensureBallotCodes(ctx.sql, ctx.secret, id);
    const stored = (c.outcome as Outcome | null)?.tallySha256 ?? null;
    if (json) {
      const sheet = (await loadTallySheet(ctx.sql, id, ctx.wiring.decisionMethods))!;
      output(true, { ...sheet, outcomeSha256: stored, matchesOutcome: stored === sheet.sha256 }, () => '');
      return;
    }
    const done = (await streamTallySheet(ctx.sql, id, ctx.wiring.decisionMethods, (text) => process.stdout.write(text)))!;
    // Sheets of proposals closed before issue 21 carried objections' reasons; printed now without them, their digest differs.
    const before = (c.outcome as Outcome | null)?.sheetStancesOnly ? '' : ' (closed before the sheet dropped objections\' reasons)';
    const check = stored === null ? 'the outcome stored no digest' : stored === done.sha256 ? 'matches the outcome' : `DIFFERS from the outcome's ${stored}${before}`;
    process.stderr.write(`SHA-256 ${done.sha256} (${check}), ${done.members} members\n`);
  });
}

/** Operator commands for consultations (DESIGN.md, "Operator interface"). */
export function registerConsultationCommands(program: Command): void {
  // A command's modules are imported when it runs (main.ts); read-only ones open the database alone.
  databaseDocumentCommand(program, 'consultations', 'list consultations, newest first', async (sql) => {
    const [{ listConsultations }, { repliedFigure }] = await Promise.all([
      import('../domains/consultations/commands/show.ts'), import('../domains/consultations/close/outcomeView.ts'),
    ]);
    const rows = await listConsultations(sql);
    return {
      value: rows,
      human: () =>
        rows.length === 0
          ? 'no consultations'
          : rows
              .map((r) => `${r.id.padEnd(7)} ${r.status.padEnd(9)} ${r.kind.padEnd(8)} ${r.list.padEnd(12)} ${r.deadline}  ${repliedFigure(r.replies, r.electorate, r.unreadable)}  ${r.question}`)
              .join('\n'),
    };
  });

  program
    .command('consultation')
    .argument('<C-ID>', 'the consultation, e.g. C-12')
    .description('one consultation with its tally (provisional while open)')
    .option('--json', 'one JSON document')
    .option('--tally', 'the tally sheet of a closed consultation: ballot code → recorded stance, and its SHA-256')
    .action(async (idText: string, opts: { json?: boolean; tally?: boolean }) => {
      const id = consultationNumber(idText);
      if (opts.tally) return printTallySheet(id, !!opts.json);
      const [{ consultationDocument, formatConsultation }, { DECISION_METHODS }] = await Promise.all([
        import('../domains/consultations/commands/show.ts'), import('../decisions/methods/index.ts'),
      ]);
      // Read-only: the database alone, and the decision methods' table as the wiring builds it (app/wiring.ts).
      const methods = new Map(DECISION_METHODS);
      await withDatabase(async (sql) => {
        const found = await consultationDocument(sql, id, methods);
        if (!found) throw new UsageError(`no consultation ${displayId(id)}`);
        output(!!opts.json, found.doc, () => formatConsultation(found.c, found.counted, (found.doc.replies as unknown[]).length, methods));
      });
    });

  documentCommand(program, 'close-due', 'close every consultation past its deadline, now', async (ctx) => {
    const { closeDue } = await import('../domains/consultations/close/close.ts');
    const closed = (await closeDue(ctx)).map(displayId);
    return { value: { closed }, human: () => (closed.length ? `closed ${closed.join(', ')}` : 'nothing is overdue') };
  });

  program
    .command('reply-text')
    .argument('[FILE]', 'an RFC 5322 message (or with --text a bare body); stdin when absent')
    .description('print only what the sender newly wrote in a reply')
    .option('--text', 'the input is a bare body, not a whole message')
    .action(async (file: string | undefined, opts: { text?: boolean }) => {
      const input = await readInput(file);
      const { newTextOfBody, newTextOfMessage } = await import('../reading/newText/replyText.ts');
      const text = opts.text ? newTextOfBody(input.toString('utf8')) : await newTextOfMessage(input);
      process.stdout.write(text + (text.endsWith('\n') || text === '' ? '' : '\n'));
    });
}
