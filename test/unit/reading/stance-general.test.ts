import { describe, expect, it } from 'vitest';
import { readChoiceStance, readProposalStance, type ChoiceStance } from '../../../src/reading/stance.ts';

/**
 * Cases written apart from the development corpus (other options, people,
 * phrasings, languages), to check that the rules generalise rather than fit
 * one corpus. Doubt is never a vote: questions, votes for others and
 * contradictions are unreadable.
 */
const CITIES = [
  { letter: 'A', text: 'Berlin' },
  { letter: 'B', text: 'Madrid' },
  { letter: 'C', text: 'Warsaw' },
  { letter: 'D', text: 'Rome' },
];
const LOGOS = [
  { letter: 'A', text: 'Keep the current logo' },
  { letter: 'B', text: 'Adopt the new blue logo' },
  { letter: 'C', text: 'Hold a design contest' },
];
const U: ChoiceStance = { unreadable: true };

const cityCases: Array<[string, ChoiceStance]> = [
  ['Madrid, please.', { first: 'B' }],
  ["I'd go with Warszawa", { first: 'C' }],
  ['Berlin > Rome > Madrid', { first: 'A', ranking: ['A', 'D', 'B'] }],
  ['Anything but Warsaw.', { first: null, reject: ['C'] }],
  ['Not Berlin. Rome or Madrid both fine.', { first: null, accept: ['D', 'B'], reject: ['A'] }],
  ['Ik stem voor Madrid.', { first: 'B' }],
  ['1) Rome 2) Berlin 3) Madrid', { first: 'D', ranking: ['D', 'A', 'B'] }],
  ['First Madrid, then Rome.', { first: 'B', ranking: ['B', 'D'] }],
  ['No preference.', { first: null, any: true }],
  ['Do we have a cost estimate for Madrid?', U],
  ['My colleague Jan votes Rome.', U],
  ['Madrid is fine, Berlin too, not Warsaw', { first: null, accept: ['B', 'A'], reject: ['C'] }],
  ['D.\n\nCheers,\nTom', { first: 'D' }],
  ['a) Berlin', { first: 'A' }],
  ['A, obviously.', { first: 'A' }],
  ['A for me, B is also fine.', { first: 'A', accept: ['B'] }],
  ['Berlín, sin duda.', { first: 'A' }],
  ['Głosuję na Warszawę.', { first: 'C' }],
  ['Jag röstar på Madrid.', { first: 'B' }],
  ['B. Sorry, I meant C.', { first: 'C' }],
  ['Thanks, noted.', U],
  ['I will reply after our chapter meeting.', U],
  ['Berlin (C)', U],
  ['> A. Berlin\n> B. Madrid\n\nThis one.\n\n> C. Warsaw\n> D. Rome', { first: 'B' }],
  ['We discussed this at our chapter meeting and most people felt travel costs matter most.\nSo I\'d say Warsaw.', { first: 'C' }],
  ['All of them work for me except Rome.', { first: null, reject: ['D'] }],
  ['Neither Rome nor Warsaw.', { first: null, reject: ['D', 'C'] }],
  ['Voorkeur voor Rome, Madrid kan ook.', { first: 'D', accept: ['B'] }],
  ['I vote for my husband too: B', U],
  ['Second choice Rome, but my first is Berlin.', { first: 'A', ranking: ['A', 'D'] }],
  ['Berlin is nice but my first is Madrid.', U],
  // an option named in passing is no vote
  ['I was in Berlin last year, great city.', U],
  ['Warsaw would be hard for me to get to.', U],
  ['Madrid makes more sense to me.', { first: 'B' }],
  ['Between Madrid and Rome, I prefer Rome.', { first: 'D', ranking: ['D', 'B'] }],
  ['Not A. Between B and C I would go for C.', { first: 'C', ranking: ['C', 'B'], reject: ['A'] }],
  ['Between A and B.', { first: null, accept: ['A', 'B'] }],
];

const logoCases: Array<[string, ChoiceStance]> = [
  ['Keep the current logo.', { first: 'A' }],
  ['Design contest!', { first: 'C' }],
  ['The blue one.', { first: 'B' }],
  ['A contest would be fun, but keep the current logo please', U],
];

describe('choice replies outside the development corpus', () => {
  it.each(cityCases)('%j (cities)', (text, stance) => {
    expect(readChoiceStance(text, CITIES).stance).toEqual(stance);
  });
  it.each(logoCases)('%j (logos)', (text, stance) => {
    expect(readChoiceStance(text, LOGOS).stance).toEqual(stance);
  });
});

