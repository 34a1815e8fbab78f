import { simpleParser } from 'mailparser';
import type { Context } from '../app/context.ts';
import { OutboxWriter, enqueueDeliveries } from '../outbound/outbox.ts';
import { parseTacitAddress, type TacitAddress } from '../rules/addresses.ts';
import { classifyInbound, headerBagFromRaw } from '../rules/autoReply.ts';
import { headerValues } from '../rules/headers.ts';
import { oneLine, soleSender } from '../rules/sender.ts';
import type { Handler, InboundMail } from './inboundMail.ts';
import { notAvailableYet } from './notAvailable.ts';
import { senderAuthOf } from './senderAuth.ts';
import type { SenderAuth } from '../rules/authResults.ts';
import { decideAuthority } from '../rules/authority.ts';

/** Handlers by address kind; each domain registers its own at start-up. */
const handlers = new Map<TacitAddress['kind'], Handler>();

export function registerHandler(kind: TacitAddress['kind'], handler: Handler): void {
  handlers.set(kind, handler);
}

/**
 * Routes one stored delivery exactly once: the row is locked, handled and
 * marked in one transaction together with every mail the handler decided to
 * send, so a retried or duplicated job finds it done and does nothing.
 */
export async function routeDelivery(ctx: Context, deliveryId: number): Promise<string> {
  // Sender authentication does DNS: done before the transaction takes the row lock.
  const [message] = await ctx.sql`
    select d.state, m.id as message_row_id, m.envelope_from, m.client_address, m.helo, m.raw, m.auth
    from inbound_deliveries d join inbound_messages m on m.id = d.message_id
    where d.id = ${deliveryId}`;
  if (!message || message.state !== 'received') return 'already routed';
  const raw: Buffer = message.raw;
  const auth = await senderAuthOf(ctx, message.message_row_id, raw, message.auth as SenderAuth | null, {
    clientAddress: message.client_address,
    helo: message.helo,
    envelopeFrom: message.envelope_from,
  });

  let outboxIds: number[] = [];
  const outcome = await ctx.sql.begin(async (tx) => {
    const [row] = await tx`
      select d.id, d.recipient, d.state, d.message_id as message_row_id
      from inbound_deliveries d
      where d.id = ${deliveryId}
      for update of d`;
    if (!row || row.state !== 'received') return 'already routed';

    const mail = await readInbound(ctx, { ...row, envelope_from: message.envelope_from, raw }, auth);
    const handler = mail ? handlers.get(mail.address.kind) ?? notAvailableYet : null;
    const outbox = new OutboxWriter(tx);
    const result = mail && handler ? await handler(mail, { tx, ctx, outbox }) : { outcome: 'not our address any more' };
    await tx`
      update inbound_deliveries
      set state = ${result.state ?? 'routed'}, kind = ${mail?.kind ?? null}, outcome = ${result.outcome}, routed_at = now()
      where id = ${deliveryId}`;
    outboxIds = outbox.ids;
    return result.outcome;
  });
  await enqueueDeliveries(ctx.queues, outboxIds);
  return outcome as string;
}

async function readInbound(ctx: Context, row: Record<string, any>, auth: SenderAuth): Promise<InboundMail | null> {
  const address = parseTacitAddress(row.recipient, ctx.config.domain);
  if (!address) return null;
  const raw: Buffer = row.raw;
  const parsed = await simpleParser(raw, { skipImageLinks: true, maxHtmlLengthToParse: 2_000_000 });
  const headers = headerBagFromRaw(raw);
  // Several mailboxes, a group or several From headers: no sender to answer or to act for.
  const sender = soleSender(parsed.from?.value, headerValues(headers, 'from').length);
  const contentType = headers.get('content-type') ?? '';
  const references = parsed.references ? [parsed.references].flat().join(' ') : null;
  const authority = decideAuthority({ fromHeaders: headerValues(headers, 'from'), envelopeFrom: row.envelope_from, addressKind: address.kind, auth });
  return {
    deliveryId: row.id,
    messageRowId: row.message_row_id,
    recipient: row.recipient,
    address,
    envelopeFrom: row.envelope_from,
    raw,
    parsed,
    headers,
    kind: classifyInbound(headers, row.envelope_from, contentType),
    from: sender?.address ?? '',
    fromName: sender?.name ?? '',
    messageId: parsed.messageId ?? null,
    references,
    // Decoded header text reaches templates and outgoing headers: one line only.
    subject: oneLine(parsed.subject ?? ''),
    auth,
    authority,
  };
}

/** Marks a delivery whose routing kept failing, so it stops being retried and shows in stats. */
export async function markRoutingFailed(ctx: Context, deliveryId: number, reason: string): Promise<void> {
  await ctx.sql`
    update inbound_deliveries set state = 'failed', outcome = ${reason.slice(0, 500)}, routed_at = now()
    where id = ${deliveryId} and state = 'received'`;
}
