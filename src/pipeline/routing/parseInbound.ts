import { simpleParser, type ParsedMail } from 'mailparser';

/** A message as routing parses it, once, for every handler. */
export interface ParsedInbound {
  parsed: ParsedMail;
  /**
   * The text of the message's text parts alone, as a parse that turns no
   * HTML into text gives it (newTextOfMessage's): `parsed.text` when
   * mailparser turned no HTML part into text, '' for an HTML-only message,
   * null when only such a parse can tell (HTML beside text outside a
   * multipart/alternative); undefined when there is no text at all.
   */
  textParts: string | undefined | null;
}

/**
 * Parses a stored message with routing's options. mailparser reads
 * `skipHtmlToText` exactly when it is about to turn an HTML part into text
 * (and nowhere else), so a getter in its place tells whether it did, without
 * a second parse (test/unit/reading/parsed-once.test.ts pins this).
 */
export async function parseInbound(raw: Buffer): Promise<ParsedInbound> {
  let htmlTurnedToText = false;
  const parsed = await simpleParser(raw, {
    skipImageLinks: true,
    maxHtmlLengthToParse: 2_000_000,
    get skipHtmlToText() {
      htmlTurnedToText = true;
      return false;
    },
  });
  if (!htmlTurnedToText) return { parsed, textParts: parsed.text };
  // An HTML-only message is one HTML part, turned into all of the text.
  const htmlOnly = (parsed.headers.get('content-type') as { value?: string } | undefined)?.value?.toLowerCase() === 'text/html';
  return { parsed, textParts: htmlOnly ? '' : null };
}
