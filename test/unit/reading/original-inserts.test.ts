import { describe, expect, it } from 'vitest';
import { newTextOfBody, newTextOfMessage } from '../../../src/reading/newText/replyText.ts';

/** Answers typed inside an unquoted original: lines that are not in what Tacit sent are the member's. */
const SENT = 'Where should we meet?\n\nOptions:\nA. Lisbon\nB. Online only\nC. Postpone';
const HEADER = 'From: Organisers <o@tacit.localhost>\nSent: Monday, November 30, 2026 10:00 AM\nTo: Kim <kim@example.org>\nSubject: C-1: Where should we meet?';
const original = (inside: Record<string, string>) =>
  ['Where should we meet?', '', 'Options:', '  A. Lisbon', '  B. Online only', '  C. Postpone', '', 'How to answer: reply to this mail.']
    .flatMap((l) => (inside[l.trim()] !== undefined ? [l, inside[l.trim()]!] : [l])).join('\n');

const cases: Array<[string, string, string]> = [
  ['an answer under an option line',
    `See below.\n\n${HEADER}\n\n${original({ 'B. Online only': '[KJ] this one' })}`, 'See below.\n\n> B. Online only\n[KJ] this one'],
  ['under the question, and under the last known line',
    `Inline.\n\n${HEADER}\n\n${original({ 'Where should we meet?': 'Lisbon!', 'C. Postpone': 'not this' })}`,
    'Inline.\n\n> Where should we meet?\nLisbon!\n\n> C. Postpone\nnot this'],
  ['nothing inserted: the original adds nothing', `B\n\n${HEADER}\n\n${original({})}`, 'B'],
  ['a re-wrapped paragraph of the sent text is not an insert',
    `B\n\n${HEADER}\n\nWhere should we meet?\nOptions:\nA. Lisbon\nB. Online only\nC. Postpone`, 'B'],
  ['no original block: nothing added', 'B please', 'B please'],
  ['a quoted original is read by the quote rules, not here', `A\n\nOn Mon, 30 Nov 2026 at 10:00, O <o@tacit.localhost> wrote:\n> Where should we meet?\n> A. Lisbon\n`, 'A'],
];

describe('answers typed inside an unquoted original', () => {
  it.each(cases)('%s', (_name, body, expected) => {
    expect(newTextOfBody(body, { sent: SENT })).toBe(expected);
  });

  it('without the sent text the original is cut as before', () => {
    expect(newTextOfBody(`See below.\n\n${HEADER}\n\n${original({ 'B. Online only': 'this one' })}`)).toBe('See below.');
  });
});

describe('answers typed inside an unquoted original, HTML-only mail', () => {
  const html = [
    '<html><body><div class="WordSection1"><p class="MsoNormal">Answer in the text.</p>',
    '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> Organisers &lt;o@tacit.localhost&gt;<br>',
    '<b>Sent:</b> 30 November 2026 10:00<br><b>To:</b> Kim &lt;kim@example.org&gt;<br><b>Subject:</b> C-1: Where should we meet?</p></div>',
    '<p class="MsoNormal">Where should we meet?</p><p class="MsoNormal">Options:</p><p class="MsoNormal">A. Lisbon</p>',
    '<p class="MsoNormal">B. Online only</p><p class="MsoNormal"><b>[KJ] this one</b></p><p class="MsoNormal">C. Postpone</p>',
    '</div></body></html>',
  ].join('\n');
  const raw = `From: Kim <kim@example.org>\r\nTo: reply+abc@tacit.localhost\r\nSubject: RE: C-1\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`;

  it('the insert under an option line is kept, under that line', async () => {
    expect(await newTextOfMessage(raw, { sent: SENT })).toBe('Answer in the text.\n\n> B. Online only\n[KJ] this one');
  });

  it('without the sent text, only the text above the original', async () => {
    expect(await newTextOfMessage(raw)).toBe('Answer in the text.');
  });
});
