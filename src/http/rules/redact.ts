/**
 * What the web record never shows. Pure text rules, applied to everything
 * taken from a stored message before it reaches a page:
 * - address tokens (reply+, confirm+, bounces+) and one-click unsubscribe
 *   tokens: quoted in a reply, they would let a reader vote or unsubscribe
 *   as someone else. Removed for every viewer, members included.
 * - email addresses, for viewers who are not members of the list, except
 *   Tacit's own plain addresses (icc@D, request@D), which are public.
 */
const ADDRESS_TOKEN = /\b(reply|confirm|bounces)\+[A-Za-z0-9_-]+(?=@)/gi;
const URL_TOKEN = /(\/(?:unsubscribe|signin)\/)[A-Za-z0-9_-]+/gi;
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;

export const HIDDEN_ADDRESS = '[address hidden]';
export const HIDDEN_TOKEN = '[token removed]';

export function removeTokens(text: string): string {
  return text.replace(ADDRESS_TOKEN, (_m, prefix: string) => `${prefix.toLowerCase()}+${HIDDEN_TOKEN}`).replace(URL_TOKEN, `$1${HIDDEN_TOKEN}`);
}

export function hideAddresses(text: string, tacitDomain: string): string {
  const domain = tacitDomain.toLowerCase();
  return text.replace(EMAIL, (address) => {
    const [local, host] = [address.slice(0, address.lastIndexOf('@')), address.slice(address.lastIndexOf('@') + 1).toLowerCase()];
    return host === domain && !local.includes('+') ? address : HIDDEN_ADDRESS;
  });
}

/** Tokens always go; addresses go unless the viewer is a member of the list. */
export function redact(text: string, options: { tacitDomain: string; showAddresses: boolean }): string {
  const clean = removeTokens(text);
  return options.showAddresses ? clean : hideAddresses(clean, options.tacitDomain);
}

/** A person's name for a page: their name, or for an unnamed person an address only members may see. */
export function personLabel(name: string, email: string, showAddresses: boolean): string {
  const trimmed = name.trim();
  if (trimmed && !trimmed.includes('@')) return trimmed;
  return showAddresses ? email : 'a member';
}
