import type { ChoiceStance, ProposalStanceValue } from '../../src/reading/stance.ts';

/**
 * A blind set: whole replies to four consultations the reader was not
 * developed on, written before the reader was changed for them, with the
 * reading a careful human counter records. Other option texts (several
 * words each), a yes/no proposal, a consultation mailed in French; replies
 * from many clients (Outlook header blocks without ">", answers typed inside
 * the original, mutt inline, HTML only, mobile, forwards) in the nine
 * languages, option names written in the member's language.
 *
 * Each consultation carries the copy Tacit mailed (`sent`), which the replies
 * quote; the test gives the trimmer its question and options, as the reply
 * handler does, so lines typed inside an unquoted original are the member's.
 */
export interface BlindConsultation {
  question: string;
  options: Array<{ letter: string; text: string }>;
  /** The whole copy as mailed (what the replies quote). */
  sent: string;
}
export type BlindBody = string | { html: string };
type Stance = ChoiceStance;

const copy = (id: string, question: string, middle: string) => [
  'Hello,',
  '',
  `The coordinators of Organisers ask for your view (${id}):`,
  '',
  question,
  '',
  middle,
  '',
  'Deadline: Fri 11 Dec 2026 18:00 UTC.',
  '',
  'Your reply goes to Tacit, which records it and tells you what it recorded.',
  'To change your answer, reply again before the deadline: your last reply counts.',
].join('\n');

const choiceMiddle = (options: Array<{ letter: string; text: string }>) => [
  'Options:',
  ...options.map((o) => `  ${o.letter}. ${o.text}`),
  '',
  'How to answer: reply to this mail, starting with',
  '  - the letter of the option you prefer:      B',
  '  - or a ranking, best first:                 B > A > C',
  '  - or what you accept and what you reject:   A and B fine, not C',
  '  - or "any" if every option is fine with you.',
  'Anything you write after your answer is kept as your comment.',
].join('\n');

const proposalMiddle = [
  'This is a proposal; it is adopted unless one member objects.',
  '',
  'How to answer: reply to this mail, starting with',
  '  - agree',
  '  - object: your reason',
  '  - abstain',
  'Anything you write after your answer is kept as your comment.',
].join('\n');

/** A consultation as Tacit mails it: a choice with options, or a proposal without. */
export function blindConsultation(id: string, question: string, options: Array<{ letter: string; text: string }>): BlindConsultation {
  return { question, options, sent: copy(id, question, options.length > 0 ? choiceMiddle(options) : proposalMiddle) };
}

export const VENUE = blindConsultation('C-21', "Where should the members' meeting be held?", [
  { letter: 'A', text: 'Hold it in Lisbon' },
  { letter: 'B', text: 'Online only' },
  { letter: 'C', text: 'Hybrid, Berlin with a video link' },
  { letter: 'D', text: 'Postpone to spring' },
]);

export const SLOT = blindConsultation('C-22', 'When should the training take place?', [
  { letter: 'A', text: 'Saturday morning' },
  { letter: 'B', text: 'Wednesday evening' },
  { letter: 'C', text: 'Sunday afternoon' },
]);

export const ATELIER = blindConsultation('C-23', "Où organiser l'atelier de formation ?", [
  { letter: 'A', text: 'À Lyon' },
  { letter: 'B', text: 'En ligne' },
  { letter: 'C', text: "Reporter à l'automne" },
]);

export const WEBSITE = blindConsultation('C-24', 'Spend 2,000 EUR on a new website', []);

// --- how clients wrap an answer ------------------------------------------

const quoted = (text: string) => text.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
const gmail = (text: string, c: BlindConsultation) =>
  `${text}\n\nOn Mon, 30 Nov 2026 at 10:00, Organisers <organisers-consult@tacit.localhost> wrote:\n${quoted(c.sent)}\n`;
