/**
 * A formal vote's own words in every language (issue 23 item 2): each
 * method's verdict, count lines and how to answer, said through the
 * catalogues (methods.json) from the phrases the method gives. In English
 * they are byte for byte the method's own English (what `tacit count` and
 * the tests of the outcome read); in every other language no key falls back
 * to English, no English is left, and the "how to answer" words a member
 * copies are read back as the vote they show.
 */
import { describe, expect, it } from 'vitest';
import { countReplies } from '../../helpers/countReplies.ts';
import { parseOpenRequest } from '../../../src/domains/consultations/rules/openRequest.ts';
import { voteMotion } from '../../../src/decisions/methods/voteMotion/voteMotion.ts';
import { rankedVote } from '../../../src/decisions/methods/rankedVote/rankedVote.ts';
import { doubleMajorityVote } from '../../../src/decisions/methods/doubleMajority/doubleMajority.ts';
import { consentChoice } from '../../../src/decisions/methods/consentChoice/consentChoice.ts';
import { lazyConsensus } from '../../../src/decisions/methods/lazyConsensus/lazyConsensus.ts';
import { DECISION_METHODS } from '../../../src/decisions/methods/index.ts';
import type { DecisionMethod, MethodSettings } from '../../../src/decisions/decisionMethod.ts';
import { countLinesIn, describeIn, methodWordsIn, receiptIn, verdictIn } from '../../../src/domains/consultations/mail/localWords.ts';
import { consultationView } from '../../../src/domains/consultations/mail/views.ts';
import { outcomeLines, outcomeView, secretCountLines } from '../../../src/domains/consultations/close/outcomeView.ts';
import type { Consultation } from '../../../src/domains/consultations/consultation.ts';
import type { Outcome } from '../../../src/domains/consultations/close/outcome.ts';
import { renderMail } from '../../../src/shared/templates/render.ts';
import { takeMissingTranslations } from '../../../src/shared/i18n/catalogue.ts';
import { LANGUAGES, type Language } from '../../../src/shared/rules/language.ts';
import { readMotionVote } from '../../../src/reading/ballot/motion.ts';

const NOW = new Date('2026-03-25T10:17:00Z');
function opened(lines: string[]): MethodSettings {
  const r = parseOpenRequest({ subject: 'Q', body: [...lines, 'Deadline: 2026-04-01 18:00 UTC', 'List: icc', '', 'Why.'].join('\n') }, NOW);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return { options: r.spec.options, block: r.spec.block };
}

const close = countReplies;

const CANDIDATES = ['A. Ana', 'B. Bo', 'C. Cy', 'D. Dee'];
const motion = opened(['Kind: motion']);
const twoThirdsOfAll = opened(['Kind: motion', 'Count: 3/4', 'Base: electorate', 'Quorum: 20%']);
const withQuorum = opened(['Kind: motion', 'Count: two-thirds', 'Quorum: 10']);
const schulze = opened(['Kind: vote', 'Count: schulze', 'A. Lisbon', 'B. Berlin', 'C. Paris']);
const schulzeOff = opened(['Kind: vote', 'Count: schulze', 'Default: off', 'A. Lisbon', 'B. Berlin']);
const irv = opened(['Kind: vote', 'Count: irv', 'Quorum: 3', 'A. Lisbon', 'B. Berlin', 'C. Paris']);
const stv = opened(['Kind: election', 'Count: stv', 'Seats: 2', ...CANDIDATES]);
const double = opened(['Kind: vote', 'Count: double-majority', 'Branch quorum: 3']);
const choice = opened(['Kind: choice', 'A. Lisbon', 'B. Berlin', 'C. Paris', 'D. Rome']);
const proposal = opened(['Kind: proposal']);
const doublePlain = opened(['Kind: vote', 'Count: double-majority']);

/** A double majority decided from its places' yes/no counts. */
function doubleResult(total: [number, number], places: [string, number, number][], settings = double) {
  const units = places.map(([place, yes, no]) => ({ place, level: 'branch', cast: yes + no, result: close(voteMotion, settings, [['yes', yes], ['no', no]]) }));
  return doubleMajorityVote.combineParts!(close(voteMotion, settings, [['yes', total[0]], ['no', total[1]]]), units, settings);
}

