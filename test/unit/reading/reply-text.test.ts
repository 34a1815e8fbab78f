import { describe, expect, it } from 'vitest';
import { bodyTextOf, htmlToPlainText, newTextOfBody, newTextOfMessage } from '../../../src/reading/newText/replyText.ts';

// Our own cases: [description, body, exact expected new text].
const PLAIN_TEXT_CASES: Array<[string, string, string]> = [
  // --- clients, top-posting ------------------------------------------------
  [
    'Gmail, single-letter answer',
    'B\n\nOn Mon, 3 Jun 2024 at 10:00, Tacit <consult@tacit.example> wrote:\n\n> Which option, A or B?\n> Reply by Friday.\n',
    'B',
  ],
  [
    'Gmail, "On ... wrote:" wrapped over two lines, "+1" answer',
    '+1\n\nOn Mon, Jun 3, 2024 at 10:00 AM Tacit Consultations <\nconsult@tacit.example> wrote:\n\n> Shall we move the meeting to Tuesday?\n',
    '+1',
  ],
  [
    'Gmail, "On ... wrote:" wrapped over three lines',
    'Tuesday suits me.\n\nOn Mon, Jun 3, 2024 at 10:00 AM Tacit\nConsultations of the Northern Chapter\n<consult@tacit.example> wrote:\n\n> Which day?\n',
    'Tuesday suits me.',
  ],
  [
    'Outlook, underscore separator and From/Sent/To/Subject',
    'I agree.\n\n________________________________\nFrom: Tacit <consult@tacit.example>\nSent: Monday, June 3, 2024 10:00 AM\nTo: Jo Bloggs <jo@example.org>\nSubject: Consultation: meeting day\n\nWhich day do you prefer?\n',
    'I agree.',
  ],
  [
    'Outlook, header block without separator',
    'Approved, thanks.\n\nJo\n\nFrom: Tacit <consult@tacit.example>\nSent: Monday, June 3, 2024 10:00 AM\nTo: Jo Bloggs <jo@example.org>\nSubject: Consultation: budget\n\nDo you approve the budget?\n',
    'Approved, thanks.\n\nJo',
  ],
  [
    'Outlook, -----Original Message-----',
    'No objection.\n\n-----Original Message-----\nFrom: Tacit [mailto:consult@tacit.example]\nSent: Monday, June 3, 2024 10:00\nTo: Jo Bloggs\nSubject: Consultation\n\nAny objection?\n',
    'No objection.',
  ],
  [
    'Outlook headers squeezed on one line by an HTML converter',
    'Yes\n\nFrom: Tacit <consult@tacit.example> Sent: Monday, June 3, 2024 10:00 AM To: jo@example.org Subject: Consultation\n\nDo you agree?\n',
    'Yes',
  ],
  [
    'Apple Mail, attribution inside the quote',
    'A\n\n> On 3 Jun 2024, at 10:00, Tacit <consult@tacit.example> wrote:\n> \n> Which option, A or B?\n',
    'A',
  ],
  [
    'iPhone, "Sent from my iPhone" before the quote',
    'B\n\nSent from my iPhone\n\n> On 3 Jun 2024, at 10:00, Tacit <consult@tacit.example> wrote:\n>\n> Which option, A or B?\n',
    'B',
  ],
  [
    'Thunderbird, attribution without address and "-- " signature',
    'Fine by me.\n\nOn 03/06/2024 10:00, Tacit wrote:\n> Which day?\n>\n\n-- \nJo Bloggs\nChapter secretary\n',
    'Fine by me.',
  ],
  [
    'Android (Samsung Email), -------- Original message --------',
    'Yes\n\n\nSent from my Galaxy\n\n\n-------- Original message --------\nFrom: Tacit <consult@tacit.example>\nDate: 03/06/2024 10:00 (GMT+01:00)\nTo: jo@example.org\nSubject: Consultation\n\nDo you agree?\n',
    'Yes',
  ],
  [
    'Yahoo, attribution and unquoted old message',
    'Abstain\n\n    On Monday, June 3, 2024, 10:00:00 AM GMT+2, Tacit <consult@tacit.example> wrote:\n\n Which option do you prefer?\n',
    'Abstain',
  ],
  [
    'Hotmail (old), Date/From/To/Subject block',
    'Agreed\n\nDate: Mon, 3 Jun 2024 10:00:00 +0200\nFrom: consult@tacit.example\nTo: jo@hotmail.com\nSubject: Consultation\n\nDo you agree?\n',
    'Agreed',
  ],
  [
    'Get Outlook for Android footer',
    'Option A please\n\nGet Outlook for Android<https://aka.ms/AAb9ysg>\n\n________________________________\nFrom: Tacit <consult@tacit.example>\n',
    'Option A please',
  ],
  // --- "wrote" lines in other languages -----------------------------------
  [
    'French (Gmail)',
    "Je suis d'accord.\n\nLe lun. 3 juin 2024 à 10:00, Tacit <consult@tacit.example> a écrit :\n\n> Quelle option ?\n",
    "Je suis d'accord.",
  ],
  [
    'French (iPhone), "Envoyé de mon iPhone"',
    'Oui\n\nEnvoyé de mon iPhone\n\n> Le 3 juin 2024 à 10:00, Tacit <consult@tacit.example> a écrit :\n> \n> Quelle option ?\n',
    'Oui',
  ],
  [
    'German (Gmail), "Am ... schrieb ...:"',
    'Einverstanden.\n\nAm Mo., 3. Juni 2024 um 10:00 Uhr schrieb Tacit <consult@tacit.example>:\n\n> Welche Option?\n',
    'Einverstanden.',
  ],
  [
    'German (Thunderbird) without address, "Von meinem iPhone gesendet"',
    'Ja, gerne.\n\nVon meinem iPhone gesendet\n\nAm 03.06.2024 um 10:00 schrieb Tacit:\n> Welche Option?\n',
    'Ja, gerne.',
  ],
  [
    'Spanish, "escribió:" and "Enviado desde mi iPhone"',
    'De acuerdo.\n\nEnviado desde mi iPhone\n\nEl lun, 3 jun 2024 a las 10:00, Tacit (<consult@tacit.example>) escribió:\n\n> ¿Qué opción?\n',
    'De acuerdo.',
  ],
  [
    'Italian, "ha scritto:"',
    'Va bene.\n\nIl giorno lun 3 giu 2024 alle ore 10:00 Tacit <consult@tacit.example> ha scritto:\n\n> Quale opzione?\n',
    'Va bene.',
  ],
  [
    'Portuguese, "escreveu:"',
    'Concordo.\n\nEm seg., 3 de jun. de 2024 às 10:00, Tacit <consult@tacit.example> escreveu:\n\n> Qual opção?\n',
    'Concordo.',
  ],
  [
    'Dutch, "Op ... schreef ...:"',
    'Akkoord.\n\nOp ma 3 jun 2024 om 10:00 schreef Tacit <consult@tacit.example>:\n\n> Welke optie?\n',
    'Akkoord.',
  ],
  [
    'Swedish, "Den ... skrev ...:" and "Skickat från min iPhone"',
    'Jag håller med.\n\nSkickat från min iPhone\n\nDen mån 3 juni 2024 kl 10:00 skrev Tacit <consult@tacit.example>:\n\n> Vilket alternativ?\n',
    'Jag håller med.',
  ],
  [
    'Polish, "napisał(a):"',
    'Zgoda.\n\npon., 3 cze 2024 o 10:00 Tacit <consult@tacit.example> napisał(a):\n\n> Która opcja?\n',
    'Zgoda.',
  ],
  [
    'Russian (Gmail), date and address only',
    'Согласен.\n\nпн, 3 июн. 2024 г. в 10:00, Tacit <consult@tacit.example>:\n\n> Какой вариант?\n',
    'Согласен.',
  ],
  [
    'Japanese (Gmail), date and address only',
    '賛成です。\n\n2024年6月3日(月) 10:00 Tacit <consult@tacit.example>:\n\n> どちらの案がよいですか？\n',
    '賛成です。',
  ],
  [
    'Japanese (Apple Mail), "のメール:" and "iPhoneから送信"',
    'B案で。\n\niPhoneから送信\n\n2024/06/03 10:00、Tacit <consult@tacit.example>のメール:\n\n> どちらの案がよいですか？\n',
    'B案で。',
  ],
  [
    'Chinese, "写道："',
    '同意\n\n在 2024年6月3日，上午10:00，Tacit <consult@tacit.example> 写道：\n\n> 选哪个？\n',
    '同意',
  ],
  // --- where the reply is not on top ---------------------------------------
  [
    'bottom-posting: the answer below the quote',
    'On Mon, 3 Jun 2024 at 10:00, Tacit <consult@tacit.example> wrote:\n> Which option, A or B?\n\nB\n',
    'B',
  ],
  [
    'answer written under a selected quote keeps that quote',
    'Hi,\n\nOn Mon, 3 Jun 2024 at 10:00, Tacit <consult@tacit.example> wrote:\n> Which option, A or B?\nB\n\nJo\n',
    'Hi,\n\n> Which option, A or B?\nB\n\nJo',
  ],
  [
    'nothing but a forwarded quote: no new text',
    '> On Mon, 3 Jun 2024 at 10:00, Tacit <consult@tacit.example> wrote:\n>\n>> On Sun, 2 Jun 2024 at 09:00, Jo <jo@example.org> wrote:\n>>\n',
    '',
  ],
  // --- signatures and what must not be taken for one -----------------------
  [
    '"-- " signature delimiter',
    'Count me in.\n\n-- \nJo Bloggs\n+44 20 7946 0000\n',
    'Count me in.',
  ],
  [
    'a "Sent by ..." sentence followed by more text is the reply',
    'Sent by courier this morning: the ballot papers.\nPlease count them.\n',
    'Sent by courier this morning: the ballot papers.\nPlease count them.',
  ],
  [
    'a lone "To:" or "A:" line is the reply, not an embedded header',
    'To: everyone on the list\nA: yes, option A\n',
    'To: everyone on the list\nA: yes, option A',
  ],
  [
    'a sentence ending in "wrote:" without a date stays',
    'I agree with what Sam wrote:\n> Tuesday is best.\n\nSo Tuesday.\n',
    'I agree with what Sam wrote:\n> Tuesday is best.\n\nSo Tuesday.',
  ],
  [
    'a lone "+" or "-" answer is not a delimiter',
    '-\n\nOn Mon, 3 Jun 2024 at 10:00, Tacit <consult@tacit.example> wrote:\n> Any objection? Reply "-" for none.\n',
    '-',
  ],
  [
    'PGP-signed reply',
    '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nYes\n-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----\n',
    'Yes',
  ],
  ['CRLF line endings', 'B\r\n\r\nOn Mon, 3 Jun 2024 at 10:00, Tacit <consult@tacit.example> wrote:\r\n> Which?\r\n', 'B'],
  ['empty body', '  \n\n', ''],
];