const apple = (text: string, c: BlindConsultation) =>
  `${text}\n\n> On 30 Nov 2026, at 10:00, Organisers <organisers-consult@tacit.localhost> wrote:\n>\n${quoted(c.sent)}\n`;
const mobile = (text: string, c: BlindConsultation) => `${text}\n\nSent from my iPhone\n\n${quoted(c.sent)}\n`;
const outlookHeader = (c: BlindConsultation, lang: 'en' | 'fr' = 'en') => lang === 'en'
  ? 'From: Organisers <organisers-consult@tacit.localhost>\nSent: Monday, November 30, 2026 10:00 AM\nTo: Kim Jensen <kim@example.org>\nSubject: [organisers] ' + c.sent.split('\n')[4]
  : 'De : Organisers <organisers-consult@tacit.localhost>\nEnvoyé : lundi 30 novembre 2026 10:00\nÀ : Claire Martin <claire@example.fr>\nObjet : [organisers] ' + c.sent.split('\n')[4];
const outlook = (text: string, c: BlindConsultation, lang: 'en' | 'fr' = 'en') =>
  `${text}\n\n________________________________\n${outlookHeader(c, lang)}\n\n${c.sent}\n`;
/** Outlook with the answer typed into the original, under the line it answers (no ">" marks). */
const outlookInside = (top: string, c: BlindConsultation, inserts: Record<string, string>) => {
  const body = c.sent.split('\n').flatMap((line) => {
    const key = Object.keys(inserts).find((k) => line.trim() === k);
    return key ? [line, inserts[key]!] : [line];
  }).join('\n');
  return `${top}\n\n${outlookHeader(c)}\n\n${body}\n`;
};
/** mutt: the copy quoted with ">", answers written under the quoted lines they answer. */
const muttInline = (c: BlindConsultation, inserts: Record<string, string>) => {
  const lines = c.sent.split('\n').flatMap((line) => {
    const key = Object.keys(inserts).find((k) => line.trim() === k);
    const q = line === '' ? '>' : `> ${line}`;
    return key ? [q, '', inserts[key]!, ''] : [q];
  });
  return `* Organisers <organisers-consult@tacit.localhost> [2026-11-30 10:00]:\n${lines.join('\n')}\n`;
};
const bottom = (text: string, c: BlindConsultation) =>
  `On Mon, Nov 30, 2026 at 10:00 Organisers <organisers-consult@tacit.localhost> wrote:\n${quoted(c.sent)}\n\n${text}\n`;
const html = (text: string, c: BlindConsultation) => ({
  html: `<div dir="ltr">${text}</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, 30 Nov 2026 at 10:00, Organisers wrote:</div><blockquote class="gmail_quote">${c.sent.split('\n').map((l) => `<p>${l}</p>`).join('')}</blockquote></div>`,
});
const forwarded = (text: string, c: BlindConsultation) =>
  `${text}\n\n---------- Forwarded message ---------\nFrom: Organisers <organisers-consult@tacit.localhost>\nDate: Mon, 30 Nov 2026 at 10:00\nSubject: ${c.sent.split('\n')[4]}\nTo: <kim@example.org>\n\n${c.sent}\n`;

/** The client wrappers, for the second blind round. */
export const BLIND_CLIENTS = { gmail, apple, mobile, outlook, outlookInside, muttInline, bottom, html, forwarded };

const U: Stance = { unreadable: true };

