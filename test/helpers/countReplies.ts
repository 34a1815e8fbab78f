import { createElectorateCount } from '../../src/decisions/electorateFigures.ts';
import type { DecisionMethod, MethodSettings } from '../../src/decisions/decisionMethod.ts';

/** Reads each reply (text, how many sent it) with the method and counts the ballots, with `silent` members more, as the close does. */
export function countReplies(method: DecisionMethod, settings: MethodSettings, replies: [string, number][], silent = 0, sha256 = 'seed') {
  const electorate = createElectorateCount();
  electorate.addBucket('silent', silent);
  const count = method.createCount(settings);
  for (const [text, n] of replies) {
    const reading = method.read(text, settings);
    const ballot = reading.readable ? method.ballot(reading.stance, settings) : null;
    if (ballot === null) electorate.addUnreadable(n);
    else {
      electorate.addReplied(n);
      count.add(ballot, n);
    }
  }
  return count.result(electorate.figures(false), { sha256 });
}
