import { describe, expect, it } from 'vitest';
import { readChoiceStance, readProposalStance, type ChoiceStance, type ProposalReading } from '../../../src/consultations/rules/stance.ts';

const OPTIONS = [
  { letter: 'A', text: 'International Organization for a Free Society' },
  { letter: 'B', text: 'International Organization for a Participatory Society' },
  { letter: 'C', text: 'International Organization for Participatory Socialism' },
];

const B: ChoiceStance = { first: 'B' };
const UNREADABLE: ChoiceStance = { unreadable: true };
const ANY: ChoiceStance = { first: null, any: true };

type ChoiceCase = [text: string, stance: ChoiceStance, comment: string];

const choiceCases: ChoiceCase[] = [
  // a single letter, however it is dressed
  ['B', B, ''],
  ['b', B, ''],
  ['b.', B, ''],
  ['B!', B, ''],
  ['B please', B, ''],
  ['I prefer B', B, ''],
  ['My vote: B', B, ''],
  ['Option B', B, ''],
  ['Optoin B', B, ''],
  ['vote B', B, ''],
  ['(B)', B, ''],
  ['b )', B, ''],
  ['**B**', B, ''],
  ['OPTION B PLEASE', B, ''],
  ["I'd go with B", B, ''],
  ['Hello, B', B, ''],
  ['Hi all, I vote B.', B, ''],
  ['+1 for B', B, ''],
  ['Definitely B.', B, ''],
  ['a', { first: 'A' }, ''],
  ['A', { first: 'A' }, ''],
  // the article "a" is not option A
  ['I think a good name would be B', B, ''],
  ['A good name would be C', { first: 'C' }, ''],
  // naming an option by its words
  ['I prefer International Organization for a Participatory Society', B, ''],
  ['international organization for a free society', { first: 'A' }, ''],
  ['Participatory Socialism, definitely', { first: 'C' }, ''],
  ['Participatory Society please', B, ''],
  // rankings
  ['B > A > C', { first: 'B', ranking: ['B', 'A', 'C'] }, ''],
  ['B>A>C', { first: 'B', ranking: ['B', 'A', 'C'] }, ''],
  ['b > c', { first: 'B', ranking: ['B', 'C'] }, ''],
  ['B, A, C', { first: 'B', ranking: ['B', 'A', 'C'] }, ''],
  ['B, A', { first: 'B', ranking: ['B', 'A'] }, ''],
  ['1. B 2. A 3. C', { first: 'B', ranking: ['B', 'A', 'C'] }, ''],
  ['1. B\n2. A\n3. C', { first: 'B', ranking: ['B', 'A', 'C'] }, ''],
  ['1) C\n2) B', { first: 'C', ranking: ['C', 'B'] }, ''],
  ['B\nA\nC', { first: 'B', ranking: ['B', 'A', 'C'] }, ''],
  ['B then A then C', { first: 'B', ranking: ['B', 'A', 'C'] }, ''],
  ['B first, then C', { first: 'B', ranking: ['B', 'C'] }, ''],
  ['B over A', { first: 'B', ranking: ['B', 'A'] }, ''],
  ['B -> C -> A', { first: 'B', ranking: ['B', 'C', 'A'] }, ''],
  ['B first, A second, C last', { first: 'B', ranking: ['B', 'A', 'C'] }, ''],
  ['B is my first choice, A my second', { first: 'B', ranking: ['B', 'A'] }, ''],
  ['B > A, not C', { first: 'B', ranking: ['B', 'A'], reject: ['C'] }, ''],
  // acceptances and rejections
  ['A and B fine, not C', { first: null, accept: ['A', 'B'], reject: ['C'] }, ''],
  ['A or B ok, no C', { first: null, accept: ['A', 'B'], reject: ['C'] }, ''],
  ['a or b, not c', { first: null, accept: ['A', 'B'], reject: ['C'] }, ''],
  ['A and C are both fine', { first: null, accept: ['A', 'C'] }, ''],
  ['A is fine', { first: null, accept: ['A'] }, ''],
  ['B or C', { first: null, accept: ['B', 'C'] }, ''],
  ['Either A or B', { first: null, accept: ['A', 'B'] }, ''],
  ['I can live with A or B but not C', { first: null, accept: ['A', 'B'], reject: ['C'] }, ''],
  ['B, but A is fine too', { first: 'B', accept: ['A'] }, ''],
  ['A: fine, B: preferred, C: no', { first: 'B', accept: ['A'], reject: ['C'] }, ''],
  ['anything but C', { first: null, reject: ['C'] }, ''],
  ['Anything except A', { first: null, reject: ['A'] }, ''],
  ['all but C', { first: null, reject: ['C'] }, ''],
  ['not A', { first: null, reject: ['A'] }, ''],
  ['Not C.', { first: null, reject: ['C'] }, ''],
  ['C is a no', { first: null, reject: ['C'] }, ''],
  ['C -1', { first: null, reject: ['C'] }, ''],
  ['B +1, C -1', { first: 'B', reject: ['C'] }, ''],
  ['neither A nor C', { first: null, reject: ['A', 'C'] }, ''],
  ['I would never choose A', { first: null, reject: ['A'] }, ''],
  ['Definitely B. C is unacceptable.', { first: 'B', reject: ['C'] }, ''],
  ['none', { first: null, reject: ['A', 'B', 'C'] }, ''],
  // any
  ['any', ANY, ''],
  ['Any of them', ANY, ''],
  ['All fine', ANY, ''],
  ['all ok!', ANY, ''],
  ['all three are fine', ANY, ''],
  ['No preference', ANY, ''],
  ['whatever', ANY, ''],
  ["I don't mind", ANY, ''],
  ['Happy with any of them, thanks', ANY, ''],
  // comments
  ['B because it is shorter', B, 'because it is shorter'],
  ['B. I like the participatory angle.', B, 'I like the participatory angle.'],
  ['B\n\nI like the participatory angle.\nSee you Saturday', B, 'I like the participatory angle.\nSee you Saturday'],
  ['Hi all,\n\nB\n\nThanks for organising', B, 'Thanks for organising'],
  ['Thanks for organising this.\nB', B, 'Thanks for organising this.'],
  ['B is fine, A is too vague', { first: null, accept: ['B'] }, 'A is too vague'],
  ['B (the participatory one)', B, '(the participatory one)'],
  ['My vote is B - it says what we are', B, 'it says what we are'],
  ['B!!! Great name', B, 'Great name'],
  ['B.\nThanks!', B, 'Thanks!'],
  ['B 👍', B, '👍'],
  ['B\nNot C, it is too long.', { first: 'B', reject: ['C'] }, 'it is too long.'],
  ['B makes more sense to me', B, 'B makes more sense to me'],
  // other languages
  ['Je préfère B', B, ''],
  ['Je vote pour B, C me va aussi', { first: 'B', accept: ['C'] }, ''],
  ['Pas C', { first: null, reject: ['C'] }, ''],
  ['Tout sauf C', { first: null, reject: ['C'] }, ''],
  ['Peu importe', ANY, ''],
  ['Ich bin für B, C geht auch', { first: 'B', accept: ['C'] }, ''],
  ['Alles ok außer C', { first: null, reject: ['C'] }, ''],
  ['Egal', ANY, ''],
  ['Prefiero la B', B, ''],
  ['Cualquiera', ANY, ''],
  // unreadable: the whole text is kept as the comment
  ['B, not B', UNREADABLE, 'B, not B'],
  ['A > B > A', UNREADABLE, 'A > B > A'],
  ['D', UNREADABLE, 'D'],
  ['Option D please', UNREADABLE, 'Option D please'],
  ['B or D', UNREADABLE, 'B or D'],
  ['B makes more sense than C', UNREADABLE, 'B makes more sense than C'],
  ['A is a bit generic; B please', UNREADABLE, 'A is a bit generic; B please'],
  ['Is there any chance we could postpone?', UNREADABLE, 'Is there any chance we could postpone?'],
  ['I need to think about it', UNREADABLE, 'I need to think about it'],
  ['A lot of people like C but I prefer B', UNREADABLE, 'A lot of people like C but I prefer B'],
  ['', UNREADABLE, ''],
  // ties inside a ranking, sets and singles together
  ['B = C > A', { first: null, accept: ['B', 'C', 'A'] }, ''],
  ['B > A or C', { first: 'B', accept: ['A', 'C'] }, ''],
  ['b or c, b preferred', { first: 'B', accept: ['B', 'C'] }, ''],
  ['No. B', B, 'No.'],
];

