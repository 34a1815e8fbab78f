import type { Queryable } from '../../../shared/db/database.ts';
import { bucketExpression } from './buckets.ts';
import type { Consultation } from '../consultation.ts';
import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import { createElectorateCount, matchesPattern, type Bucket } from '../../../decisions/electorateFigures.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { namesVoters, publicResult } from '../../../decisions/voterNames.ts';
import type { TallyResult } from '../rules/tally.ts';
import type { PlacePlan } from '../../../decisions/places/places.ts';
import type { PartOfView, PartVote } from './rollUp.ts';
import { createPartsCount, decideWithParts, type Part } from '../../../decisions/places/partsCount.ts';
import { boundedMemo } from './boundedMemo.ts';

/**
 * The stored outcome: the kind, the electorate figures, the method's result
 * (a choice's options and winner, a proposal's counts, verdict and objections,
 * with the objectors' names only where the list names them), and when it closed.
 */
export type Outcome = OutcomeOfMethod & {
  closedAt?: string;
  /** SHA-256 (hex) of the tally sheet's text, written at the close. */
  tallySha256?: string;
  /** The tally sheet's head states the counting rule (every close since it was added to the sheet). */
  sheetStatesRule?: boolean;
  /** The tally sheet carries stances only, no reasons (every close since issue 21): its digest is that sheet's. */
  sheetStancesOnly?: boolean;
  /** Results per place (issue 22): the public rows and where each elector counts, as the close planned them (the sheet prints them). */
  placePlan?: PlacePlan;
  /** Results per place: each public row's figures and the method's result for it. */
  parts?: Part[];
  /** A part of a parent vote (issue 22 item 3): the parent it rolls up into. */
  partOf?: PartOfView;
  /** A part, once its parent closed: the whole's result (no rows per place). */
  whole?: Outcome;
  /** A parent vote: each closed part's own result. */
  partVotes?: PartVote[];
};

/**
 * Typed as the two first methods' results, which callers (and tests) read by
 * kind; another method's result has its own fields beside the figures and
 * its own kind, and only its method reads them.
 */
type OutcomeOfMethod = TallyResult;

const BATCH = 5000;

/**
 * Counts a consultation with its decision method: Postgres groups the
 * repliers by their ballot (`add(ballot, count)`), so memory holds distinct
 * ballots, not members; ballots the method names voters for (objections)
 * come one voter a row, in member order. With `useStoredBuckets` it reads the
 * buckets the close wrote; otherwise it computes them as the close would now
 * (a provisional tally).
 */
export async function countConsultation(
  db: Queryable,
  c: Consultation,
  useStoredBuckets: boolean,
  methods: ReadonlyMap<string, DecisionMethod>,
): Promise<Outcome> {
  const method = methodOf(c, methods);
  const settings = settingsOf(c);
  const electorate = createElectorateCount();
  const count = method.createCount(settings);
  const bucket = useStoredBuckets ? db`e.bucket` : bucketExpression(db, c.id);
  const from = db`consultation_electorate e left join consultation_replies r on r.id = e.latest_reply_id where e.consultation_id = ${c.id}`;
  // An unreadable reply goes in as 'replied' so the method's ballot() finds no ballot in it (silent, unreadable).
  const counted = db`
    select e.member_id, e.email, case when r.readable is false then 'replied' else ${bucket} end as bucket, r.stance
    from ${from}`;
  const others = await db`select bucket, count(*)::int as n from (${counted}) x where bucket <> 'replied' group by bucket`;
  for (const { bucket: b, n } of others) electorate.addBucket(b as Bucket, n as number);
  // Voters come with their ballots only where they may be named (the list's choice; never in a formal vote).
  const naming = namesVoters(method, c.objections_named === true);
  const named = naming ? db`x.stance @> ${db.json(method.namedBallots as never)}::jsonb` : db`false`;
  // First appearance order keeps named ballots (objections) in member order, as they always were.
  await db`
    select stance, voter, count(*)::int as n from (
      select x.stance, case when ${named} then x.email end as voter, x.member_id
      from (${counted}) x where x.bucket = 'replied') y
    group by stance, voter order by min(member_id)`.cursor(BATCH, (rows) => {
    for (const row of rows) {
      const ballot = row.stance == null ? null : method.ballot(row.stance, settings);
      if (ballot === null) electorate.addUnreadable(row.n as number);
      else {
        electorate.addReplied(row.n as number);
        count.add(ballot, row.n as number, (row.voter as string | null) ?? undefined);
      }
    }
  });
  return nameVoters(db, method, { kind: method.kind, ...count.result(electorate.figures(!useStoredBuckets)) } as Outcome, naming);
}