describe('newTextOfBody on our own cases', () => {
  it.each(PLAIN_TEXT_CASES)('%s', (_description, body, expected) => {
    expect(newTextOfBody(body)).toBe(expected);
  });
});

// [description, HTML, exact text from htmlToPlainText]
const HTML_CASES: Array<[string, string, string]> = [
  [
    'Gmail: div.gmail_quote with gmail_attr and blockquote',
    '<div dir="ltr">B</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, 3 Jun 2024 at 10:00, Tacit &lt;consult@tacit.example&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Which option?<br>A or B</blockquote></div>',
    'B',
  ],
  [
    'Outlook on the web: #appendonsend and #divRplyFwdMsg, quote not nested',
    '<html><head><style>p{margin:0}</style></head><body><div class="elementToProof">I agree with the proposal.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Tacit &lt;consult@tacit.example&gt;<br><b>Sent:</b> Monday, June 3, 2024 10:00 AM<br><b>To:</b> Jo<br><b>Subject:</b> Consultation</font><div>&nbsp;</div></div><div>Which option do you prefer?</div></body></html>',
    'I agree with the proposal.',
  ],
  [
    'Outlook desktop: border-top header block',
    '<div class="WordSection1"><p class="MsoNormal">No objection.<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> Tacit &lt;consult@tacit.example&gt;<br><b>Sent:</b> Monday, June 3, 2024 10:00 AM<br><b>To:</b> jo@example.org<br><b>Subject:</b> Consultation<o:p></o:p></p></div></div><p class="MsoNormal">Any objection?<o:p></o:p></p></div>',
    'No objection.',
  ],
  [
    'Apple Mail: blockquote type=cite',
    '<html><body dir="auto">Option A<br><br><div dir="ltr"><br><blockquote type="cite">On 3 Jun 2024, at 10:00, Tacit &lt;consult@tacit.example&gt; wrote:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">Which option?</div></blockquote></body></html>',
    'Option A',
  ],
  [
    'Thunderbird: moz-cite-prefix, blockquote and moz-signature',
    '<p>Fine by me.</p><div class="moz-cite-prefix">On 03/06/2024 10:00, Tacit wrote:<br></div><blockquote type="cite" cite="mid:abc@tacit.example">Which day?</blockquote><pre class="moz-signature" cols="72">-- \nJo</pre>',
    'Fine by me.',
  ],
  [
    'Yahoo: yahoo_quoted',
    '<div class="yahoo-style-wrap"><div dir="ltr">Abstain</div></div><div id="ydp5f2yahoo_quoted_1234" class="yahoo_quoted"><div>On Monday, June 3, 2024, 10:00:00 AM GMT+2, Tacit &lt;consult@tacit.example&gt; wrote:</div><div>Which option?</div></div>',
    'Abstain',
  ],
  [
    'Hotmail (old): hr#stopSpelling',
    '<div>Agreed<br><br><hr id="stopSpelling">Date: Mon, 3 Jun 2024 10:00:00 +0200<br>From: consult@tacit.example<br>Subject: Consultation<br><br>Do you agree?</div>',
    'Agreed',
  ],
  [
    'Gmail signature block is dropped',
    '<div dir="ltr">Count me in.<br clear="all"><br><span class="gmail_signature_prefix">-- </span><div dir="ltr" class="gmail_signature">Jo Bloggs<br>Chapter secretary</div></div>',
    'Count me in.',
  ],
  [
    'table cells are kept apart (layout tables)',
    '<table><tr><td>Option</td><td>B</td></tr></table>',
    'Option\n\nB',
  ],
  [
    'links keep their target unless it is the text, headings keep their case',
    '<h2>Vote</h2><p>See <a href="https://example.org/doc">the doc</a> and <a href="https://example.org">https://example.org</a></p>',
    'Vote\n\nSee the doc [https://example.org/doc] and https://example.org',
  ],
];

