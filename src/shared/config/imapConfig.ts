import { z } from 'zod';

/**
 * IMAP ingest settings, for operators whose mail arrives in a mailbox rather
 * than by SMTP. Part of the configuration's schema (IMAP ingest is optional
 * and off unless IMAP_URL is set):
 *
 *   IMAP_URL      imap://user:pass@host:143/INBOX, imaps://user:pass@host:993/INBOX;
 *                 `?tls=insecure` accepts a self-signed certificate
 *   IMAP_MAILBOX  the folder to read (overrides the URL's path; default INBOX)
 *   IMAP_AFTER    what happens to a message once it is committed:
 *                 seen (default) | delete | move:Folder
 *   IMAP_POLL_MS  how often to look when nothing announces new mail (default 60000)
 */

export type ImapAfter = 'seen' | 'delete' | `move:${string}`;

export interface ImapServer {
  secure: boolean;
  host: string;
  port: number;
  user: string;
  pass: string;
  /** The URL's path, decoded; undefined when the URL names no folder. */
  mailbox?: string;
  /** ?tls=insecure: do not verify the server's certificate (self-signed). */
  insecureTls: boolean;
}

export interface ImapConfig {
  url: string;
  mailbox?: string;
  after: ImapAfter;
  pollMs?: number;
}

export class ImapUrlError extends Error {
  override name = 'ImapUrlError';
}

/** Parses imap:// and imaps:// URLs; throws ImapUrlError with a readable reason. */
export function parseImapUrl(url: string): ImapServer {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ImapUrlError('is not a URL (imap://user:pass@host:port/INBOX)');
  }
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new ImapUrlError('must start with imap:// or imaps://');
  if (!u.hostname) throw new ImapUrlError('names no host');
  if (!u.username) throw new ImapUrlError('names no user (imap://user:pass@host/INBOX)');
  const tls = u.searchParams.get('tls');
  if (tls !== null && tls !== 'insecure') throw new ImapUrlError(`tls=${tls}: the only value understood is tls=insecure`);
  for (const key of u.searchParams.keys()) {
    if (key !== 'tls') throw new ImapUrlError(`unknown parameter ${key}`);
  }
  const secure = u.protocol === 'imaps:';
  const folder = decodeURIComponent(u.pathname.replace(/^\/+/, ''));
  return {
    secure,
    // new URL keeps IPv6 literals in brackets; sockets want them bare.
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: folder || undefined,
    insecureTls: tls === 'insecure',
  };
}

export function parseImapAfter(value: string): ImapAfter {
  if (value === 'seen' || value === 'delete') return value;
  if (/^move:.+/.test(value)) return value as ImapAfter;
  throw new ImapUrlError(`"${value}" must be seen, delete or move:Folder`);
}

/** The IMAP_* variables, validated with the rest of the configuration. */
export const imapEnvSchema = {
  IMAP_URL: z
    .string()
    .optional()
    .superRefine((value, issue) => {
      if (!value) return;
      try {
        parseImapUrl(value);
      } catch (err) {
        issue.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  IMAP_MAILBOX: z.string().min(1).optional(),
  IMAP_AFTER: z
    .string()
    .regex(/^(seen|delete|move:.+)$/, 'must be seen, delete or move:Folder')
    .default('seen'),
  IMAP_POLL_MS: z.coerce.number().int().positive().optional(),
};

/** The IMAP ingest's settings, or null when IMAP_URL is not set (IMAP ingest off). */
export function imapConfigFrom(e: { IMAP_URL?: string; IMAP_MAILBOX?: string; IMAP_AFTER: string; IMAP_POLL_MS?: number }): ImapConfig | null {
  if (!e.IMAP_URL) return null;
  return {
    url: e.IMAP_URL,
    mailbox: e.IMAP_MAILBOX,
    after: parseImapAfter(e.IMAP_AFTER),
    pollMs: e.IMAP_POLL_MS,
  };
}
