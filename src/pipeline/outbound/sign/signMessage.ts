import type { SigningKey } from './dkimKeys.ts';
import type { ArcInput } from './signer.ts';

/**
 * The signing itself: an ARC set first for a changed post, then DKIM with
 * d=D over the final bytes. The message is not rewritten: the signature
 * headers are put in front of the bytes that were composed. Runs in the
 * signing pool's threads (signingPool.ts), off the sender's event loop.
 */
const ALGORITHM = { rsa: 'rsa-sha256', ed25519: 'ed25519-sha256' } as const;

// The fields a signature covers; the List-* and Reply-To fields too, so no one can add a second unsubscribe link.
const SIGNED_FIELDS = [
  'from', 'sender', 'reply-to', 'subject', 'date', 'message-id', 'to', 'cc', 'mime-version', 'content-type',
  'content-transfer-encoding', 'in-reply-to', 'references', 'list-id', 'list-help', 'list-unsubscribe',
  'list-unsubscribe-post', 'list-subscribe', 'list-post', 'list-owner', 'list-archive', 'auto-submitted',
];

// Loaded once, on first use: mailauth takes a second to load, which CLI commands that sign nothing need not pay.
let mailauth: Promise<typeof import('mailauth')> | undefined;

export async function signMessage(domain: string, keys: readonly SigningKey[], raw: Buffer, arc?: ArcInput): Promise<Buffer> {
  const { dkimSign, sealMessage } = await (mailauth ??= import('mailauth'));
  const [rsa] = keys;
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
    // One t= for the signed header and the written one: without it mailauth reads the clock for each, and a signature
    // that takes long enough to cross a half second (RSA on a loaded machine) goes out with a t= it did not sign.
    signTime: new Date(),
    headerList: SIGNED_FIELDS,
    signatureData: keys.map((k) => ({ signingDomain: domain, selector: k.selector, privateKey: k.privateKey, algorithm: ALGORITHM[k.algorithm] })),
  } as Parameters<typeof dkimSign>[1]);
  if (result.errors?.length) throw new Error(`DKIM signing failed: ${(result.errors[0] as Error).message ?? result.errors[0]}`);
  return Buffer.concat([Buffer.from(result.signatures), message]);
}