const proposalCases: Array<[string, string]> = [
  ['Yes, I support it.', 'agree'],
  ['I cannot support this.', 'object'],
  ['Abstaining.', 'abstain'],
  ["I'm fine with it.", 'agree'],
  ['Not in favour: too costly.', 'object'],
  ['Sounds good to me!', 'agree'],
  ['No objections here.', 'agree'],
  ['I vote no.', 'object'],
  ['I vote yes', 'agree'],
  ['Je suis pour.', 'agree'],
  ['Dafür.', 'agree'],
  ['Sí, de acuerdo.', 'agree'],
  ['Concordo.', 'agree'],
  ['Tegen.', 'object'],
  ['Jestem przeciw, bo za drogo.', 'object'],
  ['Avstår.', 'abstain'],
  ['I have no strong feelings either way.', 'abstain'],
  ['Will the reduced rate stay?', 'unreadable'],
  ['Agree. Actually no, I object: the timing is wrong.', 'object'],
  ['Agree. I object.', 'unreadable'],
  ['Thanks for the update.', 'unreadable'],
  ['I support the proposal in principle but object to the timing.', 'unreadable'],
  ['I object: the raise is too steep, but I agree we need more income.', 'object'],
  ['I have a conflict of interest so I abstain.', 'abstain'],
  ['OK by me', 'agree'],
  ['Nee, te duur.', 'object'],
  ['Maria asked me to say she objects.', 'unreadable'],
  ['Yes, I have a question: will students pay less?', 'unreadable'],
  ['No idea, sorry.', 'unreadable'],
];

describe('proposal replies outside the development corpus', () => {
  it.each(proposalCases)('%j', (text, stance) => {
    expect(readProposalStance(text).stance).toBe(stance);
  });
});

/** The same answers in each language the reader knows (its vocabulary files). */
const byLanguage: Array<[string, ChoiceStance]> = [
  ['Je préfère Madrid, Berlin me va aussi, mais pas D.', { first: 'B', accept: ['A'], reject: ['D'] }],
  ['B, auf keinen Fall D.', { first: 'B', reject: ['D'] }],
  ['Me quedo con la B. La D no.', { first: 'B', reject: ['D'] }],
  ['Voto na B, a D não.', { first: 'B', reject: ['D'] }],
  ['Scelgo la B, la D no.', { first: 'B', reject: ['D'] }],
  ['Liever B dan A. D niet.', { first: 'B', ranking: ['B', 'A'], reject: ['D'] }],
  ['Głosuję na B, D odpada.', { first: 'B', reject: ['D'] }],
  ['A ou B, tanto faz.', { first: null, accept: ['A', 'B'] }],
  ['Keine Präferenz.', { first: null, any: true }],
  ['Geen voorkeur.', { first: null, any: true }],
  ['Nessuna preferenza, vanno tutte bene.', { first: null, any: true }],
  ['Det spelar ingen roll.', { first: null, any: true }],
];

const proposalsByLanguage: Array<[string, string]> = [
  ["Je suis contre, c'est trop cher.", 'object'],
  ['Ich stimme dagegen.', 'object'],
  ['Ich stimme dafür.', 'agree'],
  ['Voto a favor.', 'agree'],
  ['Voto en contra: es demasiado.', 'object'],
  ['Sou a favor.', 'agree'],
  ['Não concordo.', 'object'],
  ['Voto a favore.', 'agree'],
  ["Non sono d'accordo.", 'object'],
  ['Ik stem voor.', 'agree'],
  ['Ik onthoud me van stemming.', 'abstain'],
  ['Głosuję za.', 'agree'],
  ['Wstrzymuję się.', 'abstain'],
  ['Jag röstar nej.', 'object'],
  ['Jag avstår.', 'abstain'],
  // Neither for nor against: an abstention in every language, not an unread reply.
  ['Neither for nor against.', 'abstain'],
  ["I'm on the fence, to be honest.", 'abstain'],
  ['Ni a favor ni en contra.', 'abstain'],
  ['Nem a favor nem contra.', 'abstain'],
  ['Ni pour ni contre.', 'abstain'],
  ['Weder dafür noch dagegen.', 'abstain'],
  ['Né a favore né contro.', 'abstain'],
  ['Niet voor en niet tegen.', 'abstain'],
  ['Varken för eller emot.', 'abstain'],
];

describe('answers in every language of the vocabulary', () => {
  it.each(byLanguage)('%j', (text, stance) => {
    expect(readChoiceStance(text, CITIES).stance).toEqual(stance);
  });
  it.each(proposalsByLanguage)('%j', (text, stance) => {
    expect(readProposalStance(text).stance).toBe(stance);
  });
});
