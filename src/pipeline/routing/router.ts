import type { Context } from '../../shared/context.ts';
import type { Tx } from '../../shared/db/database.ts';
import { OutboxWriter, enqueueDeliveries } from '../outbound/outbox.ts';
import { parseTacitAddress, type TacitAddress } from '../../shared/rules/addresses.ts';
import { classifyInbound } from '../../shared/rules/autoReply.ts';
import { headerBagFromRaw, headerValues } from '../../shared/rules/headers.ts';
import { oneLine, soleSender } from '../../shared/rules/sender.ts';
import type { Handler, InboundMail, RouteResult } from './inboundMail.ts';
import { notAvailableYet } from './notAvailable.ts';
import { DNS_RETRY_WINDOW_MS, senderAuthOf } from './senderAuth.ts';
import type { SenderAuth } from '../../shared/rules/authResults.ts';
import { decideAuthority, sameMailbox } from '../../shared/rules/authority.ts';
import { readDkimSignatures } from '../../shared/rules/dkimSignatures.ts';
import { canonicalAddress } from '../../shared/rules/domains.ts';
import { freshAuthority } from '../../shared/rules/signedCommand.ts';
import { isSignedReplay } from './signedReplays.ts';
import { parseInbound } from './parseInbound.ts';

declare module '../../shared/context.ts' {
  interface Wiring {
    /** The handler of each address kind, from the domains' manifests; a kind with none is answered "not available yet". */
    handlers: Map<TacitAddress['kind'], Handler>;
  }
}

/**
 * Routes one stored delivery exactly once: the row is locked, handled and
 * marked in one transaction together with every mail the handler decided to
 * send, so a retried or duplicated job finds it done and does nothing.
 */
export async function routeDelivery(ctx: Context, deliveryId: number): Promise<string> {
  const checked = await authenticateDelivery(ctx, deliveryId);
  if (!checked) return 'already routed';
  let outboxIds: number[] = [];
  const outcome = await ctx.sql.begin(async (tx) => {
    const routed = await routeInTransaction(tx, ctx, deliveryId, checked);
    outboxIds = routed.outboxIds;
    return routed.outcome;
  });
  await enqueueDeliveries(ctx.queues, outboxIds);
  return outcome as string;
}

/** A delivery read with its message (immutable) and the message's sender authentication. */
interface CheckedDelivery {
  row: Record<string, any>;
  auth: SenderAuth;
}

/**
 * Checks the sender authentication of a delivery's message and stores it
 * once. It does DNS, so it runs before a transaction takes the row lock;
 * null when the delivery is already routed.
 */
async function authenticateDelivery(ctx: Context, deliveryId: number): Promise<CheckedDelivery | null> {
  const [row] = await ctx.sql`
    select d.id, d.recipient, d.state, m.id as message_row_id, m.envelope_from, m.client_address, m.helo, m.raw, m.auth, m.received_at
    from inbound_deliveries d join inbound_messages m on m.id = d.message_id
    where d.id = ${deliveryId}`;
  if (!row || row.state !== 'received') return null;
  // A DNS failure defers the message (the queue and then the reconciler retry it) for a while after it arrived.
  const retryUntil = new Date((row.received_at as Date).getTime() + DNS_RETRY_WINDOW_MS);
  return { row, auth: await senderAuthOfRow(ctx, row, retryUntil) };
}

function senderAuthOfRow(ctx: Context, row: Record<string, any>, retryUntil: Date | null): Promise<SenderAuth> {
  const session = { clientAddress: row.client_address, helo: row.helo, envelopeFrom: row.envelope_from };
  return senderAuthOf(ctx, row.message_row_id, row.raw, row.auth as SenderAuth | null, session, retryUntil);
}

/** How many deliveries routeInTransaction has taken up in this process: a batch checks its own again only when it moved. */
let routedInsideTransactions = 0;

/**
 * A count that moves whenever routeInTransaction routes a delivery inside a
 * caller's transaction (a close routing the replies received in time). Only
 * that changes a delivery's state inside another's transaction: a batch that
 * holds its deliveries' locks reads their states again only after it moved.
 */
