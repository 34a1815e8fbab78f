/**
 * The proxy lines of a command mail to request@ (issue 22 item 5). They
 * reach the proxies domain as lines the request grammar does not know:
 *
 *   proxy EMAIL              EMAIL votes for me in every list's formal votes
 *   proxy EMAIL list SLUG    … in SLUG's only
 *   proxy off                I hold no proxy any more (every one I named ends)
 *   proxies                  whom I hold, who holds mine
 *
 * Strict about words, like the request grammar: anything else is not a proxy
 * command, and the line is reported back as not understood.
 */
import { SLUG_RE } from '../../../shared/rules/addresses.ts';
import { trimEndOf } from '../../../shared/rules/textBounds.ts';

export type ProxyCommand =
  | { kind: 'proxy'; email: string; list: string | null }
  | { kind: 'proxy-off' }
  | { kind: 'proxies' };

const EMAIL_WORD = /^<?([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+?)>?$/;

export function parseProxyCommand(line: string): ProxyCommand | null {
  const words = trimEndOf(line, '.!').trim().split(/\s+/);
  const verb = words[0]!.toLowerCase();
  const args = words.slice(1);
  if (verb === 'proxies') return args.length === 0 ? { kind: 'proxies' } : null;
  if (verb !== 'proxy') return null;
  if (args.length === 1 && args[0]!.toLowerCase() === 'off') return { kind: 'proxy-off' };
  const email = EMAIL_WORD.exec(args[0] ?? '')?.[1];
  if (!email) return null;
  if (args.length === 1) return { kind: 'proxy', email: email.toLowerCase(), list: null };
  if (args.length === 3 && args[1]!.toLowerCase() === 'list') {
    const word = args[2]!.toLowerCase();
    const slug = word.includes('@') ? word.slice(0, word.indexOf('@')) : word;
    return SLUG_RE.test(slug) ? { kind: 'proxy', email: email.toLowerCase(), list: slug } : null;
  }
  return null;
}

export function describeProxyCommand(command: ProxyCommand): string {
  switch (command.kind) {
    case 'proxy':
      return `proxy ${command.email}${command.list ? ` list ${command.list}` : ''}`;
    case 'proxy-off':
      return 'proxy off';
    case 'proxies':
      return 'proxies';
  }
}
