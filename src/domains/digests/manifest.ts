import type { DomainManifest } from '../manifest.ts';
import { composeDigest, preloadDigests } from './digestComposer.ts';
import { digestLineCommand } from './digestOptOut.ts';
import { DIGEST } from './runDigest.ts';
import { runScheduledDigest } from './scheduledDigest.ts';

/** Digests: composed when sent; the reconciler's pass sends each scheduled period once. */
export const digestsManifest: DomainManifest = {
  name: 'digests',
  composers: { [DIGEST]: composeDigest },
  // A delivery batch of digests reads its members' contents in one query.
  batchLoaders: { [DIGEST]: preloadDigests },
  reconcilers: [(ctx) => runScheduledDigest(ctx)],
  // "digest off" / "digest on" to request@ (the digest's List-Unsubscribe mailto).
  lineCommands: [digestLineCommand],
};
