/**
 * Scores the reply readers (`npm run eval`):
 * - the trimmer on the reply-trimmer corpus (../shared/corpus/reply-trimmer):
 *   a case counts when the reader's output equals trimmed/<case>.txt after
 *   collapsing runs of white space;
 * - the stance readers on the vote-replies corpora (../shared/corpus/vote-replies/
 *   and vote-replies-2/), as their READMEs define a match, next to a naive
 *   reader (first standalone option letter, first stance keyword): right for
 *   the outcome, right in every detail, doubt counted as a vote, answers
 *   counted as something not said, plain answers sent back as doubt, and how
 *   often the two readings (grammar, mention-and-polarity scorer) disagree;
 * - the ballot readers (src/reading/ballot/: a motion's yes/no/abstain, a
 *   ranking) on the same replies as if each answered a formal vote, and on
 *   their own tables (test/unit/reading/ballot-*-cases.ts);
 * - the stance readers on their own unit table;
 * - the stance readers on the blind sets (whole replies to consultations the
 *   reader was not built on, test/helpers/stance-blind*-cases.ts);
 * - the whole generated conformance suite (test/helpers/conformance/; npm test
 *   runs a pairwise sample of it).
 * It exits non-zero when a figure falls below its floor in scripts/eval-floors.json.
 * The corpora are read here only, so `npm test` needs no ../shared.
 *
 *   node --import tsx scripts/evaluate-reply-readers.ts [--verbose]
 *
 * planer and email-reply-parser are the npm candidates we evaluated; planer's
 * HTML mode needs a DOM, given here by jsdom. They are loaded lazily so that
 * this script keeps working (and reports them as missing) once they are
 * removed from the dependencies.
 */
import { createRequire } from 'node:module';
import { htmlToPlainText, newTextOfBody, newTextOfMessage } from '../src/reading/newText/replyText.ts';
import { sentText } from '../src/reading/stance/sentText.ts';
import {
  readChoiceStance, readProposalStance, type ChoiceOption, type ChoiceReading, type ChoiceStance, type ProposalReading,
} from '../src/reading/stance.ts';
import { READS_TWO_WAYS } from '../src/reading/stance/check.ts';
import {
  VOTE_CORPORA, countedNotSaid, inventedVote, loadVoteCorpus, matchesInDetail, matchesOutcome, sentBackAsDoubt,
  type CorpusReading, type VoteCase, type VoteCorpus,
} from '../test/helpers/vote-corpus.ts';
import { allCases, caseName } from '../test/helpers/conformance/generate.ts';
import { misreadCase } from '../test/helpers/conformance/check.ts';
import { readFileSync } from 'node:fs';
import { OPTIONS, choiceCases, proposalCases } from '../test/helpers/stance-cases.ts';
import {
  ATELIER, SLOT, VENUE, WEBSITE, atelierCases, slotCases, venueCases, websiteCases, type BlindBody, type BlindConsultation,
} from '../test/helpers/stance-blind-cases.ts';
import { MONTH, PARTY, STATUTES, WIEN, monthCases, partyCases, statutesCases, wienCases } from '../test/helpers/stance-blind2-cases.ts';
import { BILANCIO, DUES, LOGO, bilancioCases, duesCases, logoCases } from '../test/helpers/stance-blind3-cases.ts';
import {
  BOLETIN, FEDERACAO, LAGER, MITGLIEDER, boletinCases, federacaoCases, lagerCases, mitgliederCases,
} from '../test/helpers/stance-blind4-cases.ts';
import { REPLY_CORPUS_DIR, collapseWhitespace, loadReplyCorpus, type CorpusCase } from '../test/helpers/reply-corpus.ts';
import { readMotionVote } from '../src/reading/ballot/motion.ts';
import { readRanking } from '../src/reading/ballot/ranking.ts';
import type { Ranking } from '../src/reading/ballot/types.ts';
import { motionCases } from '../test/unit/reading/ballot-motion-cases.ts';
import { RANKING_OPTIONS, rankingCases } from '../test/unit/reading/ballot-ranking-cases.ts';

const verbose = process.argv.includes('--verbose');

type Reader = (email: string) => string;

function score(name: string, read: Reader, cases: CorpusCase[]): number {
  const failed: string[] = [];
  for (const { name: caseName, email, expected } of cases) {
    let actual: string;
    try {
      actual = read(email);
    } catch (error) {
      actual = `<threw ${(error as Error).message}>`;
    }
    if (collapseWhitespace(actual) !== collapseWhitespace(expected)) failed.push(caseName);
  }
  console.log(`${name.padEnd(40)} ${cases.length - failed.length}/${cases.length}`);
  if (verbose && failed.length > 0) console.log(`  failed: ${failed.join(', ')}`);
  return cases.length - failed.length;
}

