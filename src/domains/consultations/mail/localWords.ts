import { translate } from '../../../shared/i18n/catalogue.ts';
import { translatePhrase, translateValue } from '../../../shared/i18n/phrase.ts';
import type { Language } from '../../../shared/rules/language.ts';
import type { Phrase } from '../../../shared/rules/phrase.ts';
import type { DecisionMethod, MethodSettings, MethodView } from '../../../decisions/decisionMethod.ts';
import type { Outcome } from '../close/outcome.ts';

/**
 * The words a mail takes from a decision method (what silence counts as,
 * the block rule, the verdict, the count's lines), in the reader's
 * language. A method that gives its words as phrases (the formal votes:
 * `phrases`, methods.* in the catalogues) is said through the catalogue in
 * every language. The two built-in consent methods have theirs in the
 * catalogues by name (silence.*, block.*, verdict.*); in English they keep
 * the method's own words.
 */
const CATALOGUED = new Set(['consent-choice', 'lazy-consensus']);

export function isCatalogued(method: string | undefined): boolean {
  return !!method && CATALOGUED.has(method);
}

/** The block rule in words ("one objection blocks it"). */
export function blockRuleWords(lang: Language, block: unknown): string | null {
  if (block == null) return null;
  if (typeof block === 'number') return translate(lang, 'block.count', { n: block });
  if (typeof block === 'object' && 'percent' in (block as object)) return translate(lang, 'block.percent', { percent: (block as { percent: number }).percent });
  return null;
}

/** A method view's reader-facing words in `lang`, for the built-in consent methods. */
export function localMethodWords(lang: Language, view: MethodView, block: unknown): Partial<MethodView> {
  if (lang === 'en' || !isCatalogued(view.method)) return {};
  if (view.method === 'consent-choice') {
    return { silenceCountsAs: translate(lang, 'silence.choice'), countingRule: translate(lang, 'rule.choice') };
  }
  const blockRule = blockRuleWords(lang, block ?? 1);
  return { silenceCountsAs: translate(lang, 'silence.proposal'), blockRule, countingRule: translate(lang, 'rule.proposal', { blockRule }) };
}

/** The verdict in one sentence, in `lang`. */
export function verdictIn(lang: Language, method: DecisionMethod, outcome: Outcome, settings: MethodSettings): string {
  if (method.phrases) return translatePhrase(lang, method.phrases.verdict(outcome, settings));
  return localVerdict(lang, method.view(settings).method, outcome, settings.options) ?? method.verdictLine(outcome, settings);
}

/** The count's plain lines after the verdict, in `lang`. */
export function countLinesIn(lang: Language, method: DecisionMethod, outcome: Outcome): string[] {
  if (method.phrases) return method.phrases.countLines(outcome).map((p) => translatePhrase(lang, p));
  return method.countLines(outcome);
}

/** The method view's words for the reader (how to answer, what silence counts as, the rule, its kind), in `lang`. */
export function methodWordsIn(lang: Language, method: DecisionMethod, settings: MethodSettings): Partial<MethodView> {
  if (!method.phrases) return localMethodWords(lang, method.view(settings), settings.block);
  const words = method.phrases.view(settings);
  const say = (p: Phrase) => translatePhrase(lang, p);
  return {
    howToAnswer: words.howToAnswer.map(say),
    silenceCountsAs: say(words.silenceCountsAs),
    countingRule: say(words.countingRule),
    aKind: say(words.aKind),
    ...(words.silentMeans ? { silentMeans: say(words.silentMeans) } : {}),
  };
}

/** A recorded ballot in words, one line each, in `lang` (receipts, status answers). */
export function describeIn(lang: Language, method: DecisionMethod, stance: unknown, settings: MethodSettings): string[] {
  const phrases = method.phrases ?? method.ballotPhrases;
  if (phrases) return phrases.describe(stance, settings).map((v) => translateValue(lang, v));
  return method.describe(stance, settings);
}

/** The receipt's lines, its reading in `lang`. */
export function receiptIn(lang: Language, method: DecisionMethod, stance: unknown, comment: string, settings: MethodSettings) {
  const receipt = method.receipt(stance, comment, settings);
  const phrases = method.phrases ?? method.ballotPhrases;
  if (!phrases) return receipt;
  return {
    ...receipt,
    readAs: translatePhrase(lang, phrases.readAs(stance, settings)),
    recorded: phrases.recorded ? phrases.recorded(stance, settings).map((v) => translateValue(lang, v)) : receipt.recorded,
  };
}

interface ChoiceResult { winner?: string | null; decidedBy?: string; noPreference?: boolean; tie?: string[] }
interface ProposalResult { verdict?: string; objections?: unknown[]; blockAt?: number; counts?: { object: number } }

/** The verdict line of a built-in consent method in `lang`; null where the method's own (English) line stands. */
export function localVerdict(lang: Language, method: string | undefined, outcome: Outcome, options: readonly { letter: string; text: string }[]): string | null {
  if (lang === 'en' || !isCatalogued(method)) return null;
  if (method === 'consent-choice') {
    const r = outcome as unknown as ChoiceResult;
    if (r.winner) {
      const text = options.find((o) => o.letter === r.winner)?.text ?? '';
      return translate(lang, r.decidedBy === 'rejections' ? 'verdict.choice.winnerByRejections' : 'verdict.choice.winner', { letter: r.winner, text });
    }
    if (r.noPreference) return translate(lang, 'verdict.choice.noPreference');
    return translate(lang, 'verdict.choice.tie', { letters: new Intl.ListFormat(lang, { type: 'conjunction' }).format(r.tie ?? []) });
  }
  const r = outcome as unknown as ProposalResult;
  const n = r.counts?.object ?? r.objections?.length ?? 0;
  return translate(lang, r.verdict === 'blocked' ? 'verdict.proposal.blocked' : 'verdict.proposal.adopted', { n, blockAt: r.blockAt ?? 1 });
}
