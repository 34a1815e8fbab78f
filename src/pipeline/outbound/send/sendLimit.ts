/**
 * At most `size` mails composed or in flight at once in one process, across
 * every delivery job: enough to keep the transport's pool busy, few enough
 * that memory does not grow with the number of jobs running.
 */
export interface SendLimit {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function sendLimit(size: number): SendLimit {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(work) {
      if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await work();
      } finally {
        // The slot passes straight to the next waiter, so `active` never exceeds size.
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}

/** No limit: every row of a batch at once (tests, one-off calls). */
export const unlimited: SendLimit = { run: (work) => work() };
