import { registerBatchLoader, registerComposer } from '../../pipeline/outbound/compose.ts';
import { registerReconciler } from '../../shared/queue/reconcilerRegistry.ts';
import { registerLineCommand } from '../mailCommands/mailCommandRegistry.ts';
import { composeDigest, preloadDigests } from './digestComposer.ts';
import { digestLineCommand } from './digestOptOut.ts';
import { DIGEST } from './runDigest.ts';
import { runScheduledDigest } from './scheduledDigest.ts';

/** Digests: composed when sent; the reconciler's pass sends each scheduled period once. */
export function registerDigestsDomain(): void {
  registerComposer(DIGEST, composeDigest);
  // A delivery batch of digests reads its members' contents in one query.
  registerBatchLoader(DIGEST, preloadDigests);
  registerReconciler((ctx) => runScheduledDigest(ctx));
  // "digest off" / "digest on" to request@ (the digest's List-Unsubscribe mailto).
  registerLineCommand(digestLineCommand);
}
