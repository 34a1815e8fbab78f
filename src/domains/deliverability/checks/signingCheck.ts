import type { Resolver } from 'node:dns/promises';
import type { Context } from '../../../shared/context.ts';
import { buildRaw } from '../../../pipeline/outbound/compose/compose.ts';
import { outboundSigner } from '../../../pipeline/outbound/sign/signer.ts';
import { notChecked, pass, type Check } from '../check.ts';

/** A sample signed as every mail is, then verified as a receiver would, with the key DNS publishes. */
export async function checkSignVerify(ctx: Context, resolver: Resolver): Promise<Check> {
  const name = 'dkim sign-then-verify';
  if (!ctx.config.dkim.enabled) return notChecked(name, 'DKIM=off: the relay is expected to sign', 'send a mail to a mailbox you read and check its DKIM-Signature (d=' + ctx.config.domain + ')');
  const domain = ctx.config.domain;
  const raw = await buildRaw({ from: `request@${domain}`, to: `postmaster@${domain}`, subject: 'tacit doctor', text: 'A sample, signed and verified by tacit doctor.\n', messageId: `<doctor@${domain}>`, date: new Date() });
  const signed = await (await outboundSigner(ctx)).sign(raw);
  const { dkimVerify } = await import('mailauth');
  const result = await dkimVerify(signed, { resolver: (n: string, t: string) => resolver.resolve(n, t) as Promise<never> });
  const verdicts = result.results.map((r) => `${r.signingDomain} s=${r.selector}: ${r.status.result}`);
  const expected = `every signature passes (d=${domain})`;
  if (result.results.length && result.results.every((r) => r.status.result === 'pass')) return pass(name, expected, verdicts.join(', '));
  return { name, status: 'fail', expected, obtained: verdicts.join(', ') || 'no signature', fix: 'publish the DKIM record(s) that tacit dns prints, then run tacit doctor again' };
}