const CASES: [string, DecisionMethod, MethodSettings, () => unknown][] = [
  ['a motion adopted', voteMotion, motion, () => close(voteMotion, motion, [['yes', 3], ['no', 1], ['abstain', 2]], 4)],
  ['a motion rejected over the electorate, quorum met', voteMotion, twoThirdsOfAll, () => close(voteMotion, twoThirdsOfAll, [['yes', 5], ['no', 1]], 4)],
  ['a motion without quorum', voteMotion, withQuorum, () => close(voteMotion, withQuorum, [['yes', 1]], 20)],
  ['a Schulze winner', rankedVote, schulze, () => close(rankedVote, schulze, [['B > A > C', 3], ['A > B > D', 2], ['D > A', 1]])],
  ['"None of the above" beating all', rankedVote, schulze, () => close(rankedVote, schulze, [['D > A > B > C', 3], ['A', 1]])],
  ['a Schulze tie', rankedVote, schulzeOff, () => close(rankedVote, schulzeOff, [['A > B', 2], ['B > A', 2]])],
  ['an instant runoff over rounds', rankedVote, irv, () => close(rankedVote, irv, [['A > B', 4], ['B > A', 3], ['C > B', 2], ['C', 1]])],
  ['an instant runoff without ballots', rankedVote, irv, () => close(rankedVote, irv, [], 5)],
  ['an STV election with transfers', rankedVote, stv, () => close(rankedVote, stv, [['A > B', 6], ['A > C', 2], ['B', 2], ['C > B', 3], ['D > C', 2]])],
  ['an STV election without ballots', rankedVote, stv, () => close(rankedVote, stv, [])],
  ['a double majority adopted', doubleMajorityVote, double, () => doubleResult([9, 4], [['fr', 4, 1], ['de', 3, 2], ['pl', 2, 1]])],
  ['a double majority failing in the places', doubleMajorityVote, double, () => doubleResult([9, 4], [['fr', 7, 0], ['de', 1, 2], ['pl', 1, 2], ['se', 0, 1]])],
  ['a double majority failing in the votes', doubleMajorityVote, doublePlain, () => doubleResult([4, 9], [['fr', 0, 7], ['de', 2, 1], ['pl', 2, 1]], doublePlain)],
  ['a double majority failing in both', doubleMajorityVote, doublePlain, () => doubleResult([2, 9], [['fr', 0, 7], ['de', 1, 1], ['pl', 1, 1]], doublePlain)],
  ['a place\'s own count', doubleMajorityVote, double, () => close(voteMotion, double, [['yes', 2], ['no', 1]])],
];

/** Words only English writes in these lines: one left in another language is an untranslated piece. */
const ENGLISH = /\b(the|Adopted|Rejected|Chosen|Elected|Nobody|winner|ballots?|votes cast|abstain|round|stage|surplus|exclusion|needed|never|counted|electorate|chapters)\b/;

