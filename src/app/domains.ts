import { registerHandler } from '../routing/router.ts';
import { requestHandler } from '../commands/requestHandler.ts';

let registered = false;

/** Wires each domain's handlers, composers and reconcilers into the pipeline, once per process. */
export function registerDomains(): void {
  if (registered) return;
  registered = true;
  registerHandler('request', requestHandler);
}
