/** A store that failed while the database is unreachable: the IMAP side is fine, the round ends and is retried. */
export class StoreFailed extends Error {
  override name = 'StoreFailed';
}

/** An error as one log line: imapflow and postgres.js put the useful part in `code` and `responseText`. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const extra = err as Error & { code?: string; responseText?: string };
    return [extra.code, err.message, extra.responseText].filter(Boolean).join(': ');
  }
  return String(err);
}
