/**
 * The bytes of message data that all SMTP sessions together hold in memory,
 * from a message's first chunk until its commit. A message that would take
 * the total past the bound is refused with 452 4.3.1 (the client tries again
 * later, as MTAs do), so the ingest's memory is bounded whatever the number of
 * clients. A client that declares SIZE in MAIL FROM has it reserved there, so
 * it is refused before sending its bytes rather than after. No I/O: the
 * caller takes and gives back.
 */
export class InflightBytes<Session extends object = object> {
  private used = 0;
  /** At most one reservation a session: its current transaction's. */
  private readonly reserved = new Map<Session, number>();

  constructor(readonly max: number) {}

  /** True (and counted) when `bytes` more fit under the bound. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.max) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }

  /**
   * At MAIL FROM: reserves the declared size (undeclared: nothing, but a
   * message is refused at once when the bound is reached). False: 452.
   */
  reserve(session: Session, declared: number): boolean {
    this.cancel(session);
    if (declared > 0 ? !this.take(declared) : this.used >= this.max) return false;
    this.reserved.set(session, declared);
    return true;
  }

  /** At DATA: the session's reservation becomes bytes it holds (given back with them). */
  claim(session: Session): number {
    const bytes = this.reserved.get(session) ?? 0;
    this.reserved.delete(session);
    return bytes;
  }

  /** A transaction that ended without DATA, or a connection that closed. */
  cancel(session: Session): void {
    this.give(this.claim(session));
  }
}
