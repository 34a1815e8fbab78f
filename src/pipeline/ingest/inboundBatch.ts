/**
 * How several received messages become one statement (a group commit), and
 * how its rows are handed back to each message: pure, no I/O.
 */

/** A received message with its duplicate key computed and its recipients normalised. */
export interface PreparedInbound {
  messageKey: string;
  headerMessageId: string | null;
  envelopeFrom: string;
  /** Lower-cased, each once. */
  recipients: string[];
  clientAddress: string | null;
  helo: string | null;
  raw: Buffer;
}

export interface StoredInbound {
  messageId: number;
  /** Deliveries created by this call; empty when every recipient was already stored (a duplicate). */
  newDeliveryIds: number[];
  duplicate: boolean;
}

export interface BatchPlan {
  /** One row per duplicate key (the first message carrying it), sorted by key. */
  messages: PreparedInbound[];
  /** One pair per (key, recipient), sorted: every batch takes its index locks in the same order. */
  deliveries: { messageKey: string; recipient: string }[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The same key twice in one statement would be an error ("on conflict do
 * update" cannot touch a row twice), so a key is inserted once; a retry that
 * lands in the same batch as its first attempt is then its duplicate.
 */
export function planBatch(items: readonly PreparedInbound[]): BatchPlan {
  const messages = new Map<string, PreparedInbound>();
  const pairs = new Map<string, { messageKey: string; recipient: string }>();
  for (const item of items) {
    if (!messages.has(item.messageKey)) messages.set(item.messageKey, item);
    for (const recipient of item.recipients) {
      pairs.set(`${item.messageKey}\0${recipient}`, { messageKey: item.messageKey, recipient });
    }
  }
  return {
    messages: [...messages.values()].sort((a, b) => byText(a.messageKey, b.messageKey)),
    deliveries: [...pairs.values()].sort((a, b) => byText(a.messageKey, b.messageKey) || byText(a.recipient, b.recipient)),
  };
}

/** What the statement returned: the id of every key, and the deliveries it created (not those already stored). */
export interface BatchRows {
  messages: { id: number; messageKey: string }[];
  newDeliveries: { id: number; messageKey: string; recipient: string }[];
}

/**
 * Each message's share of the rows, in the order given: a new delivery
 * belongs to the first message in the batch with its key and recipient, as
 * if the messages had been stored one after another.
 */
export function resultsOf(items: readonly PreparedInbound[], rows: BatchRows): StoredInbound[] {
  const idOfKey = new Map(rows.messages.map((m) => [m.messageKey, m.id]));
  const newIdOfPair = new Map(rows.newDeliveries.map((d) => [`${d.messageKey}\0${d.recipient}`, d.id]));
  return items.map((item) => {
    const messageId = idOfKey.get(item.messageKey);
    if (messageId === undefined) throw new Error(`the batch returned no row for ${item.messageKey}`);
    const newDeliveryIds: number[] = [];
    for (const recipient of item.recipients) {
      const pair = `${item.messageKey}\0${recipient}`;
      const id = newIdOfPair.get(pair);
      if (id === undefined) continue;
      newDeliveryIds.push(id);
      newIdOfPair.delete(pair); // taken: a later message with the same pair is its duplicate
    }
    newDeliveryIds.sort((a, b) => a - b);
    return { messageId, newDeliveryIds, duplicate: newDeliveryIds.length === 0 };
  });
}

/**
 * The next batch: messages in arrival order up to `maxMessages` and
 * `maxBytes` (always at least one, however large).
 */
export function takeBatch<T>(queue: readonly T[], sizeOf: (item: T) => number, maxMessages: number, maxBytes: number): number {
  let count = 0;
  let bytes = 0;
  for (const item of queue) {
    const size = sizeOf(item);
    if (count > 0 && (count >= maxMessages || bytes + size > maxBytes)) break;
    count++;
    bytes += size;
  }
  return count;
}
