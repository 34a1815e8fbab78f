/**
 * How the web archive hands out a post's attachment: always as a download
 * (Content-Disposition: attachment), under a type no browser renders as a
 * page. Text is served as plain text with the page's redaction applied;
 * a few well-known document and image types keep their type; anything else
 * (HTML, SVG, XML, scripts, unknown) is application/octet-stream.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const KEPT_TYPES = new Set([
  'application/pdf',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/rtf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'audio/mpeg',
  'audio/ogg',
  'video/mp4',
]);
const KEPT_FAMILIES = /^application\/vnd\.(openxmlformats-officedocument|oasis\.opendocument)\.[a-z0-9.+-]+$/;
// Readable as text, so redacted like every page: a forwarded mail or a CSV can hold tokens and addresses.
const TEXT_TYPES = /^(text\/(plain|csv|calendar|x-vcard|vcard|markdown|tab-separated-values)|message\/rfc822)$/;

export interface ServedAs {
  type: string;
  /** The content is text to decode, redact and serve as UTF-8. */
  text: boolean;
}

export function baseType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function servedAs(contentType: string | undefined): ServedAs {
  const base = baseType(contentType);
  if (TEXT_TYPES.test(base)) return { type: 'text/plain; charset=utf-8', text: true };
  if (KEPT_TYPES.has(base) || KEPT_FAMILIES.test(base)) return { type: base, text: false };
  return { type: 'application/octet-stream', text: false };
}

/** The encoding TextDecoder uses for a declared charset label; UTF-8 when none or unknown. */
export function textCharset(label: string | undefined): string {
  try {
    return label ? new TextDecoder(label.trim()).encoding : 'utf-8';
  } catch {
    return 'utf-8';
  }
}

/** A download header that keeps any file name safe: an ASCII fallback and the RFC 5987 UTF-8 form. */
export function attachmentDisposition(filename: string | undefined): string {
  const name = (filename ?? '').replace(/[\u0000-\u001f\u007f/\\]+/g, '_').trim() || 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