describe.each(CASES)('%s', (_name, method, settings, result) => {
  const outcome = result() as Outcome;

  it('says in English exactly what the method says', () => {
    expect(verdictIn('en', method, outcome, settings)).toBe(method.verdictLine(outcome, settings));
    expect(countLinesIn('en', method, outcome)).toEqual(method.countLines(outcome));
    const view = method.view(settings);
    const words = methodWordsIn('en', method, settings);
    expect(words).toEqual({ howToAnswer: view.howToAnswer, silenceCountsAs: view.silenceCountsAs, countingRule: view.countingRule, aKind: view.aKind, silentMeans: view.silentMeans });
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('says it all in %s', (lang) => {
    takeMissingTranslations();
    const words = methodWordsIn(lang, method, settings);
    const said = [verdictIn(lang, method, outcome, settings), ...countLinesIn(lang, method, outcome), ...words.howToAnswer!, words.silenceCountsAs!, words.countingRule!, words.aKind!, words.silentMeans!];
    expect(takeMissingTranslations(), `keys that fell back to English in ${lang}`).toEqual([]);
    for (const line of said) {
      expect(line, lang).not.toMatch(/[{}]|undefined|\[object Object\]|NaN/);
      expect(line.match(ENGLISH)?.[0] ?? null, `${lang}: ${line}`).toBeNull();
    }
  });
});

describe.each([
  ['a yes', voteMotion, motion, { vote: 'yes' }],
  ['a no', voteMotion, motion, { vote: 'no' }],
  ['an abstention', voteMotion, motion, { vote: 'abstain' }],
  ['no vote', voteMotion, motion, { unreadable: true }],
  ['a ranking with a tie', rankedVote, schulze, { ranking: [['B'], ['A', 'C']] }],
  ['a ranking leaving options out', rankedVote, schulze, { ranking: [['D'], ['C']] }],
  ['an empty ranking', rankedVote, schulze, { ranking: [] }],
  ['no ranking', rankedVote, schulze, { unreadable: true }],
  // The consent methods' ballots (receipts and status answers of every consultation).
  ['a first choice, one more fine, one refused', consentChoice, choice, { first: 'A', accept: ['A', 'B'], reject: ['C'] }],
  ['a ranking and a refusal', consentChoice, choice, { first: 'C', ranking: ['C', 'A', 'B'], reject: ['D'] }],
  ['every option fine, one preferred', consentChoice, choice, { first: 'B', any: true }],
  ['every option fine', consentChoice, choice, { first: null, any: true }],
  ['no first choice, everything refused', consentChoice, choice, { first: null, reject: ['A', 'B', 'C', 'D'] }],
  ['no choice read', consentChoice, choice, { unreadable: true }],
  ['an agreement', lazyConsensus, proposal, { stance: 'agree' }],
  ['an abstention on a proposal', lazyConsensus, proposal, { stance: 'abstain' }],
  ['an objection with its reason', lazyConsensus, proposal, { stance: 'object', reason: 'trop cher / zu teuer' }],
  ['an objection without one', lazyConsensus, proposal, { stance: 'object' }],
  ['no stance read', lazyConsensus, proposal, { stance: 'unreadable' }],
] as [string, DecisionMethod, MethodSettings, unknown][])('%s read back', (_name, method, settings, stance) => {
  it('in English is the method\'s own receipt and description', () => {
    expect(receiptIn('en', method, stance, 'Thanks.', settings)).toEqual(method.receipt(stance, 'Thanks.', settings));
    expect(describeIn('en', method, stance, settings)).toEqual(method.describe(stance, settings));
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('in %s leaves no English', (lang) => {
    takeMissingTranslations();
    const receipt = receiptIn(lang, method, stance, '', settings);
    const said = [receipt.readAs, ...receipt.recorded, ...describeIn(lang, method, stance, settings)];
    expect(takeMissingTranslations()).toEqual([]);
    for (const line of said) {
      expect(line, lang).not.toMatch(/[{}]|undefined|\[object Object\]/);
      expect(line.match(/\b(you|your|first|then|tied|nothing|below|left out|None|fine|preference|choice|rejected|accepting|agree|object|abstain|because)\b/)?.[0] ?? null, `${lang}: ${line}`).toBeNull();
    }
  });
});

describe('the "how to answer" words of a formal vote', () => {
  it.each([...LANGUAGES])('of a motion in %s are read back as yes, no and abstain', (lang) => {
    const [yes, no, abstain] = methodWordsIn(lang, voteMotion, motion).howToAnswer!;
    expect([yes, no, abstain].map((w) => readMotionVote(w!))).toEqual([{ vote: 'yes' }, { vote: 'no' }, { vote: 'abstain' }]);
    expect(voteMotion.read(yes!, motion).stance).toEqual({ vote: 'yes' });
  });

  it.each([...LANGUAGES])('of a ranked vote in %s show a ranking and a tie that are read as they show', (lang) => {
    const [ranking, tied] = methodWordsIn(lang, rankedVote, schulze).howToAnswer!;
    const example = (line: string) => line.slice(line.lastIndexOf(': ') + 2);
    expect(rankedVote.read(example(ranking!), schulze).stance).toEqual({ ranking: [['B'], ['A'], ['C']] });
    expect(rankedVote.read(example(tied!), schulze).stance).toEqual({ ranking: [['B', 'A'], ['C']] });
  });
});

// A motion and an election as the mails see them: the copy and the outcome, rendered.
const deadline = new Date('2026-12-11T17:00:00Z');
const base = {
  group_id: 1, list: 'fr-lyon', list_name: 'Lyon (Rhône)', coordinator_id: 1, coordinator_email: 'coord@example.org', objections_named: false,
  status: 'closed', deadline, reminder_at: null, reminder_lead_ms: null, reminded_for: null, source_message_id: null, created_at: deadline,
  opened_at: deadline, closed_at: deadline, cancelled_at: null, electorate_size: 10, outcome: null, description: 'The text is on the wiki.',
} as const;
const motionConsultation = { ...base, id: 51, kind: 'vote', method: 'vote-motion', question: 'Adopt the budget?', options: motion.options, block_threshold: motion.block } as unknown as Consultation;
const electionConsultation = { ...base, id: 52, kind: 'vote', method: 'vote-ranked', question: 'Elect the board', options: stv.options, block_threshold: stv.block } as unknown as Consultation;
const methods = new Map(DECISION_METHODS);

describe.each([
  ['motion', motionConsultation, CASES[0]![3]],
  ['election', electionConsultation, CASES[8]![3]],
])('the %s\'s mails', (_name, c, result) => {
  it.each([...LANGUAGES])('in %s carry its words in the language', (lang: Language) => {
    takeMissingTranslations();
    const copy = renderMail('consultation-copy', { ...consultationView(c, methods, lang), domain: 'tacit.example.org', recipient: 'camille@example.org' }).text;
    const outcome = result() as Outcome;
    const mail = renderMail('consultation-outcome', { ...outcomeView({ ...outcome, tallySha256: 'ab'.repeat(32) } as Outcome, c, methods, lang), domain: 'tacit.example.org' }).text;
    expect(takeMissingTranslations()).toEqual([]);
    const method = methods.get(c.method!)!;
    const settings = { options: c.options, block: c.block_threshold };
    const words = methodWordsIn(lang, method, settings);
    for (const line of words.howToAnswer!) expect(copy).toContain(line);
    expect(copy).toContain(words.countingRule);
    expect(mail).toContain(verdictIn(lang, method, outcome, settings));
    for (const line of countLinesIn(lang, method, outcome)) expect(mail).toContain(line.trim());
    if (lang !== 'en') {
      expect(copy).not.toContain(method.view(settings).countingRule);
      expect(mail).not.toContain(method.verdictLine(outcome, settings));
    }
    const lines = outcomeLines(outcome, c, methods, lang);
    expect(lines[0]).toBe(verdictIn(lang, method, outcome, settings));
    if (lang !== 'en') expect(lines.at(-1)!.match(ENGLISH)?.[0] ?? null).toBeNull();
  });
});

describe('the English of the lines a results answer gives', () => {
  it('is what it was: the turnout line and the secret count', () => {
    const outcome = CASES[0]![3]() as Outcome;
    expect(outcomeLines(outcome, motionConsultation, methods).at(-1)).toBe('Turnout: 6/10 replied (60%); silent (abstention, never consent) 4, unreachable 0, away 0.');
    const figures = { provisional: true, electorate: 10, buckets: { replied: 3, silent: 6, unreachable: 1, away: 0 }, unreadable: 1, turnout: 0.3 };
    expect(secretCountLines(figures)).toEqual([
      'The count is secret until the close: only the turnout is shown before it.',
      'Turnout so far: 3/10 replied, 1 unreadable (30%); not replied yet 5, unreachable 1, away 0.',
    ]);
    expect(secretCountLines(figures, 'fr')[1]).toBe('Participation à ce jour : 3/10 ont répondu, 1 illisibles (30 %) ; pas encore répondu 5, injoignables 1, absents 0.');
  });
});
