import type { Context } from '../context.ts';

/**
 * A pass that finds rows whose job was lost and queues them again (or does
 * housekeeping on the same beat); the reconciler (app/reconciler.ts) runs
 * them after its own routing and delivery passes. A domain with its own alarm
 * clocks names one in its manifest. Returns how many it re-queued.
 */
export type ReconcilePass = (ctx: Context) => Promise<number>;

declare module '../context.ts' {
  interface Wiring {
    /** The reconciler's domain passes, run in this order. */
    reconcilers: readonly ReconcilePass[];
  }
}
