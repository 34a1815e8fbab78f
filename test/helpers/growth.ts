/**
 * How a reader's work grows with its input: time per call at 10× and 100×
 * a unit size, and their ratio. Linear work gives a ratio near 10, quadratic
 * near 100; the ratio, never a time, is what tests check, so a slow or busy
 * machine does not change the verdict.
 */
function timePerCall(fn: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    // Enough calls for the clock to be meaningful (a few ms), at least one.
    do {
      fn();
      calls++;
      elapsed = Number(process.hrtime.bigint() - start);
    } while (elapsed < 5e6);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/**
 * The ratio of the time per call on make(100 × unit) to that on make(10 × unit):
 * the median of three measurements, so a JIT tier-up or a collection in one of them does not decide.
 */
export function growthRatio<T>(read: (input: T) => unknown, make: (size: number) => T, unit: number): number {
  const small = make(10 * unit);
  const large = make(100 * unit);
  read(small);
  read(large);
  const ratios = [0, 1, 2].map(() => timePerCall(() => read(large)) / timePerCall(() => read(small)));
  return ratios.sort((a, b) => a - b)[1]!;
}

/** Below this the growth is linear (about 10, up to 40 seen on a busy shared machine); quadratic work gives about 100. */
export const LINEAR_RATIO = 50;
