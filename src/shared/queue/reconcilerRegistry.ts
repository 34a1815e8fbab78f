import type { Context } from '../context.ts';

/**
 * Passes that find rows whose job was lost and queue them again; the
 * reconciler (app/reconciler.ts) runs them after its own routing and
 * delivery passes. A domain with its own alarm clocks registers one here.
 */
export type Reconcile = (ctx: Context) => Promise<number>;
const passes: Reconcile[] = [];

export function registerReconciler(pass: Reconcile): void {
  passes.push(pass);
}

export function registeredReconcilers(): readonly Reconcile[] {
  return passes;
}
