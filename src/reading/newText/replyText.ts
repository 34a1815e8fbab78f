/**
 * Reading the new text of an email reply: what the member wrote, without the
 * quoted message, "On ... wrote:" lines, forwarded/original messages,
 * signatures and mobile "Sent from my ..." lines.
 *
 * Plain text is read line by line. Each line gets a one-letter kind, and the
 * rules below are regular expressions over the string of kinds (e.g. "tebqqq"
 * = text, empty, attribution, three quoted lines). The approach and the corpus
 * it is measured on come from discourse/email_reply_trimmer (MIT); the rules
 * were rewritten here, made stricter where a false match would drop what a
 * member wrote, and extended to more languages and clients.
 *
 * HTML is cleaned with its structure first (blockquotes, gmail_quote, Outlook's
 * #appendonsend...), since that says where quotes are more reliably than text.
 */
import { compile, type FormatCallback, type SelectorDefinition } from 'html-to-text';
import { simpleParser } from 'mailparser';
import { insertsInOriginal, renderInserts } from './originalInserts.ts';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * What Tacit sent the member (question, description, option lines): with it,
 * answers typed inside an unquoted original are kept too (originalInserts.ts).
 */
export interface TrimOptions {
  sent?: string;
}

/** The text the sender newly wrote in a plain-text reply body. */
export function newTextOfBody(text: string, options: TrimOptions = {}): string {
  const lines = prepareLines(text);
  if (lines.length === 0) return '';

  let body: Body = { lines, kinds: lines.map(kindOfLine).join('') };
  body = markFencedCode(body);
  const full = body;
  for (const rule of RULES) body = rule(body);
  const own = withoutBlankEdges(body.lines).join('\n');
  return options.sent ? withInserts(own, full, options.sent) : own;
}

/** The own text, then the lines typed inside an unquoted original (not those the trimmer kept). */
function withInserts(own: string, full: Body, sent: string): string {
  const kept = new Set(own.split('\n').map((l) => l.trim()));
  const inserts = insertsInOriginal(full.lines, full.kinds, sent).filter((i) => !kept.has(i.text));
  return inserts.length === 0 ? own : `${own}\n\n${renderInserts(inserts)}`.trim();
}

/** Lines and kinds of a whole text, before any rule drops a part. */
function linesOf(text: string): Body {
  const lines = prepareLines(text);
  return markFencedCode({ lines, kinds: lines.map(kindOfLine).join('') });
}

/** HTML to plain text, dropping the quoted parts the HTML structure reveals. */
export function htmlToPlainText(html: string): string {
  const text = toPlainText(html);
  const cut = text.indexOf(CUT_MARK);
  const kept = cut === -1 ? text : text.slice(0, cut);
  return trimLineEnds(kept).trim();
}

/** HTML to plain text with the unmarked original kept (quotes in blockquotes still go). */
function htmlToFullText(html: string): string {
  return trimLineEnds(toFullText(html)).trim();
}

/** A parsed mail's body as text: its text part, else its HTML part as text, else ''. */
export function bodyTextOf(parsed: { text?: string; html?: string | false }): string {
  return parsed.text ?? (parsed.html ? htmlToPlainText(parsed.html) : '');
}

/** Blanks at the end of every line, in one pass (`/[ \t]+$/gm` is quadratic on long runs of spaces). */
function trimLineEnds(text: string): string {
  return text.split('\n').map((line) => {
    let end = line.length;
    while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
    return line.slice(0, end);
  }).join('\n');
}

/**
 * A parse of the message made already (routing's), read instead of parsing
 * again: the text of its text parts alone (no HTML turned into text) and its
 * HTML. Where the HTML is read and has a `cid:` link, the message is parsed
 * again all the same (that parse keeps them; this one inlines the images).
 */
export interface ParsedBody {
  textParts?: string;
  html?: string | false;
}

/** The new text of a raw RFC 5322 reply: text part preferred, else its HTML. */
export async function newTextOfMessage(raw: Buffer | string, options: TrimOptions = {}, parsedAlready?: ParsedBody): Promise<string> {
  if (parsedAlready) {
    const fromText = parsedAlready.textParts ? newTextOfBody(parsedAlready.textParts, options) : '';
    if (fromText !== '') return fromText;
    const html = parsedAlready.html;
    if (typeof html !== 'string' || html === '') return '';
    if (!CID_LINK.test(html)) return newTextOfHtml(html, options);
  }
  // skipHtmlToText: mailparser would otherwise convert HTML-only mails itself,
  // without dropping the quotes; we want to do that conversion.
  const mail = await simpleParser(raw, { skipHtmlToText: true });
  const fromText = mail.text ? newTextOfBody(mail.text, options) : '';
  if (fromText !== '') return fromText;
  if (typeof mail.html === 'string' && mail.html !== '') return newTextOfHtml(mail.html, options);
  return '';
}

