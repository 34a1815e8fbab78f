import type { TacitAddress } from '../shared/rules/addresses.ts';
import type { Handler } from '../pipeline/routing/inboundMail.ts';
import type { BatchLoader, Composer } from '../pipeline/outbound/compose/compose.ts';
import type { Expander } from '../pipeline/outbound/expand.ts';
import type { ReconcilePass } from '../shared/queue/reconcilePass.ts';
import type { Confirmer } from './confirmations/confirmations.ts';
import type { CommandRunners, LineCommand, StatusSection } from './mailCommands/mailCommandTables.ts';
import type { DeferredApplier } from './mailCommands/changes.ts';

/**
 * What one domain hands to the pipeline, as plain data: src/app/wiring.ts
 * merges every domain's manifest into ctx.wiring, refusing a key that two
 * manifests claim. Importing a manifest does nothing; only the composition
 * root decides which ones a process runs with.
 */
export interface DomainManifest {
  /** Names the manifest in the error when two claim the same key. */
  name: string;
  /** The handler of each address kind this domain answers (src/shared/rules/addresses.ts). */
  handlers?: Partial<Record<TacitAddress['kind'], Handler>>;
  /** Composers by outbox kind (a kind with none is a plain template mail). */
  composers?: Readonly<Record<string, Composer>>;
  /** Loaders that read for a whole delivery batch of one outbox kind. */
  batchLoaders?: Readonly<Record<string, BatchLoader>>;
  /** Outbox kinds whose one row stands for a whole mailing. */
  expanders?: Readonly<Record<string, Expander>>;
  /** Confirmers by confirmation purpose. */
  confirmers?: Readonly<Record<string, Confirmer>>;
  /** Runners of request-grammar commands (request@, LIST-request@). */
  commandRunners?: CommandRunners;
  /** Readers of lines the request grammar does not know, asked in manifest order. */
  lineCommands?: readonly LineCommand[];
  /** Parts of the `status` answer, in manifest order. */
  statusSections?: readonly StatusSection[];
  /** Appliers of this domain's changes that wait in a mail-commands confirmation. */
  deferredAppliers?: Readonly<Record<string, DeferredApplier>>;
  /** Reconciler passes, run in manifest order. */
  reconcilers?: readonly ReconcilePass[];
}
