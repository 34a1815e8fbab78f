import { z } from 'zod';
import path from 'node:path';
import { parseDigestSchedule } from '../rules/digestSchedule.ts';
import { imapConfigFrom, imapEnvSchema, type ImapConfig } from './imapConfig.ts';
import { maskUrl } from './maskUrl.ts';
import { httpListen, type HttpListen } from './httpEndpoint.ts';

function isDigestSchedule(value: string): boolean {
  try {
    parseDigestSchedule(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Tacit's configuration, read once from the environment and validated so a
 * typo gives a clear message at start-up rather than a failure much later.
 */
const outboundSchema = z
  .string()
  .refine((v) => /^maildir:.+/.test(v) || /^smtps?:\/\/.+/.test(v), {
    message: 'must be maildir:PATH or smtp://host:port',
  });

const schema = z.object({
  TACIT_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a bare domain such as lists.example.org')
    .default('tacit.localhost'),
  TACIT_HOME: z.string().default('./var'),
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_MAX_SIZE: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  SMTP_MAX_RECIPIENTS: z.coerce.number().int().positive().default(100),
  SMTP_MAX_CLIENTS: z.coerce.number().int().positive().default(200),
  /** Message bytes all SMTP sessions may hold at once (received, not yet committed); past it, 452 4.3.1. */
  SMTP_MAX_INFLIGHT_BYTES: z.coerce.number().int().positive().default(96 * 1024 * 1024),
  /** Open connections from one client address; more get 421. */
  SMTP_MAX_CLIENTS_PER_IP: z.coerce.number().int().positive().default(50),
  /** Messages per minute from one client address; more get 451 (try later). */
  SMTP_MAX_MESSAGES_PER_IP: z.coerce.number().int().positive().default(6000),
  /** Wait before the 220 greeting; a client that talks first is refused. 0 (no wait) like Postfix smtpd. */
  SMTP_GREET_PAUSE_MS: z.coerce.number().int().min(0).default(0),
  /** Bounds of one group commit: messages from concurrent sessions stored in one statement. */
  INGEST_BATCH_MAX_MESSAGES: z.coerce.number().int().positive().default(100),
  INGEST_BATCH_MAX_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  OUTBOUND: outboundSchema.default('maildir:./var/outbox'),
  OUTBOUND_POOL_SIZE: z.coerce.number().int().positive().default(5),
  /** How long a sender holds the outbox rows it claimed; a crashed sender's rows are sent by another after this. */
  OUTBOUND_LEASE_MS: z.coerce.number().int().min(1000).default(5 * 60_000),
  TACIT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  QUEUE_PREFIX: z.string().default('tacit'),
  RECONCILE_EVERY_MS: z.coerce.number().int().positive().default(30_000),
  /** A stored message not routed after this long is queued again by the reconciler. */
  RECONCILE_GRACE_MS: z.coerce.number().int().nonnegative().default(10_000),
  /** "mon 08:00" (weekly, UTC), "daily 08:00" or "off". */
  DIGEST_SCHEDULE: z
    .string()
    .refine((v) => isDigestSchedule(v), { message: 'must be like "mon 08:00", "daily 08:00" or "off" (UTC)' })
    .default('mon 08:00'),
  /** Only validated here: the logger reads LOG_LEVEL itself, as it exists before the configuration. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Base URL of the HTTP endpoint as the world reaches it (https://lists.example.org): enables one-click unsubscribe links. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * The HTTP endpoint (one-click unsubscribe, /health) runs when HTTP_PORT or PUBLIC_URL is set; 0 = any free port.
   * Without HTTP_PORT it listens on PUBLIC_URL's own port when that is on this machine, else on 8025 (httpEndpoint.ts).
   */
  HTTP_HOST: z.string().optional(),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** From rewriting of list copies: auto (when the author's domain publishes DMARC quarantine/reject), always, never. */
  DMARC_MODE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Reply-To of list copies unless a list sets its own: the author (untouched) or the list. */
  LIST_REPLY_TO: z.enum(['author', 'list']).default('author'),
  /** Delivery to a member is disabled when their decaying hard-bounce score reaches this. */
  BOUNCE_THRESHOLD: z.coerce.number().positive().default(5),
  /** The bounce score halves every this many days without new hard bounces. */
  BOUNCE_HALF_LIFE_DAYS: z.coerce.number().positive().default(7),
  /** At most one hard bounce scores per member in this many hours (a busy list must not disable someone in an hour). */
  BOUNCE_SCORE_GAP_HOURS: z.coerce.number().nonnegative().default(24),
  /** A post held for moderation and not decided in this many hours expires, with a notice to its sender. */
  HOLD_EXPIRY_HOURS: z.coerce.number().positive().default(7 * 24),
  /** Behind a trusted MX: read its Authentication-Results (this authserv-id only) instead of checking SPF/DKIM/DMARC here. */
  AUTHSERV_ID: z.string().regex(/^[^\s;]+$/, 'must be one authserv-id such as mx.example.org').optional(),
  /** DNS servers for sender authentication (comma-separated addresses); empty: the system's. */
  DNS_SERVERS: z.string().regex(/^[0-9a-f.:\[\], ]*$/i, 'must be comma-separated IP addresses').default(''),
  /** How long a DKIM-signed command stays good for: older, it is confirmed first. A number of hours, or with a unit (90m, 48h, 2d). */
  SIGNED_COMMAND_MAX_AGE: z.string().regex(/^\s*\d+(\.\d+)?\s*[mhd]?\s*$/i, 'must be a duration such as 48h, 2d or 90m').default('48h'),
  /** ARC sealers (their d=) whose ARC results Tacit believes, comma-separated; none by default. */
  ARC_TRUSTED_SEALERS: z.string().default(''),
  /** DKIM signing of everything Tacit sends: off only when the relay signs for D. */
  DKIM: z.enum(['on', 'off']).default('on'),
  /** The selector of the key Tacit generates (or of DKIM_PRIVATE_KEY's key): SELECTOR._domainkey.D. */
  DKIM_SELECTOR: z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i, 'must be one DNS label such as tacit').default('tacit'),
  /** A PEM file with the RSA private key to sign with, instead of the key Tacit keeps in Postgres. */
  DKIM_PRIVATE_KEY: z.string().optional(),
  /** A second signature with an Ed25519 key (RFC 8463), under the selector SELECTOR-ed. */
  DKIM_ED25519: z.enum(['on', 'off']).default('off'),
  /** The most members one proxy may hold in formal votes (issue 22). */
  PROXY_LIMIT: z.coerce.number().int().positive().default(2),
  /** How much lower than the ingest `tacit start` runs its workers process (0–19, nice(1) steps; 0: the same). */
  WORKERS_NICENESS: z.coerce.number().int().min(0).max(19).default(10),
  ...imapEnvSchema,
});

export type Env = z.infer<typeof schema>;

export type Outbound = { kind: 'maildir'; dir: string } | { kind: 'smtp'; url: string };

export interface Config {
  domain: string;
  home: string;
  smtp: {
    host: string;
    port: number;
    maxSize: number;
    maxRecipients: number;
    maxClients: number;
    maxInflightBytes: number;
    maxClientsPerIp: number;
    maxMessagesPerIp: number;
    greetPauseMs: number;
    batchMaxMessages: number;
    batchMaxBytes: number;
  };
  databaseUrl?: string;
  redisUrl?: string;
  outbound: Outbound;
  /** How much lower than the ingest the supervised workers process runs (WORKERS_NICENESS). */
  workersNiceness: number;
  outboundPoolSize: number;
  /** How long a sender holds the outbox rows it claimed (ms). */
  outboundLeaseMs: number;
  secret?: string;
  queuePrefix: string;
  reconcileEveryMs: number;
  reconcileGraceMs: number;
  digestSchedule: string;
  /** The optional IMAP ingest (IMAP_URL, IMAP_MAILBOX, IMAP_AFTER, IMAP_POLL_MS); null when not configured. */
  imap: ImapConfig | null;
  publicUrl?: string;
  /** null: no HTTP endpoint. */
  http: HttpListen;
  lists: {
    dmarcMode: Env['DMARC_MODE'];
    replyTo: Env['LIST_REPLY_TO'];
    bounceThreshold: number;
    bounceHalfLifeDays: number;
    bounceScoreGapHours: number;
    holdExpiryHours: number;
  };
  /**
   * Sender authentication: a trusted MX's authserv-id (null: Tacit checks itself), DNS servers,
   * how long a signed command acts at once, and the ARC sealers whose results count.
   */
  auth: { authservId: string | null; dnsServers: string[]; signedCommandMaxAgeMs: number; arcTrustedSealers: string[] };
  /** DKIM signing of outbound mail; keyFile null: the key kept (encrypted) in Postgres. */
  dkim: { enabled: boolean; selector: string; keyFile: string | null; ed25519: boolean };
  /** The most members one proxy may hold (PROXY_LIMIT). */
  proxyLimit: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const home = path.resolve(e.TACIT_HOME);
  const outbound: Outbound = e.OUTBOUND.startsWith('maildir:')
    ? { kind: 'maildir', dir: path.resolve(e.OUTBOUND.slice('maildir:'.length)) }
    : { kind: 'smtp', url: e.OUTBOUND };
  return {
    domain: e.TACIT_DOMAIN.toLowerCase(),
    home,
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      maxSize: e.SMTP_MAX_SIZE,
      maxRecipients: e.SMTP_MAX_RECIPIENTS,
      maxClients: e.SMTP_MAX_CLIENTS,
      maxInflightBytes: e.SMTP_MAX_INFLIGHT_BYTES,
      maxClientsPerIp: e.SMTP_MAX_CLIENTS_PER_IP,
      maxMessagesPerIp: e.SMTP_MAX_MESSAGES_PER_IP,
      greetPauseMs: e.SMTP_GREET_PAUSE_MS,
      batchMaxMessages: e.INGEST_BATCH_MAX_MESSAGES,
      batchMaxBytes: e.INGEST_BATCH_MAX_BYTES,
    },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    outbound,
    workersNiceness: e.WORKERS_NICENESS,
    outboundPoolSize: e.OUTBOUND_POOL_SIZE,
    outboundLeaseMs: e.OUTBOUND_LEASE_MS,
    secret: e.TACIT_SECRET,
    queuePrefix: e.QUEUE_PREFIX,
    reconcileEveryMs: e.RECONCILE_EVERY_MS,
    reconcileGraceMs: e.RECONCILE_GRACE_MS,
    digestSchedule: e.DIGEST_SCHEDULE,
    imap: imapConfigFrom(e),
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    http: httpListen(e),
    lists: {
      dmarcMode: e.DMARC_MODE,
      replyTo: e.LIST_REPLY_TO,
      bounceThreshold: e.BOUNCE_THRESHOLD,
      bounceHalfLifeDays: e.BOUNCE_HALF_LIFE_DAYS,
      bounceScoreGapHours: e.BOUNCE_SCORE_GAP_HOURS,
      holdExpiryHours: e.HOLD_EXPIRY_HOURS,
    },
    auth: {
      authservId: e.AUTHSERV_ID ?? null,
      dnsServers: commaList(e.DNS_SERVERS),
      signedCommandMaxAgeMs: durationMs(e.SIGNED_COMMAND_MAX_AGE),
      arcTrustedSealers: commaList(e.ARC_TRUSTED_SEALERS).map((d) => d.toLowerCase()),
    },
    dkim: {
      enabled: e.DKIM === 'on',
      selector: e.DKIM_SELECTOR.toLowerCase(),
      keyFile: e.DKIM_PRIVATE_KEY ? path.resolve(e.DKIM_PRIVATE_KEY) : null,
      ed25519: e.DKIM_ED25519 === 'on',
    },
    proxyLimit: e.PROXY_LIMIT,
  };
}

function commaList(value: string): string[] {
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "48h", "2d", "90m", or a bare number of hours. */
function durationMs(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([mhd]?)\s*$/i.exec(value)!;
  return Number(m[1]) * UNIT_MS[(m[2] || 'h').toLowerCase()]!;
}

/** The configuration as `tacit config` prints it, with secrets masked. */
export function describeConfig(config: Config): Record<string, unknown> {
  const mask = (url?: string) => (url === undefined ? undefined : maskUrl(url));
  return {
    ...config,
    databaseUrl: mask(config.databaseUrl) ?? '(private, started under TACIT_HOME)',
    redisUrl: mask(config.redisUrl) ?? '(private, started under TACIT_HOME)',
    outbound: config.outbound.kind === 'maildir' ? `maildir:${config.outbound.dir}` : mask(config.outbound.url),
    secret: config.secret ? '***' : `(generated in ${path.join(config.home, 'secret')})`,
    imap: config.imap ? { ...config.imap, url: mask(config.imap.url) } : null,
  };
}
