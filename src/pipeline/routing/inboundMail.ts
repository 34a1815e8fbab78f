import type { ParsedMail } from 'mailparser';
import type { Context } from '../../shared/context.ts';
import type { Tx } from '../../shared/db/database.ts';
import type { OutboxWriter } from '../outbound/outbox.ts';
import type { TacitAddress } from '../../shared/rules/addresses.ts';
import type { HeaderBag } from '../../shared/rules/headers.ts';
import type { SenderAuth } from '../../shared/rules/authResults.ts';
import type { Authority } from '../../shared/rules/authority.ts';

/** One stored message as seen by one of its recipients, ready for a handler. */
export interface InboundMail {
  deliveryId: number;
  messageRowId: number;
  /** When Tacit accepted the message (what a deadline is compared with). */
  receivedAt: Date;
  recipient: string;
  address: TacitAddress;
  envelopeFrom: string;
  raw: Buffer;
  parsed: ParsedMail;
  /** The text of the text parts alone, without what the parser turned from HTML; null when unknown (parseInbound.ts). */
  textParts: string | undefined | null;
  headers: HeaderBag;
  kind: 'bounce' | 'auto-reply' | 'ordinary';
  /** The From address, lower-cased ('' when missing). */
  from: string;
  fromName: string;
  messageId: string | null;
  references: string | null;
  subject: string;
  /** SPF/DKIM/DMARC/ARC of the message, checked once at route time. */
  auth: SenderAuth;
  /** What this message may do for its From address: act, only through a confirmation, or nothing. */
  authority: Authority;
}

export interface HandlerTools {
  tx: Tx;
  ctx: Context;
  outbox: OutboxWriter;
}

/** What the router records for the delivery: `held` when it waits on a person. */
export interface RouteResult {
  outcome: string;
  state?: 'routed' | 'held';
}

export type Handler = ((mail: InboundMail, tools: HandlerTools) => Promise<RouteResult>) & {
  /**
   * Handles a run of consecutive mails of a batch that all go to this
   * handler, with the same effect as the handler mail by mail in their order
   * (one result each, in order), reading and writing for all of them at once
   * where it can (a few statements, not a few a mail). It routes no other
   * delivery (routeInTransaction), so the run's deliveries stay its own.
   */
  handleMany?: (mails: readonly InboundMail[], tools: HandlerTools) => Promise<RouteResult[]>;
};
