import { describe, expect, it } from 'vitest';
import { readChoiceStance, readProposalStance } from '../../../src/reading/stance.ts';
import { exampleAnswers } from '../../../src/domains/consultations/mail/views.ts';
import { LANGUAGES } from '../../../src/shared/rules/language.ts';
import { renderMail } from '../../../src/shared/templates/render.ts';
import { samples } from '../../helpers/i18nSamples.ts';

/**
 * The "how to answer" examples of each language, copied back as a reply,
 * are read as the answer they show (issue 23: "an answer copied from the
 * example is always read right").
 */
describe.each([...LANGUAGES])('the %s examples', (lang) => {
  it('of a choice of three read as the letter, the ranking, accept-and-reject and any', () => {
    const ex = exampleAnswers(['A', 'B', 'C'], lang);
    expect(readChoiceStance(ex.exampleLetter, ['A', 'B', 'C']).stance).toEqual({ first: 'B' });
    expect(readChoiceStance(ex.exampleRanking, ['A', 'B', 'C']).stance).toMatchObject({ first: 'B', ranking: ['B', 'A', 'C'] });
    expect(readChoiceStance(ex.exampleAcceptReject, ['A', 'B', 'C']).stance, ex.exampleAcceptReject).toEqual({ first: null, accept: ['A', 'B'], reject: ['C'] });
    expect(readChoiceStance(ex.exampleAny, ['A', 'B', 'C']).stance, ex.exampleAny).toEqual({ first: null, any: true });
  });

  it('of a choice of two read as accept one, reject the other', () => {
    const ex = exampleAnswers(['A', 'B'], lang);
    expect(readChoiceStance(ex.exampleAcceptReject, ['A', 'B']).stance, ex.exampleAcceptReject).toEqual({ first: null, accept: ['A'], reject: ['B'] });
  });

  it('of a proposal read as agree, object with its reason, abstain', () => {
    const ex = exampleAnswers([], lang);
    expect(readProposalStance(ex.exampleAgree).stance, ex.exampleAgree).toBe('agree');
    const objection = readProposalStance(ex.exampleObject);
    expect(objection.stance, ex.exampleObject).toBe('object');
    expect(objection.reason).toBeTruthy();
    expect(readProposalStance(ex.exampleAbstain).stance, ex.exampleAbstain).toBe('abstain');
  });

  it('are the words the copy shows', () => {
    const [copy] = samples(lang).filter((s) => s.template === 'consultation-copy');
    const text = renderMail('consultation-copy', copy!.data).text;
    const ex = exampleAnswers(['A', 'B', 'C'], lang);
    for (const shown of [ex.exampleLetter, ex.exampleRanking, ex.exampleAcceptReject, ex.exampleAny]) expect(text).toContain(shown);
  });
});
