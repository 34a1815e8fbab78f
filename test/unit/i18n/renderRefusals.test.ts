/**
 * A decision method's refusals in every language (issue 23 item 2): each
 * reason a method gives for refusing an opening is a phrase
 * (refusals.json), said through the catalogue. In English it is byte for
 * byte what the methods wrote before they gave phrases (the table below was
 * taken from that code); in every other language no key falls back to
 * English, no English is left, and the key lines it quotes ("Seats: 2")
 * stay as written, since they are what the opening reads.
 */
import { describe, expect, it } from 'vitest';
import { voteMotion } from '../../../src/decisions/methods/voteMotion/voteMotion.ts';
import { rankedVote } from '../../../src/decisions/methods/rankedVote/rankedVote.ts';
import { doubleMajorityVote } from '../../../src/decisions/methods/doubleMajority/doubleMajority.ts';
import { consentChoice } from '../../../src/decisions/methods/consentChoice/consentChoice.ts';
import { lazyConsensus } from '../../../src/decisions/methods/lazyConsensus/lazyConsensus.ts';
import { readBranchQuorum } from '../../../src/decisions/methods/formalVote/voteSettings.ts';
import type { DecisionMethod, MethodOption } from '../../../src/decisions/decisionMethod.ts';
import type { Phrase } from '../../../src/shared/rules/phrase.ts';
import { translatePhrase } from '../../../src/shared/i18n/phrase.ts';
import { readCatalogue, takeMissingTranslations } from '../../../src/shared/i18n/catalogue.ts';
import { LANGUAGES } from '../../../src/shared/rules/language.ts';

const letters = (n: number): MethodOption[] => Array.from({ length: n }, (_, i) => ({ letter: String.fromCharCode(65 + i), text: `Option ${i + 1}` }));
const lines = (written: [string, string][]) => new Map(written.map(([name, value]) => [name.toLowerCase(), { name, value }]));

function refusals(method: DecisionMethod, options: MethodOption[], written: [string, string][]): Phrase[] {
  const parsed = method.parseOpening({ options, headers: lines(written) });
  if (parsed.ok) throw new Error(`${method.name} took it`);
  // The built-in methods refuse in phrases only, never in plain words.
  return parsed.errors.map((e) => (typeof e === 'string' ? (() => { throw new Error(`${method.name} refused in plain words: ${e}`); })() : e));
}