/** What mailparser replaces with inlined images when it may. */
const CID_LINK = /\bcid:/;

/** The new text of a reply read from its HTML part. */
function newTextOfHtml(html: string, options: TrimOptions): string {
  const own = newTextOfBody(htmlToPlainText(html));
  // HTML only: the original, which the HTML cut drops, is read whole for the member's inserts.
  return options.sent ? withInserts(own, linesOf(htmlToFullText(html)), options.sent) : own;
}

// ---------------------------------------------------------------------------
// Line kinds
// ---------------------------------------------------------------------------

/** The lines of a body and, at the same index, the one-letter kind of each. */
interface Body {
  lines: string[];
  kinds: string;
}

const EMPTY = 'e';
const DELIMITER = 'd'; // "--", "______", "ᐧ": everything below is signature or quote
const SIGNATURE = 's'; // "Sent from my iPhone"
const ATTRIBUTION = 'b'; // "On ... wrote:", "-----Original Message-----"
const HEADER = 'h'; // "From: ...", "Sent: ..." of an embedded message
const QUOTE = 'q'; // "> ..."
const TEXT = 't';

// Horizontal white space, including the no-break space HTML leaves behind.
const BLANK_CHARS = ' \\t\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000';
const BLANK = `[${BLANK_CHARS}]`;

function kindOfLine(line: string): string {
  if (isEmptyLine(line)) return EMPTY;
  if (isDelimiter(line)) return DELIMITER;
  if (isMobileSignature(line)) return SIGNATURE;
  if (isAttribution(line)) return ATTRIBUTION;
  if (isHeaderLine(line)) return HEADER;
  if (isQuoted(line)) return QUOTE;
  return TEXT;
}

const EMPTY_LINE = new RegExp(`^${BLANK}*$`);
const QUOTED_LINE = new RegExp(`^${BLANK}*>`);

function isEmptyLine(line: string): boolean {
  return EMPTY_LINE.test(line);
}

function isQuoted(line: string): boolean {
  return QUOTED_LINE.test(line);
}

/**
 * A line made only of separator characters. Single characters ("-", "*",
 * "+") are not delimiters: they may be the whole answer, or a list bullet.
 * "ᐧ" is the marker Gmail add-ons put before their footer.
 */
