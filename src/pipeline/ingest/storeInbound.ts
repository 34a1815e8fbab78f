import { createHash } from 'node:crypto';
import type { Sql, Tx } from '../../shared/db/database.ts';
import { headerBagFromRaw } from '../../shared/rules/headers.ts';
import { COPY_ABOVE_BYTES, insertLargeByCopy } from './copyLargeRaw.ts';
import { planBatch, resultsOf, type BatchPlan, type PreparedInbound, type StoredInbound } from './inboundBatch.ts';

export interface InboundEnvelope {
  raw: Buffer;
  envelopeFrom: string;
  recipients: string[];
  clientAddress?: string;
  helo?: string;
}

export type { StoredInbound };

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

/**
 * The duplicate key: the Message-ID, the envelope sender and a digest of the
 * bytes, digested together. A retry (the same bytes from the same sender) is
 * stored once; a different message that reuses a Message-ID (any list member
 * learns them from list copies) is a new message, never a "duplicate" of the
 * first one. Without a Message-ID, a digest of the bytes alone.
 * sql/071_duplicate_key.sql computes the same key for rows stored before.
 */
export function messageKeyOf(headerMessageId: string | null, raw: Buffer, envelopeFrom = ''): string {
  if (!headerMessageId) return `sha256:${sha256(raw).toString('hex')}`;
  const nul = Buffer.alloc(1);
  const parts = [Buffer.from(headerMessageId), nul, Buffer.from(envelopeFrom.toLowerCase()), nul, sha256(raw)];
  return `mid-from-body:${sha256(Buffer.concat(parts)).toString('hex')}`;
}

/** The duplicate key and normalised recipients of a received message (its header block is read, not the body). */
export function prepareInbound(envelope: InboundEnvelope): PreparedInbound {
  const headerMessageId = headerBagFromRaw(envelope.raw).get('message-id')?.trim() || null;
  return {
    messageKey: messageKeyOf(headerMessageId, envelope.raw, envelope.envelopeFrom),
    headerMessageId,
    envelopeFrom: envelope.envelopeFrom,
    recipients: [...new Set(envelope.recipients.map((r) => r.toLowerCase()))],
    clientAddress: envelope.clientAddress ?? null,
    helo: envelope.helo ?? null,
    raw: envelope.raw,
  };
}

/**
 * Commits a received message and one delivery per recipient atomically.
 * The same message to the same recipient is stored once, so a client
 * retrying DATA after a lost 250 does not make a second vote.
 */
export async function storeInbound(sql: Sql, envelope: InboundEnvelope): Promise<StoredInbound> {
  const [stored] = await storeInboundBatch(sql, [prepareInbound(envelope)]);
  return stored!;
}

/**
 * Commits several messages and their deliveries in one statement (one round
 * trip and one commit: the group commit of concurrent SMTP sessions). Insert
 * or find each message ("do update", a no-op, returns the row either way),
 * then its deliveries; a recipient already stored is skipped. A batch with a
 * large message copies its bytes first, in the same transaction.
 */
export async function storeInboundBatch(sql: Sql, items: readonly PreparedInbound[]): Promise<StoredInbound[]> {
  if (items.length === 0) return [];
  const plan = planBatch(items);
  const large = plan.messages.filter((m) => m.raw.length > COPY_ABOVE_BYTES);
  if (large.length === 0) return insertBatch(sql, items, plan);
  return sql.begin(async (tx) => {
    await insertLargeByCopy(tx, large);
    return insertBatch(tx, items, plan);
  });
}

/** No bytes: a large message's row is already in (insertLargeByCopy), and its conflict keeps them. */
const ALREADY_COPIED = Buffer.alloc(0);

async function insertBatch(sql: Sql | Tx, items: readonly PreparedInbound[], plan: BatchPlan): Promise<StoredInbound[]> {
  const rows = plan.messages.map((m) => ({
    message_key: m.messageKey,
    message_id: m.headerMessageId,
    envelope_from: m.envelopeFrom,
    client_address: m.clientAddress,
    helo: m.helo,
    size: m.raw.length,
    raw: m.raw.length > COPY_ABOVE_BYTES ? ALREADY_COPIED : m.raw,
  }));
  const [result] = await sql`
    with message as (
      insert into inbound_messages ${sql(rows, 'message_key', 'message_id', 'envelope_from', 'client_address', 'helo', 'size', 'raw')}
      on conflict (message_key) do update set message_key = excluded.message_key
      returning id, message_key
    ), delivery as (
      insert into inbound_deliveries (message_id, recipient)
      select message.id, pair.recipient
      from unnest(${plan.deliveries.map((d) => d.messageKey)}::text[], ${plan.deliveries.map((d) => d.recipient)}::text[])
             with ordinality as pair(message_key, recipient, n)
      join message using (message_key)
      order by pair.n
      on conflict (message_id, recipient) do nothing
      returning id, message_id, recipient
    )
    select (select json_agg(json_build_object('id', id, 'key', message_key)) from message) as messages,
           coalesce((select json_agg(json_build_object('id', d.id, 'key', m.message_key, 'recipient', d.recipient))
                     from delivery d join message m on m.id = d.message_id), '[]') as deliveries`;
  return resultsOf(items, {
    messages: (result!.messages as { id: number; key: string }[]).map((m) => ({ id: Number(m.id), messageKey: m.key })),
    newDeliveries: (result!.deliveries as { id: number; key: string; recipient: string }[]).map((d) => ({
      id: Number(d.id),
      messageKey: d.key,
      recipient: d.recipient,
    })),
  });
}