const CASES: [string, () => Phrase[], string[]][] = [
  ['a motion with a Block line', () => refusals(voteMotion, [], [['Block', '2']]), [
    'Block: is not a setting of a motion; its settings are Count, Base, Quorum.',
  ]],
  ['a motion with options and a ranked count', () => refusals(voteMotion, letters(2), [['Count', 'schulze']]), [
    'A motion takes no options (members vote yes, no or abstain): remove the option lines, or write "Count: schulze", "Count: irv" or "Count: stv" to rank them.',
    'Count: "schulze" is not a motion\'s count; write "Count: majority", "Count: two-thirds" or a fraction such as "Count: 3/4".',
  ]],
  ['a motion with a bad base and quorum', () => refusals(voteMotion, [], [['Base', 'everyone'], ['Quorum', 'many']]), [
    'Base: "everyone" is not understood; write "Base: cast" (the votes cast, the default) or "Base: electorate" (every member).',
    'Quorum: "many" is not understood; write a number of ballots ("Quorum: 150") or a share of the members ("Quorum: 20%").',
  ]],
  ['a double majority with seats, options, the electorate and a branch quorum in words',
    () => refusals(doubleMajorityVote, letters(2), [['Count', 'double-majority'], ['Seats', '2'], ['Base', 'electorate'], ['Branch quorum', 'some']]), [
      'Seats: is not a setting of a double-majority motion; its settings are Count, Base, Quorum, Branch quorum.',
      'A motion takes no options (members vote yes, no or abstain): remove the option lines.',
      'Base: electorate does not go with "Count: double-majority", which counts the votes cast, in total and per place.',
      'Branch quorum: "some" is not a number of ballots; write it like "Branch quorum: 10".',
    ]],
  ['a branch quorum on another count', () => {
    const errors: Phrase[] = [];
    readBranchQuorum({ name: 'Branch quorum', value: '3' }, 'majority', errors);
    return errors;
  }, ['Branch quorum: applies to "Count: double-majority" only (this count is majority).']],
  ['Schulze with seats and a default in words', () => refusals(rankedVote, letters(3), [['Count', 'schulze'], ['Seats', '2'], ['Default', 'maybe']]), [
    'Seats: is not a setting of Count: schulze; its settings are Count, Default, Quorum.',
    'Default: "maybe" is not understood; write "Default: on" (adds "None of the above", the default) or "Default: off".',
  ]],
  ['Schulze with 26 options', () => refusals(rankedVote, letters(26), [['Count', 'schulze']]), [
    'With "Default: on" the last letter goes to "None of the above": use at most 25 options, or write "Default: off".',
  ]],
  ['STV with one option and no seats', () => refusals(rankedVote, letters(1), [['Count', 'stv']]), [
    'A ranked vote needs at least two options to rank; write them as "A. First option", one a line.',
    'Count: stv needs the number of seats: add a line like "Seats: 2".',
  ]],
  ['STV with seats and rules in words', () => refusals(rankedVote, letters(3), [['Count', 'stv'], ['Seats', 'two'], ['Rules', 'irish']]), [
    'Seats: "two" is not a number of seats; write it like "Seats: 2".',
    'Rules: "irish" is not understood; write "Rules: scottish" (the default), "Rules: wigm" or "Rules: meek".',
  ]],
  ['STV with more seats than options', () => refusals(rankedVote, letters(2), [['Count', 'stv'], ['Seats', '3']]), [
    'Seats: 3 seats for 2 options; there must be at least as many options as seats.',
  ]],
  ['STV with two seats for one option', () => refusals(rankedVote, letters(1), [['Count', 'stv'], ['Seats', '2']]), [
    'A ranked vote needs at least two options to rank; write them as "A. First option", one a line.',
    'Seats: 2 seats for 1 options; there must be at least as many options as seats.',
  ]],
  ['a ranked vote with a motion\'s count', () => refusals(rankedVote, letters(2), [['Count', 'majority']]), [
    'Count: "majority" is not a ranked count; write "Count: schulze", "Count: irv" or "Count: stv".',
  ]],
  ['a choice without options, with a Block line', () => refusals(consentChoice, [], [['Block', '2']]), [
    'A choice needs at least two options, one per line like "A. First option" under "Options:"; none were found.',
    'Block: applies only to proposals; a choice is decided by first preferences.',
  ]],
  ['a choice with one option', () => refusals(consentChoice, letters(1), []), [
    'A choice needs at least two options, one per line like "A. First option" under "Options:"; only one was found.',
  ]],
  ['a proposal with options and a share past 100', () => refusals(lazyConsensus, letters(2), [['Block', '150%']]), [
    'A proposal takes no options: remove the option lines, or write "Kind: choice" to ask members to choose.',
    'Block: 150% is not a percentage between 0 and 100.',
  ]],
  ['a proposal with a block in words', () => refusals(lazyConsensus, [], [['Block', 'many']]), [
    'Block: "many" is not understood; write a number of objections ("Block: 2") or a share of the members ("Block: 10%").',
  ]],
];

/** Words only English writes in these reasons: one left in another language is an untranslated piece. */
const ENGLISH = /\b(is not|write|understood|needs|takes no|setting|settings|ballots|seats|members|applies|does not|found|remove|only|options to rank|None of the above)\b/;
/** The key lines a reason quotes, which the opening reads and every language keeps as written. */
const keyLinesIn = (english: string) => [...english.matchAll(/"((?:Count|Base|Default|Seats|Rules|Quorum|Branch quorum|Block|Kind): [^"]+|A\.)/g)].map((m) => m[1]!.replace(/^A\.$/, 'A. '));

describe.each(CASES)('%s', (_name, refuse, english) => {
  it('is refused in English with the words the method always wrote', () => {
    expect(refuse().map((p) => translatePhrase('en', p))).toEqual(english);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('is refused in %s', (lang) => {
    takeMissingTranslations();
    const said = refuse().map((p) => translatePhrase(lang, p));
    expect(takeMissingTranslations(), `keys that fell back to English in ${lang}`).toEqual([]);
    said.forEach((line, i) => {
      expect(line).not.toBe(english[i]);
      expect(line, lang).not.toMatch(/[{}]|undefined|\[object Object\]|NaN/);
      expect(line.match(ENGLISH)?.[0] ?? null, `${lang}: ${line}`).toBeNull();
      for (const keyLine of keyLinesIn(english[i]!)) expect(line, `${lang} keeps ${keyLine}`).toContain(keyLine);
    });
  });
});

describe('the refusals catalogue', () => {
  it('has every key a case above gives, and each of its keys is given by one', () => {
    const given = new Set(CASES.flatMap(([, refuse]) => refuse().map((p) => p.key)));
    const inCatalogue = Object.keys(readCatalogue('en')).filter((k) => k.startsWith('refusals.'));
    expect([...given].sort()).toEqual(inCatalogue.sort());
  });
});
