import { registerComposer } from '../../pipeline/outbound/compose.ts';
import { registerReconciler } from '../../shared/queue/reconcilerRegistry.ts';
import { SIGNIN_MAIL, composeSigninMail, forgetExpired } from './signin.ts';

/** The web record's one mail (the sign-in link), and the removal of spent links and sessions. */
export function registerWebDomain(): void {
  registerComposer(SIGNIN_MAIL, composeSigninMail);
  // Housekeeping, not lost work: it does not count in the reconciler's "re-queued" numbers.
  registerReconciler(async (ctx) => {
    await forgetExpired(ctx);
    return 0;
  });
}
