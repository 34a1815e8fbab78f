import type { DomainManifest } from '../manifest.ts';
import { confirmHandler } from './confirmations.ts';

/** Confirmations: confirm+TOKEN@ answers, each carried out by the confirmer of its purpose (other manifests name those). */
export const confirmationsManifest: DomainManifest = {
  name: 'confirmations',
  handlers: { confirm: confirmHandler },
};
