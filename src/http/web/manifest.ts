import type { DomainManifest } from '../../domains/manifest.ts';
import { SIGNIN_MAIL, composeSigninMail, forgetExpired } from './signin.ts';

/** The web record's one mail (the sign-in link), and the removal of spent links and sessions. */
export const webManifest: DomainManifest = {
  name: 'web',
  composers: { [SIGNIN_MAIL]: composeSigninMail },
  reconcilers: [
    // Housekeeping, not lost work: it does not count in the reconciler's "re-queued" numbers.
    async (ctx) => {
      await forgetExpired(ctx);
      return 0;
    },
  ],
};
