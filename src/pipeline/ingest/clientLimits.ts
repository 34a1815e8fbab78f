/**
 * Per-address limits of the SMTP ingest: open connections and messages per
 * minute from one client address, so one host cannot take every slot or
 * flood the database. No I/O: the clock is passed in, the state is the caller's.
 */
export interface ClientLimitsOptions {
  maxConnections: number;
  maxMessagesPerMinute: number;
}

const WINDOW_MS = 60_000;

export class ClientLimits {
  private readonly open = new Map<string, number>();
  /** Start and count of each address's current one-minute window. */
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastPrune = 0;

  constructor(private readonly options: ClientLimitsOptions) {}

  /** True when the connection may proceed; a refused one must not be released. */
  connect(address: string): boolean {
    const now = this.open.get(address) ?? 0;
    if (now >= this.options.maxConnections) return false;
    this.open.set(address, now + 1);
    return true;
  }

  release(address: string): void {
    const now = (this.open.get(address) ?? 0) - 1;
    if (now > 0) this.open.set(address, now);
    else this.open.delete(address);
  }

  /** Counts one message against the address; false once it is over its rate this minute. */
  allowMessage(address: string, nowMs: number): boolean {
    let window = this.windows.get(address);
    if (!window || nowMs - window.start >= WINDOW_MS) {
      this.prune(nowMs);
      window = { start: nowMs, count: 0 };
      this.windows.set(address, window);
    }
    if (window.count >= this.options.maxMessagesPerMinute) return false;
    window.count += 1;
    return true;
  }

  /** Addresses tracked (for tests: state stays bounded by the clients of the last minute). */
  get size(): number {
    return this.open.size + this.windows.size;
  }

  /** At most once a minute, so a stream of new addresses costs linear time. */
  private prune(nowMs: number): void {
    if (nowMs - this.lastPrune < WINDOW_MS) return;
    this.lastPrune = nowMs;
    for (const [address, window] of this.windows) {
      if (nowMs - window.start >= WINDOW_MS) this.windows.delete(address);
    }
  }
}
