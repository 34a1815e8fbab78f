import type { Context } from '../../shared/context.ts';
import type { Tx } from '../../shared/db/database.ts';
import { canonicalAddress } from '../../shared/rules/domains.ts';
import type { InboundMail } from './inboundMail.ts';

/** After SIGNED_COMMAND_MAX_AGE a signature no longer acts at once; a day more covers clock skew and slow queues. */
const MEMORY_MARGIN_MS = 86_400_000;

/**
 * Remembers the signatures this delivery's authority rests on, for its
 * receiving address, in the routing transaction; true when one of them
 * already came to this address: the message is a replay and acts no more.
 */
export async function isSignedReplay(tx: Tx, ctx: Context, mail: InboundMail): Promise<boolean> {
  const signatures = [...new Set((mail.authority.signatures ?? []).map((s) => s.b))];
  if (signatures.length === 0) return false;
  const recipient = canonicalAddress(mail.recipient);
  const forgetAt = new Date(Date.now() + ctx.config.auth.signedCommandMaxAgeMs + MEMORY_MARGIN_MS);
  // Forgotten a few at a time, skipping rows another router holds: no lock waits, no deadlock between routers.
  await tx`
    delete from signed_commands where ctid in (
      select ctid from signed_commands where forget_at < now() limit 100 for update skip locked)`;
  const fresh = await tx`
    insert into signed_commands (signature, recipient, delivery_id, forget_at)
    select s, ${recipient}, ${mail.deliveryId}, ${forgetAt} from unnest(${signatures}::text[]) s
    on conflict do nothing
    returning signature`;
  if (fresh.length === signatures.length) return false;
  const [first] = await tx`
    select delivery_id from signed_commands where recipient = ${recipient} and signature = any(${signatures}::text[]) and delivery_id <> ${mail.deliveryId} limit 1`;
  ctx.log.warn({ deliveryId: mail.deliveryId, recipient, firstDeliveryId: first?.delivery_id, from: mail.authority.from }, 'replay of a signed message ignored');
  return true;
}
