import type { Queryable } from '../../../shared/db/database.ts';
import type { Phrase } from '../../../shared/rules/phrase.ts';
import type { Consultation } from '../consultation.ts';
import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { replyTakesEffect } from '../../proxies/rules/ballotPrecedence.ts';
import { readableOptions } from '../defaultOption.ts';

export type RecordedReply =
  | {
      state: 'recorded';
      readable: boolean;
      stance: Record<string, unknown>;
      comment: string;
      /** A later reply of this member was already recorded and still counts. */
      superseded: boolean;
      /** For an unreadable reply: the readable one that still counts, if any. */
      standing: Record<string, unknown> | null;
      /** For an unreadable reply: why it was not read as a vote, when the reader can say (said in the member's language). */
      doubt?: Phrase;
    }
  | { state: 'late'; stance: Record<string, unknown>; comment: string }
  | { state: 'duplicate' };

/**
 * Reads the stance of a reply's new text with the consultation's decision
 * method (a choice stance, { stance, reason } for a proposal). An option is
 * named by its title in any language the question was given in.
 */
export function readStance(
  c: Pick<Consultation, 'kind' | 'method' | 'options' | 'block_threshold'> & Partial<Pick<Consultation, 'versions'>>,
  text: string,
  methods: ReadonlyMap<string, DecisionMethod>,
) {
  return methodOf(c, methods).read(text, { ...settingsOf(c), options: readableOptions(c.options, c.versions) });
}

/**
 * Records one reply of an electorate member. The caller holds a share lock
 * on the consultation row, so the close cannot run in between: a reply is
 * either counted before the close or answered as late after it.
 *
 * Which reply counts: the latest readable one received before the deadline.
 * An unreadable reply is kept as a comment but does not undo a readable
 * answer given earlier (a "thanks!" after voting must not erase the vote);
 * when a member has only unreadable replies, the latest of them is shown.
 * "Latest" is by the time Tacit received the mail, so replies routed out of
 * order still end with the right one counting. A ballot a proxy cast
 * (`castBy`) never counts over the member's own (proxies/rules/ballotPrecedence.ts).
 */
export async function recordReply(
  tx: Queryable,
  c: Consultation,
  input: ReplyInput,
  methods: ReadonlyMap<string, DecisionMethod>,
): Promise<RecordedReply> {
  const [recorded] = await recordReplies(tx, [{ c, ...input }], methods);
  return recorded!;
}

/** What recordReply records: whose reply, its new text, the stored message it came in, and a proxy's name when one cast it. */
export interface ReplyInput {
  memberId: number;
  text: string;
  inboundMessageId: number;
  receivedAt: Date;
  castBy?: { memberId: number; code: string };
}

/**
 * Records several replies as recordReply one after the other would, in four
 * statements whatever their number: the replies inserted in one, the
 * members' electorate rows locked (in key order, so overlapping batches
 * cannot deadlock) and their current answers read in the same round trip,
 * and the answers that now count set in one. No two of `replies` may be of
 * the same member in the same consultation (each would read the other's
 * effect); the caller records such a pair in separate calls.
 */
