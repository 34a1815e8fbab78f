import { describe, expect, it } from 'vitest';
import { ClientLimits } from '../../../src/pipeline/ingest/clientLimits.ts';

describe('ClientLimits', () => {
  it('refuses connections from one address past its limit, and frees a slot on release', () => {
    const limits = new ClientLimits({ maxConnections: 2, maxMessagesPerMinute: 10 });
    expect([limits.connect('a'), limits.connect('a'), limits.connect('a'), limits.connect('b')]).toEqual([
      true, true, false, true,
    ]);
    limits.release('a');
    expect(limits.connect('a')).toBe(true);
  });

  it.each([
    // [messages sent at these times (ms), expected answers]
    [[0, 1, 2, 3], [true, true, true, false]],
    [[0, 1, 2, 60_000], [true, true, true, true]],
    [[0, 59_999, 59_999, 59_999, 60_000], [true, true, true, false, true]],
  ])('counts messages per address per minute: %j', (times, expected) => {
    const limits = new ClientLimits({ maxConnections: 1, maxMessagesPerMinute: 3 });
    expect(times.map((t) => limits.allowMessage('a', t))).toEqual(expected);
    expect(limits.allowMessage('b', times.at(-1)!)).toBe(true);
  });

  it('forgets addresses that stopped sending, so its state stays bounded', () => {
    const limits = new ClientLimits({ maxConnections: 1, maxMessagesPerMinute: 3 });
    for (let i = 0; i < 1000; i++) limits.allowMessage(`10.0.${i >> 8}.${i & 255}`, i);
    limits.allowMessage('fresh', 120_000);
    expect(limits.size).toBe(1);
  });
});
