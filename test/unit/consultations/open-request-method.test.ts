import { describe, expect, it } from 'vitest';
import { parseOpenRequest as parse } from '../../../src/domains/consultations/rules/openRequest.ts';
import { inEnglish } from '../../../test/helpers/inEnglish.ts';
import { DECISION_METHODS } from '../../../src/decisions/methods/index.ts';
import type { DecisionMethod } from '../../../src/decisions/decisionMethod.ts';

// The reader gives its reasons as catalogue keys; these tests read them in English, the words they always compared.
const parseOpenRequest = (...a: Parameters<typeof parse>): ReturnType<typeof parse> => inEnglish(parse(...a));

const NOW = new Date('2026-03-25T10:17:00Z');
const open = (lines: string[], methods?: ReadonlyMap<string, DecisionMethod>) =>
  parseOpenRequest({ subject: 'Paint the hall', body: [...lines, 'Deadline: 2026-04-01 18:00 UTC', 'List: icc', '', 'Why.'].join('\n') }, NOW, methods);

/** A method with a key line of its own: only what parsing an opening asks of it (the rest is never called here). */
const tiny = {
  name: 'tiny',
  kind: 'tiny',
  headerKeys: { needs: 'needs', 'yes needed': 'needs' },
  parseOpening: ({ options, headers }) =>
    options.length ? { ok: false, errors: ['no options'] } : { ok: true, settings: { options: [], block: Number(headers.get('needs')?.value ?? 1) } },
} satisfies Pick<DecisionMethod, 'name' | 'kind' | 'headerKeys' | 'parseOpening'> as unknown as DecisionMethod;

describe('the opening names a decision method', () => {
  it.each([
    ['Method: lazy-consensus', ['Method: lazy-consensus'], { kind: 'proposal', method: 'lazy-consensus', block: 1 }],
    ['Method: Lazy Consensus (words)', ['Method: Lazy Consensus', 'Block: 2'], { kind: 'proposal', method: 'lazy-consensus', block: 2 }],
    ['Method: consent-choice with options', ['Method: consent-choice', 'A. Green', 'B. Blue'], { kind: 'choice', method: 'consent-choice', block: null }],
    ['no Method line: the kind says (no method recorded in the spec)', ['Kind: proposal'], { kind: 'proposal', method: undefined }],
  ])('%s', (_name, lines, expected) => {
    const r = open(lines);
    expect(r.ok && { kind: r.spec.kind, method: r.spec.method, block: r.spec.block }).toMatchObject(expected);
  });

  it('an unknown method is answered with the known ones', () => {
    expect(open(['Method: dice'])).toEqual({ ok: false, errors: ['Method: "dice" is not a decision method I know; the known ones are consent-choice, lazy-consensus, vote-motion, vote-ranked, vote-double-majority.'] });
  });

  it('a Kind line that contradicts the Method line is an error', () => {
    expect(open(['Kind: choice', 'Method: lazy-consensus'])).toEqual({
      ok: false,
      errors: ['Kind: choice does not go with Method: lazy-consensus (a proposal); keep one of the two lines.'],
    });
  });

  it('a method of the table reads its own key lines; the built-in methods do not take them', () => {
    const methods = new Map<string, DecisionMethod>([...DECISION_METHODS, ['tiny', tiny]]);
    const r = open(['Method: tiny', 'Yes needed: 3'], methods);
    expect(r.ok && [r.spec.kind, r.spec.method, r.spec.block, r.spec.description]).toEqual(['tiny', 'tiny', 3, 'Why.']);
    // Without the method in the table its key line is prose: it starts the description.
    const plain = parseOpenRequest({ subject: 'Q', body: 'Kind: proposal\nDeadline: 2026-04-01 18:00 UTC\nList: icc\nYes needed: 3' }, NOW);
    expect(plain.ok && plain.spec.description).toBe('Yes needed: 3');
  });
});
