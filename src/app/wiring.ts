/**
 * The composition root of the hand-offs: every table in ctx.wiring is built
 * here from the domains' manifests, and nowhere else. Where each thing goes:
 *
 *   address (src/shared/rules/addresses.ts)   handler
 *     request@, LIST-request@                 mailCommands/requestHandler.ts
 *     confirm+TOKEN@                          confirmations/confirmations.ts
 *     LIST@                                   lists/posting.ts
 *     LIST-owner@, postmaster@ (abuse@)       lists/ownerMail.ts
 *     bounces+TOKEN@                          lists/bounces.ts
 *     consult@, LIST-consult@                 consultations/open/consultHandler.ts
 *     reply+TOKEN@                            consultations/replies/replyHandler.ts
 *     proxy+TOKEN@                            proxies/proxyReplyHandler.ts
 *     (no handler)                            pipeline/routing/notAvailable.ts
 *
 *   readerOf (the language of routing's own notices)   org/reader.ts
 *
 *   outbox kind                               composer (none: a template of src/shared/templates)
 *     list-copy, forward                      lists/listCopy.ts, lists/ownerMail.ts
 *     consultation-{copy,reminder,extended,   consultations/mail/consultationComposers.ts
 *       cancelled,outcome,tally}              (the member mails also have a batch loader there)
 *     consultation-outcome-mailing            expanded, not composed: consultations/close/outcomeMailing.ts
 *     digest                                  digests/digestComposer.ts (with its batch loader)
 *     web-signin                              src/http/web/signin.ts
 *
 *   confirmation purpose                      confirmer
 *     commands                                mailCommands/commandConfirmer.ts
 *     moderate                                lists/moderation.ts
 *     consultation-open                       consultations/open/confirmOpen.ts
 *     consultation-reply                      consultations/replies/replyHandler.ts
 *     proxy-accept, proxy-ballot              proxies/acceptProxy.ts, proxies/proxyReplyHandler.ts
 *
 *   reconciler passes (app/reconciler.ts runs them in this order, after its own routing and delivery passes)
 *     held posts expire                       lists/moderation.ts expireHeldPosts
 *     consultation alarms and mailings        consultations/reconcile.ts
 *     scheduled digests                       digests/scheduledDigest.ts
 *     held notices summed up                  pipeline/routing/answers/noticeBudget.ts summariseHeldNotices
 *     spent sign-in links and sessions        src/http/web/signin.ts forgetExpired
 *
 *   decision method (a consultation's `method`)   src/decisions/methods/index.ts, one line each
 *     consent-choice, lazy-consensus          src/decisions/methods/consentChoice/, lazyConsensus/
 *
 *   queue            worker (src/app/workers/)                       job
 *     route          routeWorker.ts startRouteWorker                 routeDelivery: ctx.wiring.handlers
 *     deliver        deliverWorker.ts startDeliverWorker             deliverOutboxRows: composers, batchLoaders, expanders
 *     consultation   consultationWorker.ts startConsultationWorker   runConsultationJob (close, remind, mailings)
 *     lists          listsWorker.ts startListsWorker                 queueCopies (a post's copies into delivery)
 */
import type { Wiring } from '../shared/context.ts';
import type { DomainManifest } from '../domains/manifest.ts';
import { mailCommandsManifest } from '../domains/mailCommands/manifest.ts';
import { confirmationsManifest } from '../domains/confirmations/manifest.ts';
import { listsManifest } from '../domains/lists/manifest.ts';
import { consultationsManifest } from '../domains/consultations/manifest.ts';
import { digestsManifest } from '../domains/digests/manifest.ts';
import { proxiesManifest } from '../domains/proxies/manifest.ts';
import { webManifest } from '../http/web/manifest.ts';
import { DECISION_METHODS } from '../decisions/methods/index.ts';
import { summariseHeldNotices } from '../pipeline/routing/answers/noticeBudget.ts';
import { readerOf } from '../domains/org/reader.ts';

/** Answers and notices held back by their hourly limits are summed up once the hour is over. */
const heldNoticesManifest: DomainManifest = { name: 'held notices', reconcilers: [summariseHeldNotices] };

/**
 * The manifests of this process. Order matters only for the lists: status
 * sections (lists before consultations), line commands and reconciler passes
 * run in this order.
 */
export const DOMAIN_MANIFESTS: readonly DomainManifest[] = [
  mailCommandsManifest,
  confirmationsManifest,
  listsManifest,
  consultationsManifest,
  proxiesManifest,
  digestsManifest,
  heldNoticesManifest,
  webManifest,
];

/**
 * The hand-off tables of this process, built from the manifests. A key two
 * manifests both claim (an address kind, outbox kind, purpose…) is a mistake
 * that would otherwise depend on import order: it throws at start.
 */
export function wireDomains(manifests: readonly DomainManifest[] = DOMAIN_MANIFESTS): Wiring {
  return {
    handlers: keyed(manifests, 'address kind', (m) => m.handlers),
    composers: keyed(manifests, 'outbox kind (composer)', (m) => m.composers),
    batchLoaders: keyed(manifests, 'outbox kind (batch loader)', (m) => m.batchLoaders),
    expanders: keyed(manifests, 'outbox kind (expander)', (m) => m.expanders),
    confirmers: keyed(manifests, 'confirmation purpose', (m) => m.confirmers),
    commandRunners: keyed(manifests, 'mail command', (m) => m.commandRunners),
    deferredAppliers: keyed(manifests, 'deferred change applier', (m) => m.deferredAppliers),
    lineCommands: manifests.flatMap((m) => m.lineCommands ?? []),
    statusSections: manifests.flatMap((m) => m.statusSections ?? []),
    reconcilers: manifests.flatMap((m) => m.reconcilers ?? []),
    // A Map of its own per process, so a test may add a method to its harness.
    decisionMethods: new Map(DECISION_METHODS),
    // Routing's notices are read in the reader's language, which the org domain knows.
    readerOf,
  };
}

/** One keyed table from every manifest's part of it; a key claimed twice throws, naming both claimants. */
function keyed<K extends string, V>(
  manifests: readonly DomainManifest[],
  what: string,
  part: (manifest: DomainManifest) => { readonly [key in K]?: V } | undefined,
): Map<K, V> {
  const table = new Map<K, V>();
  const claimedBy = new Map<K, string>();
  for (const manifest of manifests) {
    for (const [key, value] of Object.entries(part(manifest) ?? {}) as [K, V | undefined][]) {
      if (value === undefined) continue;
      const first = claimedBy.get(key);
      if (first !== undefined) throw new Error(`wiring: ${what} '${key}' is claimed by both ${first} and ${manifest.name}`);
      claimedBy.set(key, manifest.name);
      table.set(key, value);
    }
  }
  return table;
}
