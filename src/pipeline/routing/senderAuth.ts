import type { DNSResolver, AuthenticateResult } from 'mailauth';
import type { Context } from '../../shared/context.ts';
import { readTrustedAuthResults, unauthenticated, describeAuth, type SenderAuth } from '../../shared/rules/authResults.ts';
import type { DmarcPolicy } from '../../shared/rules/dmarc.ts';
import { headerBagFromRaw, headerValues } from '../../shared/rules/headers.ts';
import { dnsResolver, isNoRecord } from '../../shared/services/dnsResolver.ts';

export type { DNSResolver } from 'mailauth';

/**
 * How long a message whose authentication met a DNS failure (a timeout, a
 * SERVFAIL) waits for DNS to answer: judged on half the answers, a genuine
 * sender's signed command would be sent back for confirmation and a trusted
 * sealer's forward would count for nothing. After this the message is
 * judged on what DNS answered, as a receiving MTA ends its retries.
 */
export const DNS_RETRY_WINDOW_MS = 30 * 60_000;

/** Sender authentication met a DNS failure: the router tries the message again later. */
export class AuthenticationDeferred extends Error {
  override name = 'AuthenticationDeferred';
}

/** What the SMTP session recorded with the message. */
export interface SessionFacts {
  clientAddress: string | null;
  helo: string | null;
  envelopeFrom: string;
}

/**
 * SPF, DKIM, DMARC and ARC of one stored message. Behind a trusted MX
 * (AUTHSERV_ID) its Authentication-Results is read instead, since only the
 * MX saw the real client. Returns the Authentication-Results value to store
 * and the verdicts as data.
 */
export async function authenticateSender(
  ctx: Context,
  raw: Buffer,
  session: SessionFacts,
): Promise<{ auth: SenderAuth; header: string; dnsFailed: boolean }> {
  const trusted = ctx.config.auth.authservId;
  if (trusted) {
    const auth = readTrustedAuthResults(headerValues(headerBagFromRaw(raw), 'authentication-results'), trusted);
    return { auth, header: describeAuth(auth), dnsFailed: false };
  }
  const mta = ctx.config.domain;
  // "No such record" is an answer; anything else means some verdict below rests on a question DNS did not answer.
  let dnsFailed = false;
  const shared = dnsResolver(ctx.config.auth.dnsServers, ctx.resolver);
  const resolver: DNSResolver = (name, rrtype) =>
    shared(name, rrtype).catch((err: unknown) => {
      if (!isNoRecord(err)) dnsFailed = true;
      throw err;
    });
  try {
    const { authenticate } = await loadMailauth();
    const result = await authenticate(raw, {
      ip: session.clientAddress ?? undefined,
      helo: session.helo ?? undefined,
      sender: session.envelopeFrom,
      mta,
      resolver,
      disableBimi: true,
    });
    return { auth: fromMailauth(mta, result), header: arValue(result.headers, mta), dnsFailed };
  } catch (err) {
    // A message mailauth cannot read at all has no authentication: it can still be confirmed.
    ctx.log.warn({ err: (err as Error).message }, 'sender authentication failed');
    const auth = unauthenticated(mta, 'verified');
    return { auth, header: describeAuth(auth), dnsFailed: false };
  }
}

let mailauth: Promise<typeof import('mailauth')> | undefined;

/**
 * mailauth, loaded on first use: it takes about a second, which every CLI
 * command would pay otherwise. Kept once loaded: an import() per message
 * costs a module resolution each time (a round trip to the loader thread
 * when a loader hook is registered).
 */
function loadMailauth(): Promise<typeof import('mailauth')> {
  if (!mailauth) {
    mailauth = import('mailauth');
    // A failed load is tried again by the next message.
    mailauth.catch(() => (mailauth = undefined));
  }
  return mailauth;
}

