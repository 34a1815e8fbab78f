import { newTextOfMessage } from '../src/reading/newText/replyText.ts';
import { readChoiceStance, readProposalStance } from '../src/reading/stance.ts';
import { VOTE_CORPORA, loadVoteCorpus } from '../test/helpers/vote-corpus.ts';

/**
 * Reading: the stance readers alone (both readings: grammar and scorer) over
 * the replies of the vote-replies corpora, already trimmed, `rounds` times;
 * and over one reply made longer and longer (a paragraph of discussion
 * repeated, the answer after it), to show the work per character stays flat:
 * linear in the reply's length.
 */
export async function benchReading(rounds: number) {
  const replies: Array<() => unknown> = [];
  for (const corpus of VOTE_CORPORA) {
    for (const c of loadVoteCorpus(corpus)) {
      const text = await newTextOfMessage(c.raw, { sent: corpus.sent[c.expected.consultation] });
      replies.push(c.expected.consultation === 'choice' ? () => readChoiceStance(text, corpus.options) : () => readProposalStance(text));
    }
  }
  const time = (run: () => void) => {
    const started = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const corpusMs = Math.min(...[1, 2, 3].map(() => time(() => {
    for (let r = 0; r < rounds; r++) for (const read of replies) read();
  })));

  const options = VOTE_CORPORA[0]!.options;
  const paragraph = 'We talked this over at the branch meeting, and the travel costs matter to our younger members. ';
  const perKb = (repeats: number) => {
    const text = `${paragraph.repeat(repeats)}\n\nSo: B, not C.`;
    const n = Math.max(1, Math.round(2000 / repeats));
    return time(() => {
      for (let i = 0; i < n; i++) readChoiceStance(text, options);
    }) / n / (text.length / 1024);
  };
  const [short, medium, long] = [perKb(1), perKb(10), perKb(100)];
  return {
    replies: replies.length * rounds,
    'µs per reply': +((corpusMs * 1000) / (replies.length * rounds)).toFixed(1),
    'µs per KB, 0.1 KB': +(short * 1000).toFixed(1),
    'µs per KB, 1 KB': +(medium * 1000).toFixed(1),
    'µs per KB, 10 KB': +(long * 1000).toFixed(1),
    'per KB, 10 KB ÷ 1 KB': +(long / medium).toFixed(2),
  };
}
