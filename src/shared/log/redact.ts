/**
 * What must never reach a log line: address tokens (a reply or confirmation
 * token is a vote or a yes by whoever holds it) and passwords in URLs. Pure;
 * the logger runs every line through it, error messages and stacks included,
 * since a relay's error may echo an envelope address.
 *
 *   redactSecrets(line: string): string
 */

// The shape makeToken writes: ids joined by "x", "_", a 32-digit hex MAC (any case: relays may upper-case).
const TOKEN = /\b\d+(?:x\d+)*_[0-9a-f]{32}\b/gi;
// scheme://user:password@ in any URL (Postgres, Redis, IMAP, SMTP relay).
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"]*:)[^\s@/"]+@/gi;

export function redactSecrets(line: string): string {
  return line.replace(TOKEN, '[token]').replace(URL_PASSWORD, '$1***@');
}