/** The value of mailauth's Authentication-Results line, unfolded. */
function arValue(headers: string, mta: string): string {
  const m = /(?:^|\n)Authentication-Results:\s*([\s\S]*?)(?:\r?\n(?![ \t])|$)/i.exec(headers);
  return (m?.[1] ?? `${mta}; none`).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function fromMailauth(mta: string, result: AuthenticateResult): SenderAuth {
  const r = result as any;
  const dmarc = r.dmarc || null;
  const policy = String(dmarc?.policy ?? dmarc?.p ?? '').toLowerCase();
  return {
    authservId: mta,
    source: 'verified',
    spf: { result: String(r.spf?.status?.result ?? 'none'), domain: r.spf?.domain ? String(r.spf.domain).toLowerCase() : null },
    dkim: ((r.dkim?.results ?? []) as any[])
      .filter((s) => s.signingDomain)
      .map((s) => ({ result: String(s.status?.result ?? 'none'), domain: String(s.signingDomain).toLowerCase(), ...(s.signature ? { b: String(s.signature) } : {}) })),
    dmarc: {
      result: String(dmarc?.status?.result ?? 'none'),
      domain: dmarc?.domain ? String(dmarc.domain).toLowerCase() : null,
      policy: ['none', 'quarantine', 'reject'].includes(policy) ? (policy as DmarcPolicy) : null,
    },
    arc: arcOf(r.arc),
  };
}

function arcOf(arc: any): SenderAuth['arc'] {
  const result = String(arc?.status?.result ?? 'none');
  const sealer = arc?.signature?.signingDomain ? String(arc.signature.signingDomain).toLowerCase() : undefined;
  const dmarc = arc?.authenticationResults?.dmarc;
  if (result !== 'pass' || !sealer) return { result };
  return { result, sealer, ...(dmarc ? { dmarc: { result: String(dmarc.result ?? 'none').toLowerCase(), domain: dmarc.header?.from ? String(dmarc.header.from).toLowerCase() : null } } : {}) };
}

/** One stored message whose sender authentication routing needs. */
export interface MessageToAuthenticate {
  messageRowId: number;
  raw: Buffer;
  stored: SenderAuth | null;
  session: SessionFacts;
  retryUntil: Date | null;
}

/**
 * The message's stored result, or a new one stored now (once: a concurrent
 * router that got there first wins, and its result is used). A result that
 * met a DNS failure is not stored while `retryUntil` is ahead: the caller
 * gets AuthenticationDeferred and tries again later. A caller that cannot
 * wait (a close counting the replies received in time) passes null.
 */
export async function senderAuthOf(
  ctx: Context,
  messageRowId: number,
  raw: Buffer,
  stored: SenderAuth | null,
  session: SessionFacts,
  retryUntil: Date | null,
): Promise<SenderAuth> {
  const auth = (await senderAuthsOf(ctx, [{ messageRowId, raw, stored, session, retryUntil }])).get(messageRowId)!;
  if (auth instanceof AuthenticationDeferred) throw auth;
  return auth;
}

/**
 * senderAuthOf for a batch of messages: checked side by side (DNS waits
 * overlap), the new results stored in one statement. A message whose check
 * must wait for DNS maps to its AuthenticationDeferred, the others are not
 * held back by it.
 */
export async function senderAuthsOf(
  ctx: Context,
  messages: readonly MessageToAuthenticate[],
): Promise<Map<number, SenderAuth | AuthenticationDeferred>> {
  const results = new Map<number, SenderAuth | AuthenticationDeferred>();
  const fresh: { id: number; auth: SenderAuth; header: string }[] = [];
  const unique = [...new Map(messages.map((m) => [m.messageRowId, m])).values()];
  await Promise.all(
    unique.map(async (m) => {
      if (m.stored) return void results.set(m.messageRowId, m.stored);
      const { auth, header, dnsFailed } = await authenticateSender(ctx, m.raw, m.session);
      if (dnsFailed && m.retryUntil && Date.now() < m.retryUntil.getTime()) {
        results.set(m.messageRowId, new AuthenticationDeferred('a DNS lookup of sender authentication failed; the message is tried again later'));
        return;
      }
      fresh.push({ id: m.messageRowId, auth, header });
    }),
  );
  if (fresh.length === 0) return results;
  const stored = await ctx.sql`
    update inbound_messages m set auth = v.auth, auth_results = v.header
    from jsonb_to_recordset(${ctx.sql.json(fresh as never)}) as v(id bigint, auth jsonb, header text)
    where m.id = v.id and m.auth is null
    returning m.id, m.auth`;
  for (const row of stored) results.set(Number(row.id), row.auth as SenderAuth);
  const raced = fresh.filter((f) => !results.has(f.id));
  if (raced.length) {
    const existing = await ctx.sql`select id, auth from inbound_messages where id = any(${raced.map((f) => f.id)}::bigint[])`;
    const byId = new Map(existing.map((row) => [Number(row.id), row.auth as SenderAuth | null]));
    for (const f of raced) results.set(f.id, byId.get(f.id) ?? f.auth);
  }
  return results;
}