// --- the npm candidates (CommonJS / untyped, hence require) ----------------

const require = createRequire(import.meta.url);

function optional<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch {
    return undefined;
  }
}

interface Planer {
  extractFrom(body: string, contentType: string, dom?: unknown): string;
}
interface EmailReplyParserClass {
  new (): { parseReply(text: string): string; read(text: string): { getVisibleText(): string } };
}

const planer = optional(() => require('planer') as Planer);
const jsdom = optional(() => require('jsdom') as { JSDOM: new (html?: string) => { window: { document: unknown } } });
const EmailReplyParser = optional(
  () => (require('email-reply-parser') as { default?: EmailReplyParserClass }).default ?? (require('email-reply-parser') as EmailReplyParserClass),
);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function htmlResultToText(html: string): string {
  const document = new jsdom!.JSDOM(html).window.document as { body: { textContent: string | null } };
  return document.body.textContent ?? '';
}

const cases = loadReplyCorpus();
console.log(`reply-trimmer corpus: ${cases.length} cases (${REPLY_CORPUS_DIR})\n`);

if (planer) {
  score('planer (text/plain)', (email) => planer.extractFrom(email, 'text/plain'), cases);
  if (jsdom) {
    // The same bodies as HTML (one <div> per line), read by planer's DOM mode.
    const document = new jsdom.JSDOM('').window.document;
    const asHtml = (email: string) =>
      email.replace(/\r\n?/g, '\n').split('\n').map((line) => `<div>${escapeHtml(line) || '<br>'}</div>\n`).join('');
    score('planer (text/html via jsdom)', (email) => htmlResultToText(planer.extractFrom(asHtml(email), 'text/html', document)), cases);
  } else {
    console.log('planer (text/html via jsdom)             not available (jsdom not installed)');
  }
} else {
  console.log('planer                                   not installed or not loadable');
}

if (EmailReplyParser) {
  score('email-reply-parser (parseReply)', (email) => new EmailReplyParser().parseReply(email), cases);
  score('email-reply-parser (getVisibleText)', (email) => new EmailReplyParser().read(email).getVisibleText(), cases);
} else {
  console.log('email-reply-parser                       not installed or not loadable');
}

const trimmerRight = score('ours (src/reading/newText/replyText.ts)', newTextOfBody, cases);

// --- the stance readers on the vote-replies corpora ---------------------------

type StanceReader = (text: string, kind: 'choice' | 'proposal', options: ChoiceOption[]) => CorpusReading;

/** Our ChoiceStance in the corpus's schema: accept lists only options not already first or ranked. */
function asCorpusChoice(stance: ChoiceStance): CorpusReading {
  if (stance.unreadable) return { unreadable: true, first: null, accept: [], reject: [] };
  const placed = new Set([...(stance.first ? [stance.first] : []), ...(stance.ranking ?? [])]);
  const reading: CorpusReading = {
    first: stance.first ?? null,
    accept: (stance.accept ?? []).filter((l) => !placed.has(l)),
    reject: stance.reject ?? [],
  };
  if (stance.any) reading.any = true;
  if (stance.ranking && stance.ranking.length > 1) reading.ranking = stance.ranking;
  return reading;
}

// The doubt of our readings, by reply text: how often the two readings (grammar, scorer) disagree.
let disagreements = 0;
const ours: StanceReader = (text, kind, options) => {
  const r = kind === 'choice' ? readChoiceStance(text, options) : readProposalStance(text);
  if (r.doubt?.key.startsWith(READS_TWO_WAYS)) disagreements++;
  if (kind === 'choice') return asCorpusChoice((r as ChoiceReading).stance);
  return { stance: (r as ProposalReading).stance, reason: (r as ProposalReading).reason };
};

/** What a reader without grammar gets: the first standalone option letter, the first stance keyword. */
const naive: StanceReader = (text, kind) => {
  if (kind === 'choice') {
    const letter = /(?<![\p{L}\p{N}])([A-D])(?![\p{L}\p{N}])/u.exec(text)?.[1];
    return letter ? { first: letter, accept: [], reject: [] } : { unreadable: true };
  }
  const word = /\b(agree|object|abstain)/i.exec(text)?.[1]?.toLowerCase();
  return { stance: word ?? 'unreadable', reason: word === 'object' ? text : undefined };
};

/** The figures `npm run eval` prints per set, and checks against eval-floors.json. */
interface Figures {
  cases: number;
  outcome: number;
  detail: number;
  doubtCounted: number;
  notSaid: number;
  sentBack: number;
}