function isDelimiter(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === 'ᐧ' || /^[-_=+~#*,]{2,}$/.test(trimmed);
}

// --- mobile signatures -----------------------------------------------------

const DEVICES = 'iphone|ipad|ipod|android|mobile|phone|cell|smartphone|tablet|samsung|galaxy|blackberry|pixel|huawei|xiaomi|nokia|windows phone';

const SIGNATURE_PATTERNS: RegExp[] = [
  // Sent from my iPhone / Sent with Airmail / <<sent by galaxy>> / (Sent from mobile device)
  /^[(<\s]*sent (?:from|via|with|by|using) .+$/i,
  // Someone from mobile / From My Iphone 6
  /^\S+ from mobile$/i,
  new RegExp(`^from my (?:${DEVICES})\\b.{0,20}$`, 'i'),
  // Get Outlook for iOS / Get [Outlook for Android](https://aka.ms/...)
  /^get \[?outlook for \w+/i,
  // French, German, Spanish, Portuguese, Italian
  /^envoyé (?:de|depuis|à partir de) (?:mon|ma|mes) .+$/i,
  /^von meinem .+ gesendet\.?$/i,
  /^diese nachricht wurde von .+ gesendet\.?$/i,
  /^gesendet (?:von|mit) .+$/i,
  /^enviado (?:desde|do|de|com) .+$/i,
  /^inviato da .+$/i,
  // Dutch, Swedish, Norwegian/Danish, Polish, Russian
  /^(?:verzonden|verstuurd) (?:vanaf|van|met) .+$/i,
  /^skickat från .+$/i,
  /^sendt fra .+$/i,
  /^wysłane z .+$/i,
  /^отправлено с .+$/i,
  // Chinese, Japanese, Korean
  /^從我的 ?iPhone ?傳送$/,
  /^发自我的.+$/,
  /^.{1,20}から送信$/,
  /^.{1,20}에서 보냄$/,
];

/** One of the one-liners mail apps add under the reply. */
function isMobileSignature(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= 100 && SIGNATURE_PATTERNS.some((pattern) => pattern.test(trimmed));
}

// --- attribution lines: "On <date>, <someone> wrote:" ----------------------

// Words that open an attribution line in the supported languages ("On", "Le",
// "Am", "Op"...). Required together with a date so that ordinary sentences
// ending in "wrote:" are not taken for one.
const LEADS = ['On', 'At', 'Le', 'Am', 'Op', 'Il', 'El', 'Em', 'No', 'Dnia', 'W dniu', 'Den', 'Dne', 'Στις', '在', '於'];
const LEAD = `(?:${LEADS.join('|')})`;

// "wrote" as the last word of an attribution line, per language.
const WROTE_WORDS = [
  'wrote', 'writes', // English
  'a écrit', // French
  'schrieb', // German
  'het volgende geschreven', 'schreef', // Dutch
  'ha scritto', 'scrisse', // Italian
  'escribió', // Spanish
  'escreveu', // Portuguese
  'napisał\\(a\\)', 'napisała', 'napisał', // Polish
  'написал\\(а\\)', 'написала', 'написал', // Russian
  'пише', 'написав', // Ukrainian
  'skrev', // Swedish, Norwegian, Danish
  'kirjoitti', // Finnish
  'napsal\\(a\\)', 'napsal', // Czech
  'írta', // Hungarian
  'yazdı', // Turkish
  'έγραψε', // Greek
];
// Written without a space before them.
const WROTE_SUFFIXES = [
  '写道', '寫道', // Chinese
  'のメール', // Japanese (Apple Mail)
  '님이 작성', // Korean
];
const WROTE = `(?:${BLANK}+(?:${WROTE_WORDS.map((w) => w.replace(/ /g, `${BLANK}+`)).join('|')})|${BLANK}*(?:${WROTE_SUFFIXES.join('|')}))`;

// "wrote" in the middle: "Am <date> schrieb <someone>:"
const WROTE_BEFORE_SOMEONE = '(?:schrieb|schreef|skrev|wrote|a écrit|escribió|ha scritto|escreveu|napsal)';
// "wrote on" in the middle: "<someone> schrieb am <date>:"
const WROTE_ON = '(?:schrieb am|wrote on|a écrit le|escribió el|ha scritto il|skrev den|schreef op)';

const QUOTE_PREFIX = `^${BLANK}*(?:>${BLANK}*)*`;
const ENDS_WITH_COLON = `[:：]${BLANK}*$`;
const COLON_AT_END = new RegExp(ENDS_WITH_COLON);
const EMAIL_IN_ANGLES = '<\\s*[^<>\\s]*@[^<>\\s]+\\s*>+';
const HAS_DIGIT = /\d/;
const HAS_TIME = /\d{1,2}:\d{2}/;
const HAS_NUMERIC_DATE = /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/;
// Written so that it only does work at an "@" (long lines have none).
const HAS_EMAIL = /[^\s<>]@[^\s<>@]+\.[^\s<>@]/;

// "On Mon, 1 Jan 2024 at 10:00, Bob <bob@x.org> wrote:", "Le ... a écrit :"
const WROTE_AT_LINE_END = new RegExp(`${WROTE}${BLANK}*[:：]?[-*${BLANK_CHARS}]*$`, 'u');
const QUOTE_AND_DASH_PREFIX = new RegExp(`${QUOTE_PREFIX}[-*${BLANK_CHARS}]*`, 'u');
const STARTS_WITH_LEAD = new RegExp(`^${LEAD}\\s`, 'u');

function endsWithWrote(line: string): boolean {
  const match = WROTE_AT_LINE_END.exec(line);
  if (!match) return false;
  const before = line.slice(0, match.index).replace(QUOTE_AND_DASH_PREFIX, '');
  if (before.trim() === '') return false;
  // Without an email address or a "via", insist on a date so that
  // "In 2019 Bob wrote:" inside a reply stays text.
  return (
    HAS_EMAIL.test(before) ||
    / via /.test(before) ||
    before.includes('пользователь') ||
    (HAS_DIGIT.test(before) && (STARTS_WITH_LEAD.test(before) || HAS_TIME.test(before)))
  );
}

// The date in these is checked apart (HAS_DIGIT): ".*\\d.*" inside them
// would backtrack quadratically on long lines.
const DATED_ATTRIBUTION_PATTERNS: RegExp[] = [
  // Am 18.09.2013 um 16:24 schrieb Max <max@x.de>:  /  Den 15. jun. 2016 kl. 20.42 skrev Jeff <...>:
  new RegExp(`${QUOTE_PREFIX}${LEAD}\\s.*\\s${WROTE_BEFORE_SOMEONE}\\s.+${ENDS_WITH_COLON}`, 'u'),
  // Max Mustermann <max@x.de> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:
  new RegExp(`${QUOTE_PREFIX}.+\\s${WROTE_ON}\\s.+${ENDS_WITH_COLON}`, 'u'),
  // 2016-03-03 17:21 GMT+01:00 Some One
  new RegExp(`${QUOTE_PREFIX}20\\d\\d-\\d\\d-\\d\\d \\d\\d?:\\d\\d GMT[+-]\\d\\d:\\d\\d [\\p{L}${BLANK_CHARS}.'-]+$`, 'u'),
  // Posted by mpalmer on 01/21/2016
  new RegExp(`${QUOTE_PREFIX}Posted by .+ on \\d{2}/\\d{2}/\\d{4}$`, 'i'),
];

function isDatedAttribution(line: string): boolean {
  return HAS_DIGIT.test(line) && DATED_ATTRIBUTION_PATTERNS.some((pattern) => pattern.test(line));
}

const ATTRIBUTION_THEN_TEXT = new RegExp(`${EMAIL_IN_ANGLES}${WROTE}${BLANK}*[:：]`, 'u');
const ENDS_WITH_EMAIL = new RegExp(`${EMAIL_IN_ANGLES}${BLANK}*[:：]?${BLANK}*$`);

/** "2015-10-18 0:17 GMT+03:00 Matt <m@x.org>:", "пн, 1 янв. 2024 г. в 10:00, Bob <b@x.org>:" */
function isDatedAddressLine(line: string): boolean {
  return (
    (HAS_TIME.test(line) || HAS_NUMERIC_DATE.test(line)) &&
    ENDS_WITH_EMAIL.test(line) &&
    !isHeaderLine(line)
  );
}

// ----- Original Message ----- / ---------- Forwarded message --------- / Begin forwarded message:
const FORWARD_TITLES = [
  'Forwarded message', 'Original message', 'Message transféré', "Message d'origine", 'Message original',
  'Ursprüngliche Nachricht', 'Weitergeleitete Nachricht', 'Originalnachricht', 'Mensaje original',
  'Mensaje reenviado', 'Mensagem original', 'Mensagem encaminhada', 'Messaggio originale',
  'Messaggio inoltrato', 'Oorspronkelijk bericht', 'Doorgestuurd bericht', 'Originalmeddelande',
  'Vidarebefordrat meddelande', 'Oprindelig meddelelse', 'Opprinnelig melding', 'Wiadomość oryginalna',
  'Oryginalna wiadomość', 'Przekazana wiadomość', 'Исходное сообщение', 'Пересылаемое сообщение',
  'Původní zpráva', 'Alkuperäinen viesti', '原始邮件', '転送されたメッセージ', '元のメッセージ',
];
// Matched after the leading blanks, ">" and "*" are taken off (FORWARD_PREFIX):
// two overlapping starred classes in one pattern backtrack quadratically on a
// long run of spaces.
const FORWARD_PREFIX = new RegExp(`^[${BLANK_CHARS}>*]*`);
const FORWARD_PATTERNS: RegExp[] = [
  new RegExp(`^-{2,}${BLANK}*(?:${FORWARD_TITLES.join('|')})${BLANK}*-{2,}`, 'iu'),
  /^Begin forwarded message:/i,
  new RegExp(`^-*${BLANK}*Reply message${BLANK}*-*$`, 'i'),
];

// Outlook's header block squeezed onto one line by an HTML-to-text step:
// "From: X Sent: Monday, ... To: Y Subject: Z"
const ONE_LINE_HEADERS: RegExp[] = [
  /^[\s*]*From:.{1,300}?\bSent:.{1,200}?\b(?:To|Subject):/,
  /^[\s*]*Von:.{1,300}?\bGesendet:.{1,200}?\b(?:An|Betreff):/,
  /^[\s*]*De ?:.{1,300}?\bEnvoyé ?:.{1,200}?(?:À|Objet) ?:/u,
  /^[\s*]*De:.{1,300}?\bEnviado(?: el)?:.{1,200}?\b(?:Para|Asunto):/,
];

// Attribution lines are short; longer lines are text (and are kept out of the
// regular expressions above, which backtrack on very long input).
const MAX_ATTRIBUTION_LENGTH = 400;

/** A line that introduces a quoted or forwarded message. */
function isAttribution(line: string): boolean {
  const unprefixed = line.replace(FORWARD_PREFIX, '');
  if (FORWARD_PATTERNS.some((pattern) => pattern.test(unprefixed))) return true;
  if (line.length > 1000) return false;
  if (ONE_LINE_HEADERS.some((pattern) => pattern.test(line))) return true;
  if (line.length > MAX_ATTRIBUTION_LENGTH) return false;
  return endsWithWrote(line) || isDatedAddressLine(line) || isDatedAttribution(line);
}

// --- headers of an embedded message: "From: ...", "Sent: ..." -------------

// "From" in the supported languages: a header block must contain one.
const FROM_KEYS = ['From', 'Von', 'De', 'Da', 'Van', 'Från', 'Fra', 'Od', 'От', 'Від', 'Lähettäjä', 'Feladó', 'Kimden', '发件人', '寄件者', '差出人'];
const OTHER_KEYS = [
  // sent / date
  'Sent', 'Date', 'Datum', 'Data', 'Fecha', 'Enviado', 'Enviada em', 'Envoyé', 'Gesendet', 'Verzonden',
  'Skickat', 'Sendt', 'Wysłano', 'Отправлено', 'Дата', 'Inviato', 'Lähetetty', 'Tarih', '发送时间', '日期', '送信日時', '日付',
  // to / cc / reply-to
  'To', 'An', 'À', 'A', 'Para', 'Aan', 'Till', 'Til', 'Do', 'Кому', 'Cc', 'CC', 'Kopie', 'Cci', 'Bcc',
  'Reply-To', 'Répondre à', 'Risposta', 'Antwort an', 'Vastaanottaja', 'Kime', '收件人', '宛先',
  // subject
  'Subject', 'Betreff', 'Objet', 'Oggetto', 'Asunto', 'Assunto', 'Onderwerp', 'Ämne', 'Emne', 'Temat',
  'Тема', 'Aihe', 'Tárgy', 'Konu', '主题', '主旨', '件名',
];
const headerLine = (keys: string[]) => new RegExp(`^[${BLANK_CHARS}*]*(?:${keys.join('|')})[${BLANK_CHARS}*]*[:：].*\\S`, 'u');
const HEADER_LINE = headerLine([...FROM_KEYS, ...OTHER_KEYS]);
const FROM_HEADER_LINE = headerLine(FROM_KEYS);

function isHeaderLine(line: string): boolean {
  return HEADER_LINE.test(line);
}

// ---------------------------------------------------------------------------
// Preparing the text
// ---------------------------------------------------------------------------

// The rules below are quadratic in the number of lines at worst; a reply's
// new text is at its top, so beyond this many lines (or characters) the rest
// is not read.
const MAX_LINES = 10_000;
const MAX_CHARS = 200_000;

function prepareLines(text: string): string[] {
  const normalized = text
    .slice(0, MAX_CHARS)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b\u2060\ufeff]/g, '') // zero-width spaces left by mail apps
    .replace(/\u00a0/g, ' ');
  const lines = withoutPgpArmor(normalized).split('\n', MAX_LINES).map(normalizeQuotePrefix).flatMap(splitAttributionFromText);
  return withoutBlankEdges(joinWrappedAttributions(withoutBlankEdges(lines)));
}

// Yahoo writes the old message's first line on its attribution line ("On Mon, … <x@y> wrote:   Interim name …").
const ATTRIBUTION_THEN_TEXT_MAX = 2000;

/** An attribution with a date and an address, and old text after its colon: two lines. */
function splitAttributionFromText(line: string): string[] {
  if (line.length > ATTRIBUTION_THEN_TEXT_MAX) return [line];
  const m = ATTRIBUTION_THEN_TEXT.exec(line);
  if (!m) return [line];
  const end = m.index + m[0].length;
  const rest = line.slice(end).trim();
  return rest === '' || !HAS_DIGIT.test(line.slice(0, m.index)) ? [line] : [line.slice(0, end), rest];
}

/** Signed mails wrap the text in PGP armor, which is not part of the reply. */
function withoutPgpArmor(text: string): string {
  return text
    .replace(/^-----BEGIN PGP SIGNED MESSAGE-----\n(?:Hash: [\w-]+\n)?/m, '')
    .replace(/^-----BEGIN PGP SIGNATURE-----\n[\s\S]*?\n-----END PGP SIGNATURE-----$/m, '');
}

/** Some clients quote as "Richard> text" or "C>": make those plain "> text". */
function normalizeQuotePrefix(line: string): string {
  return line.replace(/^(?:\s*[A-Za-z]{1,12}>(?=\s|$))+/, (prefix) => '>'.repeat((prefix.match(/>/g) ?? []).length));
}

/**
 * Clients wrap long attribution lines ("On ..., Bob <\nbob@x.org> wrote:").
 * Join up to five lines into one when together they make an attribution that
 * ends with a colon, so that the line rules see it whole.
 */
function joinWrappedAttributions(lines: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const end = wrappedAttributionEnd(lines, i);
    if (end === i) {
      joined.push(lines[i]!);
    } else {
      joined.push(joinLines(lines.slice(i, end + 1)));
      i = end;
    }
  }
  return joined;
}

