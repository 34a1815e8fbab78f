import { sentText } from '../../../src/reading/stance/sentText.ts';
import type { ChoiceOption, ChoiceStance } from '../../../src/reading/stance.ts';
import { CONFORMANCE_TABLE, type LanguageTable, type ProposalExpectation } from './table.ts';

/**
 * The conformance suite, generated from table.ts: every basic answer ×
 * wrapping × placement × client, as a raw RFC 5322 reply that goes through
 * the path the ingest takes (mailparser → reply text → reader). Each case
 * expects the reading of its bare answer.
 */

export type Kind = 'choice' | 'proposal';

export interface Answer {
  id: string;
  language: LanguageTable;
  kind: Kind;
  text: string;
  choice?: ChoiceStance;
  proposal?: ProposalExpectation;
}

// --- wrappings: what a member puts around an answer -------------------------

export interface Wrapping {
  name: string;
  wrap(answer: string, t: LanguageTable): string;
  /** Lines that must never end up in a stored reason or comment. */
  noise?(t: LanguageTable): string[];
}

const firstName = (t: LanguageTable) => t.signature.split('\n')[0]!.split(' ').find((w) => /^\p{Lu}\p{Ll}+$/u.test(w))!;

export const WRAPPINGS: Wrapping[] = [
  { name: 'bare', wrap: (a) => a },
  { name: 'lower case', wrap: (a) => a.toLowerCase() },
  { name: 'punctuation', wrap: (a) => (/[\p{L}\p{N}]$/u.test(a) ? `${a}.` : a) },
  {
    name: 'greeting, thanks, sign-off',
    wrap: (a, t) => `${t.greeting}\n\n${a}\n\n${t.thanks}\n\n${t.signoff}\n${firstName(t)}`,
    noise: (t) => [t.signoff],
  },
  { name: 'signature after "-- "', wrap: (a, t) => `${a}\n\n-- \n${t.signature}`, noise: (t) => t.signature.split('\n') },
  { name: 'signature without "-- "', wrap: (a, t) => `${a}\n\n${t.signature}`, noise: (t) => t.signature.split('\n') },
  { name: 'sign-off and signature', wrap: (a, t) => `${a}\n\n${t.signoff}\n${t.signature}`, noise: (t) => [t.signoff, ...t.signature.split('\n')] },
  {
    name: 'disclaimer',
    wrap: (a, t) => `${a}\n\n${t.signoff}\n${firstName(t)}\n\n${t.disclaimer}`,
    noise: (t) => [t.signoff, t.disclaimer],
  },
  { name: 'discussion before', wrap: (a, t) => `${t.discussion}\n\n${a}` },
  { name: 'discussion after', wrap: (a, t) => `${a}\n\n${t.discussion}` },
];

// --- placements: where the answer sits against the quoted copy -------------

export type Placement = 'top' | 'bottom' | 'inline';
export const PLACEMENTS: Placement[] = ['top', 'bottom', 'inline'];

/** The consultation as the reader is given it. */
export function consultationOf(t: LanguageTable, kind: Kind): { question: string; options: ChoiceOption[] } {
  return kind === 'choice'
    ? { question: t.question, options: t.options.map((text, i) => ({ letter: 'ABC'[i]!, text })) }
    : { question: t.proposal, options: [] };
}

/** What Tacit sent, as the reply handler gives it to the trimmer. */
export const sentOf = (t: LanguageTable, kind: Kind) => sentText(consultationOf(t, kind));

/** The copy Tacit sent (templates/consultation-copy.text.hbs), split where an inline answer goes. */
function copyOf(t: LanguageTable, kind: Kind): [head: string[], tail: string[]] {
  const { question, options } = consultationOf(t, kind);
  const head = ['Hello Anna,', '', 'The coordinators of Riverside Branch ask for your view (C-12):', '', question, ''];
  const how = kind === 'choice'
    ? [
      'How to answer: reply to this mail, starting with',
      '  - the letter of the option you prefer:      B',
      '  - or a ranking, best first:                 B > A > C',
      '  - or what you accept and what you reject:   A and B fine, not C',
      '  - or "any" if every option is fine with you.',
    ]
    : ['This is a proposal; it is adopted unless one member objects.', '', 'How to answer: reply to this mail, starting with', '  - agree', '  - object: your reason', '  - abstain'];
  if (kind === 'choice') head.push('Options:', ...options.map((o) => `  ${o.letter}. ${o.text}`));
  const tail = [
    ...how,
    'Anything you write after your answer is kept as your comment.',
    '',
    'Deadline: Mon, 7 Dec 2026 18:00 UTC.',
    kind === 'choice' ? 'No reply by then counts as consent to every option.' : 'No reply by then counts as consent to the proposal.',
    '',
    'Your reply goes to Tacit, which records it and tells you what it recorded.',
    'To change your answer, reply again before the deadline: your last reply counts.',
    '',
    '-- ',
    'Tacit at tacit.localhost, for Riverside Branch',
  ];
  return [head, tail];
}

