import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../../shared/context.ts';
import { makeToken } from '../../../shared/rules/tokens.ts';
import { oneLine } from '../../../shared/rules/sender.ts';
import { renderMail } from '../../../shared/templates/render.ts';
import type { ArcInput } from '../sign/signer.ts';
import { foldedValue } from './foldedValue.ts';
import { buildByteTemplate, NotTemplatable, type ByteTemplate, type Slots } from './byteTemplate.ts';

export interface OutboxRow {
  id: number;
  kind: string;
  recipient: string;
  member_id: number | null;
  params: Record<string, unknown>;
  in_reply_to: string | null;
  references_ids: string | null;
  /** When the mail was decided: its Date, so a resent copy is the same mail. */
  created_at?: Date;
  /** The member's name, read with the claim so composers need not ask per row. */
  member_name?: string | null;
}

/** Lookups shared by the rows of one delivery batch (a consultation read once, not per member). */
export type ComposeMemo = Map<string, Promise<unknown>>;

export function memoized<T>(memo: ComposeMemo | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!memo) return load();
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) memo.set(key, (value = load()));
  return value;
}

/**
 * A composed message and the envelope it travels in, as nodemailer options;
 * buildRaw turns them into the bytes that the sign stage signs and the
 * transport sends. `arc`: the message is a changed copy of a post (a list
 * copy), to be ARC-sealed with the post's inbound results before signing.
 */
export interface ComposedMessage {
  envelope: { from: string; to: string };
  message: Mail.Options;
  arc?: ArcInput;
}

/** What a composer returns: the message, and for a changed post its inbound authentication. */
export type ComposedMail = Mail.Options & { arc?: ArcInput };

/** The message's bytes, CRLF line ends (Message-ID and Date are fixed in the options, so the same every time). */
export function buildRaw(message: Mail.Options): Promise<Buffer> {
  return new MailComposer(message).compile().build();
}

/**
 * A kind of mail that is not a plain template (a list copy, say) has its own composer, named in its domain's manifest.
 * A composer of member mailings may also say how its copies are written from a byte template (`copies`).
 */
export type Composer = ((row: OutboxRow, ctx: Context, memo?: ComposeMemo) => Promise<ComposedMail>) & { copies?: CopyTemplate };

/**
 * How a member mailing's copies are written from bytes shared by every copy
 * of a variant (byteTemplate.ts): the row's variant (what its shared parts
 * depend on: the consultation as loaded, the member's time zone, whether the
 * member has a name…), the row's own values by slot name, and the composer
 * run with markers in place of those values, once per variant. Null: this
 * row is composed as before.
 */
export type CopyTemplate = (row: OutboxRow, ctx: Context, memo?: ComposeMemo) => Promise<MemberCopy | null>;

export interface MemberCopy {
  variant: string;
  values: Record<string, string>;
  compose(slots: Slots): ComposedMail | Promise<ComposedMail>;
}

/**
 * A kind whose composer reads per row (a digest reads its member's content)
 * may have a loader that reads for a whole delivery batch in one query
 * and leaves the results in the batch's memo, where the composer finds them.
 */
export type BatchLoader = (rows: OutboxRow[], ctx: Context, memo: ComposeMemo) => Promise<void>;

declare module '../../../shared/context.ts' {
  interface Wiring {
    /** Composers by outbox kind; a kind with none is a template mail (templates/). */
    composers: Map<string, Composer>;
    /** Batch loaders by outbox kind. */
    batchLoaders: Map<string, BatchLoader>;
  }
}

/** Runs the batch loaders of the kinds among `rows`; a failing loader only leaves the composers to read row by row. */
export async function preloadBatch(rows: OutboxRow[], ctx: Context, memo: ComposeMemo): Promise<void> {
  const batchLoaders = ctx.wiring.batchLoaders;
  const byKind = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    if (!batchLoaders.has(row.kind)) continue;
    const list = byKind.get(row.kind) ?? [];
    list.push(row);
    byKind.set(row.kind, list);
  }
  await Promise.all(
    [...byKind].map(([kind, list]) => batchLoaders.get(kind)!(list, ctx, memo).catch((err) => ctx.log.warn({ err, kind }, 'batch preload failed; composing row by row'))),
  );
}

