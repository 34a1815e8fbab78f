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
  input: { memberId: number; text: string; inboundMessageId: number; receivedAt: Date; castBy?: { memberId: number; code: string } },
  methods: ReadonlyMap<string, DecisionMethod>,
): Promise<RecordedReply> {
  const reading = readStance(c, input.text, methods);
  const late = c.status !== 'open' || input.receivedAt.getTime() > c.deadline.getTime();
  const insert = tx`
    insert into consultation_replies (consultation_id, member_id, inbound_message_id, stance, readable, comment, late, received_at, cast_by_proxy, proxy_code)
    values (${c.id}, ${input.memberId}, ${input.inboundMessageId}, ${tx.json(reading.stance as never)}, ${reading.readable},
            ${reading.comment}, ${late}, ${input.receivedAt}, ${input.castBy?.memberId ?? null}, ${input.castBy?.code ?? null})
    on conflict (consultation_id, inbound_message_id, member_id) do nothing
    returning id`;
  if (late) {
    const [inserted] = await insert;
    return inserted ? { state: 'late', stance: reading.stance, comment: reading.comment } : { state: 'duplicate' };
  }
  // Lock the member's row, then read the current answer in a fresh statement (it sees concurrent commits).
  // The three statements run in this order, sent together: one round trip a reply instead of three.
  const [[inserted], , [current]] = await Promise.all([
    insert,
    tx`select 1 from consultation_electorate where consultation_id = ${c.id} and member_id = ${input.memberId} for update`,
    tx`
      select r.id, r.readable, r.received_at, r.stance, r.cast_by_proxy from consultation_electorate e
      join consultation_replies r on r.id = e.latest_reply_id
      where e.consultation_id = ${c.id} and e.member_id = ${input.memberId}`,
  ]);
  if (!inserted) return { state: 'duplicate' };

  const takesEffect = replyTakesEffect(
    current ? { readable: current.readable as boolean, receivedAt: current.received_at as Date, byProxy: current.cast_by_proxy != null } : null,
    { readable: reading.readable, receivedAt: input.receivedAt, byProxy: input.castBy !== undefined },
  );
  if (takesEffect) {
    await tx`
      update consultation_electorate set latest_reply_id = ${inserted.id}
      where consultation_id = ${c.id} and member_id = ${input.memberId}`;
  }
  return {
    state: 'recorded',
    readable: reading.readable,
    stance: reading.stance,
    comment: reading.comment,
    superseded: reading.readable && !takesEffect,
    standing: !reading.readable && current?.readable ? (current.stance as Record<string, unknown>) : null,
    ...(reading.doubt ? { doubt: reading.doubt } : {}),
  };
}