const quote = (lines: string[]) => lines.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');

export function plainBody(own: string, t: LanguageTable, kind: Kind, placement: Placement): string {
  const [head, tail] = copyOf(t, kind);
  if (placement === 'top') return `${own}\n\n${t.attribution}\n${quote([...head, '', ...tail])}\n`;
  if (placement === 'bottom') return `${t.attribution}\n${quote([...head, '', ...tail])}\n\n${own}\n`;
  return `${t.attribution}\n${quote(head)}\n\n${own}\n\n${quote(tail)}\n`;
}

// --- clients: how the reply is encoded --------------------------------------

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const htmlLines = (text: string) => text.split('\n').map((l) => `<div>${l === '' ? '<br>' : escapeHtml(l)}</div>`).join('\n');

/** HTML-only replies, top-posted as these clients write them, the copy below in the client's quote structure. */
const HTML_SHAPES: Record<string, (own: string, t: LanguageTable, kind: Kind) => string> = {
  'outlook html': (own, t, kind) => {
    const [head, tail] = copyOf(t, kind);
    return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<div class="WordSection1">${htmlLines(own)}</div>
<div id="appendonsend"></div>
<hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"><b>From:</b> Tacit &lt;consult@tacit.localhost&gt;<br>
<b>Sent:</b> Monday, November 30, 2026 9:00 AM<br><b>To:</b> Anna &lt;anna@example.org&gt;<br><b>Subject:</b> ${escapeHtml(t.question)}</font><div>&nbsp;</div></div>
<div>${htmlLines([...head, '', ...tail].join('\n'))}</div>
</body></html>`;
  },
  'gmail html': (own, t, kind) => {
    const [head, tail] = copyOf(t, kind);
    return `<div dir="ltr">${htmlLines(own)}</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">${escapeHtml(t.attribution)}<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${htmlLines([...head, '', ...tail].join('\n'))}</blockquote></div>`;
  },
  'apple html': (own, t, kind) => {
    const [head, tail] = copyOf(t, kind);
    return `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word;">${htmlLines(own)}<div><br><blockquote type="cite"><div>${escapeHtml(t.attribution)}</div><br><div><div>${htmlLines([...head, '', ...tail].join('\n'))}</div></div></blockquote></div></body></html>`;
  },
};

export interface Client {
  name: string;
  html: boolean;
  charset(t: LanguageTable): string;
  transfer: 'quoted-printable' | 'base64' | '8bit';
}

// Latin-1 cannot write Polish: those replies come in ISO-8859-2, as a Polish client sends them.
const latin = (t: LanguageTable) => (t.language === 'pl' ? 'iso-8859-2' : 'iso-8859-1');
const cp1252 = (t: LanguageTable) => (t.language === 'pl' ? 'iso-8859-2' : 'windows-1252');

export const CLIENTS: Client[] = [
  { name: 'plain utf-8 8bit', html: false, charset: () => 'utf-8', transfer: '8bit' },
  { name: 'plain utf-8 quoted-printable', html: false, charset: () => 'utf-8', transfer: 'quoted-printable' },
  { name: 'plain utf-8 base64', html: false, charset: () => 'utf-8', transfer: 'base64' },
  { name: 'plain windows-1252 quoted-printable', html: false, charset: cp1252, transfer: 'quoted-printable' },
  { name: 'plain iso-8859 8bit', html: false, charset: latin, transfer: '8bit' },
  { name: 'outlook html', html: true, charset: () => 'utf-8', transfer: 'quoted-printable' },
  { name: 'gmail html', html: true, charset: () => 'utf-8', transfer: 'base64' },
  { name: 'apple html', html: true, charset: cp1252, transfer: 'quoted-printable' },
];

/** Encodes text in a single-byte charset, from the table Node's TextDecoder holds for it. */
function encodeSingleByte(text: string, charset: string): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`${JSON.stringify(ch)} cannot be written in ${charset}`);
    return b;
  }));
}

const encodeCharset = (text: string, charset: string) => (charset === 'utf-8' ? Buffer.from(text, 'utf8') : encodeSingleByte(text, charset));

