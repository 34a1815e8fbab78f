import { describe, expect, it } from 'vitest';
import { readChoiceStance, readProposalStance } from '../../../src/reading/stance.ts';
import { readMotionVote } from '../../../src/reading/ballot/motion.ts';
import { readRanking } from '../../../src/reading/ballot/ranking.ts';
import { catalogue, takeMissingTranslations } from '../../../src/shared/i18n/catalogue.ts';
import { translatePhrase } from '../../../src/shared/i18n/phrase.ts';
import { isPhrase, type Phrase, type PhraseValue } from '../../../src/shared/rules/phrase.ts';
import { LANGUAGES } from '../../../src/shared/rules/language.ts';
import { OPTIONS, choiceCases, proposalCases } from '../../helpers/stance-cases.ts';
import { motionCases } from '../reading/ballot-motion-cases.ts';
import { RANKING_OPTIONS, rankingCases } from '../reading/ballot-ranking-cases.ts';

/**
 * Why a reply was not read (issue 23): every reader says it as a phrase, and
 * the member reads it in their language. Each doubt a reader gives, on its
 * case tables and on replies written to reach them, is said in all nine
 * languages with no key falling back to English. (Every key the code names
 * is in the catalogues: catalogues.test.ts.)
 */
const LOTS = [{ letter: 'A', text: 'Lisbon' }, { letter: 'B', text: 'Porto' }, { letter: 'C', text: 'Online only' }];

// Replies written to reach the doubts the case tables may not.
const choiceReplies = [
  'x '.repeat(10_001), 'Is A cheaper?', 'I am not sure yet', 'My wife and I vote B', 'I am out of the office until Monday',
  'If the rent goes up, B; otherwise A.', 'A (Porto)', 'I reject C', 'C please',
];
const proposalReplies = ['x '.repeat(10_001), 'I agree that we object', 'Agreed, but objection', 'Is this final?', 'Agree. Object.', 'I agree with Maria', 'I agree with the objection', 'I object.', 'B', 'agree, I object'];
const motionReplies = [
  'x '.repeat(10_001), 'I abstain. No.', 'yes, no, abstain', '', 'Yes? Why now?', 'Yes. Actually, no.', 'yes if the budget passes', 'yes, otherwise no',
  'I object, but I will not block', 'perhaps', 'No. Yes.', 'Yes to A', 'I agree with Maria', 'I agree with the objection',
  'yes and I object', 'I am not sure yet', 'My wife and I vote yes', 'out of the office until Monday',
];
const rankingReplies = [
  'x '.repeat(10_001), 'Lisbon > Porto > Lisbon harbour', '1. B\n3. C\n2. A', '2. B\n1. A', 'B > A, C > B', '', 'B > A?', 'My wife and I rank B > A', 'B > A, or if not, C', 'B > A > B', 'B > A > E', 'B > F > A',
  'A, B > C', 'B > A, but not A', 'B (Lisbon) > A', 'Lisbon (B) > A', '1. B\n3. A', '> B > A', 'B > A >', 'B > A > F',
  'Porto is nice. A > C', 'not B > A', 'B > A not C', 'Hmm sure B > A', '1. B\n2.', 'B > A thanks a lot for organising',
  'B = > A', '1. 2. B', 'B > (A C)', 'B) > A', 'B > A hello > C', '1. B\n2. A > C', 'B\n1. A', '2. B\n3. A', '2. B\n1. A',
  'B, then A > C', 'B / A / C', 'Lisbon Porto', 'B = A, C', 'Online only Lisbon Porto', 'B A C', 'first B, second B',
  'B > X > A', 'B > A > None', 'B > A, C',
];

function keysOf(v: PhraseValue | undefined, into: Set<string>): void {
  if (v === undefined || typeof v !== 'object' || v instanceof Date) return;
  if (isPhrase(v)) {
    into.add(v.key);
    for (const inner of Object.values(v.values ?? {})) keysOf(inner, into);
  } else for (const item of v.list) keysOf(item, into);
}

function doubtsGiven(): Phrase[] {
  const doubts: Array<Phrase | undefined> = [];
  for (const [text] of choiceCases) doubts.push(readChoiceStance(text, OPTIONS).doubt);
  for (const text of choiceReplies) doubts.push(readChoiceStance(text, LOTS).doubt);
  for (const [text] of proposalCases) doubts.push(readProposalStance(text).doubt);
  for (const text of proposalReplies) doubts.push(readProposalStance(text).doubt);
  for (const text of [...motionCases.map(([t]) => t), ...motionReplies]) {
    const r = readMotionVote(text);
    if ('doubt' in r) doubts.push(r.doubt);
  }
  for (const [options, texts] of [[RANKING_OPTIONS, rankingCases.map(([t]) => t)], [LOTS, rankingReplies]] as const) {
    for (const text of texts) {
      const r = readRanking(text, options);
      if ('doubt' in r) doubts.push(r.doubt);
    }
  }
  return doubts.filter((d): d is Phrase => d !== undefined);
}

describe('a reader’s doubts', () => {
  const given = doubtsGiven();
  const keys = new Set<string>();
  for (const d of given) keysOf(d, keys);

  it.each([...LANGUAGES])('are said in %s with no key falling back to English', (lang) => {
    takeMissingTranslations();
    for (const d of given) expect(translatePhrase(lang, d)).not.toMatch(/\bdoubt\./);
    expect(takeMissingTranslations()).toEqual([]);
  });

  it('are many: the replies above reach most doubts the readers have', () => {
    expect(keys.size).toBeGreaterThan(45);
  });

  it('speak of a motion in a motion’s words: each proposal doubt has its motion twin', () => {
    const en = catalogue('en');
    const twins = Object.keys(en).filter((k) => k.startsWith('doubt.') && k.endsWith('.proposal')).map((k) => k.replace(/\.proposal$/, '.motion'));
    expect(twins.filter((k) => !(k in en))).toEqual([]);
    expect(twins.length).toBeGreaterThan(0);
  });

  it('end a formal vote’s doubt with how to answer it, in the member’s language', () => {
    const motion = readMotionVote('peut-être');
    const ranking = readRanking('B > A > B', LOTS);
    expect('doubt' in motion && translatePhrase('fr', motion.doubt)).toContain(translatePhrase('fr', { key: 'doubt.how.motion' }));
    expect('doubt' in ranking && translatePhrase('de', ranking.doubt)).toMatch(/B > A > C/);
  });
});
