import { describe, expect, it } from 'vitest';
import { readChoiceStance } from '../../../src/reading/stance.ts';
import { readRanking } from '../../../src/reading/ballot/ranking.ts';
import { sentText } from '../../../src/reading/stance/sentText.ts';

/**
 * A question given in several languages (issue 23, item 4): an option is
 * named by its title in any of them (`titles`), the letters are the same.
 */
const EN = [
  { letter: 'A', text: 'Lyon, in the union hall' },
  { letter: 'B', text: 'Brussels, at the youth hostel' },
  { letter: 'C', text: 'Online only' },
];
const TITLES = { A: ['Lyon, à la bourse du travail', 'Lyon, in het vakbondshuis'], B: ['Bruxelles, à l\'auberge de jeunesse', 'Brussel, in de jeugdherberg'], C: ['En ligne seulement', 'Alleen online'] };
const ALL = EN.map((o) => ({ ...o, titles: TITLES[o.letter as 'A' | 'B' | 'C'] }));

describe('option titles in every version', () => {
  it.each([
    ['Bruxelles, à l\'auberge de jeunesse', { first: 'B' }],
    ['Je préfère Bruxelles.', { first: 'B' }],
    ['En ligne seulement, s\'il vous plaît', { first: 'C' }],
    ['Brussel graag', { first: 'B' }],
    ['Brussels, at the youth hostel', { first: 'B' }],
    ['B', { first: 'B' }],
  ])('reads %j', (text, stance) => {
    expect(readChoiceStance(text, ALL).stance).toMatchObject(stance);
  });

  it('takes a marked line copied from another language\'s copy', () => {
    const reply = ['A. Lyon, à la bourse du travail', 'B. Bruxelles, à l\'auberge de jeunesse [x]', 'C. En ligne seulement'].join('\n');
    expect(readChoiceStance(reply, ALL).stance).toMatchObject({ first: 'B' });
  });

  it('still doubts a letter given with another option\'s title in another language', () => {
    expect(readChoiceStance('A (Bruxelles, à l\'auberge de jeunesse)', ALL).stance).toEqual({ unreadable: true });
  });

  it('reads a ranking by titles of another version', () => {
    expect(readRanking('Bruxelles > En ligne seulement > Lyon', ALL.map((o) => ({ ...o, titles: o.titles.map((t) => t.split(',')[0]!) })))).toEqual({ ranking: [['B'], ['C'], ['A']] });
  });

  it('without titles, reads as before', () => {
    expect(readChoiceStance('Bruxelles', EN).stance).toMatchObject({ first: 'B' }); // the concept lexicon's exonym
    expect(readChoiceStance('En ligne seulement', EN).stance).toEqual({ unreadable: true });
  });

  it('counts every version\'s lines as sent, so the trimmer keeps what a member typed between them', () => {
    const text = sentText({ question: 'Where?', description: '', options: EN, versions: { fr: { question: 'Où ?', options: [{ letter: 'A', text: 'Lyon, à la bourse du travail' }] } } });
    expect(text.split('\n')).toEqual(expect.arrayContaining(['Where?', 'Où ?', 'A. Lyon, à la bourse du travail', 'B. Brussels, at the youth hostel']));
    expect(sentText({ question: 'Where?', options: EN })).toBe(['Where?', '', 'Options:', ...EN.map((o) => `${o.letter}. ${o.text}`)].join('\n'));
  });
});
