import { describe, expect, it } from 'vitest';
import { newTextOfMessage } from '../../../src/shared/rules/replyText.ts';
import { readChoiceStance, readProposalStance, type ChoiceStance } from '../../../src/domains/consultations/rules/stance.ts';
import { sentText } from '../../../src/domains/consultations/rules/reading/sentText.ts';
import {
  VOTE_CORPUS_OPTIONS, VOTE_CORPUS_QUESTIONS, inventedVote, loadVoteCorpus, matchesInDetail, type CorpusReading,
} from '../../helpers/vote-corpus.ts';

/** The corpus's schema: accept lists only options that are neither first nor ranked. */
function asCorpus(stance: ChoiceStance): CorpusReading {
  if (stance.unreadable) return { unreadable: true };
  const placed = new Set([...(stance.first ? [stance.first] : []), ...(stance.ranking ?? [])]);
  return {
    first: stance.first ?? null,
    accept: (stance.accept ?? []).filter((l) => !placed.has(l)),
    reject: stance.reject ?? [],
    ...(stance.any ? { any: true } : {}),
    ...(stance.ranking && stance.ranking.length > 1 ? { ranking: stance.ranking } : {}),
  };
}

// Known misses, each explained in the README's reading section.
const KNOWN_MISSES: string[] = [];

describe('stance readers on the vote-replies corpus', () => {
  it('reads at least 120 of 130 replies in every detail and counts no unreadable reply as a vote', async () => {
    const missed: string[] = [];
    const invented: string[] = [];
    for (const c of loadVoteCorpus()) {
      // As the reply handler does: with the text Tacit sent, answers typed inside an unquoted original count.
      const kind = c.expected.consultation;
      const text = await newTextOfMessage(c.raw, {
        sent: sentText({ question: VOTE_CORPUS_QUESTIONS[kind], options: kind === 'choice' ? VOTE_CORPUS_OPTIONS : [] }),
      });
      const got: CorpusReading = c.expected.consultation === 'choice'
        ? asCorpus(readChoiceStance(text, VOTE_CORPUS_OPTIONS).stance)
        : (({ stance, reason }) => ({ stance, reason }))(readProposalStance(text));
      if (!matchesInDetail(c.expected, got)) missed.push(c.name.slice(0, 3));
      if (inventedVote(c.expected, got)) invented.push(c.name.slice(0, 3));
    }
    expect(invented).toEqual([]);
    expect(missed).toEqual(KNOWN_MISSES);
  });
});
