import { describe, expect, it } from 'vitest';
import { planBatch, resultsOf, takeBatch, type BatchRows, type PreparedInbound } from '../../../src/pipeline/ingest/inboundBatch.ts';

const item = (messageKey: string, recipients: string[], helo = 'h'): PreparedInbound => ({
  messageKey,
  headerMessageId: null,
  envelopeFrom: 'a@example.org',
  recipients,
  clientAddress: null,
  helo,
  raw: Buffer.from(messageKey),
});

describe('planBatch', () => {
  it.each([
    ['distinct messages', [item('k2', ['b', 'a']), item('k1', ['a'])], ['k1', 'k2'], ['k1 a', 'k2 a', 'k2 b']],
    ['one message twice (a retry in the same batch): one row, its pairs once', [item('k1', ['a']), item('k1', ['a', 'b'])], ['k1'], ['k1 a', 'k1 b']],
    ['no recipients', [item('k1', [])], ['k1'], []],
  ])('%s', (_name, items, keys, pairs) => {
    const plan = planBatch(items);
    expect(plan.messages.map((m) => m.messageKey)).toEqual(keys);
    expect(plan.deliveries.map((d) => `${d.messageKey} ${d.recipient}`)).toEqual(pairs);
  });

  it('keeps the first message of a key (its helo and client address)', () => {
    expect(planBatch([item('k1', ['a'], 'first'), item('k1', ['a'], 'second')]).messages[0]!.helo).toBe('first');
  });
});

describe('resultsOf', () => {
  const rows = (messages: [string, number][], deliveries: [string, string, number][]): BatchRows => ({
    messages: messages.map(([messageKey, id]) => ({ messageKey, id })),
    newDeliveries: deliveries.map(([messageKey, recipient, id]) => ({ messageKey, recipient, id })),
  });

  it.each([
    [
      'each message gets its own deliveries, sorted',
      [item('k1', ['b', 'a']), item('k2', ['a'])],
      rows([['k1', 1], ['k2', 2]], [['k1', 'a', 10], ['k1', 'b', 11], ['k2', 'a', 12]]),
      [{ messageId: 1, newDeliveryIds: [10, 11], duplicate: false }, { messageId: 2, newDeliveryIds: [12], duplicate: false }],
    ],
    [
      'a retry in the same batch is the duplicate of the first',
      [item('k1', ['a']), item('k1', ['a'])],
      rows([['k1', 1]], [['k1', 'a', 10]]),
      [{ messageId: 1, newDeliveryIds: [10], duplicate: false }, { messageId: 1, newDeliveryIds: [], duplicate: true }],
    ],
    [
      'a retry with one more recipient gets only that one',
      [item('k1', ['a']), item('k1', ['a', 'b'])],
      rows([['k1', 1]], [['k1', 'a', 10], ['k1', 'b', 11]]),
      [{ messageId: 1, newDeliveryIds: [10], duplicate: false }, { messageId: 1, newDeliveryIds: [11], duplicate: false }],
    ],
    [
      'a message stored before (no new delivery) is a duplicate',
      [item('k1', ['a']), item('k2', ['a'])],
      rows([['k1', 1], ['k2', 2]], [['k2', 'a', 12]]),
      [{ messageId: 1, newDeliveryIds: [], duplicate: true }, { messageId: 2, newDeliveryIds: [12], duplicate: false }],
    ],
  ])('%s', (_name, items, returned, expected) => {
    expect(resultsOf(items, returned)).toEqual(expected);
  });

  it('refuses rows that miss a message (never a 250 without its row)', () => {
    expect(() => resultsOf([item('k1', ['a'])], rows([], []))).toThrow(/no row/);
  });
});

describe('takeBatch', () => {
  const sizes = (n: number) => (x: number) => x * n;
  it.each([
    ['all, under both bounds', [1, 1, 1], 10, 100, 3],
    ['up to the count', [1, 1, 1, 1], 2, 100, 2],
    ['up to the bytes', [40, 40, 40], 10, 100, 2],
    ['exactly the bytes', [50, 50, 1], 10, 100, 2],
    ['one message larger than the bound goes alone', [500, 1], 10, 100, 1],
    ['an empty queue', [], 10, 100, 0],
  ])('%s', (_name, queue, maxMessages, maxBytes, count) => {
    expect(takeBatch(queue, sizes(1), maxMessages, maxBytes)).toBe(count);
  });
});