const HEADER = `${'reader'.padEnd(40)} ${'outcome'.padStart(9)} ${'detail'.padStart(9)} ${'doubt'.padStart(7)} ${'not said'.padStart(9)} ${'sent back'.padStart(10)}`;
const HEADER_NOTE = `${''.padEnd(40)} ${'right'.padStart(9)} ${'right'.padStart(9)} ${'counted'.padStart(7)} ${'counted'.padStart(9)} ${'as doubt'.padStart(10)}`;
function printFigures(name: string, f: Figures): void {
  const of = (n: number) => `${n}/${f.cases}`;
  console.log(`${name.padEnd(40)} ${of(f.outcome).padStart(9)} ${of(f.detail).padStart(9)} ${String(f.doubtCounted).padStart(7)} ${String(f.notSaid).padStart(9)} ${String(f.sentBack).padStart(10)}`);
}

function scoreVotes(name: string, read: StanceReader, corpus: VoteCorpus, cases: Array<VoteCase & { text: string }>): Figures {
  const f: Figures = { cases: cases.length, outcome: 0, detail: 0, doubtCounted: 0, notSaid: 0, sentBack: 0 };
  const missed: string[] = [];
  for (const c of cases) {
    let got: CorpusReading;
    try {
      got = read(c.text, c.expected.consultation, corpus.options);
    } catch (error) {
      got = { unreadable: true, stance: 'unreadable', reason: `<threw ${(error as Error).message}>` };
    }
    if (matchesInDetail(c.expected, got, corpus.paraphrasedReasons)) f.detail++;
    else missed.push(c.name.slice(0, 3));
    if (matchesOutcome(c.expected, got)) f.outcome++;
    if (inventedVote(c.expected, got)) f.doubtCounted++;
    if (countedNotSaid(c.expected, got)) f.notSaid++;
    if (sentBackAsDoubt(c.expected, got)) f.sentBack++;
  }
  printFigures(name, f);
  if (verbose && missed.length > 0) console.log(`  missed in detail: ${missed.join(' ')}`);
  return f;
}

/**
 * The ballot readers (src/reading/ballot/) on the same replies, as if each had
 * answered a formal vote: a proposal reply as a motion's ballot (agree → yes,
 * object → no, abstain → abstain, unreadable → doubt), a choice reply as a
 * ranked ballot over the same options. A choice reply that gave a ranking or
 * one first preference and nothing else has that ranking; one the counter
 * could not read must be doubt; one that accepts, rejects or takes any
 * option gave no ranking: doubt is right there, and so is a ranking that
 * puts its first preference first and no rejected option above another.
 * Measured, not fitted: the cases are consultation replies, not ballots.
 */
function scoreBallots(corpus: VoteCorpus, cases: Array<VoteCase & { text: string }>): Figures {
  const f: Figures = { cases: cases.length, outcome: 0, detail: 0, doubtCounted: 0, notSaid: 0, sentBack: 0 };
  const missed: string[] = [];
  const options = corpus.options.map((o) => ({ letter: o.letter, text: o.text ?? '' }));
  for (const c of cases) {
    const e = c.expected;
    let verdict: 'right' | 'doubtCounted' | 'notSaid' | 'sentBack';
    if (e.consultation === 'proposal') {
      const want = ({ agree: 'yes', object: 'no', abstain: 'abstain', unreadable: undefined } as const)[e.stance];
      const got = readMotionVote(c.text);
      const vote = 'vote' in got ? got.vote : undefined;
      verdict = vote === want ? 'right' : want === undefined ? 'doubtCounted' : vote === undefined ? 'sentBack' : 'notSaid';
    } else {
      const got = readRanking(c.text, options);
      const ranking: Ranking | undefined = 'ranking' in got ? got.ranking : undefined;
      const flat = ranking?.map((tier) => tier.join('=')).join('>');
      const unranked = (e.accept?.length ?? 0) > 0 || (e.reject?.length ?? 0) > 0 || e.any === true;
      if (e.unreadable) verdict = ranking ? 'doubtCounted' : 'right';
      else if (!unranked) {
        const want = (e.ranking ?? (e.first ? [e.first] : [])).join('>');
        verdict = flat === want ? 'right' : ranking ? 'notSaid' : 'sentBack';
      } else {
        const rejected = new Set(e.reject ?? []);
        const consistent = !ranking || ((e.first === null || (ranking[0]!.length === 1 && ranking[0]![0] === e.first))
          && !ranking.slice(0, -1).flat().some((l) => rejected.has(l)) && !e.any);
        verdict = consistent ? 'right' : 'notSaid';
      }
    }
    if (verdict === 'right') { f.outcome++; f.detail++; } else { f[verdict]++; missed.push(`${c.name.slice(0, 3)}(${verdict})`); }
  }
  printFigures('ballots (reading/ballot/), as a formal vote', f);
  console.log('  (a ballot is read exactly or sent back: questions, conditions, corrections and prose naming options are doubt)');
  if (verbose && missed.length > 0) console.log(`  ballots missed: ${missed.join(' ')}`);
  return f;
}