const MAX_WRAPPED_LINES = 5;

/** Index of the last line of a wrapped attribution starting at `start`, or `start`. */
function wrappedAttributionEnd(lines: string[], start: number): number {
  const first = lines[start]!;
  if (!mayStartAttribution(first)) return start;
  if (isAttribution(first) && COLON_AT_END.test(first)) return start;
  // A sentence that ends is the member's text ("No estoy de acuerdo: … 12 EUR es mucho.").
  if (/\p{L}[.!?]\s*$/u.test(first)) return start;
  const startsWithLead = STARTS_WITH_LEAD.test(first.replace(QUOTE_AND_DASH_PREFIX, ''));
  for (let end = start + 1; end < Math.min(lines.length, start + MAX_WRAPPED_LINES); end++) {
    // Only an "On <date>" line wraps across blank lines (Gmail's "<\nmailto:…");
    // past a blank line after anything else starts another paragraph.
    if (isEmptyLine(lines[end]!) && !startsWithLead) break;
    const candidate = joinLines(lines.slice(start, end + 1));
    if (candidate.length > MAX_ATTRIBUTION_LENGTH) break;
    if (COLON_AT_END.test(candidate) && isAttribution(candidate)) return end;
  }
  return start;
}

/** The first line of a wrapped attribution has a lead word, a date or an address. */
function mayStartAttribution(line: string): boolean {
  if (line.length > MAX_ATTRIBUTION_LENGTH) return false;
  const unquoted = line.replace(QUOTE_AND_DASH_PREFIX, '');
  return (
    (STARTS_WITH_LEAD.test(unquoted) && HAS_DIGIT.test(unquoted)) ||
    /^\d/.test(unquoted) ||
    /<\S*$/.test(unquoted) ||
    HAS_EMAIL.test(unquoted)
  );
}

