/** A message's final bytes (composed and signed) and the envelope they travel in. */
export interface WireMessage {
  envelope: { from: string; to: string };
  raw: Buffer;
}

/** Where signed mail goes: a Maildir on one machine, an SMTP relay in production. It only moves bytes. */
export interface Transport {
  readonly description: string;
  send(message: WireMessage): Promise<void>;
  close(): Promise<void>;
}

/** A refusal that retrying will not change (5xx from the relay). */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}