/** The voters a result quotes (objectors), named from the members table; or, where none may be named, none at all. */
async function nameVoters(db: Queryable, method: DecisionMethod, result: Outcome, naming: boolean): Promise<Outcome> {
  if (!naming) return publicResult(method, result, false);
  const emails = method.votersToName?.(result) ?? [];
  if (emails.length === 0 || !method.nameVoters) return result;
  const names = new Map(
    (await db`select email, name from members where email = any(${emails})`).map((r) => [r.email as string, r.name as string]),
  );
  return method.nameVoters(result, names);
}

/** An electorate row as the tally sheet's pass reads it: the stored bucket and the reply that counts. */
export interface CountedRow {
  /** Only where the method may name this row's voter (namesVoters): who holds a named ballot. */
  member_id?: unknown;
  email?: string;
  bucket: string | null;
  readable: boolean | null;
  stance: unknown;
  /** The stance's canonical text where the sheet read it once for many rows: equal keys, equal ballots. */
  stanceKey?: string | null;
  /** The public row the member counts in (results per place), or null. */
  place?: string | null;
}

/** A stance as the count reads it, once per distinct stance: its ballot, the ballot's grouping key, whether its voter is named. */
interface ReadBallot {
  ballot: unknown;
  key: string;
  named: boolean;
}

/**
 * The count of a closed consultation fed row by row in any order (the close
 * feeds it from the tally sheet's pass, in code order, instead of reading the
 * electorate a second time). Equal ballots are grouped as they pass (one map
 * update a row) and reach the method once each, with their number, in the
 * order they first came, as countConsultation's GROUP BY gives them; a stance
 * is read once however many members sent it. A ballot the method names its
 * voter for (an objection) is held and added in member order at the end, so
 * they come in the order countConsultation gives them.
 */
export function createOutcomeCount(c: Consultation, methods: ReadonlyMap<string, DecisionMethod>, placePlan: PlacePlan | null = null) {
  const method = methodOf(c, methods);
  const settings = settingsOf(c);
  const electorate = createElectorateCount();
  const count = method.createCount(settings);
  // Results per place: each public row counted with the same method, beside the total.
  const parts = placePlan ? createPartsCount(method, settings, placePlan.places) : null;
  const grouped = new Map<string, { ballot: unknown; count: number }>();
  const naming = namesVoters(method, c.objections_named === true);
  const held: { memberId: number; email: string; ballot: unknown }[] = [];
  const readStance = (stance: unknown): ReadBallot | null => {
    const ballot = stance == null ? null : method.ballot(stance, settings);
    return ballot === null ? null : { ballot, key: JSON.stringify(ballot), named: naming && matchesPattern(ballot, method.namedBallots) };
  };
  const readKeyed = boundedMemo<ReadBallot | null>();
  return {
    add(row: CountedRow): void {
      // An unreadable reply goes in as 'replied', where ballot() finds none: silent, and counted as unreadable.
      const bucket = (row.readable === false ? 'replied' : row.bucket) as Bucket;
      const place = row.place ?? null;
      if (bucket !== 'replied') {
        parts?.add(place, { bucket });
        return electorate.addBucket(bucket, 1);
      }
      // Rows with the same stance key carry the same stance: it is read once.
      const ballot = row.stanceKey == null ? readStance(row.stance) : readKeyed(row.stanceKey, () => readStance(row.stance));
      if (ballot === null) {
        parts?.add(place, { unreadable: true });
        return electorate.addUnreadable(1);
      }
      electorate.addReplied(1);
      parts?.add(place, { ballot: ballot.ballot, key: ballot.key });
      if (ballot.named) {
        held.push({ memberId: Number(row.member_id), email: row.email!, ballot: ballot.ballot });
        return;
      }
      const group = grouped.get(ballot.key);
      if (group) group.count += 1;
      else grouped.set(ballot.key, { ballot: ballot.ballot, count: 1 });
    },
    /** `sheet`: the tally sheet's digest, the seed of any lot the count draws (a recount of the sheet draws the same). */
    result(db: Queryable, sheet?: { sha256: string }): Promise<Outcome> {
      for (const { ballot, count: n } of grouped.values()) count.add(ballot, n);
      held.sort((a, b) => a.memberId - b.memberId);
      for (const h of held) count.add(h.ballot, 1, h.email);
      const total = count.result(electorate.figures(false), sheet);
      if (!parts || !placePlan) return nameVoters(db, method, { kind: method.kind, ...total } as Outcome, naming);
      const counted = parts.result(sheet);
      // A double majority decides with its places; any other method's total stands as counted.
      const decided = decideWithParts(method, total, counted, settings);
      return nameVoters(db, method, { kind: method.kind, ...decided, placePlan, parts: counted } as Outcome, naming);
    },
  };
}
