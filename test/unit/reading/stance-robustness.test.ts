import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../helpers/inEnglish.ts';
import { htmlToPlainText, newTextOfBody } from '../../../src/reading/newText/replyText.ts';
import { readChoiceStance, readProposalStance } from '../../../src/reading/stance.ts';
import { locateAnswer } from '../../../src/reading/stance/locate.ts';
import { MAX_READ_CHARS } from '../../../src/reading/stance/text.ts';

/**
 * Every reader must do work linear in its input, whatever a sender puts in a
 * reply: long runs of spaces, line ends, ">" quote marks, separators, letters.
 * Measured as ratios between sizes (10× more input may cost about 10× more,
 * far from the 100× of a quadratic reader), never against a wall clock.
 */
const OPTIONS = [
  { letter: 'A', text: 'Lisbon' },
  { letter: 'B', text: 'Montreal' },
  { letter: 'C', text: 'Nairobi' },
  { letter: 'D', text: 'Online only' },
];

type Reader = (text: string) => unknown;
const readers: Record<string, Reader> = {
  'reply trimmer': newTextOfBody,
  'HTML to text': (text) => htmlToPlainText(`<div>${text}</div><pre>${text}</pre>`),
  'choice reader': (text) => readChoiceStance(text, OPTIONS),
  'proposal reader': (text) => readProposalStance(text),
};

// Inputs that made regular expressions backtrack, or loops rescan, before.
const adversarial: Record<string, (n: number) => string> = {
  'spaces before a word': (n) => `${' '.repeat(n)}x\n> quoted`,
  'spaces and tabs after a word': (n) => `B${' \t'.repeat(n / 2)}x`,
  'line ends': (n) => `B${'\n'.repeat(n)}x`,
  'quote marks': (n) => `${'>'.repeat(n)} x`,
  'separators': (n) => `${'- '.repeat(n / 2)}x`,
  'a long ranking': (n) => `${'B > A > '.repeat(n / 8)}C`,
  'rejections in one sentence': (n) => 'not A, '.repeat(n / 7),
  'lead words before agree': (n) => `${'I '.repeat(n / 2)}agree`,
  'one letter per line': (n) => 'A\nB\n'.repeat(n / 4),
  'signature lines': (n) => `B\n${'Sent from my iPhone\n'.repeat(n / 20)}> q`,
  'attribution lines': (n) => `${'On 1 Jan 2024 at 10:00, Bob <b@x.org> wrote:\n'.repeat(n / 46)}x`,
};

/**
 * Time of one call: calls are repeated until a batch takes 10 ms (so small
 * inputs are not lost in timer noise), and the best of three batches counts.
 */
function cost(read: Reader, text: string): number {
  read(text);
  let best = Infinity;
  for (let batch = 0; batch < 3; batch++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < 10e6) {
      read(text);
      calls++;
      elapsed = Number(process.hrtime.bigint() - start);
    }
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/** How much more 10× the input costs, measured twice: noise on a shared machine inflates one, not both. */
function growth(read: Reader, make: (n: number) => string, n: number): number {
  const once = () => cost(read, make(n * 10)) / Math.max(cost(read, make(n)), 1);
  return Math.min(once(), once());
}

describe('readers run in linear time on adversarial input', () => {
  // The stance readers cap their input at MAX_READ_CHARS; 100× stays under it.
  const base = Math.floor(MAX_READ_CHARS / 100) - 10;
  for (const [readerName, read] of Object.entries(readers)) {
    for (const [inputName, make] of Object.entries(adversarial)) {
      // The HTML converter is a library; our part of it is the line-end trim.
      if (readerName === 'HTML to text' && !/spaces|line ends/.test(inputName)) continue;
      it(`${readerName}: ${inputName}`, () => {
        // Linear: about 10× per step; quadratic: 100×. The bound leaves room for timer noise and the JIT.
        expect(growth(read, make, base * 10)).toBeLessThan(35);
        expect(growth(read, make, base)).toBeLessThan(35);
      });
    }
  }

  it('a 1.6 MB ranking is unreadable with a reason, not a RangeError', () => {
    const reading = readChoiceStance(`${'B > A > '.repeat(200_000)}C`, OPTIONS);
    expect(reading.stance).toEqual({ unreadable: true });
    expect(inEnglish(reading.doubt)).toMatch(/too long/);
  });

  it('a reply longer than the cap is unreadable for proposals too', () => {
    const reading = readProposalStance(`agree ${'x'.repeat(MAX_READ_CHARS)}`);
    expect(reading.stance).toBe('unreadable');
    expect(inEnglish(reading.doubt)).toMatch(/too long/);
  });
});

const replyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'a', ' ', '\n', '>', '> ', ',', '.', '?', 'not', 'and', 'or', 'fine',
    'Lisbon', 'online', 'agree', 'object', 'abstain', 'no', '+1', '-1', 'Regards,', 'Hi all,', 'actually', '1.', '[x]'),
  { maxLength: 60 }).map((parts) => parts.join(' ')),
);

describe('properties of the stance readers', () => {
  test.prop([replyText])('a choice reading is well formed and never throws', (text) => {
    const { stance, comment } = readChoiceStance(text, OPTIONS);
    expect(comment.length).toBeLessThanOrEqual(text.length + 200);
    if (stance.unreadable) {
      expect(stance.first).toBeUndefined();
      return;
    }
    const letters = ['A', 'B', 'C', 'D'];
    for (const l of [...(stance.ranking ?? []), ...(stance.accept ?? []), ...(stance.reject ?? [])]) expect(letters).toContain(l);
    if (stance.first) expect(stance.reject ?? []).not.toContain(stance.first);
    if (stance.ranking) expect(stance.ranking[0]).toBe(stance.first);
  });

  test.prop([replyText])('a proposal reading is one of the four stances, a reason only for objections', (text) => {
    const reading = readProposalStance(text);
    expect(['agree', 'object', 'abstain', 'unreadable']).toContain(reading.stance);
    if (reading.reason !== undefined) expect(reading.stance).toBe('object');
    expect(reading.comment.length).toBeLessThanOrEqual(text.length + 200);
  });

  test.prop([replyText])('reading is deterministic and locating is idempotent', (text) => {
    expect(readChoiceStance(text, OPTIONS)).toEqual(readChoiceStance(text, OPTIONS));
    const once = locateAnswer(text).text;
    expect(locateAnswer(once).text).toBe(once);
  });

  test.prop([fc.string({ maxLength: 300 })])('the trimmer never grows a reply and is idempotent on its output', (text) => {
    const once = newTextOfBody(text);
    expect(once.length).toBeLessThanOrEqual(text.length);
    expect(newTextOfBody(once)).toBe(once);
  });
});
