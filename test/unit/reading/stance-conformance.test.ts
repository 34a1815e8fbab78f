import { describe, expect, it } from 'vitest';
import { answersOf, caseName, pairwiseSample } from '../../helpers/conformance/generate.ts';
import { misreadCase, misreading } from '../../helpers/conformance/check.ts';

// The whole generated set (tens of thousands of replies) runs in `npm run eval`; here a pairwise sample.
describe('conformance: plain answers read the same however they are wrapped, placed and sent', () => {
  it('reads every bare answer of the table as the table says', () => {
    const wrong = answersOf().map((a) => [a, misreading(a, a.text)] as const).filter(([, why]) => why).map(([a, why]) => `${a.id} ${JSON.stringify(a.text)}: ${why}`);
    expect(wrong).toEqual([]);
  });

  it('reads a pairwise sample of the wrapped replies (at most 5,000, fixed seed) as their bare answers', async () => {
    const sample = pairwiseSample();
    expect(sample.length).toBeLessThanOrEqual(5000);
    const wrong: string[] = [];
    for (const c of sample) {
      const why = await misreadCase(c);
      if (why) wrong.push(`${caseName(c)}: ${why}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
