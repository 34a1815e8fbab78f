/**
 * Who an answer may go to, and header text made safe to repeat. Pure.
 *
 *   soleSender(mailboxes, fromHeaders): { address, name } | null
 *   isSingleAddress(text): boolean
 *   oneLine(text): string
 *
 * An answer goes to exactly one address or to nobody: a From with several
 * mailboxes (`a@x, b@y`), group syntax (`team: a@x, b@y;`), several From
 * headers or an address that does not parse gets no answer at all, so one
 * inbound message can never make Tacit mail strangers.
 */

/** One mailbox of a parsed From header, as mailparser gives it. */
export interface ParsedMailbox {
  address?: string;
  name?: string;
  group?: unknown[];
}

// A plain addr-spec without display parts, comments or list separators.
const SINGLE_ADDRESS = /^[^\s@,;:<>()"[\]\\]+@[^\s@,;:<>()"[\]\\]+\.?[^\s@,;:<>()"[\]\\]*$/;

export function isSingleAddress(text: string): boolean {
  return text.length <= 254 && SINGLE_ADDRESS.test(text);
}

export function soleSender(mailboxes: readonly ParsedMailbox[] | undefined, fromHeaders: number): { address: string; name: string } | null {
  if (fromHeaders > 1 || !mailboxes || mailboxes.length !== 1) return null;
  const [box] = mailboxes;
  if (!box || box.group || !box.address) return null;
  const address = box.address.trim().toLowerCase();
  if (!isSingleAddress(address)) return null;
  return { address, name: oneLine(box.name ?? '') };
}

/**
 * CR, LF and every other line or control character become one space, so a
 * decoded header value (`=?utf-8?q?hi=0AURGENT?=`) cannot start a new line in
 * a template or an outgoing header.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}
