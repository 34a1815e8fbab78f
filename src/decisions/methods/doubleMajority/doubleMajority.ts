/**
 * A motion decided by a double majority (issue 22): `Count: double-majority`
 * in a vote's opening. Members vote yes, no or abstain as on any motion
 * (the motion's reading, ballots, receipts and sheet values); the motion is
 * adopted only with yes > no among all votes cast AND yes > no in more than
 * half of the places that cast a vote: the branches of an international
 * vote, the chapters of a branch's own vote. `Branch quorum: N`: a place
 * counts only with at least N ballots. The close counts each place with
 * this method (src/decisions/places/partsCount.ts) and decides here
 * (`combineParts`, counting/doubleMajority.ts), as `tacit count` does on
 * the sheet; the verdict says which majority failed.
 */
import type { Ranking } from '../../counting/ballot.ts';
import { decideDoubleMajority } from '../../counting/doubleMajority.ts';
import type { DecisionMethod } from '../../decisionMethod.ts';
import { voteSettingsOf, type VoteResult } from '../formalVote/voteCount.ts';
import { countLine, foreignHeaders, isDoubleMajority, readBase, readBranchQuorum, readQuorum, type VoteSettings } from '../formalVote/voteSettings.ts';
import { voteMotion } from '../voteMotion/voteMotion.ts';
import { phrase } from '../../../shared/rules/phrase.ts';

const OWN_KEYS = ['count', 'base', 'quorum', 'branch quorum'];

export const doubleMajorityVote: DecisionMethod<Ranking, VoteResult> = {
  ...voteMotion,
  name: 'vote-double-majority',
  headerKeys: { count: 'count', base: 'base', quorum: 'quorum', 'branch quorum': 'branch quorum', 'branch-quorum': 'branch quorum' },
  claimsOpening: (headers) => {
    const count = countLine(headers);
    return !!count && isDoubleMajority(count.value);
  },

  parseOpening(headers) {
    const errors = foreignHeaders(headers, OWN_KEYS, { doubleMajority: true });
    if (headers.options.length > 0) errors.push(phrase('refusals.doubleMajorityOptions'));
    const base = readBase(headers.headers.get('base'), errors);
    if (base === 'electorate') errors.push(phrase('refusals.doubleMajorityBase'));
    const quorum = readQuorum(headers.headers.get('quorum'), errors);
    const branchQuorum = readBranchQuorum(headers.headers.get('branch quorum'), 'double-majority', errors);
    const block: VoteSettings = { count: 'double-majority', base: 'cast', quorum, branchQuorum };
    return errors.length ? { ok: false, errors } : { ok: true, settings: { options: [], block } };
  },

  view: (settings) => ({ ...voteMotion.view(settings), method: 'vote-double-majority' }),

  countsPlaces: () => true,
  combineParts(total, units, settings) {
    const tallies = units.map((u) => ({ place: u.place, level: u.level, yes: u.result.yes as number, no: u.result.no as number, cast: u.cast }));
    return { ...total, ...decideDoubleMajority(total as VoteResult & { verdict: string; yes: number; no: number }, tallies, voteSettingsOf(settings).branchQuorum ?? null, units[0]?.level) };
  },
};
