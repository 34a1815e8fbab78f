import { describe, expect, it } from 'vitest';
import { replyTakesEffect, type ReplyOrigin } from '../../../src/domains/proxies/rules/ballotPrecedence.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));
const own = (readable: boolean, minute: number): ReplyOrigin => ({ readable, receivedAt: at(minute), byProxy: false });
const proxy = (readable: boolean, minute: number): ReplyOrigin => ({ readable, receivedAt: at(minute), byProxy: true });

// Issue 22 item 4: the member's own ballot always overrides their proxy's until the deadline, before or after it.
const cases: [string, ReplyOrigin | null, ReplyOrigin, boolean][] = [
  ['a proxy ballot with nothing before it counts', null, proxy(true, 1), true],
  ['the member\'s own ballot after the proxy\'s overrides it', proxy(true, 1), own(true, 2), true],
  ['the member\'s own ballot before the proxy\'s still counts', own(true, 1), proxy(true, 2), false],
  ['a proxy ballot routed late, received before the member\'s own, does not take over', own(true, 2), proxy(true, 1), false],
  ['the member\'s own ballot routed late, received before the proxy\'s, still overrides', proxy(true, 2), own(true, 1), true],
  ['the proxy changes their ballot: the later one counts', proxy(true, 1), proxy(true, 2), true],
  ['a proxy ballot stands in for a member\'s unreadable reply (not a ballot)', own(false, 1), proxy(true, 2), true],
  ['an unreadable proxy reply replaces nothing of the member\'s', own(false, 1), proxy(false, 2), false],
  ['an unreadable proxy reply does not undo the proxy\'s ballot', proxy(true, 1), proxy(false, 2), false],
  ['the member\'s "thanks!" after the proxy voted does not undo the proxy\'s ballot', proxy(true, 1), own(false, 2), false],
  ['the member\'s unreadable reply replaces an unreadable proxy reply', proxy(false, 1), own(false, 2), true],
  // Without proxies, the rule is the one recordReply always had.
  ['own: a later readable reply counts', own(true, 1), own(true, 2), true],
  ['own: an earlier readable reply routed late does not', own(true, 2), own(true, 1), false],
  ['own: an unreadable reply does not undo a readable one', own(true, 1), own(false, 2), false],
  ['own: a readable reply replaces an unreadable one', own(false, 2), own(true, 1), true],
];

describe('which reply counts with proxies', () => {
  it.each(cases)('%s', (_what, current, incoming, expected) => {
    expect(replyTakesEffect(current, incoming)).toBe(expected);
  });
});