/** Lines of a wrapped attribution joined, continuation quote marks dropped. */
function joinLines(lines: string[]): string {
  const [first = '', ...rest] = lines;
  const continuations = rest.map((line) => line.replace(/^[\s>-]*/, '')).filter((line) => line !== '');
  return [first.trimEnd(), ...continuations].join(' ');
}

function withoutBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isEmptyLine(lines[start]!)) start++;
  while (end > start && isEmptyLine(lines[end - 1]!)) end--;
  return lines.slice(start, end);
}

/**
 * Inside a ``` fenced block everything is text: "####" or "--" there is code,
 * not a signature delimiter.
 */
function markFencedCode(body: Body): Body {
  const kinds = body.kinds.split('');
  let inFence = false;
  body.lines.forEach((line, i) => {
    const isFence = inFence ? /^ {0,3}```\s*$/.test(line) : /^```/.test(line);
    if (inFence || isFence) kinds[i] = TEXT;
    if (isFence) inFence = !inFence;
  });
  return { lines: body.lines, kinds: kinds.join('') };
}

// ---------------------------------------------------------------------------
// Rules over the string of line kinds, applied in order
// ---------------------------------------------------------------------------

type Rule = (body: Body) => Body;

const RULES: Rule[] = [
  cutAtFirstDelimiter,
  dropMobileSignatures,
  keepReplyWrittenBelowQuote,
  cutAtAttributionOfUnquotedMessage,
  cutAtAttributionOfQuotedMessage,
  dropQuoteEndingTheMail,
  dropMailOfOnlyQuotes,
  dropLeftoverAttributions,
  dropEmbeddedHeaderBlocks,
  dropQuoteEndingTheMail,
];

