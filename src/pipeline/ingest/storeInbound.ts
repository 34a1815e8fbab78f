import { createHash } from 'node:crypto';
import type { Sql } from '../../shared/db/database.ts';
import { headerBagFromRaw } from '../../shared/rules/headers.ts';

export interface InboundEnvelope {
  raw: Buffer;
  envelopeFrom: string;
  recipients: string[];
  clientAddress?: string;
  helo?: string;
}

export interface StoredInbound {
  messageId: number;
  /** Deliveries created by this call; empty when every recipient was already stored (a duplicate). */
  newDeliveryIds: number[];
  duplicate: boolean;
}

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

/**
 * Commits a received message and one delivery per recipient atomically, in
 * one statement (one round trip: this is the hot path of every SMTP DATA).
 * The same message to the same recipient is stored once, so a client
 * retrying DATA after a lost 250 does not make a second vote.
 */
export async function storeInbound(sql: Sql, envelope: InboundEnvelope): Promise<StoredInbound> {
  const headerMessageId = headerBagFromRaw(envelope.raw).get('message-id')?.trim() || null;
  const messageKey = messageKeyOf(headerMessageId, envelope.raw, envelope.envelopeFrom);
  const recipients = [...new Set(envelope.recipients.map((r) => r.toLowerCase()))];
  // Insert or find the message ("do update", a no-op, returns the row either
  // way), then its deliveries; a recipient already stored is skipped.
  const [row] = await sql`
    with message as (
      insert into inbound_messages (message_key, message_id, envelope_from, client_address, helo, size, raw)
      values (${messageKey}, ${headerMessageId}, ${envelope.envelopeFrom}, ${envelope.clientAddress ?? null},
              ${envelope.helo ?? null}, ${envelope.raw.length}, ${envelope.raw})
      on conflict (message_key) do update set message_key = excluded.message_key
      returning id
    ), deliveries as (
      insert into inbound_deliveries (message_id, recipient)
      select message.id, recipient from message, unnest(${recipients}::text[]) as recipient
      on conflict (message_id, recipient) do nothing
      returning id
    )
    select (select id from message) as message_id,
           coalesce((select array_agg(id order by id) from deliveries), '{}') as delivery_ids`;
  const newDeliveryIds = (row.delivery_ids as (number | string)[]).map(Number);
  return { messageId: row.message_id as number, newDeliveryIds, duplicate: newDeliveryIds.length === 0 };
}
