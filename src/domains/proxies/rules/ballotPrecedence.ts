/**
 * Which of a member's replies counts, once a proxy may answer for them
 * (issue 22 item 4). Pure: the recorder passes in what it read.
 *
 * - The latest readable reply counts; an unreadable one never undoes a
 *   readable one (a "thanks!" after voting must not erase the vote).
 * - The member's own readable ballot always beats their proxy's, whether it
 *   came before or after it: the proxy answers only for a member who did not.
 * - A proxy's readable ballot stands in for a member who cast none: it
 *   replaces an unreadable reply of the member's (not a ballot), and a later
 *   unreadable reply of the member does not undo it. An unreadable reply of
 *   the proxy replaces nothing of the member's.
 */
export interface ReplyOrigin {
  readable: boolean;
  receivedAt: Date;
  /** Cast through a proxy address. */
  byProxy: boolean;
}

export function replyTakesEffect(current: ReplyOrigin | null, incoming: ReplyOrigin): boolean {
  if (!current) return true;
  const newer = incoming.receivedAt.getTime() >= current.receivedAt.getTime();
  if (incoming.byProxy && !current.byProxy) return incoming.readable && !current.readable;
  if (!incoming.byProxy && current.byProxy) return incoming.readable || !current.readable;
  return incoming.readable ? !current.readable || newer : !current.readable && newer;
}