/** Keep lines [from, to). */
function slice(body: Body, from: number, to: number = body.lines.length): Body {
  return { lines: body.lines.slice(from, to), kinds: body.kinds.slice(from, to) };
}

function dropKind(body: Body, kind: string): Body {
  const keep = body.lines.map((_, i) => body.kinds[i] !== kind);
  return {
    lines: body.lines.filter((_, i) => keep[i]),
    kinds: body.kinds.split('').filter((_, i) => keep[i]).join(''),
  };
}

/**
 * Below "--", "________" and the like come signatures and old messages.
 * Exception: a line of underscores followed by more text and then an
 * attribution separates two parts of the new reply; it is kept as text.
 */
function cutAtFirstDelimiter(body: Body): Body {
  const index = body.kinds.indexOf(DELIMITER);
  if (index === -1) return body;
  // "[te]*b" with a "t" in it ("[te]*t[te]*b" backtracks quadratically on long runs).
  const upToAttribution = /^[te]*b/.exec(body.kinds.slice(index + 1));
  const separatesNewText = /^_+$/.test(body.lines[index]!.trim()) && !!upToAttribution && upToAttribution[0].includes(TEXT);
  if (!separatesNewText) return slice(body, 0, index);
  const kinds = body.kinds.slice(0, index) + TEXT + body.kinds.slice(index + 1);
  return cutAtFirstDelimiter({ lines: body.lines, kinds });
}