export async function recordReplies(
  tx: Queryable,
  replies: readonly (ReplyInput & { c: Consultation })[],
  methods: ReadonlyMap<string, DecisionMethod>,
): Promise<RecordedReply[]> {
  if (replies.length === 0) return [];
  const pairKey = (consultationId: number, memberId: number) => `${consultationId}:${memberId}`;
  const readings = replies.map(({ c, text }) => readStance(c, text, methods));
  const late = replies.map(({ c, receivedAt }) => c.status !== 'open' || receivedAt.getTime() > c.deadline.getTime());
  if (new Set(replies.map((r) => pairKey(r.c.id, r.memberId))).size < replies.length) {
    throw new Error('recordReplies: two replies of one member to one consultation in one call');
  }
  // Booleans go as text ('true', 'false'): postgres.js sends an array of booleans as one boolean, and strings in a boolean[] as false.
  const column = <T>(pick: (r: ReplyInput & { c: Consultation }, i: number) => T) => replies.map(pick);
  const insert = tx`
    insert into consultation_replies (consultation_id, member_id, inbound_message_id, stance, readable, comment, late, received_at, cast_by_proxy, proxy_code)
    select consultation_id, member_id, inbound_message_id, stance::jsonb, readable::boolean, comment, late::boolean, received_at, cast_by_proxy, proxy_code
    from unnest(${column((r) => r.c.id)}::bigint[], ${column((r) => r.memberId)}::bigint[], ${column((r) => r.inboundMessageId)}::bigint[],
                ${column((_, i) => JSON.stringify(readings[i]!.stance))}::text[], ${column((_, i) => String(readings[i]!.readable))}::text[],
                ${column((_, i) => readings[i]!.comment)}::text[], ${column((_, i) => String(late[i]!))}::text[],
                ${column((r) => r.receivedAt.toISOString())}::timestamptz[], ${column((r) => r.castBy?.memberId ?? null) as number[]}::bigint[],
                ${column((r) => r.castBy?.code ?? null) as string[]}::text[])
      with ordinality as v(consultation_id, member_id, inbound_message_id, stance, readable, comment, late, received_at, cast_by_proxy, proxy_code, position)
    order by position
    on conflict (consultation_id, inbound_message_id, member_id) do nothing
    returning id, consultation_id, member_id`;
  // Lock the members' rows, then read their current answers in a fresh statement (it sees concurrent commits).
  // The three statements run in this order, sent together: one round trip for the batch.
  const onTime = replies.filter((_, i) => !late[i]);
  const keys = [...new Map(onTime.map((r) => [pairKey(r.c.id, r.memberId), r])).values()]
    .sort((a, b) => a.c.id - b.c.id || a.memberId - b.memberId);
  const consultationIds = keys.map((r) => r.c.id);
  const memberIds = keys.map((r) => r.memberId);
  const [inserted, , current] = await Promise.all([
    insert,
    keys.length === 0
      ? []
      : tx`
        select 1 from consultation_electorate
        where (consultation_id, member_id) in (select * from unnest(${consultationIds}::bigint[], ${memberIds}::bigint[]))
        order by consultation_id, member_id
        for update`,
    keys.length === 0
      ? []
      : tx`
        select e.consultation_id, e.member_id, r.id, r.readable, r.received_at, r.stance, r.cast_by_proxy from consultation_electorate e
        join consultation_replies r on r.id = e.latest_reply_id
        where (e.consultation_id, e.member_id) in (select * from unnest(${consultationIds}::bigint[], ${memberIds}::bigint[]))`,
  ]);
  const insertedId = new Map(inserted.map((row) => [pairKey(row.consultation_id as number, row.member_id as number), row.id as number]));
  const currentOf = new Map(current.map((row) => [pairKey(row.consultation_id as number, row.member_id as number), row]));

  const counting: { consultationId: number; memberId: number; replyId: number }[] = [];
  const recorded = replies.map((input, i): RecordedReply => {
    const key = pairKey(input.c.id, input.memberId);
    const id = insertedId.get(key);
    const reading = readings[i]!;
    if (id === undefined) return { state: 'duplicate' };
    if (late[i]) return { state: 'late', stance: reading.stance, comment: reading.comment };
    const now = currentOf.get(key);
    const takesEffect = replyTakesEffect(
      now ? { readable: now.readable as boolean, receivedAt: now.received_at as Date, byProxy: now.cast_by_proxy != null } : null,
      { readable: reading.readable, receivedAt: input.receivedAt, byProxy: input.castBy !== undefined },
    );
    if (takesEffect) counting.push({ consultationId: input.c.id, memberId: input.memberId, replyId: id });
    return {
      state: 'recorded',
      readable: reading.readable,
      stance: reading.stance,
      comment: reading.comment,
      superseded: reading.readable && !takesEffect,
      standing: !reading.readable && now?.readable ? (now.stance as Record<string, unknown>) : null,
      ...(reading.doubt ? { doubt: reading.doubt } : {}),
    };
  });
  if (counting.length) {
    await tx`
      update consultation_electorate e set latest_reply_id = v.reply_id
      from unnest(${counting.map((u) => u.consultationId)}::bigint[], ${counting.map((u) => u.memberId)}::bigint[], ${counting.map((u) => u.replyId)}::bigint[])
        as v(consultation_id, member_id, reply_id)
      where e.consultation_id = v.consultation_id and e.member_id = v.member_id`;
  }
  return recorded;
}
