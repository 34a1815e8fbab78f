import type { DomainManifest } from '../manifest.ts';
import { listHandler } from './posting.ts';
import { bouncesHandler } from './bounces.ts';
import { ownerHandler, postmasterHandler, composeForward, FORWARD } from './ownerMail.ts';
import { composeListCopy, LIST_COPY } from './listCopy.ts';
import { confirmModeration, expireHeldPosts, MODERATE_PURPOSE } from './moderation.ts';

/** Lists: posts, owners, bounces, moderation. */
export const listsManifest: DomainManifest = {
  name: 'lists',
  handlers: { list: listHandler, owner: ownerHandler, postmaster: postmasterHandler, bounces: bouncesHandler },
  composers: { [LIST_COPY]: composeListCopy, [FORWARD]: composeForward },
  confirmers: { [MODERATE_PURPOSE]: confirmModeration },
  // Held posts expire on the reconciler's beat (RECONCILE_EVERY_MS): Postgres holds the deadline.
  reconcilers: [expireHeldPosts],
};
