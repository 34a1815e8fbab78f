import { describe, expect, it } from 'vitest';
import { readChoiceStance, readProposalStance, type ChoiceStance } from '../../../src/reading/stance.ts';
import { distinctiveWords, sameWord } from '../../../src/reading/stance/choiceGrammar.ts';
import { equivalents } from '../../../src/reading/vocabulary/concepts.ts';

/** Option words answered in another language (vocabulary/concepts.ts), and phrasings found by probing. */
const VENUE = [
  { letter: 'A', text: 'Hold it in Lisbon' },
  { letter: 'B', text: 'Online only' },
  { letter: 'C', text: 'Hybrid, Berlin with a video link' },
  { letter: 'D', text: 'Postpone to spring' },
];
const SLOT = [
  { letter: 'A', text: 'Saturday morning' },
  { letter: 'B', text: 'Sunday morning' },
  { letter: 'C', text: 'Wednesday evening' },
];

describe('the concept lexicon', () => {
  it.each([
    ['lisbon', 'lissabon'], ['saturday', 'sabado'], ['online', 'ligne'], ['autumn', 'automne'], ['postpone', 'aplazar'],
  ])('%s has %s among its equivalents', (word, other) => {
    expect(equivalents(word)).toContain(other);
  });

  it('a word shared by two options (through its equivalents) names neither', () => {
    const words = distinctiveWords(SLOT).map((d) => `${d.letter}:${d.word}`);
    expect(words).toContain('A:samedi');
    expect(words).toContain('C:mittwoch');
    expect(words.filter((w) => w.endsWith(':matin') || w.endsWith(':morning'))).toEqual([]);
  });

  it.each([
    ['inline', 'online', false], ['lisboa', 'lisbon', true], ['montréal', 'montreal', true], ['nairobi', 'nairobi', true],
  ])('sameWord(%s, %s) is %s', (word, name, same) => {
    expect(sameWord(word.normalize('NFD').replace(/\p{M}/gu, ''), name, true)).toBe(same);
  });
});

const NAME = [
  { letter: 'A', text: 'Keep the current name' },
  { letter: 'B', text: "Rename to 'Open Circle'" },
  { letter: 'C', text: 'Decide at the next assembly' },
];

const choiceCases: Array<[string, typeof VENUE, ChoiceStance]> = [
  ['Renaming is fine, keeping it too.', NAME, { first: null, accept: ['B', 'A'] }],
  ['Garder le nom actuel.', NAME, { first: 'A' }],
  ['Den aktuellen Namen behalten.', NAME, { first: 'A' }],
  ['Not Open Circle.', NAME, { first: null, reject: ['B'] }],
  ['Dag allemaal, B heeft mijn voorkeur, C is ook goed.', NAME, { first: 'B', accept: ['C'] }],
  ['Voor mij is C het beste, B mag ook, A liever niet.', NAME, { first: 'C', accept: ['B'], reject: ['A'] }],
  // the last place of a ranking followed by words is still a place
  ['Open Circle > keep > decide later', NAME, { first: 'B', ranking: ['B', 'A', 'C'] }],
  ['Lisboa, por favor.', VENUE, { first: 'A' }],
  ['Ich bin für Lissabon.', VENUE, { first: 'A' }],
  ['En línea, sin duda.', VENUE, { first: 'B' }],
  ['Prefiro adiar para a primavera.', VENUE, { first: 'D' }],
  ['Answers inline.', VENUE, { unreadable: true }],
  ['Online only if possible, otherwise Lisbon', VENUE, { first: 'B', ranking: ['B', 'A'] }],
  ['Whatever suits the others.', VENUE, { first: null, any: true }],
  // a remark about an option is no vote for it
  ['Lisbon is too expensive.', VENUE, { unreadable: true }],
  ['Lisbon is nice but too far. Online for me.', VENUE, { first: 'B' }],
  ['A please, but I am flexible.', VENUE, { first: 'A' }],
  ['B is also fine.', VENUE, { first: null, accept: ['B'] }],
  ["I wouldn't pick Lisbon.", VENUE, { first: null, reject: ['A'] }],
  ["Lisbon isn't great.", VENUE, { first: null, reject: ['A'] }],
  ["I wouldn't mind online.", VENUE, { first: null, accept: ['B'] }],
  // someone else's choice reported is not the member's vote; "it says" is no one
  ['Anna says Lisbon. I think online.', VENUE, { unreadable: true }],
  ['My vote is B - it says what we are', VENUE, { first: 'B' }],
  // "not A but B" in the nine languages
  ['No A sino B.', VENUE, { first: 'B', reject: ['A'] }],
  ['Nicht A sondern B.', VENUE, { first: 'B', reject: ['A'] }],
  ['Nie A tylko B.', VENUE, { first: 'B', reject: ['A'] }],
  ['Inte A utan B.', VENUE, { first: 'B', reject: ['A'] }],
  ['Pas A mais B.', VENUE, { first: 'B', reject: ['A'] }],
  ['Anything but postponing.', VENUE, { first: null, reject: ['D'] }],
  ['No preference, as long as it is not online.', VENUE, { first: null, reject: ['B'] }],
  ['My wife and I both prefer Lisbon.', VENUE, { unreadable: true }],
  ['Lisbon. My partner will answer herself.', VENUE, { first: 'A' }],
  ['Samedi matin, sinon mercredi.', SLOT, { first: 'A', ranking: ['A', 'C'] }],
  ['Domingo por la mañana.', SLOT, { first: 'B' }],
  ['Środa wieczorem.', SLOT, { first: 'C' }],
  // a near miss of a foreign equivalent names nothing ("valen" is not Swedish "varen", spring)
  ['Todas me valen.', VENUE, { first: null, any: true }],
  ['Wybieram Lizbonę.', VENUE, { first: 'A' }],
  ['B, por favor. Nada de Lisboa.', VENUE, { first: 'B', reject: ['A'] }],
  ['Mi è indifferente.', [...SLOT, { letter: 'E', text: 'Friday' }], { first: null, any: true }],
];