describe('readChoiceStance', () => {
  it.each(choiceCases)('%j', (text, stance, comment) => {
    expect(readChoiceStance(text, OPTIONS)).toEqual({ stance, comment });
  });

  it('accepts bare letters as options', () => {
    expect(readChoiceStance('B > A', ['A', 'B', 'C'])).toEqual({ stance: { first: 'B', ranking: ['B', 'A'] }, comment: '' });
    expect(readChoiceStance('C', ['A', 'B'])).toEqual({ stance: { unreadable: true }, comment: 'C' });
  });

  it('reads the article "a" as prose only where a letter does not fit', () => {
    expect(readChoiceStance('a', ['A', 'B']).stance).toEqual({ first: 'A' });
    expect(readChoiceStance('I would like a shorter name, B', ['A', 'B']).stance).toEqual({ first: 'B' });
  });
});

type ProposalCase = [text: string, expected: ProposalReading];

const agree = (comment = ''): ProposalReading => ({ stance: 'agree', comment });
const abstain = (comment = ''): ProposalReading => ({ stance: 'abstain', comment });
const object = (reason?: string): ProposalReading =>
  (reason ? { stance: 'object', reason, comment: reason } : { stance: 'object', comment: '' });
const unreadable = (text: string): ProposalReading => ({ stance: 'unreadable', comment: text });

