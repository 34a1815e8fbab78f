import type { Context } from '../../shared/context.ts';
import type { Tx } from '../../shared/db/database.ts';

/**
 * Closing routes the replies that arrived before the deadline but wait in the
 * route queue. The domain does not import the router: register.ts hands its
 * in-transaction routing in here at start-up.
 */
export type RouteInTransaction = (tx: Tx, ctx: Context, deliveryId: number) => Promise<unknown>;
let route: RouteInTransaction | undefined;

export function setReplyRouter(routeOne: RouteInTransaction): void {
  route = routeOne;
}

export function routeInTransaction(tx: Tx, ctx: Context, deliveryId: number): Promise<unknown> {
  if (!route) throw new Error('consultations: no reply router registered (registerConsultationsDomain not called)');
  return route(tx, ctx, deliveryId);
}