export const venueCases: Array<[BlindBody, Stance]> = [
  [gmail('Lisbon please.', VENUE), { first: 'A' }],
  [gmail('Lisboa, por favor.', VENUE), { first: 'A' }],
  [gmail('Lisbonne sans hésiter.', VENUE), { first: 'A' }],
  [gmail('Ich bin für Lissabon.', VENUE), { first: 'A' }],
  [gmail('Online only. Travel is too expensive for most of us.', VENUE), { first: 'B' }],
  [gmail('En línea, sin duda.', VENUE), { first: 'B' }],
  [gmail('Virtuell wäre am besten.', VENUE), { first: 'B' }],
  [outlook('Hybrid, then online. Not Lisbon.', VENUE), { first: 'C', ranking: ['C', 'B'], reject: ['A'] }],
  [apple("I can't travel this spring, so postpone please.", VENUE), { first: 'D' }],
  [muttInline(VENUE, { 'B. Online only': 'Yes', 'D. Postpone to spring': 'No' }), { first: 'B', reject: ['D'] }],
  [muttInline(VENUE, { 'C. Hybrid, Berlin with a video link': '+1' }), { first: 'C' }],
  [gmail('B > C > A > D', VENUE), { first: 'B', ranking: ['B', 'C', 'A', 'D'] }],
  [gmail('1. Hybrid\n2. Online\n3. Lisbon\n4. Postpone', VENUE), { first: 'C', ranking: ['C', 'B', 'A', 'D'] }],
  [gmail('Anything but postponing, we have waited long enough.', VENUE), { first: null, reject: ['D'] }],
  [gmail('Is the Lisbon venue accessible by wheelchair?', VENUE), U],
  [gmail('My wife and I both prefer Lisbon.', VENUE), U],
  [gmail('Lisbon. Actually no, make it online.', VENUE), { first: 'B' }],
  [gmail('Lisbon or the Berlin hybrid, both fine, but not online only.', VENUE), { first: null, accept: ['A', 'C'], reject: ['B'] }],
  [html('Online only, please.', VENUE), { first: 'B' }],
  [mobile('Hybrid', VENUE), { first: 'C' }],
  [forwarded('Anna, what do you think? See below.', VENUE), U],
  [gmail('Pas en ligne. Lisbonne ou Berlin, ça me va.', VENUE), { first: null, accept: ['A', 'C'], reject: ['B'] }],
  [gmail('Preferisco Lisbona.', VENUE), { first: 'A' }],
  [gmail('Liever online.', VENUE), { first: 'B' }],
  [gmail('Wolę online.', VENUE), { first: 'B' }],
  [gmail('Jag röstar på Lissabon.', VENUE), { first: 'A' }],
  [gmail('Prefiro adiar para a primavera.', VENUE), { first: 'D' }],
  [gmail('Any is fine, slight preference for Lisbon.', VENUE), { first: 'A', any: true }],
  [outlookInside('See my answer in the text below.\n\nKim', VENUE, { 'B. Online only': '[KJ] Yes - this one.' }), { first: 'B' }],
  [outlookInside('Answers inline.', VENUE, { 'A. Hold it in Lisbon': 'NO', 'C. Hybrid, Berlin with a video link': 'fine' }), { first: null, accept: ['C'], reject: ['A'] }],
  [gmail('Thanks for organising! Happy to help with logistics.', VENUE), U],
  [gmail('Spring.', VENUE), { first: 'D' }],
];

export const slotCases: Array<[BlindBody, Stance]> = [
  [gmail('El sábado por la mañana.', SLOT), { first: 'A' }],
  [gmail('Samedi matin, sinon dimanche.', SLOT), { first: 'A', ranking: ['A', 'C'] }],
  [gmail('Mittwoch geht nicht, Samstag oder Sonntag ist mir recht.', SLOT), { first: null, accept: ['A', 'C'], reject: ['B'] }],
  [mobile('Wednesday', SLOT), { first: 'B' }],
  [gmail('Weds evening works best for me', SLOT), { first: 'B' }],
  [gmail('Sunday > Saturday > Wednesday', SLOT), { first: 'C', ranking: ['C', 'A', 'B'] }],
  [gmail('Not Saturday.', SLOT), { first: null, reject: ['A'] }],
  [gmail('Zaterdag graag.', SLOT), { first: 'A' }],
  [gmail('Środa wieczorem.', SLOT), { first: 'B' }],
  [gmail('Söndag passar bäst.', SLOT), { first: 'C' }],
  [gmail('Sabato mattina.', SLOT), { first: 'A' }],
  [gmail('Domingo à tarde, por favor.', SLOT), { first: 'C' }],
  [gmail('Can we do Saturday afternoon instead?', SLOT), U],
  [gmail('Any day except Wednesday.', SLOT), { first: null, reject: ['B'] }],
  [gmail('Saturday or Sunday, whichever suits the others.', SLOT), { first: null, accept: ['A', 'C'] }],
  [muttInline(SLOT, { 'C. Sunday afternoon': 'this' }), { first: 'C' }],
];

