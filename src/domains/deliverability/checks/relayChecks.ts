import type { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import os from 'node:os';
import nodemailer from 'nodemailer';
import type { Context } from '../../../shared/context.ts';
import { relayConnection } from '../../../pipeline/outbound/send/smtpRelay.ts';
import { withTimeout } from '../../../shared/withTimeout.ts';
import { notChecked, pass, type Check } from '../check.ts';
import { relayHost } from '../dnsRecords.ts';

const MAILDIR = 'OUTBOUND is a Maildir: whatever delivers it sends the mail';

/** The relay's PTR, confirmed forward (receivers distrust an address whose name does not point back). */
export async function checkReverseDns(ctx: Context, resolver: Resolver): Promise<Check> {
  const name = 'relay reverse DNS';
  if (ctx.config.outbound.kind === 'maildir') return notChecked(name, MAILDIR);
  const host = relayHost(ctx);
  if (!host) return notChecked(name, 'the relay is on this machine: its public address is not known from here', 'check that the public address that sends your mail has a PTR whose name resolves back to it');
  const addresses = isIP(host) ? [host] : await resolver.resolve4(host).catch(() => [] as string[]);
  if (!addresses.length) return { name, status: 'fail', expected: `${host} has an address`, obtained: 'no A record', fix: `publish an A record for ${host}` };
  for (const address of addresses) {
    const names = await resolver.reverse(address).catch(() => [] as string[]);
    const confirmed = [];
    for (const n of names) if ((await resolver.resolve4(n).catch(() => [] as string[])).includes(address)) confirmed.push(n);
    if (!confirmed.length) {
      return { name, status: 'fail', expected: `${address} → a name → ${address}`, obtained: names.length ? `PTR ${names.join(', ')}, not confirmed forward` : 'no PTR', fix: `ask the address's provider for a PTR of ${address} to a name whose A record is ${address}` };
    }
  }
  return pass(name, 'PTR confirmed forward', addresses.join(', '));
}

/** The name Tacit gives in EHLO to the relay (nodemailer's: the host name). */
export async function checkHelo(ctx: Context, resolver: Resolver): Promise<Check> {
  const name = 'helo name';
  if (ctx.config.outbound.kind === 'maildir') return notChecked(name, MAILDIR);
  const helo = os.hostname();
  const resolves = /\./.test(helo) && (await resolver.resolve4(helo).catch(() => [] as string[])).length > 0;
  if (resolves) return pass(name, 'a fully qualified name that resolves', helo);
  return { name, status: 'warn', expected: 'a fully qualified name that resolves', obtained: helo, fix: 'give this machine a fully qualified host name with an A record (receivers that Tacit reaches directly read it)' };
}

/** The relay answers and offers STARTTLS (or is smtps://), with the configured credentials. */
export async function checkRelay(ctx: Context): Promise<Check> {
  const name = 'relay STARTTLS';
  if (ctx.config.outbound.kind === 'maildir') return notChecked(name, MAILDIR);
  const url = new URL(ctx.config.outbound.url);
  const connection = relayConnection(url);
  const { secure, ignoreTLS: starttlsOff } = connection;
  // As Tacit connects, but STARTTLS required: a relay that does not offer it fails here.
  const transport = nodemailer.createTransport({ ...connection, requireTLS: !secure && !starttlsOff, connectionTimeout: 5000, greetingTimeout: 5000 });
  const expected = secure ? 'the relay answers over TLS' : 'the relay answers and offers STARTTLS';
  try {
    const ok = await withTimeout(transport.verify(), 10_000, 'timeout' as const);
    if (ok === 'timeout') return { name, status: 'fail', expected, obtained: 'no answer in 10 s', fix: `check that ${url.host} accepts connections from here` };
  } catch (err) {
    return { name, status: 'fail', expected, obtained: (err as Error).message, fix: `check OUTBOUND (${url.protocol}//${url.host}): address, port, credentials, TLS` };
  } finally {
    transport.close();
  }
  if (starttlsOff) return { name, status: 'warn', expected, obtained: 'connected without TLS (starttls=off)', fix: 'drop starttls=off from OUTBOUND unless the relay is on this machine' };
  return pass(name, expected);
}
