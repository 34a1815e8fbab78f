import { registerHandler } from '../routing/router.ts';
import { requestHandler } from '../commands/requestHandler.ts';
import { confirmHandler } from '../confirmations/confirmations.ts';
import { registerListsDomain } from '../lists/register.ts';
import { registerConsultationsDomain } from '../consultations/register.ts';
import { registerDigestsDomain } from '../digests/register.ts';
import { summariseHeldNotices } from '../outbound/noticeBudget.ts';
import { registerReconciler } from '../queue/reconciler.ts';
import { registerWebDomain } from '../http/web/register.ts';

let registered = false;

/** Wires each domain's handlers, composers, commands and reconcilers into the pipeline, once per process. */
export function registerDomains(): void {
  if (registered) return;
  registered = true;
  registerHandler('request', requestHandler);
  registerHandler('confirm', confirmHandler);
  registerListsDomain();
  registerConsultationsDomain();
  registerDigestsDomain();
  // Answers and notices held back by their hourly limits are summed up once the hour is over.
  registerReconciler(summariseHeldNotices);
  registerWebDomain();
}
