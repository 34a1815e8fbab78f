import { registerHandler } from '../pipeline/routing/router.ts';
import { registerMailCommandsDomain } from '../domains/mailCommands/register.ts';
import { confirmHandler } from '../domains/confirmations/confirmations.ts';
import { registerListsDomain } from '../domains/lists/register.ts';
import { registerConsultationsDomain } from '../domains/consultations/register.ts';
import { registerDigestsDomain } from '../domains/digests/register.ts';
import { summariseHeldNotices } from '../pipeline/routing/answers/noticeBudget.ts';
import { registerReconciler } from '../shared/queue/reconcilerRegistry.ts';
import { registerWebDomain } from '../http/web/register.ts';

let registered = false;

/** Wires each domain's handlers, composers, commands and reconcilers into the pipeline, once per process. */
export function registerDomains(): void {
  if (registered) return;
  registered = true;
  registerMailCommandsDomain();
  registerHandler('confirm', confirmHandler);
  registerListsDomain();
  registerConsultationsDomain();
  registerDigestsDomain();
  // Answers and notices held back by their hourly limits are summed up once the hour is over.
  registerReconciler(summariseHeldNotices);
  registerWebDomain();
}
