import { describe, expect, it } from 'vitest';
import { htmlToPlainText, newTextOfBody } from '../../../src/shared/rules/replyText.ts';
import { readChoiceStance, readProposalStance } from '../../../src/domains/consultations/rules/stance.ts';
import { sentText } from '../../../src/domains/consultations/rules/reading/sentText.ts';
import {
  ATELIER, SLOT, VENUE, WEBSITE, atelierCases, slotCases, venueCases, websiteCases,
  type BlindBody, type BlindConsultation,
} from '../../helpers/stance-blind-cases.ts';

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