/**
 * "Sent from my iPhone" lines go, unless the member wrote more text below
 * them: then the line was probably a sentence, not the app's footer.
 */
function dropMobileSignatures(body: Body): Body {
  // One pass from the end: is there text after this run of signatures and blanks?
  const kinds = body.kinds.split('');
  let textFollows = false;
  for (let i = kinds.length - 1; i >= 0; i--) {
    if (kinds[i] === TEXT) textFollows = true;
    else if (kinds[i] === SIGNATURE) {
      if (textFollows) kinds[i] = TEXT;
    } else if (kinds[i] !== EMPTY) textFollows = false;
  }
  return dropKind({ lines: body.lines, kinds: kinds.join('') }, SIGNATURE);
}

/** Bottom posting: "On ... wrote:", the quote, then the reply at the end. */
function keepReplyWrittenBelowQuote(body: Body): Body {
  if (!/^b[^t]+t[et]*$/.test(body.kinds)) return body;
  return slice(body, body.kinds.indexOf(TEXT));
}

/** Text, then "On ... wrote:" followed by the old message without ">" marks. */
function cutAtAttributionOfUnquotedMessage(body: Body): Body {
  // A match holds no "q", so it lies after the last one: searching only there keeps this linear.
  const from = body.kinds.lastIndexOf(QUOTE) + 1;
  const match = /te*b[^q]*$/.exec(body.kinds.slice(from));
  return match ? slice(body, 0, from + match.index + 1) : body;
}

// Below this many lines of text after a quote, the text is taken for part of
// the old message (a footer); from it on, for an answer written under the quote.
const MAX_TEXT_LINES_AFTER_QUOTE = 7;

/**
 * Text, then "On ... wrote:" and a quote, with at most a short footer after
 * it. Not when the quote sits right under its attribution line and text
 * follows: that is an answer written under a quoted question.
 */
function cutAtAttributionOfQuotedMessage(body: Body): Body {
  // The trailing text starts at a "t" (written so, the two classes cannot trade
  // characters and backtrack quadratically).
  const match = /te*b[eqbh]*((?:t[te]*)?)$/.exec(body.kinds);
  if (!match || /bq[eqbh]*t/.test(body.kinds)) return body;
  const textLinesAfter = (match[1] ?? '').split(TEXT).length - 1;
  return textLinesAfter < MAX_TEXT_LINES_AFTER_QUOTE ? slice(body, 0, match.index + 1) : body;
}

/** A quote (or attribution) ending the mail after the member's text. */
function dropQuoteEndingTheMail(body: Body): Body {
  // "te*[qbe]+$" with the overlapping "e*" folded in: linear.
  const match = /t[qbe]+$/.exec(body.kinds);
  return match ? slice(body, 0, match.index + 1) : body;
}

/**
 * Nothing but attributions and quotes ("> On ... wrote:" nested 40 deep):
 * nothing new was written. A lone quote without attribution is kept, as it
 * may be all the sender wrote.
 */
