import type { Consultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import type { Outcome } from './outcome.ts';
import { formatUtc } from '../../../shared/rules/formatUtc.ts';
import { describeBlockRule } from '../mail/views.ts';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : 0);

/** The winner or verdict in one sentence. */
export function verdictLine(outcome: Outcome, c: Pick<Consultation, 'options'>): string {
  if (outcome.kind === 'proposal') {
    const n = outcome.counts.object;
    return outcome.verdict === 'blocked'
      ? `Blocked: ${n} ${n === 1 ? 'objection' : 'objections'} (${outcome.blockAt} ${outcome.blockAt === 1 ? 'blocks' : 'block'}).`
      : `Adopted: ${n} ${n === 1 ? 'objection' : 'objections'} (${outcome.blockAt} would block).`;
  }
  const text = (l: string) => c.options.find((o) => o.letter === l)?.text ?? '';
  if (outcome.winner) {
    const how = outcome.decidedBy === 'rejections' ? 'tied on first preferences, fewer rejections' : 'most first preferences';
    return `Winner: ${outcome.winner}. ${text(outcome.winner)} (${how}).`;
  }
  if (outcome.noPreference) return 'No winner: nobody named a first preference; the coordinators decide.';
  return `Tie between ${outcome.tie.join(' and ')} (same first preferences and rejections): the coordinators decide.`;
}

/**
 * The one "replied" figure (templates/partials/replied.hbs writes the same in
 * mail and pages): readable replies of the electorate, and the unreadable
 * ones apart, since an unreadable reply keeps the silence rule (DESIGN.md).
 */
export function repliedFigure(replied: number, electorate: number, unreadable: number): string {
  return `${replied}/${electorate} replied${unreadable ? `, ${unreadable} unreadable` : ''}`;
}

/** The outcome in a few plain lines: results answers, late-reply notices, the CLI. */
export function outcomeLines(outcome: Outcome, c: Pick<Consultation, 'options'>): string[] {
  const lines = [verdictLine(outcome, c)];
  if (outcome.kind === 'choice') {
    for (const o of outcome.options) {
      lines.push(`${o.letter}. ${o.text}: ${o.first} first, ${o.accept} accept, ${o.reject} reject`);
    }
  } else {
    lines.push(`agree ${outcome.counts.agree}, object ${outcome.counts.object}, abstain ${outcome.counts.abstain}`);
  }
  const b = outcome.buckets;
  lines.push(
    `Turnout: ${repliedFigure(b.replied, outcome.electorate, outcome.unreadable)} (${percent(b.replied, outcome.electorate)}%); ` +
      `silent (consent) ${b.silent}, unreachable ${b.unreachable}, away ${b.away}.`,
  );
  return lines;
}

/**
 * What the outcome templates see: counts, bar widths and words. The option
 * bars are shares of the replies (what members said); silent members, whose
 * silence accepts every option, are shown apart, so a chart never reads as
 * unanimous support when few replied. Bucket bars are shares of the electorate.
 */
export function outcomeView(outcome: Outcome, c: Consultation) {
  const electorate = outcome.electorate;
  const b = outcome.buckets;
  const bar = (n: number) => Math.min(100, percent(n, electorate));
  const ofReplies = (n: number) => Math.min(100, percent(n, b.replied));
  return {
    id: displayId(c.id),
    question: c.question,
    list: c.list,
    listName: c.list_name,
    deadline: formatUtc(c.deadline),
    closedAt: c.closed_at ? formatUtc(c.closed_at) : formatUtc(new Date()),
    // A coordinator's early close: the announced deadline is kept and said.
    closedEarly: !!c.closed_at && c.closed_at.getTime() < c.deadline.getTime(),
    blockRule: outcome.kind === 'proposal' ? describeBlockRule(outcome.blockAt) : null,
    provisional: outcome.provisional,
    isChoice: outcome.kind === 'choice',
    verdict: verdictLine(outcome, c),
    options:
      outcome.kind === 'choice'
        ? outcome.options.map((o) => ({
            ...o,
            isWinner: o.letter === outcome.winner,
            firstPct: ofReplies(o.first),
            rejectPct: ofReplies(o.reject),
            // Acceptances less the silent members (counted in every option's): what the repliers accepted.
            acceptedByReplies: o.accept - b.silent,
          }))
        : [],
    counts: outcome.kind === 'proposal' ? outcome.counts : null,
    adopted: outcome.kind === 'proposal' && outcome.verdict === 'adopted',
    objections:
      outcome.kind === 'proposal'
        ? (outcome.objectionsNamed ?? outcome.objections.map((o) => ({ ...o, name: o.email }))).map((o) => ({
            name: o.name,
            reason: o.reason || '(no reason given)',
          }))
        : [],
    electorate,
    buckets: b,
    replied: b.replied,
    unreadable: outcome.unreadable,
    turnoutPct: percent(b.replied, electorate),
    tallySha256: outcome.tallySha256 ?? null,
    bucketBars: (['replied', 'silent', 'unreachable', 'away'] as const).map((k) => ({
      name: k === 'silent' ? 'silent (consent)' : k,
      count: b[k],
      pct: bar(b[k]),
    })),
  };
}
