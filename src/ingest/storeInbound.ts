import { createHash } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { headerBagFromRaw } from '../rules/autoReply.ts';

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

/** A Message-ID longer than this is keyed by its digest: a btree index entry is limited to ~2.7 kB. */
const MAX_KEY_LENGTH = 256;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The duplicate key: the Message-ID (or its digest when it is huge), else a digest of the bytes. */
export function messageKeyOf(headerMessageId: string | null, raw: Buffer): string {
  if (!headerMessageId) return `sha256:${sha256(raw)}`;
  return headerMessageId.length > MAX_KEY_LENGTH ? `mid-sha256:${sha256(headerMessageId)}` : headerMessageId;
}

/**
 * Commits a received message and one delivery per recipient in a single
 * transaction. The same Message-ID to the same recipient is stored once, so a
 * client retrying DATA after a lost 250 does not make a second vote.
 */
export async function storeInbound(sql: Sql, envelope: InboundEnvelope): Promise<StoredInbound> {
  const headerMessageId = headerBagFromRaw(envelope.raw).get('message-id')?.trim() || null;
  const messageKey = messageKeyOf(headerMessageId, envelope.raw);
  const recipients = [...new Set(envelope.recipients.map((r) => r.toLowerCase()))];
  return sql.begin(async (tx) => {
    // Insert or find: "do update" (a no-op) makes the row lockable and returned either way.
    const [message] = await tx`
      insert into inbound_messages (message_key, message_id, envelope_from, client_address, helo, size, raw)
      values (${messageKey}, ${headerMessageId}, ${envelope.envelopeFrom}, ${envelope.clientAddress ?? null},
              ${envelope.helo ?? null}, ${envelope.raw.length}, ${envelope.raw})
      on conflict (message_key) do update set message_key = excluded.message_key
      returning id, (xmax = 0) as inserted`;
    const rows = await tx`
      insert into inbound_deliveries ${tx(recipients.map((recipient) => ({ message_id: message.id, recipient })))}
      on conflict (message_id, recipient) do nothing
      returning id`;
    return {
      messageId: message.id as number,
      newDeliveryIds: rows.map((r) => r.id as number),
      duplicate: rows.length === 0,
    };
  }) as Promise<StoredInbound>;
}