/** Template mails: params.data feeds the template; params may set from, replyTo, headers. */
interface TemplateParams {
  data?: Record<string, unknown>;
  from?: string;
  replyTo?: string;
  headers?: Record<string, string>;
  /** false for mails members should answer (consultation copies): their vacation replies tell us they are away. */
  autoSubmitted?: false | 'auto-replied' | 'auto-generated';
}

export function composeTemplate(row: OutboxRow, ctx: Context): Mail.Options {
  const params = row.params as TemplateParams;
  const data = { ...(params.data ?? {}), domain: ctx.config.domain, recipient: row.recipient };
  const mail = renderMail(row.kind, data);
  const autoSubmitted = params.autoSubmitted ?? (row.in_reply_to ? 'auto-replied' : 'auto-generated');
  return {
    from: params.from ?? `"Tacit" <request@${ctx.config.domain}>`,
    replyTo: params.replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { ...(autoSubmitted ? { 'Auto-Submitted': autoSubmitted } : {}), ...(params.headers ?? {}) },
  };
}

/** No outgoing header value spans lines, whatever a composer was given. */
function flattenHeaders(options: Mail.Options): Mail.Options {
  const headers = options.headers;
  return {
    ...options,
    ...(typeof options.subject === 'string' ? { subject: oneLine(options.subject) } : {}),
    ...(headers && !Array.isArray(headers)
      ? { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, typeof v === 'string' ? oneLine(v) : v])) }
      : {}),
  };
}

/**
 * Header values that are already valid as written (List-Id with its phrase
 * quoted or RFC 2047-encoded, List-Unsubscribe's URIs): passed to nodemailer
 * as prepared, folded here, since nodemailer would encode any value holding a
 * quote as one encoded-word, which List-Id readers do not decode.
 */
export function preparedHeaders(headers: Record<string, string>): Record<string, { prepared: true; value: string }> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, { prepared: true, value: foldedValue(name, oneLine(value)) }]),
  );
}

export function bounceAddress(ctx: Context, outboxId: number): string {
  return `bounces+${makeToken(ctx.secret, 'bounce', [outboxId])}@${ctx.config.domain}`;
}

export function outboundMessageId(ctx: Context, outboxId: number): string {
  return `<tacit-${outboxId}@${ctx.config.domain}>`;
}

/** What a mail answering a message says of it: the message's id, and the thread's. */
const threadOf = (row: OutboxRow) => ({ inReplyTo: row.in_reply_to ?? undefined, references: row.references_ids ?? row.in_reply_to ?? undefined });

/** The row's own header values: who it goes to, its Message-ID, the message it answers, the decision's time. */
function rowMessage(
  ctx: Context,
  row: OutboxRow,
  composed: Omit<ComposedMail, 'arc'>,
  own: { to: Mail.Options['to']; messageId: string; thread?: ReturnType<typeof threadOf> },
): Mail.Options {
  const options = flattenHeaders(composed);
  const thread = own.thread ?? threadOf(row);
  return {
    to: own.to,
    // The same row always gets the same Message-ID, so a retried send is recognisable.
    messageId: own.messageId,
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    // The decision's time, like the Message-ID the same on every attempt.
    date: row.created_at ?? new Date(),
    // Our parts are mostly Latin text: quoted-printable without nodemailer scanning every part to choose.
    textEncoding: 'quoted-printable',
    ...options,
    envelope: { from: bounceAddress(ctx, row.id), to: row.recipient },
  };
}

// The member's name beside the address, as a person writing to them would put it (a bare address scores as bulk).
const recipientOf = (row: OutboxRow): Mail.Options['to'] => (row.member_name ? { name: row.member_name, address: row.recipient } : row.recipient);

