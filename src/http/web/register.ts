import { registerComposer } from '../../outbound/compose.ts';
import { SIGNIN_MAIL, composeSigninMail } from './signin.ts';

/** The web record's one mail: the sign-in link. */
export function registerWebDomain(): void {
  registerComposer(SIGNIN_MAIL, composeSigninMail);
}
