import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../../src/pipeline/routing/parseInbound.ts';
import { newTextOfMessage } from '../../../src/reading/newText/replyText.ts';
import { loadVoteCorpus, VOTE_CORPORA } from '../../helpers/vote-corpus.ts';

/**
 * A reply is parsed once: the reply handler reads its new text from the parse
 * routing made (parseInbound) instead of parsing it again, which must give
 * the very text a second parse gives, whatever the message's shape.
 */
const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));
const HEAD = ['From: a@example.org', 'To: reply+x@tacit.localhost', 'Subject: Re: vote', 'Message-ID: <p1@example.org>', 'MIME-Version: 1.0'];

const PLAIN = crlf([...HEAD, 'Content-Type: text/plain; charset=utf-8', '', 'B please', '', '> the question', '']);
const ALTERNATIVE = crlf([
  ...HEAD, 'Content-Type: multipart/alternative; boundary="b"', '',
  '--b', 'Content-Type: text/plain; charset=utf-8', '', 'A for me', '',
  '--b', 'Content-Type: text/html; charset=utf-8', '', '<p>A for me</p>', '',
  '--b--', '',
]);
const HTML_ONLY = crlf([...HEAD, 'Content-Type: text/html; charset=utf-8', '', '<div>C</div><blockquote>the question</blockquote>', '']);
const TEXT_AND_HTML_MIXED = crlf([
  ...HEAD, 'Content-Type: multipart/mixed; boundary="m"', '',
  '--m', 'Content-Type: text/plain; charset=utf-8', '', 'B', '',
  '--m', 'Content-Type: text/html; charset=utf-8', '', '<p>and also this</p>', '',
  '--m--', '',
]);
// An empty text part: the HTML is read, and its cid: link is an inlined image in a parse of its own.
const EMPTY_TEXT_CID = crlf([
  ...HEAD, 'Content-Type: multipart/related; boundary="r"', '',
  '--r', 'Content-Type: multipart/alternative; boundary="b"', '',
  '--b', 'Content-Type: text/plain; charset=utf-8', '', '',
  '--b', 'Content-Type: text/html; charset=utf-8', '', '<p>B</p><a href="cid:logo@x">logo</a>', '',
  '--b--',
  '--r', 'Content-Type: image/png', 'Content-ID: <logo@x>', 'Content-Transfer-Encoding: base64', '', 'iVBORw0KGgo=', '',
  '--r--', '',
]);

async function readOnce(raw: Buffer, sent?: string): Promise<string> {
  const { parsed, textParts } = await parseInbound(raw);
  return newTextOfMessage(raw, sent ? { sent } : {}, textParts === null ? undefined : { textParts, html: parsed.html });
}

describe('parseInbound', () => {
  it('gives the text of the text parts alone, without what mailparser turned from HTML', async () => {
    expect((await parseInbound(PLAIN)).textParts).toBe('B please\n\n> the question\n');
    expect((await parseInbound(ALTERNATIVE)).textParts).toBe('A for me\n');
    expect((await parseInbound(HTML_ONLY)).textParts).toBe('');
    // Text and HTML outside an alternative: only a parse of its own can tell.
    expect((await parseInbound(TEXT_AND_HTML_MIXED)).textParts).toBeNull();
  });

  it('keeps the text mailparser writes from HTML for the handlers that read parsed.text', async () => {
    expect((await parseInbound(HTML_ONLY)).parsed.text).toContain('C');
  });
});

describe('the new text of a reply parsed once', () => {
  for (const [name, raw] of Object.entries({ PLAIN, ALTERNATIVE, HTML_ONLY, TEXT_AND_HTML_MIXED, EMPTY_TEXT_CID })) {
    it(`is the text of a second parse: ${name}`, async () => {
      expect(await readOnce(raw)).toBe(await newTextOfMessage(raw));
    });
  }

  for (const corpus of VOTE_CORPORA) {
    it(`is the text of a second parse for every reply of ${corpus.name}`, async () => {
      const cases = loadVoteCorpus(corpus);
      expect(cases.length).toBeGreaterThan(50);
      for (const c of cases) {
        const sent = corpus.sent[c.expected.consultation];
        expect(await readOnce(c.raw, sent), c.name).toBe(await newTextOfMessage(c.raw, { sent }));
        expect(await readOnce(c.raw), c.name).toBe(await newTextOfMessage(c.raw));
      }
    });
  }

  it('is the text of a second parse for every email of the reply-trimmer corpus', async () => {
    const dir = join(import.meta.dirname, '../../../../shared/corpus/reply-trimmer/emails');
    const names = readdirSync(dir).filter((f) => f.endsWith('.txt') || f.endsWith('.eml'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const raw = readFileSync(join(dir, name));
      expect(await readOnce(raw), name).toBe(await newTextOfMessage(raw));
    }
  });
});