/** Quoted-printable (RFC 2045): lines of at most 76 characters, soft breaks with "=". */
function quotedPrintable(bytes: Buffer): string {
  const out: string[] = [];
  let line = '';
  const push = (piece: string) => {
    if (line.length + piece.length > 75) {
      out.push(`${line}=`);
      line = '';
    }
    line += piece;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      if (line.endsWith(' ') || line.endsWith('\t')) line = line.slice(0, -1) + (line.endsWith(' ') ? '=20' : '=09');
      out.push(line);
      line = '';
    } else if ((b >= 33 && b <= 126 && b !== 61) || b === 32 || b === 9) push(String.fromCharCode(b));
    else push(`=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  out.push(line);
  return out.join('\r\n');
}

function encodeBody(bytes: Buffer, transfer: Client['transfer']): Buffer {
  if (transfer === 'base64') return Buffer.from(bytes.toString('base64').replace(/.{76}/g, '$&\r\n'), 'latin1');
  if (transfer === 'quoted-printable') return Buffer.from(quotedPrintable(bytes), 'latin1');
  return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** The raw reply a client sends. */
export function rawReply(own: string, t: LanguageTable, kind: Kind, placement: Placement, client: Client): Buffer {
  const charset = client.charset(t);
  const body = client.html
    ? HTML_SHAPES[client.name]!(own, t, kind).replace(/charset=utf-8/, `charset=${charset}`)
    : plainBody(own, t, kind, placement);
  const subject = `${t.re} ${kind === 'choice' ? t.question : t.proposal}`;
  const head = [
    'From: Anna Costa <anna@example.org>',
    'To: reply+TOKEN@tacit.localhost',
    `Subject: =?utf-8?B?${Buffer.from(subject).toString('base64')}?=`,
    'Date: Tue, 1 Dec 2026 10:00:00 +0000',
    'Message-ID: <conformance@example.org>',
    'In-Reply-To: <c-12.m-1@tacit.localhost>',
    'MIME-Version: 1.0',
    `Content-Type: ${client.html ? 'text/html' : 'text/plain'}; charset="${charset}"`,
    `Content-Transfer-Encoding: ${client.transfer}`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), encodeBody(encodeCharset(body, charset), client.transfer), Buffer.from('\r\n')]);
}

// --- the cases ---------------------------------------------------------------

export function answersOf(table: LanguageTable[] = CONFORMANCE_TABLE): Answer[] {
  return table.flatMap((t) => [
    ...t.choice.map(([text, choice], i): Answer => ({ id: `${t.language}/choice/${i}`, language: t, kind: 'choice', text, choice })),
    ...t.proposalAnswers.map(([text, proposal], i): Answer => ({ id: `${t.language}/proposal/${i}`, language: t, kind: 'proposal', text, proposal })),
  ]);
}

export interface ConformanceCase {
  answer: Answer;
  wrapping: Wrapping;
  placement: Placement;
  client: Client;
}

/** HTML-only clients top-post (their quote sits in the HTML below the answer); plain ones are tried in every placement. */
const placementsOf = (client: Client): Placement[] => (client.html ? ['top'] : PLACEMENTS);

export function* allCases(answers: Answer[] = answersOf()): Generator<ConformanceCase> {
  for (const answer of answers) {
    for (const wrapping of WRAPPINGS) {
      for (const client of CLIENTS) for (const placement of placementsOf(client)) yield { answer, wrapping, placement, client };
    }
  }
}

export const caseName = (c: ConformanceCase) => `${c.answer.id} ${JSON.stringify(c.answer.text)} | ${c.wrapping.name} | ${c.placement} | ${c.client.name}`;

/** A small deterministic generator (mulberry32), so the sample is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A pairwise sample: every pair of factor values (answer, wrapping, placement,
 * client) that occurs in the whole set occurs in some sampled case. Greedy over
 * a seeded shuffle, at most `limit` cases.
 */
export function pairwiseSample(limit = 5000, seed = 20): ConformanceCase[] {
  const all = [...allCases()];
  const random = seeded(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const factors = (c: ConformanceCase) => [`a:${c.answer.id}`, `w:${c.wrapping.name}`, `p:${c.placement}`, `c:${c.client.name}`];
  const pairsOf = (c: ConformanceCase) => {
    const f = factors(c);
    const out: string[] = [];
    for (let i = 0; i < f.length; i++) for (let j = i + 1; j < f.length; j++) out.push(`${f[i]}|${f[j]}`);
    return out;
  };
  const covered = new Set<string>();
  const sample: ConformanceCase[] = [];
  for (const c of all) {
    if (sample.length >= limit) break;
    const pairs = pairsOf(c);
    if (pairs.some((p) => !covered.has(p))) {
      sample.push(c);
      for (const p of pairs) covered.add(p);
    }
  }
  return sample;
}
