import type { SigningKey } from './dkimKeys.ts';
import type { ArcInput } from './signer.ts';

/**
 * The ARC set of a changed post (a list copy): ARC-Seal, ARC-Message-Signature
 * and ARC-Authentication-Results, by mailauth, to be put in front of the
 * bytes that were composed, before they are DKIM-signed (dkimSignature.ts).
 * Runs in the signing pool's threads (signingPool.ts), off the sender's event
 * loop: mailauth parses the whole message and signs twice.
 */

// Loaded once, on first use: mailauth takes a second to load, which CLI commands that sign nothing need not pay.
let mailauth: Promise<typeof import('mailauth')> | undefined;

export async function arcSeal(domain: string, key: SigningKey, raw: Buffer, arc: ArcInput): Promise<Buffer> {
  const { sealMessage } = await (mailauth ??= import('mailauth'));
  return sealMessage(raw, {
    signingDomain: domain,
    selector: key.selector,
    privateKey: key.privateKey,
    authResults: arc.authResults,
    cv: arc.cv,
  } as Parameters<typeof sealMessage>[1]);
}
