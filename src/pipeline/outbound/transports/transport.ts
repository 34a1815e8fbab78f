import type { ComposedMessage } from '../compose.ts';

/** Where composed mail goes: a Maildir on one machine, an SMTP relay in production. */
export interface Transport {
  readonly description: string;
  send(message: ComposedMessage): Promise<void>;
  close(): Promise<void>;
}

/** A refusal that retrying will not change (5xx from the relay). */
export class PermanentDeliveryError extends Error {}