const measured = new Map<string, Figures>();
for (const corpus of VOTE_CORPORA) {
  // As the reply handler does: the text Tacit sent lets answers typed inside an unquoted original count.
  const votes = await Promise.all(loadVoteCorpus(corpus).map(async (c) => ({
    ...c, text: await newTextOfMessage(c.raw, { sent: corpus.sent[c.expected.consultation] }),
  })));
  console.log(`\n${corpus.name} corpus: ${votes.length} replies (${corpus.dir})\n`);
  console.log(HEADER);
  console.log(HEADER_NOTE);
  scoreVotes('naive (first letter / keyword)', naive, corpus, votes);
  disagreements = 0;
  measured.set(corpus.name, scoreVotes('ours (reading/stance.ts → reading/stance/)', ours, corpus, votes));
  console.log(`the two readings (grammar, mention-and-polarity scorer) disagree on ${disagreements}/${votes.length} (${(100 * disagreements / votes.length).toFixed(1)}%)`);
  measured.set(`ballots ${corpus.name}`, scoreBallots(corpus, votes));
}

// --- the stance readers on their own table ----------------------------------

// Key order and undefined members do not matter, as with vitest's toEqual.
const canonical = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)]))
    : v;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
// `doubt` (why a reply is unreadable) is explained to the member, not part of the table.
const withoutDoubt = <T extends { doubt?: unknown }>({ doubt: _doubt, ...rest }: T) => rest;
const tableChoice = choiceCases.filter(([text, stance, comment]) => same(withoutDoubt(readChoiceStance(text, OPTIONS)), { stance, comment })).length;
const tableProposal = proposalCases.filter(([text, expected]) => same(withoutDoubt(readProposalStance(text)), expected)).length;
console.log(`\nown table (test/helpers/stance-cases.ts)`);
console.log(`${'choice'.padEnd(40)} ${`${tableChoice}/${choiceCases.length}`.padStart(8)}`);
console.log(`${'proposal'.padEnd(40)} ${`${tableProposal}/${proposalCases.length}`.padStart(8)}`);

// The ballot readers' own tables: a vote or a ranking where one is given, doubt where none is.
{
  const f: Figures = { cases: 0, outcome: 0, detail: 0, doubtCounted: 0, notSaid: 0, sentBack: 0 };
  const tally = (want: unknown, got: unknown) => {
    f.cases++;
    if (same(want, got)) { f.outcome++; f.detail++; } else if (want === undefined) f.doubtCounted++; else if (got === undefined) f.sentBack++; else f.notSaid++;
  };
  for (const [text, want] of motionCases) { const r = readMotionVote(text); tally(want ?? undefined, 'vote' in r ? r.vote : undefined); }
  for (const [text, want] of rankingCases) { const r = readRanking(text, RANKING_OPTIONS); tally(want ?? undefined, 'ranking' in r ? r.ranking : undefined); }
  console.log(`\nballot tables (test/unit/reading/ballot-*-cases.ts)\n`);
  console.log(HEADER);
  console.log(HEADER_NOTE);
  printFigures('ballots (reading/ballot/)', f);
  measured.set('ballot tables', f);
}

// --- the stance readers on the blind sets ------------------------------------

type BlindRound = Array<[BlindConsultation, Array<[BlindBody, ChoiceStance | string]>]>;
const blindText = (body: BlindBody, c: BlindConsultation) =>
  (typeof body === 'string' ? newTextOfBody(body, { sent: sentText(c) }) : htmlToPlainText(body.html));