export async function composeOutboxRow(row: OutboxRow, ctx: Context, memo?: ComposeMemo): Promise<ComposedMessage> {
  const custom = ctx.wiring.composers.get(row.kind);
  const { arc, ...composed }: ComposedMail = custom ? await custom(row, ctx, memo) : composeTemplate(row, ctx);
  const message = rowMessage(ctx, row, composed, { to: recipientOf(row), messageId: outboundMessageId(ctx, row.id) });
  return { envelope: message.envelope as ComposedMessage['envelope'], message, arc };
}

/** A mail's final bytes (CRLF headers; not yet signed) and the envelope they travel in. */
export interface ComposedBytes {
  envelope: { from: string; to: string };
  raw: Buffer;
  arc?: ArcInput;
  /** Filled from its variant's byte template, not composed on its own. */
  templated: boolean;
}

/**
 * Byte templates of this process by kind and variant, the newest kept: a
 * mailing's copies come in batches of a few hundred, each batch of a variant
 * finding the template its first copy built.
 */
const TEMPLATES_KEPT = 200;
const templates = new Map<string, Promise<ByteTemplate | null>>();

function templateFor(key: string, build: () => Promise<ByteTemplate>, ctx: Context): Promise<ByteTemplate | null> {
  let template = templates.get(key);
  if (template) {
    // Most recently used last, so the oldest is the first to go.
    templates.delete(key);
  } else {
    template = build().catch((err) => {
      if (!(err instanceof NotTemplatable)) throw err;
      ctx.log.warn({ err, key: key.slice(0, 80) }, 'no byte template; composing copies one by one');
      return null;
    });
    // A failed build (not a NotTemplatable) is not kept: the next copy tries again.
    template.catch(() => templates.delete(key));
  }
  templates.set(key, template);
  if (templates.size > TEMPLATES_KEPT) templates.delete(templates.keys().next().value!);
  return template;
}

/**
 * The row's bytes: filled from its variant's byte template when its kind's
 * composer has one (member mailings), else composed and built as one message.
 */
export async function composeOutboxBytes(row: OutboxRow, ctx: Context, memo?: ComposeMemo): Promise<ComposedBytes> {
  const copies = ctx.wiring.composers.get(row.kind)?.copies;
  const copy = copies ? await copies(row, ctx, memo) : null;
  if (copy) {
    const named = !!row.member_name;
    // An answer's threading (receipts) is the copy's own: its In-Reply-To and References are filled per copy.
    const thread = threadOf(row);
    const key = `${row.kind}\u0000${named}\u0000${!!thread.inReplyTo}\u0000${!!thread.references}\u0000${copy.variant}`;
    const template = await templateFor(key, () => buildByteTemplate(async (slots) => {
      const { arc, ...composed } = await copy.compose(slots);
      if (arc) throw new NotTemplatable('a changed post is sealed, not templated');
      // An address keeps its shape, or nodemailer would drop it.
      const address = `${slots.slot('toLocal')}@${slots.slot('toDomain')}`;
      const to = named ? { name: slots.slot('toName'), address } : address;
      return rowMessage(ctx, row, composed, {
        to,
        messageId: slots.slot('messageId'),
        thread: { inReplyTo: thread.inReplyTo && slots.slot('inReplyTo'), references: thread.references && slots.slot('references') },
      });
    }), ctx);
    if (template) {
      const at = row.recipient.lastIndexOf('@');
      const values = {
        ...copy.values,
        toName: row.member_name ?? '',
        toLocal: row.recipient.slice(0, at),
        toDomain: row.recipient.slice(at + 1),
        messageId: outboundMessageId(ctx, row.id),
        inReplyTo: thread.inReplyTo ?? '',
        references: thread.references ?? '',
      };
      return { envelope: { from: bounceAddress(ctx, row.id), to: row.recipient }, raw: template.fill({ values, date: row.created_at ?? new Date() }), templated: true };
    }
  }
  const { envelope, message, arc } = await composeOutboxRow(row, ctx, memo);
  return { envelope, raw: await buildRaw(message), arc, templated: false };
}
