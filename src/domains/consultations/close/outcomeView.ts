import type { Consultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import type { Outcome } from './outcome.ts';
import { formatUtcIn } from '../../../shared/rules/formatUtc.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';
import type { Language } from '../../../shared/rules/language.ts';
import { blockRuleWords, countLinesIn, methodWordsIn, verdictIn } from '../mail/localWords.ts';
import type { DecisionMethod, MethodSettings } from '../../../decisions/decisionMethod.ts';
import type { Part } from '../../../decisions/places/partsCount.ts';
import type { ElectorateFigures } from '../../../decisions/electorateFigures.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { namesVoters, publicResult } from '../../../decisions/voterNames.ts';
import { versionIn } from '../defaultOption.ts';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : 0);

type Counted = Pick<Consultation, 'options'> & { method?: string | null; block_threshold?: unknown };

/** The method that counted an outcome: the consultation's, or (a caller holding only options) the outcome's kind's. */
function methodOfOutcome(outcome: Outcome, c: Counted, methods: ReadonlyMap<string, DecisionMethod>) {
  return methodOf({ method: c.method, kind: outcome.kind }, methods);
}

/** The winner or verdict in one sentence: the decision method's. */
export function verdictLine(outcome: Outcome, c: Counted, methods: ReadonlyMap<string, DecisionMethod>): string {
  return methodOfOutcome(outcome, c, methods).verdictLine(outcome, settingsOf(c));
}

/**
 * The one "replied" figure (templates/partials/replied.hbs writes the same in
 * mail and pages): readable replies of the electorate, and the unreadable
 * ones apart, since an unreadable reply keeps the silence rule (DESIGN.md).
 */
export function repliedFigure(replied: number, electorate: number, unreadable: number): string {
  return `${replied}/${electorate} replied${unreadable ? `, ${unreadable} unreadable` : ''}`;
}

/** The outcome in a few plain lines: results answers, late-reply notices, the CLI; the verdict and count in `lang`. */
export function outcomeLines(outcome: Outcome, c: Counted, methods: ReadonlyMap<string, DecisionMethod>, lang: Language = 'en'): string[] {
  const method = methodOfOutcome(outcome, c, methods);
  const lines = [verdictIn(lang, method, outcome, settingsOf(c)), ...countLinesIn(lang, method, outcome)];
  const b = outcome.buckets;
  const means = methodWordsIn(lang, method, settingsOf(c)).silentMeans ?? method.view(settingsOf(c)).silentMeans ?? translate(lang, 'outcome.consent');
  lines.push(translate(lang, 'methods.outcome.turnout', {
    replied: repliedIn(lang, b.replied, outcome.electorate, outcome.unreadable), pct: String(percent(b.replied, outcome.electorate)),
    means, silent: String(b.silent), unreachable: String(b.unreachable), away: String(b.away),
  }));
  return lines;
}

/** repliedFigure in `lang`. */
function repliedIn(lang: Language, replied: number, electorate: number, unreadable: number): string {
  const values = { replied: String(replied), electorate: String(electorate), unreadable: String(unreadable) };
  return translate(lang, unreadable ? 'turnout.repliedUnreadable' : 'turnout.replied', values);
}

/**
 * An open count that is secret until the close (rules/countVisible.ts): the
 * turnout so far and nothing else, no stance, option count or verdict.
 */
export function secretCountLines(figures: ElectorateFigures, lang: Language = 'en'): string[] {
  const b = figures.buckets;
  return [
    translate(lang, 'methods.outcome.secret'),
    translate(lang, 'methods.outcome.secretTurnout', {
      replied: repliedIn(lang, b.replied, figures.electorate, figures.unreadable), pct: String(percent(b.replied, figures.electorate)),
      silent: String(b.silent - figures.unreadable), unreachable: String(b.unreachable), away: String(b.away),
    }),
  ];
}

/**
 * Results per place as the templates show them: every public row with its
 * turnout and its result in one sentence (the method's verdict for the
 * row), the top rows apart for the mail's compact table.
 */
export function partsView(parts: readonly Part[], method: DecisionMethod, settings: MethodSettings, lang: Language = 'en') {
  const rows = parts.map((p) => ({
    place: p.place,
    name: p.name,
    level: p.level,
    isChild: p.parent !== null,
    electorate: p.electorate,
    cast: p.cast,
    turnoutPct: percent(p.cast, p.electorate),
    result: verdictIn(lang, method, p.result as Outcome, settings),
  }));
  const top = rows.filter((r) => !r.isChild);
  return { all: rows, top, topLevel: top[0]?.level === 'chapter' ? 'chapter' : 'branch', hasChildren: rows.some((r) => r.isChild) };
}