const proposalCases: ProposalCase[] = [
  ['agree', agree()],
  ['Agree.', agree()],
  ['+1', agree()],
  ['I agree', agree()],
  ['I fully agree with this', agree()],
  ['yes', agree()],
  ['YES!', agree()],
  ['Yes, but please fix the typo in section 2', agree('but please fix the typo in section 2')],
  ['approve', agree()],
  ['I support this proposal', agree()],
  ['👍', agree()],
  ['👍🏽 nice work', agree('nice work')],
  ['LGTM', agree()],
  ['OK', agree()],
  ['No objection', agree()],
  ['no objections from me', agree()],
  ["I won't block this", agree()],
  ['Thanks for writing this up, +1', agree('Thanks for writing this up')],
  ['Hi Jane,\n\nAgreed. Good work.', agree('Good work.')],
  ["d'accord", agree()],
  ["Je suis d'accord", agree()],
  ['Einverstanden', agree()],
  ['De acuerdo', agree()],
  ['object', object()],
  ['-1', object()],
  ['block', object()],
  ['no', object()],
  ['No.', object()],
  ["I'm against it", object()],
  ["I don't agree", object()],
  ['I disagree.', object()],
  ['object: too expensive', object('too expensive')],
  ['Object — the budget is not costed', object('the budget is not costed')],
  ['I object because we have not consulted the branches.\nAlso the timing is bad.',
    object('because we have not consulted the branches.\nAlso the timing is bad.')],
  ['No, because it costs too much', object('because it costs too much')],
  ['Blocking: see my mail of Monday', object('see my mail of Monday')],
  ['I do not agree with section 2', object('with section 2')],
  ["Je m'oppose : trop cher", object('trop cher')],
  ['Dagegen, weil zu teuer', object('weil zu teuer')],
  ['Me opongo', object()],
  ['abstain', abstain()],
  ['0', abstain()],
  ['I abstain - conflict of interest', abstain('conflict of interest')],
  ["Je m'abstiens", abstain()],
  ['Enthaltung', abstain()],
  ['No one told me about this', unreadable('No one told me about this')],
  ['For the record I was not consulted', unreadable('For the record I was not consulted')],
  ['Not sure yet, will reply later', unreadable('Not sure yet, will reply later')],
  ['ok so I read it', unreadable('ok so I read it')],
  ['', unreadable('')],
];

describe('readProposalStance', () => {
  it.each(proposalCases)('%j', (text, expected) => {
    expect(readProposalStance(text)).toEqual(expected);
  });
});

it('has a table of at least 80 reply cases', () => {
  expect(choiceCases.length + proposalCases.length).toBeGreaterThanOrEqual(80);
});
