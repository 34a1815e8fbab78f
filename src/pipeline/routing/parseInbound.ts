import { simpleParser, type ParsedMail } from 'mailparser';

/** A message as routing parses it, once, for every handler. */
export interface ParsedInbound {
  parsed: ParsedMail;
  /**
   * mailparser wrote part of `parsed.text` from an HTML part (an HTML-only
   * message, or HTML beside text outside a multipart/alternative): the text
   * is then not only what the sender typed as text, and a reader that wants
   * the text parts alone (newTextOfMessage) cannot take it as it is.
   */
  htmlTurnedToText: boolean;
}

/**
 * Parses a stored message with routing's options. mailparser reads
 * `skipHtmlToText` exactly when it is about to turn an HTML part into text
 * (and nowhere else), so a getter in its place tells whether it did, without
 * a second parse (test/unit/ingest/parse-inbound.test.ts pins this).
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
  return { parsed, htmlTurnedToText };
}