describe('htmlToPlainText', () => {
  it.each(HTML_CASES)('%s', (_description, html, expected) => {
    expect(htmlToPlainText(html)).toBe(expected);
  });

  it('leaves the rest to newTextOfBody: Samsung Email "Original message" in HTML', () => {
    const html =
      '<div dir="auto">Yes</div><div><br></div><div dir="auto"><div>-------- Original message --------</div><div>From: Tacit &lt;consult@tacit.example&gt; </div><div>Date: 03/06/2024 10:00 (GMT+01:00) </div><div>Subject: Consultation </div></div>Which option?';
    expect(newTextOfBody(htmlToPlainText(html))).toBe('Yes');
  });
});

const crlf = (lines: string[]) => lines.join('\r\n');

const HEADERS = [
  'From: Jo Bloggs <jo@example.org>',
  'To: Tacit <consult@tacit.example>',
  'Subject: Re: Consultation: new meeting day',
  'Date: Mon, 3 Jun 2024 10:05:00 +0200',
  'Message-ID: <reply-1@example.org>',
  'In-Reply-To: <consultation-1@tacit.example>',
  'MIME-Version: 1.0',
];

describe('newTextOfMessage', () => {
  it('reads the text part of a multipart/alternative reply (quoted-printable, UTF-8)', async () => {
    const raw = crlf([
      ...HEADERS,
      'Content-Type: multipart/alternative; boundary="alt-boundary"',
      '',
      '--alt-boundary',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Je pr=C3=A9f=C3=A8re le mardi.',
      '',
      'Le lun. 3 juin 2024 =C3=A0 10:00, Tacit <consult@tacit.example> a =C3=A9crit=',
      ' :',
      '',
      '> Quel jour pr=C3=A9f=C3=A9rez-vous ?',
      '',
      '--alt-boundary',
      'Content-Type: text/html; charset="UTF-8"',
      '',
      '<div dir="ltr">HTML part: not the one read</div><div class="gmail_quote">quoted</div>',
      '--alt-boundary--',
      '',
    ]);
    expect(await newTextOfMessage(raw)).toBe('Je préfère le mardi.');
  });

  it('falls back to the HTML part when there is no text part', async () => {
    const raw = crlf([
      ...HEADERS,
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><div>B</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Tacit<br><b>Sent:</b> Monday<br><b>To:</b> Jo<br><b>Subject:</b> Consultation</div><div>Which option, A or B?</div></body></html>',
      '',
    ]);
    expect(await newTextOfMessage(Buffer.from(raw))).toBe('B');
  });

  it('falls back to the HTML part when the text part holds no new text', async () => {
    const raw = crlf([
      ...HEADERS,
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '> Which option, A or B?',
      '> On Mon, 3 Jun 2024 at 10:00, Tacit <consult@tacit.example> wrote:',
      '',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<div>A</div><blockquote>Which option, A or B?</blockquote>',
      '--b--',
      '',
    ]);
    expect(await newTextOfMessage(raw)).toBe('A');
  });

  it('returns an empty string for a message without a body', async () => {
    expect(await newTextOfMessage(crlf([...HEADERS, 'Content-Type: text/plain', '', '']))).toBe('');
  });
});

describe('bodyTextOf: the body of a parsed mail as text', () => {
  it.each([
    ['the text part first', { text: 'hello', html: '<p>other</p>' }, 'hello'],
    ['else the HTML part as text', { html: '<p>hello</p>' }, 'hello'],
    ['no HTML part', { html: false as const }, ''],
    ['neither', {}, ''],
  ])('%s', (_, parsed, expected) => {
    expect(bodyTextOf(parsed)).toBe(expected);
  });
});
