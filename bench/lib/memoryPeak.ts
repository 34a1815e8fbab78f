/**
 * The peak RSS and heap of this process while a step runs in it (the close
 * runs in the bench's own process), sampled every few milliseconds, beside
 * what it held when the step began: the growth is the step's.
 */
export function samplePeakMemory(everyMs = 5) {
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, everyMs);
  const mib = (bytes: number) => +(bytes / 2 ** 20).toFixed(0);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { rssMiB: mib(rss), rssStartMiB: mib(start.rss), heapMiB: mib(heap), heapStartMiB: mib(start.heapUsed) };
    },
  };
}