/** Scores a blind round; its figures are checked against eval-floors.json under "blind <key>". */
function scoreBlind(name: string, round: BlindRound, key?: string): void {
  const f: Figures = { cases: 0, outcome: 0, detail: 0, doubtCounted: 0, notSaid: 0, sentBack: 0 };
  for (const [c, cases] of round) {
    for (const [body, expected] of cases) {
      f.cases++;
      const text = blindText(body, c);
      const got = typeof expected === 'string' ? readProposalStance(text).stance : readChoiceStance(text, c.options).stance;
      const expectedUnread = expected === 'unreadable' || (typeof expected === 'object' && expected.unreadable);
      const gotUnread = got === 'unreadable' || (typeof got === 'object' && got.unreadable);
      if (same(got, expected)) { f.outcome++; f.detail++; continue; }
      if (verbose) console.log(`  miss: ${JSON.stringify(text.trim().slice(0, 80))} got ${JSON.stringify(got)} want ${JSON.stringify(expected)}`);
      if (expectedUnread) f.doubtCounted++;
      else if (gotUnread) f.sentBack++;
      else f.notSaid++;
    }
  }
  console.log(`${name.padEnd(40)} ${`${f.outcome}/${f.cases}`.padStart(8)} ${String(f.doubtCounted).padStart(8)} invented ${String(f.notSaid).padStart(4)} misread ${String(f.sentBack).padStart(4)} sent back`);
  if (key) measured.set(`blind ${key}`, f);
}

console.log(`\nblind sets (test/helpers/stance-blind*-cases.ts), whole replies as a careful counter reads them`);
scoreBlind('round one (written before the fixes)', [[VENUE, venueCases], [SLOT, slotCases], [ATELIER, atelierCases], [WEBSITE, websiteCases]], 'round one');
scoreBlind('round two (written after round one)', [[PARTY, partyCases], [MONTH, monthCases], [WIEN, wienCases], [STATUTES, statutesCases]], 'round two');
scoreBlind('round three (written after round two)', [[DUES, duesCases], [BILANCIO, bilancioCases], [LOGO, logoCases]], 'round three');
scoreBlind('round four (written after round three)', [
  [BOLETIN, boletinCases], [MITGLIEDER, mitgliederCases], [FEDERACAO, federacaoCases], [LAGER, lagerCases],
], 'round four');

// --- the generated conformance suite, whole ----------------------------------

{
  const f: Figures = { cases: 0, outcome: 0, detail: 0, doubtCounted: 0, notSaid: 0, sentBack: 0 };
  const wrong: string[] = [];
  let conformanceDisagreements = 0;
  for (const c of allCases()) {
    f.cases++;
    const why = await misreadCase(c);
    if (!why) {
      f.outcome++;
      f.detail++;
      continue;
    }
    wrong.push(`${caseName(c)}: ${why}`);
    if (why.includes(READS_TWO_WAYS)) conformanceDisagreements++;
    // "read …" is a wrong stance; anything else (a reason, a sign-off stored) is a detail.
    if (!why.startsWith('read ')) f.outcome++;
    else if (/^read (?:unreadable|\{"unreadable":true\})/.test(why)) f.sentBack++;
    else f.notSaid++;
  }
  console.log(`\nconformance suite (test/helpers/conformance/), every generated reply: the reading of its bare answer\n`);
  console.log(HEADER);
  console.log(HEADER_NOTE);
  printFigures('ours', f);
  console.log(`the two readings disagree on ${conformanceDisagreements}/${f.cases} (every disagreement is a reply sent back as doubt)`);
  for (const w of wrong.slice(0, verbose ? 200 : 10)) console.log(`  ${w}`);
  measured.set('conformance', f);
}

// --- floors: a figure below its committed floor fails the run ----------------

interface Floor {
  /** Right answers: at least this many. */
  atLeast?: Partial<Record<'outcome' | 'detail' | 'cases', number>>;
  /** Errors: at most this many. */
  atMost?: Partial<Record<'doubtCounted' | 'notSaid' | 'sentBack', number>>;
}
const floors = JSON.parse(readFileSync(new URL('./eval-floors.json', import.meta.url), 'utf8')) as Record<string, Floor>;
measured.set('reply-trimmer/', { cases: cases.length, outcome: trimmerRight, detail: trimmerRight, doubtCounted: 0, notSaid: 0, sentBack: 0 });
const below: string[] = [];
for (const [set, floor] of Object.entries(floors)) {
  const f = measured.get(set);
  if (!f) {
    below.push(`${set}: not measured`);
    continue;
  }
  for (const [k, min] of Object.entries(floor.atLeast ?? {})) if (f[k as keyof Figures] < min) below.push(`${set}: ${k} ${f[k as keyof Figures]} < ${min}`);
  for (const [k, max] of Object.entries(floor.atMost ?? {})) if (f[k as keyof Figures] > max) below.push(`${set}: ${k} ${f[k as keyof Figures]} > ${max}`);
}
if (below.length > 0) {
  console.log(`\nbelow the floors of scripts/eval-floors.json:\n  ${below.join('\n  ')}`);
  process.exit(1);
}
console.log('\nevery figure at or above its floor (scripts/eval-floors.json)');
