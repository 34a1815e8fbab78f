import { createHash } from 'node:crypto';
import type { Queryable } from '../../../shared/db/database.ts';
import { loadConsultation } from '../consultation.ts';
import type { CountedRow } from './outcome.ts';
import { displayId } from '../ids.ts';
import { recordedBallot, sheetHeader, sheetLine, withProxyMark } from '../rules/tallySheetText.ts';
import type { Bucket } from '../../../decisions/electorateFigures.ts';
import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { namesVoters } from '../../../decisions/voterNames.ts';
import type { Outcome } from './outcome.ts';
import { cellKey, type PlacePlan } from '../../../decisions/places/places.ts';
import { boundedMemo } from './boundedMemo.ts';

/**
 * The tally sheet of a closed consultation: every electorate member's ballot
 * code with what was recorded for them, in code order (rules/tallySheetText.ts
 * has the text form). The close stores its SHA-256 in the outcome; anyone
 * holding the sheet can check it against the outcome mail.
 */
export interface TallySheet {
  consultationId: string;
  lines: { code: string; recorded: string }[];
  text: string;
  sha256: string;
}

// Lines hashed at once: one hash update per few hundred KiB, not one per line.
const BATCH = 5000;

/**
 * Writes the ballot codes not stored yet (an electorate frozen before codes
 * were written at the freeze), with the SQL function the freeze uses.
 */
export async function ensureBallotCodes(db: Queryable, secret: string, consultationId: number): Promise<number> {
  const done = await db`
    update consultation_electorate set ballot_code = tacit_ballot_code(${secret}, consultation_id, member_id)
    where consultation_id = ${consultationId} and ballot_code is null`;
  return done.count;
}

/**
 * Streams the sheet of a closed consultation, row by row as Postgres sends
 * them, to `onText` (which may be omitted), hashing as it goes: memory stays
 * flat whatever the electorate. `onMember` sees each electorate row as well (the
 * close counts from this pass), with the public row it counts in. Null when
 * the consultation is not closed. `placePlan`: the rows of its results per
 * place (the close's); by default those its stored outcome keeps.
 */
export async function streamTallySheet(
  db: Queryable,
  consultationId: number,
  methods: ReadonlyMap<string, DecisionMethod>,
  onText?: (text: string, line?: { code: string; recorded: string }) => void,
  onMember?: (row: CountedRow) => void,
  placePlan?: PlacePlan | null,
): Promise<{ sha256: string; members: number } | null> {
  const c = await loadConsultation(db, consultationId);
  if (!c || c.status !== 'closed') return null;
  const method = methodOf(c, methods);
  const settings = settingsOf(c);
  // Lines the outcome names the voter of (objections where the list names objectors) are marked as such.
  const votersNamed = namesVoters(method, c.objections_named === true);
  const [{ n }] = await db`select count(*)::int as n from consultation_electorate where consultation_id = ${consultationId}`;
  const hash = createHash('sha256');
  const emit = (text: string, line?: { code: string; recorded: string }) => {
    hash.update(text, 'utf8');
    onText?.(text, line);
  };
  // The close writes the sheet before it stores the outcome: a sheet being closed states its rule; a stored
  // outcome says whether its sheet did (those closed before the rule was written keep their SHA-256).
  const withRule = !c.outcome || (c.outcome as Outcome).sheetStatesRule === true;
  // Results per place: the close gives the rows it is counting; a closed consultation's are in its outcome.
  const plan = placePlan === undefined ? ((c.outcome as Outcome | null)?.placePlan ?? null) : placePlan;
  const head = { id: displayId(c.id), kind: c.kind, letters: [], electorate: n as number, method: method.sheetHead(settings, n as number, withRule) };
  emit(sheetHeader(plan ? { ...head, places: plan.places } : head));
  // What a replier's line records depends on their stance alone: read once per distinct stance (Postgres's
  // canonical jsonb text is the key), not once per member. The count groups its ballots by the same key.
  const stances = boundedMemo<{ stance: unknown; recorded: string }>();
  const replied = (text: string) =>
    stances(text, () => {
      const stance = JSON.parse(text) as unknown;
      return { stance, recorded: recordedBallot(method, settings, { bucket: 'replied', readable: true, stance }, votersNamed) };
    });
  // Rows stream as Postgres sends them (no cursor: no round trip per batch, and Postgres writes the next rows
  // while these are read); the socket holds back what is not read yet, so memory stays flat.
  let text = '';
  let pending = 0;
  let missingCode = false;
  const flush = () => {
    hash.update(text, 'utf8');
    text = '';
    pending = 0;
  };
  // Only the columns the lines need: who a member is only where the count may name voters, places only with places.
  const who = onMember && votersNamed ? db`, e.member_id, e.email` : db``;
  const where = plan ? db`, e.branch_id, e.chapter_id` : db``;
  await db`
    select e.ballot_code, e.bucket, r.readable, r.stance::text as stance, r.proxy_code ${who} ${where}
    from consultation_electorate e
    left join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${consultationId}
    order by e.ballot_code collate "C", e.member_id`.forEach((row) => {
    // Thrown after the rows: an exception here would not stop the rows already on their way.
    if (missingCode || !row.ballot_code) return void (missingCode = true);
    const bucket = row.bucket as Bucket;
    const readable = (row.readable as boolean | null) ?? null;
    const stanceText = row.stance as string | null;
    // recordedBallot reads the stance only for a counted reply; every other line is its bucket or `unreadable`.
    const known = stanceText !== null && bucket === 'replied' && readable !== false ? replied(stanceText) : null;
    const sheetRow = { bucket, readable, stance: known ? known.stance : stanceText === null ? null : JSON.parse(stanceText) };
    // A ballot a proxy cast carries the proxy's ballot code (issue 22).
    const recorded = withProxyMark(known ? known.recorded : recordedBallot(method, settings, sheetRow, votersNamed), sheetRow, row.proxy_code as string | null);
    const code = row.ballot_code as string;
    const place = plan ? (plan.placeOf[cellKey(row.branch_id as number | null, row.chapter_id as number | null)] ?? null) : null;
    const line = sheetLine(code, recorded, place);
    text += line;
    onText?.(line, { code, recorded });
    onMember?.({ member_id: row.member_id, email: row.email as string, bucket, readable, stance: sheetRow.stance, stanceKey: known ? stanceText : null, place });
    // The digest of the concatenation is the digest of the lines in turn.
    if (++pending === BATCH) flush();
  });
  if (missingCode) throw new Error(`${displayId(c.id)} has members without a ballot code; run ensureBallotCodes first`);
  flush();
  return { sha256: hash.digest('hex'), members: n as number };
}

/** The whole sheet in memory (an attachment, a web page); use streamTallySheet to print or hash a big one. */
export async function loadTallySheet(db: Queryable, consultationId: number, methods: ReadonlyMap<string, DecisionMethod>): Promise<TallySheet | null> {
  const lines: TallySheet['lines'] = [];
  const parts: string[] = [];
  const done = await streamTallySheet(db, consultationId, methods, (text, line) => {
    parts.push(text);
    if (line) lines.push(line);
  });
  if (!done) return null;
  return { consultationId: displayId(consultationId), lines, text: parts.join(''), sha256: done.sha256 };
}
