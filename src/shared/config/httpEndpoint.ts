/** Where the HTTP endpoint (one-click unsubscribe, /health, the web record) listens; null: it does not run. */
export type HttpListen = { host: string; port: number } | null;

const DEFAULT_PORT = 8025;

/** The names of this machine a PUBLIC_URL may use (URL.hostname keeps the brackets of an IPv6 address). */
const LOOPBACK = new Map([['localhost', '127.0.0.1'], ['127.0.0.1', '127.0.0.1'], ['[::1]', '::1']]);

/**
 * The endpoint runs when HTTP_PORT or PUBLIC_URL is set. HTTP_PORT says
 * where; without it, a PUBLIC_URL on this machine (http://localhost:8080)
 * is served where its links point, on its port (and on ::1 for
 * http://[::1]:8080, unless HTTP_HOST says otherwise). Any other PUBLIC_URL
 * is a proxy's address (https is never this endpoint's): it listens on
 * HTTP_HOST:8025 for the proxy to forward to.
 */
export function httpListen(env: { HTTP_HOST?: string; HTTP_PORT?: number; PUBLIC_URL?: string }): HttpListen {
  if (env.HTTP_PORT === undefined && !env.PUBLIC_URL) return null;
  const local = env.HTTP_PORT === undefined ? localPublicUrl(env.PUBLIC_URL) : null;
  return {
    host: env.HTTP_HOST ?? local?.host ?? '127.0.0.1',
    port: env.HTTP_PORT ?? local?.port ?? DEFAULT_PORT,
  };
}

/**
 * A plain-HTTP PUBLIC_URL on a loopback name with its own port, as the
 * address it names; null for any other. Without a port it means port 80,
 * which only root may open: a proxy's address then, like any other.
 */
function localPublicUrl(publicUrl: string | undefined): { host: string; port: number } | null {
  if (!publicUrl) return null;
  const url = new URL(publicUrl);
  const host = LOOPBACK.get(url.hostname);
  if (url.protocol !== 'http:' || !host || !url.port) return null;
  return { host, port: Number(url.port) };
}

/** The address the endpoint listens on, as a URL (http://127.0.0.1:8025, http://[::1]:8080). */
export function listenUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Addresses that take connections for every local one. */
const EVERY_ADDRESS = new Set(['0.0.0.0', '::']);

/**
 * The `web` line of `tacit start`: where the endpoint listens and where
 * PUBLIC_URL's links point, said as one address when they are the same, and
 * both when they differ (a proxy's address, or a port the links do not use).
 */
export function webAddressLine(publicUrl: string | undefined, listening: { host: string; port: number } | null): string {
  if (!listening) return 'off (PUBLIC_URL=http://127.0.0.1:8025 serves the web record and /health there)';
  const here = listenUrl(listening.host, listening.port);
  if (!publicUrl) return `${here} (/health; PUBLIC_URL unset: no web record, no links)`;
  const local = localPublicUrl(publicUrl);
  const reached = local?.port === listening.port && (local.host === listening.host || EVERY_ADDRESS.has(listening.host));
  if (reached) return new URL(publicUrl).origin === here ? `${publicUrl} (PUBLIC_URL)` : `${publicUrl} (PUBLIC_URL; listening on ${here})`;
  return `${here}, but links point to PUBLIC_URL ${publicUrl}: forward that address here`;
}
