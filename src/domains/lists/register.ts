import { registerHandler } from '../../pipeline/routing/router.ts';
import { registerComposer } from '../../pipeline/outbound/compose.ts';
import { registerReconciler } from '../../shared/queue/reconcilerRegistry.ts';
import { listHandler } from './posting.ts';
import { bouncesHandler } from './bounces.ts';
import { ownerHandler, postmasterHandler, composeForward, FORWARD } from './ownerMail.ts';
import { composeListCopy, LIST_COPY } from './listCopy.ts';
import { expireHeldPosts, registerModeration } from './moderation.ts';

/** Lists: posts, owners, bounces, moderation. */
export function registerListsDomain(): void {
  registerHandler('list', listHandler);
  registerHandler('owner', ownerHandler);
  registerHandler('postmaster', postmasterHandler);
  registerHandler('bounces', bouncesHandler);
  registerComposer(LIST_COPY, composeListCopy);
  registerComposer(FORWARD, composeForward);
  registerModeration();
  // Held posts expire on the reconciler's beat (RECONCILE_EVERY_MS): Postgres holds the deadline.
  registerReconciler(expireHeldPosts);
}