describe('option words in any language', () => {
  it.each(choiceCases)('%j', (text, options, stance) => {
    expect(readChoiceStance(text, options).stance).toEqual(stance);
  });
});

describe('neither … nor in the nine languages', () => {
  it.each([
    ['Ni A ni D.', { first: null, reject: ['A', 'D'] }],
    ['Weder A noch D.', { first: null, reject: ['A', 'D'] }],
    ['Nem A nem D.', { first: null, reject: ['A', 'D'] }],
    ['Noch A noch D.', { first: null, reject: ['A', 'D'] }],
    ['Ani A, ani D.', { first: null, reject: ['A', 'D'] }],
    ['Varken A eller D.', { first: null, reject: ['A', 'D'] }],
    // "no idea", "still okay", a pair the reader cannot place: no rejection invented
    ['Ni idea.', { unreadable: true }],
    ['C ist noch okay.', { first: null, accept: ['C'] }],
    ['A noch D.', { unreadable: true }],
  ] as Array<[string, ChoiceStance]>)('%j', (text, stance) => {
    expect(readChoiceStance(text, ['A', 'B', 'C', 'D']).stance).toEqual(stance);
  });
});

const FIVE = ['A', 'B', 'C', 'D', 'E'];
describe('one-letter words that are not option E', () => {
  it.each([
    ['Preferisco la C e poi la A.', { first: 'C', ranking: ['C', 'A'] }],
    ['a e b', { first: null, accept: ['A', 'B'] }],
    ['Mi è indifferente.', { first: null, any: true }],
    ['e', { first: 'E' }],
    ["I'd go with e", { first: 'E' }],
    ['b or e', { first: null, accept: ['B', 'E'] }],
  ] as Array<[string, ChoiceStance]>)('%j', (text, stance) => {
    expect(readChoiceStance(text, FIVE).stance).toEqual(stance);
  });
});

describe('proposal words found by probing', () => {
  it.each([
    ['Go for it!', 'agree'], ['Sure, why not.', 'agree'], ['Absolutely!', 'unreadable'], ['Not against it.', 'agree'],
    ['Sounds reasonable to me.', 'agree'], ["I don't think we should do this.", 'object'], ['A clear no from me.', 'object'],
    ['Prefiero no opinar.', 'abstain'], ['Prefiro abster-me.', 'abstain'], ['Je préfère ne pas me prononcer.', 'abstain'],
    ['Ich stimme dem Vorschlag zu.', 'agree'], ['Ich möchte mich enthalten.', 'abstain'], ['Preferisco astenermi.', 'abstain'],
    ['Ik ga akkoord.', 'agree'], ['Ik ben het er niet mee eens, te duur.', 'object'], ['Paso.', 'abstain'],
    // agreement limited by "but only if" is an objection whose reason is the condition (as in the vote corpus)
    ['I agree, but only if we get a second quote.', 'object'], ["D'accord, mais seulement si le budget le permet.", 'object'],
    ["Agree, but let's review it next year.", 'agree'],
    ['Agreed in principle, but not now.', 'object'], ['I agree in principle.', 'agree'],
  ])('%j', (text, stance) => {
    expect(readProposalStance(text).stance).toBe(stance);
  });
});