export function deliveriesRoutedInside(): number {
  return routedInsideTransactions;
}

/**
 * Routes one delivery inside the caller's transaction (a close routes the
 * replies received in time this way, before it counts). The outbox rows it
 * writes are the caller's to queue after commit, or the reconciler's.
 * `checked` is what routeDelivery read and authenticated just before: the
 * message does not change, so only the delivery's state is read again, under
 * the lock (the message and its raw bytes are not fetched twice).
 */
export async function routeInTransaction(
  tx: Tx,
  ctx: Context,
  deliveryId: number,
  checked?: CheckedDelivery,
): Promise<{ outcome: string; outboxIds: number[] }> {
  routedInsideTransactions++;
  let row: Record<string, any> | undefined;
  let auth: SenderAuth;
  if (checked) {
    const [locked] = await tx`select state from inbound_deliveries where id = ${deliveryId} for update`;
    if (!locked || locked.state !== 'received') return { outcome: 'already routed', outboxIds: [] };
    ({ row, auth } = checked);
  } else {
    [row] = await tx`
      select d.id, d.recipient, d.state, m.id as message_row_id, m.envelope_from, m.client_address, m.helo, m.raw, m.auth, m.received_at
      from inbound_deliveries d join inbound_messages m on m.id = d.message_id
      where d.id = ${deliveryId}
      for update of d`;
    if (!row || row.state !== 'received') return { outcome: 'already routed', outboxIds: [] };
    // Stored by routeDelivery beforehand; a reply routed by a close may be checked here, for the first time,
    // and is judged on what DNS answers now: the close does not wait.
    auth = await senderAuthOfRow(ctx, row, null);
  }

  const mail = await readInbound(ctx, row, auth);
  const outbox = new OutboxWriter(tx);
  const result = await handleMail(tx, ctx, mail, outbox);
  await tx`
    update inbound_deliveries
    set state = ${result.state ?? 'routed'}, kind = ${mail?.kind ?? null}, outcome = ${result.outcome}, routed_at = now()
    where id = ${deliveryId}`;
  return { outcome: result.outcome, outboxIds: outbox.ids };
}

/**
 * Hands one read message to the handler of its address kind, in the caller's
 * transaction; null (the address no longer reads as ours) routes to nothing.
 * The caller marks the delivery with the result.
 */
export async function handleMail(tx: Tx, ctx: Context, mail: InboundMail | null, outbox: OutboxWriter): Promise<RouteResult> {
  if (!mail) return { outcome: 'not our address any more' };
  const handler = handlerOf(ctx, mail);
  // A signature acts once per receiving address; a replay gets no answer (the log has it).
  if (await isSignedReplay(tx, ctx, mail)) return { outcome: REPLAY };
  return handler(mail, { tx, ctx, outbox });
}

const REPLAY = 'ignored: replay of a signed message';

/**
 * handleMail for a run of read mails that all go to `handler`, which handles
 * them together (Handler.handleMany): each replay is left out first, the
 * others handed over at once. One result a mail, in order.
 */
export async function handleMails(tx: Tx, ctx: Context, handler: Handler, mails: readonly InboundMail[], outbox: OutboxWriter): Promise<RouteResult[]> {
  const replays: boolean[] = [];
  for (const mail of mails) replays.push(await isSignedReplay(tx, ctx, mail));
  const handled = await handler.handleMany!(mails.filter((_, i) => !replays[i]), { tx, ctx, outbox });
  let next = 0;
  return replays.map((replay) => (replay ? { outcome: REPLAY } : handled[next++]!));
}

/** The handler of a mail's address kind. */
export function handlerOf(ctx: Context, mail: InboundMail): Handler {
  return ctx.wiring.handlers.get(mail.address.kind) ?? notAvailableYet;
}

/**
 * What a message says to its recipient, read outside any transaction: parsed,
 * its sender and authority decided. Pure but for the parser; null when the
 * recipient no longer reads as one of Tacit's addresses. Throws UnusableMessage.
 */
