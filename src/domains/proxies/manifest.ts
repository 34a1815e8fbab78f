import type { DomainManifest } from '../manifest.ts';
import { applyNameProxy, applyProxyOff, NAME_PROXY_APPLIER, PROXY_OFF_APPLIER, proxyLineCommand } from './proxyCommands.ts';
import { confirmProxy, PROXY_ACCEPT_PURPOSE } from './acceptProxy.ts';
import { confirmHeldProxyBallot, HELD_PROXY_BALLOT_PURPOSE, proxyReplyHandler } from './proxyReplyHandler.ts';

/**
 * Proxies for formal votes (issue 22 items 4 and 5): `proxy EMAIL [list
 * SLUG]`, `proxy off` and `proxies` to request@; the proxy's acceptance; the
 * proxy+TOKEN@ address of a ballot a proxy casts. The ballots a proxy holds
 * are mailed when a vote opens (proxyBallots.ts, called by the open).
 */
export const proxiesManifest: DomainManifest = {
  name: 'proxies',
  handlers: { proxy: proxyReplyHandler },
  lineCommands: [proxyLineCommand],
  deferredAppliers: { [NAME_PROXY_APPLIER]: applyNameProxy, [PROXY_OFF_APPLIER]: applyProxyOff },
  confirmers: { [PROXY_ACCEPT_PURPOSE]: confirmProxy, [HELD_PROXY_BALLOT_PURPOSE]: confirmHeldProxyBallot },
};