function dropMailOfOnlyQuotes(body: Body): Body {
  return /^[bqe]*$/.test(body.kinds) && body.kinds.includes(ATTRIBUTION) ? slice(body, 0, 0) : body;
}

/** Attributions left between kept lines carry no new text. */
function dropLeftoverAttributions(body: Body): Body {
  return dropKind(body, ATTRIBUTION);
}

const MIN_HEADER_BLOCK_LINES = 3;

/**
 * "From: / Sent: / To: / Subject:" blocks of an embedded message: with text
 * above it, the block and everything after it is the old message; a block at
 * the very top (a forwarded mail) is dropped and what follows kept. A lone
 * "To: everyone" line is the member's text and stays.
 */
function dropEmbeddedHeaderBlocks(body: Body): Body {
  // Up to two wrapped (text) or blank lines may sit between header lines.
  for (const match of body.kinds.matchAll(/h+(?:[te]{1,2}h+)*/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const headerCount = match[0].split(HEADER).length - 1;
    const hasFrom = body.lines.slice(start, end).some((line) => FROM_HEADER_LINE.test(line));
    if (headerCount < MIN_HEADER_BLOCK_LINES || !hasFrom) continue;
    if (body.kinds.slice(0, start).includes(TEXT)) return slice(body, 0, start);
    return dropEmbeddedHeaderBlocks({
      lines: [...body.lines.slice(0, start), ...body.lines.slice(end)],
      kinds: body.kinds.slice(0, start) + body.kinds.slice(end),
    });
  }
  return body;
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

// Written where the quoted part of an HTML mail begins; the text is cut there.
const CUT_MARK = '\u2063TACIT-QUOTE-STARTS-HERE\u2063';

// Elements that are the quote (or the signature) themselves.
const SKIPPED_SELECTORS = [
  'blockquote', // Apple Mail (type=cite), Thunderbird, Gmail, most webmails
  'div.gmail_quote', // Gmail: "On ... wrote:" and the quote
  '.gmail_attr',
  'div.gmail_signature',
  '.gmail_signature_prefix', // the "-- " before it
  'div.moz-cite-prefix', // Thunderbird: "On ... wrote:"
  '.moz-signature',
  '.yahoo_quoted', // Yahoo
  '[id*="yahoo_quoted"]',
  '.protonmail_quote',
  '#Signature', // Outlook on the web
  '#ms-outlook-mobile-signature', // Outlook for iOS / Android
  'head',
  'style',
  'script',
];

// Elements after which everything is the old message (Outlook does not nest
// the quote in an element: it writes a marker and the old mail below it).
const CUT_SELECTORS = [
  '#appendonsend', // Outlook on the web / new Outlook
  '#divRplyFwdMsg', // Outlook: From/Sent/To/Subject block
  '#x_divRplyFwdMsg',
  'hr#stopSpelling', // old Hotmail / Windows Live Mail
  'div.OutlookMessageHeader',
  '#OLK_SRC_BODY_SECTION', // Outlook for Mac
  '#mail-editor-reference-message-container', // Outlook for Mac (new)
  'div[style*="border-top:solid #E1E1E1"]', // Outlook desktop header block
  'div[style*="border-top:solid #B5C4DF"]', // Outlook 2007/2010 header block
];

const cutHere: FormatCallback = (_elem, _walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.addLiteral(CUT_MARK);
  builder.closeBlock({ trailingLineBreaks: 1 });
};

const HTML_TO_TEXT_OPTIONS = {
  wordwrap: false as const,
  formatters: { cutHere },
  selectors: [
    ...SKIPPED_SELECTORS.map((selector): SelectorDefinition => ({ selector, format: 'skip' })),
    ...CUT_SELECTORS.map((selector): SelectorDefinition => ({ selector, format: 'cutHere' })),
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector): SelectorDefinition => ({ selector, options: { uppercase: false } })),
    // Tables in mail are mostly layout: one cell per line keeps words apart.
    ...['table', 'tr', 'td', 'th'].map((selector): SelectorDefinition => ({ selector, format: 'block' })),
  ],
};

const HTML_TO_FULL_TEXT_OPTIONS = {
  ...HTML_TO_TEXT_OPTIONS,
  selectors: HTML_TO_TEXT_OPTIONS.selectors.filter((selector) => selector.format !== 'cutHere'),
};

// Compiled once: html-to-text's convert() builds its selector tree anew on every call, most of its time on a reply.
const toPlainText = compile(HTML_TO_TEXT_OPTIONS);
const toFullText = compile(HTML_TO_FULL_TEXT_OPTIONS);