export async function readInbound(ctx: Context, row: Record<string, any>, auth: SenderAuth): Promise<InboundMail | null> {
  const address = parseTacitAddress(row.recipient, ctx.config.domain);
  if (!address) return null;
  const raw: Buffer = row.raw;
  let parsed, textParts;
  try {
    ({ parsed, textParts } = await parseInbound(raw));
  } catch (err) {
    throw new UnusableMessage(`the message cannot be parsed: ${(err as Error).message}`);
  }
  const headers = headerBagFromRaw(raw);
  // Several mailboxes, a group or several From headers: no sender to answer or to act for.
  let sender = soleSender(parsed.from?.value, headerValues(headers, 'from').length);
  const contentType = headers.get('content-type') ?? '';
  const references = parsed.references ? [parsed.references].flat().join(' ') : null;
  const signatures = readDkimSignatures(headerValues(headers, 'dkim-signature'), raw);
  let authority = decideAuthority({
    fromHeaders: headerValues(headers, 'from'), envelopeFrom: row.envelope_from, addressKind: address.kind, auth, signatures,
    arcSignatures: readDkimSignatures(headerValues(headers, 'arc-message-signature'), raw),
    arcTrustedSealers: ctx.config.auth.arcTrustedSealers,
  });
  authority = freshAuthority(authority, headers, row.recipient, new Date(), ctx.config.auth.signedCommandMaxAgeMs);
  // A From that reads two ways names nobody: no one to act for, answer or count as a member.
  if (sender && !sameMailbox(sender.address, authority.from)) {
    sender = null;
    if (authority.level !== 'nothing') authority = { level: 'nothing', reason: 'From reads two ways', from: null, dmarcRejects: false };
  }
  return {
    deliveryId: row.id,
    messageRowId: row.message_row_id,
    receivedAt: row.received_at as Date,
    recipient: row.recipient,
    address,
    envelopeFrom: row.envelope_from,
    raw,
    parsed,
    textParts,
    headers,
    kind: classifyInbound(headers, row.envelope_from, contentType),
    // One form for every address Tacit compares or stores: mailparser decodes xn-- labels to Unicode.
    from: sender ? canonicalAddress(sender.address) : '',
    fromName: sender?.name ?? '',
    messageId: parsed.messageId ?? null,
    references,
    // Decoded header text reaches templates and outgoing headers: one line only.
    subject: oneLine(parsed.subject ?? ''),
    auth,
    authority,
  };
}

/** A message no retry can route (its bytes cannot be read): it ends 'failed' and shows in stats. */
export class UnusableMessage extends Error {
  override name = 'UnusableMessage';
}

/** Marks a delivery that can never be routed, so it stops being retried and shows in stats. */
export async function markRoutingFailed(ctx: Context, deliveryId: number, reason: string): Promise<void> {
  await ctx.sql`
    update inbound_deliveries set state = 'failed', outcome = ${reason.slice(0, 500)}, routed_at = now()
    where id = ${deliveryId} and state = 'received'`;
}

/**
 * An unusable message ends 'failed' (the route worker calls this at once, on
 * its first attempt). After the queue's own retries are spent, anything else (Postgres or Redis down, a bug fixed by the next deploy) stays
 * 'received' and the reconciler queues it again after a delay that doubles
 * up to six hours, for as long as it takes. Never rejects: it runs where no
 * one would listen.
 */
export async function noteRoutingFailure(ctx: Context, deliveryId: number, err: Error): Promise<void> {
  try {
    if (err instanceof UnusableMessage || err.name === 'UnusableMessage') {
      await markRoutingFailed(ctx, deliveryId, err.message);
      return;
    }
    await ctx.sql`
      update inbound_deliveries
      set route_attempts = route_attempts + 1, route_error = ${err.message.slice(0, 500)},
          route_retry_at = now() + least(interval '1 minute' * power(2, least(route_attempts, 12)), interval '6 hours')
      where id = ${deliveryId} and state = 'received'`;
  } catch (noteErr) {
    // Postgres is down too: the row stays 'received' and the reconciler finds it once it is back.
    ctx.log.warn({ err: noteErr, deliveryId }, 'could not record a routing failure; the reconciler will retry it');
  }
}
