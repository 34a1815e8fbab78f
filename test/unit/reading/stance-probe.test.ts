import { describe, expect, it } from 'vitest';
import { htmlToPlainText, newTextOfBody } from '../../../src/reading/newText/replyText.ts';
import { readChoiceStance, readProposalStance } from '../../../src/reading/stance.ts';
import { DAYS, LOCAL_DAYS, codeProbeCases, dayProbeCases, localDayCases, type ProbeBody } from '../../helpers/stance-probe-cases.ts';

/** Whole replies to unseen consultations: the reply reader, then the stance reader. */
const newText = (body: ProbeBody) => (typeof body === 'string' ? newTextOfBody(body) : htmlToPlainText(body.html));
const label = (body: ProbeBody) => (typeof body === 'string' ? body : body.html).split('\n')[0]!;

describe('whole replies to an unseen choice ("Which day for the assembly?")', () => {
  it.each(dayProbeCases.map(([body, stance]) => [label(body), body, stance] as const))('%j', (_label, body, stance) => {
    expect(readChoiceStance(newText(body), DAYS).stance).toEqual(stance);
  });
});

describe('whole replies to an unseen proposal ("Adopt the new code of conduct")', () => {
  it.each(codeProbeCases.map(([body, stance]) => [label(body), body, stance] as const))('%j', (_label, body, stance) => {
    expect(readProposalStance(newText(body)).stance).toBe(stance);
  });
});

describe('the same choice mailed in other languages, answered by option text', () => {
  it.each(localDayCases)('%s: %j', (language, text, stance) => {
    expect(readChoiceStance(text, LOCAL_DAYS[language]!).stance).toEqual(stance);
  });
});
