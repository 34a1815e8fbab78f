import { describe, expect, it } from 'vitest';
import { sendLimit } from '../../../src/pipeline/outbound/send/sendLimit.ts';

describe('sendLimit', () => {
  it.each([1, 3, 40])('never runs more than %i at once, and runs every task', async (size) => {
    const limit = sendLimit(size);
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        limit.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setImmediate(r));
          active--;
          done.push(i);
        }),
      ),
    );
    expect(peak).toBe(size);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('frees the slot of a task that throws', async () => {
    const limit = sendLimit(1);
    await expect(limit.run(async () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});
