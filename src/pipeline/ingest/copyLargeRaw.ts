import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Tx } from '../../shared/db/database.ts';
import type { PreparedInbound } from './inboundBatch.ts';

/**
 * Past this size a message's bytes go to Postgres by COPY. As a statement
 * parameter a bytea is hex-encoded whole, and postgres.js grows its message
 * buffer around that text by copies: a 24 MB message took about 300 MB at
 * once to commit. By COPY the hex is written a slice at a time.
 */
export const COPY_ABOVE_BYTES = 1024 * 1024;

/** Bytes hex-encoded per write: 512 KiB of text, whatever the message size. */
const SLICE_BYTES = 256 * 1024;

/** One COPY text-format line: the key, a tab, the bytes as `\\x…` (the backslash doubled, COPY's escape). */
function* copyLine(message: PreparedInbound): Generator<string> {
  yield `${message.messageKey}\t\\\\x`;
  for (let at = 0; at < message.raw.length; at += SLICE_BYTES) {
    yield message.raw.subarray(at, at + SLICE_BYTES).toString('hex');
  }
  yield '\n';
}

/**
 * Inserts the large messages of a batch before its statement runs, in its
 * transaction: their bytes are streamed into a spool that lives until the
 * commit, then moved into inbound_messages by the server. A message already
 * stored (a retry) is left as it is. The batch statement that follows finds
 * these rows through its own "on conflict", so it needs only their keys.
 */
export async function insertLargeByCopy(tx: Tx, large: readonly PreparedInbound[]): Promise<void> {
  await tx`create temporary table inbound_spool (message_key text primary key, raw bytea not null) on commit drop`;
  const writable = await tx`copy inbound_spool (message_key, raw) from stdin`.writable();
  await pipeline(Readable.from((function* () {
    for (const message of large) yield* copyLine(message);
  })()), writable);
  for (const m of large) {
    await tx`
      insert into inbound_messages (message_key, message_id, envelope_from, client_address, helo, size, raw)
      select message_key, ${m.headerMessageId}, ${m.envelopeFrom}, ${m.clientAddress}, ${m.helo}, ${m.raw.length}, raw
      from inbound_spool where message_key = ${m.messageKey}
      on conflict (message_key) do nothing`;
  }
}
