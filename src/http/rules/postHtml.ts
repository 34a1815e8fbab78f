import sanitizeHtml, { type Tag } from 'sanitize-html';
import { redact } from './redact.ts';

/**
 * The HTML of a list post as the web archive shows it: an allow-list of
 * plain structural tags (no script, style, form, frame or event handler),
 * no image loaded (each becomes a placeholder naming its alt text), links
 * only to http(s) and mailto with rel="nofollow noopener noreferrer", and
 * the redaction of every other page (tokens always, addresses for
 * non-members) over the text and the links.
 *
 * Null when the HTML cannot be shown safely or within its budget: the page
 * then shows the post's text instead. That covers text split by markup
 * (`ana@<b>example.org</b>`), which no per-node redaction would see.
 */
export interface PostHtmlOptions {
  tacitDomain: string;
  showAddresses: boolean;
  /** Most bytes the sanitised HTML may take on the page. */
  budgetBytes: number;
}

const ALLOWED_TAGS = [
  'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'mark',
  'blockquote', 'q', 'cite', 'code', 'pre', 'kbd', 'h3', 'h4', 'h5', 'h6', 'hr',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'a',
];
// Elements whose text is not content: dropped with their tag.
const NON_TEXT = ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'object', 'iframe'];
const LINK_REL = 'nofollow noopener noreferrer';
const TAG = /(<[^>]*>)/;

function decoded(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}

/** A link target the page may keep: http(s) or mailto, naming no token and (for non-members) no member address. */
export function keptHref(href: string | undefined, options: Pick<PostHtmlOptions, 'tacitDomain' | 'showAddresses'>): string | null {
  const target = (href ?? '').trim();
  if (!/^(https?:\/\/|mailto:)/i.test(target)) return null;
  for (const form of [target, decoded(target)]) if (redact(form, options) !== form) return null;
  return target;
}

/** Visible text of sanitised HTML, as a reader would see it run together across inline tags. */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

export function postHtml(html: string, options: PostHtmlOptions): string | null {
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'], ol: ['start'], span: ['class'] },
    allowedClasses: { span: ['image'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    nonTextTags: NON_TEXT,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (_tag, attribs): Tag => {
        const href = keptHref(attribs.href, options);
        return href ? { tagName: 'a', attribs: { href, rel: LINK_REL } } : { tagName: 'span', attribs: {} };
      },
      // A remote image would tell its sender who read the post and when: none is loaded.
      img: (_tag, attribs) => ({
        tagName: 'span',
        attribs: { class: 'image' },
        text: attribs.alt?.trim() ? `[image: ${attribs.alt.trim()}]` : '[image]',
      }),
      h1: 'h3',
      h2: 'h3',
    },
  });
  // Sanitised output escapes < and > inside text and attribute values, so splitting on tags is exact.
  const redacted = clean
    .split(TAG)
    .map((part, i) => (i % 2 === 1 ? part : redact(part, options)))
    .join('');
  const text = textOf(redacted);
  if (!text.trim() || redact(text, options) !== text) return null;
  if (Buffer.byteLength(redacted) > options.budgetBytes) return null;
  return redacted;
}
