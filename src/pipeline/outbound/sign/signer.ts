import type { Context } from '../../../shared/context.ts';
import { signingKeys, type SigningKey } from './dkimKeys.ts';

/**
 * The sign stage: DKIM signatures with d=D over a message's final bytes, and
 * for list copies an ARC set first. The message is not rewritten: the
 * signature headers are put in front of the bytes that were composed.
 */
export interface ArcInput {
  /** The inbound Authentication-Results value ("D; spf=pass …; dkim=pass …"), as stored at route time. */
  authResults: string;
  /** The inbound ARC chain's validation: none (first hop), pass, or fail. */
  cv: 'none' | 'pass' | 'fail';
}

export interface Signer {
  /** ARC-seals (when `arc` is given) and then DKIM-signs `raw`; returns the bytes to send. */
  sign(raw: Buffer, arc?: ArcInput): Promise<Buffer>;
}

export const unsigned: Signer = { sign: async (raw) => raw };

const ALGORITHM = { rsa: 'rsa-sha256', ed25519: 'ed25519-sha256' } as const;

// The fields a signature covers; the List-* and Reply-To fields too, so no one can add a second unsubscribe link.
const SIGNED_FIELDS = [
  'from', 'sender', 'reply-to', 'subject', 'date', 'message-id', 'to', 'cc', 'mime-version', 'content-type',
  'content-transfer-encoding', 'in-reply-to', 'references', 'list-id', 'list-help', 'list-unsubscribe',
  'list-unsubscribe-post', 'list-subscribe', 'list-post', 'list-owner', 'list-archive', 'auto-submitted',
];

export function dkimSigner(domain: string, keys: SigningKey[]): Signer {
  const [rsa] = keys;
  return {
    async sign(raw, arc) {
      // Loaded on first use, like the verifier: mailauth takes a second to load, which CLI commands need not pay.
      const { dkimSign, sealMessage } = await import('mailauth');
      let message = raw;
      if (arc && rsa) {
        const seal = await sealMessage(raw, {
          signingDomain: domain,
          selector: rsa.selector,
          privateKey: rsa.privateKey,
          authResults: arc.authResults,
          cv: arc.cv,
        } as Parameters<typeof sealMessage>[1]);
        message = Buffer.concat([seal, raw]);
      }
      const result = await dkimSign(message, {
        canonicalization: 'relaxed/relaxed',
        headerList: SIGNED_FIELDS,
        signatureData: keys.map((k) => ({ signingDomain: domain, selector: k.selector, privateKey: k.privateKey, algorithm: ALGORITHM[k.algorithm] })),
      } as Parameters<typeof dkimSign>[1]);
      if (result.errors?.length) throw new Error(`DKIM signing failed: ${(result.errors[0] as Error).message ?? result.errors[0]}`);
      return Buffer.concat([Buffer.from(result.signatures), message]);
    },
  };
}

// Keys are read again now and then, so that a `tacit dkim switch` reaches running senders.
const REFRESH_MS = 60_000;
const signers = new WeakMap<Context, { signer: Promise<Signer>; at: number }>();

/** The signer every sender of this process uses (none with DKIM=off: the relay signs). */
export function outboundSigner(ctx: Context): Promise<Signer> {
  if (!ctx.config.dkim.enabled) return Promise.resolve(unsigned);
  const held = signers.get(ctx);
  if (held && Date.now() - held.at < REFRESH_MS) return held.signer;
  const signer = signingKeys(ctx).then((keys) => dkimSigner(ctx.config.domain, keys));
  // A failed read (Postgres away) is not kept: the next send reads again; until then the last good signer serves.
  signer.catch(() => (held ? signers.set(ctx, held) : signers.delete(ctx)));
  signers.set(ctx, { signer, at: Date.now() });
  return signer;
}