export const atelierCases: Array<[BlindBody, Stance]> = [
  [gmail('Lyon.', ATELIER), { first: 'A' }],
  [gmail("En ligne, s'il vous plaît.", ATELIER), { first: 'B' }],
  [gmail('Online please.', ATELIER), { first: 'B' }],
  [gmail("Reporter, c'est plus sage.", ATELIER), { first: 'C' }],
  [gmail('Lyon ou en ligne, pas de report.', ATELIER), { first: null, accept: ['A', 'B'], reject: ['C'] }],
  [gmail('B > A > C', ATELIER), { first: 'B', ranking: ['B', 'A', 'C'] }],
  [gmail('Peu importe.', ATELIER), { first: null, any: true }],
  [gmail('Est-ce que Lyon est accessible en train ?', ATELIER), U],
  [gmail('Ma femme vote pour Lyon.', ATELIER), U],
  [gmail('Lieber online.', ATELIER), { first: 'B' }],
  [gmail('In autumn, please.', ATELIER), { first: 'C' }],
  [outlook('C.', ATELIER, 'fr'), { first: 'C' }],
  [gmail('Tout sauf Lyon.', ATELIER), { first: null, reject: ['A'] }],
  [gmail('Lyon, puis en ligne.', ATELIER), { first: 'A', ranking: ['A', 'B'] }],
  // accepted options keep the member's order
  [html('Virtual is fine, Lyon too.', ATELIER), { first: null, accept: ['B', 'A'] }],
];

export const websiteCases: Array<[BlindBody, ProposalStanceValue]> = [
  [gmail('Agreed, the old site is embarrassing.', WEBSITE), 'agree'],
  [outlook('I object: 2,000 EUR is more than our whole events budget.', WEBSITE), 'object'],
  [mobile('Yes', WEBSITE), 'agree'],
  [gmail('No.', WEBSITE), 'object'],
  [gmail('+1', WEBSITE), 'agree'],
  [gmail("I'd rather not say.", WEBSITE), 'abstain'],
  [gmail('Who would build it?', WEBSITE), 'unreadable'],
  [gmail('Sí, de acuerdo.', WEBSITE), 'agree'],
  [gmail('Não concordo, é caro demais.', WEBSITE), 'object'],
  [gmail("D'accord.", WEBSITE), 'agree'],
  [gmail('Dafür.', WEBSITE), 'agree'],
  [gmail('Sono favorevole.', WEBSITE), 'agree'],
  [gmail('Tegen, te duur.', WEBSITE), 'object'],
  [gmail('Jestem przeciw.', WEBSITE), 'object'],
  [gmail('Jag avstår.', WEBSITE), 'abstain'],
  // agreement to something other than the proposal: an objection, the condition its reason (as in the vote corpus)
  [gmail('Agree if it includes the member directory.', WEBSITE), 'object'],
  [gmail('My husband says no.', WEBSITE), 'unreadable'],
  [html('Fine by me.', WEBSITE), 'agree'],
  [outlookInside('Comments inline.', WEBSITE, { 'Spend 2,000 EUR on a new website': 'Agree.' }), 'agree'],
  [forwarded('FYI', WEBSITE), 'unreadable'],
  [bottom('abstain', WEBSITE), 'abstain'],
  [gmail('Yes. Wait, no, I object: we need a budget first.', WEBSITE), 'object'],
];
