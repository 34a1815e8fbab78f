import type { Context } from '../../../shared/context.ts';
import { signingKeys, type SigningKey } from './dkimKeys.ts';
import { dkimSignatures } from './dkimSignature.ts';
import { signingPool, type SigningPool } from './signingPool.ts';

/**
 * The sign stage: DKIM signatures with d=D over a message's final bytes
 * (dkimSignature.ts: the sender's thread canonicalizes, libuv's pool signs),
 * and for list copies an ARC set first (arcSeal.ts, in the signing
 * pool's threads), once per copy, off the sender's event loop.
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

/** Signs with `keys` as d=`domain`; a changed post is ARC-sealed with the RSA key first. */
export function dkimSigner(domain: string, keys: SigningKey[], pool: () => SigningPool = signingPool): Signer {
  return {
    async sign(raw, arc) {
      const [rsa] = keys;
      const message = arc && rsa ? Buffer.concat([await pool().seal(domain, rsa, raw, arc), raw]) : raw;
      return Buffer.concat([Buffer.from(await dkimSignatures(domain, keys, message), 'latin1'), message]);
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