/**
 * What the outcome templates see: counts, bar widths and words. The option
 * bars are shares of the replies (what members said); silent members, whose
 * silence accepts every option, are shown apart, so a chart never reads as
 * unanimous support when few replied. Bucket bars are shares of the electorate.
 */
export function outcomeView(outcome: Outcome, stored: Consultation, methods: ReadonlyMap<string, DecisionMethod>, lang: Language = 'en') {
  // The question and option titles of the reader's version (the letters, and so the count, are the same in all).
  const c = versionIn(stored, lang);
  const electorate = outcome.electorate;
  const b = outcome.buckets;
  const bar = (n: number) => Math.min(100, percent(n, electorate));
  const method = methodOfOutcome(outcome, c, methods);
  const settings = settingsOf(c);
  const votersNamed = namesVoters(method, c.objections_named === true);
  const view = { ...method.view(settings), ...methodWordsIn(lang, method, settings) };
  const silentName = translate(lang, 'outcome.barName.silent', { means: view.silentMeans ?? translate(lang, 'outcome.consent') });
  return {
    // The method's flags and words (picksOption, consentsOrObjects, countingRule…): the templates ask these, not the kind.
    ...view,
    lang,
    id: displayId(c.id),
    question: c.question,
    list: c.list,
    listName: c.list_name,
    deadline: formatUtcIn(c.deadline, lang),
    closedAt: formatUtcIn(c.closed_at ?? new Date(), lang),
    // A coordinator's early close: the announced deadline is kept and said.
    closedEarly: !!c.closed_at && c.closed_at.getTime() < c.deadline.getTime(),
    provisional: outcome.provisional,
    verdict: verdictIn(lang, method, outcome, settings),
    // The counts in plain lines, for a method the templates have no table for.
    countLines: countLinesIn(lang, method, outcome),
    // The result as the method shows it: a choice's option bars, a proposal's counts and objections; its block rule.
    blockRule: null,
    // Objectors' names only where the list names them (an outcome stored before it was chosen may hold them).
    ...method.outcomeView(publicResult(method, outcome, votersNamed), settings),
    // In another language, the block rule is said from the count's threshold in that language's words.
    ...(lang !== 'en' && view.method === 'lazy-consensus' ? { blockRule: blockRuleWords(lang, (outcome as unknown as { blockAt?: number }).blockAt ?? 1) } : {}),
    votersNamed,
    electorate,
    buckets: b,
    replied: b.replied,
    unreadable: outcome.unreadable,
    turnoutPct: percent(b.replied, electorate),
    tallySha256: outcome.tallySha256 ?? null,
    // Results per place (issue 22): the mail shows the top rows (branches), the record every row (chapters too).
    parts: outcome.parts?.length ? partsView(outcome.parts, method, settings, lang) : null,
    // Votes that roll up (issue 22 item 3): a part names its parent and, once it closed, the whole; a parent lists its parts.
    ...rollUpView(outcome, c, method, lang),
    bucketBars: (['replied', 'silent', 'unreachable', 'away'] as const).map((k) => ({
      name: k === 'silent' ? silentName : translate(lang, `outcome.barName.${k}`),
      count: b[k],
      pct: bar(b[k]),
    })),
  };
}

/**
 * Each level shows its own result and the whole: a part's outcome names the
 * vote it is part of and the whole's result once that closed (or when it
 * will); a parent's lists each part's own result. Verdicts in the reader's
 * language where the method's are catalogued, as the main verdict.
 */
export function rollUpView(outcome: Outcome, c: Consultation, method: DecisionMethod, lang: Language) {
  const settings = settingsOf(c);
  const verdictOf = (result: Outcome) => verdictIn(lang, method, result, settings);
  const partOf = outcome.partOf
    ? {
        id: displayId(outcome.partOf.id),
        listName: outcome.partOf.listName,
        deadline: formatUtcIn(new Date(outcome.partOf.deadline), lang),
        whole: outcome.whole
          ? {
              verdict: verdictOf(outcome.whole),
              replied: outcome.whole.buckets.replied,
              electorate: outcome.whole.electorate,
              pct: percent(outcome.whole.buckets.replied, outcome.whole.electorate),
            }
          : null,
      }
    : null;
  const partVotes = outcome.partVotes?.length
    ? outcome.partVotes.map((p) => ({
        id: displayId(p.id),
        listName: p.listName,
        replied: p.replied,
        electorate: p.electorate,
        pct: percent(p.replied, p.electorate),
        verdict: verdictOf(p.result),
      }))
    : null;
  return { partOf, partVotes };
}
