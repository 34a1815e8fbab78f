import type { Consultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import { formatInZone, formatUtcIn } from '../../../shared/rules/formatUtc.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';
import type { Language } from '../../../shared/rules/language.ts';
import { methodWordsIn } from './localWords.ts';
import type { DecisionMethod, MethodView } from '../../../decisions/decisionMethod.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { namesVoters } from '../../../decisions/voterNames.ts';
import { versionLanguages } from '../rules/questionVersions.ts';
import { versionIn } from '../defaultOption.ts';
import { languageName } from '../../../shared/rules/language.ts';
export { describeBlockRule } from '../../../decisions/methods/lazyConsensus/block.ts';

/**
 * What the templates see of a consultation: the same data for the preview,
 * the members' copies and the reminders, so the preview is exactly the copy.
 */
export interface ConsultationView extends MethodView, AnswerExamples {
  id: string;
  question: string;
  description: string;
  kind: string;
  options: { letter: string; text: string }[];
  list: string;
  listName: string;
  deadline: string;
  deadlineIso: string;
  reminder: string | null;
  blockRule: string | null;
  /** The count is secret until the close (a formal vote): `results` gives turnout only. */
  countSecret: boolean;
  /** The outcome quotes objections with the objector's name (the list's choice, frozen when drafted). */
  votersNamed: boolean;
  /** The language the mail is written in (templates' {{t}} and dates read it). */
  lang: Language;
}

/** The "how to answer" lines' examples, one per kind of answer. */
export interface AnswerExamples {
  exampleLetter: string;
  exampleRanking: string;
  exampleAcceptReject: string;
  exampleAny: string;
  exampleAgree: string;
  exampleObject: string;
  exampleAbstain: string;
}

/**
 * Answers written with the consultation's own letters, for the "how to
 * answer" lines, in words the reader reads in that language (the catalogues'
 * example.* keys; test/unit/i18nExamples.test.ts reads each one back).
 */
export function exampleAnswers(letters: readonly string[], lang: Language = 'en'): AnswerExamples {
  const [a = 'A', b = 'B', third] = letters;
  return {
    exampleLetter: b,
    exampleRanking: [b, a, ...(third ? [third] : [])].join(' > '),
    exampleAcceptReject: third ? translate(lang, 'example.acceptReject', { a, b, c: third }) : translate(lang, 'example.acceptRejectTwo', { a, b }),
    exampleAny: translate(lang, 'example.any'),
    exampleAgree: translate(lang, 'example.agree'),
    exampleObject: translate(lang, 'example.object'),
    exampleAbstain: translate(lang, 'example.abstain'),
  };
}

/**
 * The templates ask the method's view (picksOption, consentsOrObjects, …),
 * never the kind. The question, description and option titles are the
 * version in `lang` where the opening gave one (rules/questionVersions.ts).
 */
export function consultationView(stored: Consultation, methods: ReadonlyMap<string, DecisionMethod>, lang: Language = 'en'): ConsultationView {
  const c = versionIn(stored, lang);
  const decisionMethod = methodOf(c, methods);
  const settings = settingsOf(c);
  const method = { ...decisionMethod.view(settings), ...methodWordsIn(lang, decisionMethod, settings) };
  return {
    ...method,
    lang,
    id: displayId(c.id),
    question: c.question,
    description: c.description,
    kind: c.kind,
    options: c.options,
    list: c.list,
    listName: c.list_name,
    deadline: formatUtcIn(c.deadline, lang),
    deadlineIso: c.deadline.toISOString(),
    reminder: c.reminder_at ? formatUtcIn(c.reminder_at, lang) : null,
    blockRule: method.blockRule ?? null,
    countSecret: !!decisionMethod.secretUntilClose,
    votersNamed: namesVoters(decisionMethod, c.objections_named === true),
    ...exampleAnswers(c.options.map((o) => o.letter), lang),
  };
}

/** The preview's list of the question's versions (issue 23, item 4): each language's question and option titles. */
export interface VersionsView {
  versionNames: string;
  versions: { name: string; question: string; options: { letter: string; text: string }[] }[];
}

/** For the coordinator's preview, in their language `lang`: the default version first, then each language's; null without versions. */
export function versionsView(c: Consultation, lang: Language = 'en'): VersionsView | null {
  const langs = versionLanguages(c.versions);
  if (langs.length === 0) return null;
  const versions = [
    { name: translate(lang, 'bilingual.preview.default'), question: c.question, options: c.options },
    ...langs.map((code) => {
      const v = versionIn(c, code);
      return { name: `${languageName(code, lang)} (${code})`, question: v.question, options: v.options };
    }),
  ];
  return { versionNames: new Intl.ListFormat(lang, { type: 'conjunction' }).format(versions.map((v) => v.name)), versions };
}

/**
 * What a member's mail adds to its UTC times: the same moments on the clocks
 * of their zone (templates/partials/deadline.hbs writes both), or, when no
 * zone is known, `askZone` for the line on `set timezone`.
 */
export interface ZoneView {
  timeZone: string | null;
  askZone: boolean;
  deadlineLocal: string | null;
  closedAtLocal: string | null;
}

export function zoneView(zone: string | null, moments: { deadline: Date; closedAt?: Date | null }, lang: Language = 'en'): ZoneView {
  const local = zone && zone !== 'UTC' && zone !== 'Etc/UTC' ? zone : null;
  return {
    timeZone: zone,
    askZone: !zone,
    deadlineLocal: local ? formatInZone(moments.deadline, local, lang) : null,
    closedAtLocal: local && moments.closedAt ? formatInZone(moments.closedAt, local, lang) : null,
  };
}
