import type { ChoiceStance, ProposalStanceValue } from '../../src/reading/stance.ts';
import { BLIND_CLIENTS as W, type BlindBody, type BlindConsultation, blindConsultation } from './stance-blind-cases.ts';

/**
 * A third blind round, written before looking at how the reader reads it:
 * four long options that share most of their words (dues raised by 5% or 10%),
 * a proposal mailed in Italian, a choice mailed in Dutch. More clients (Outlook
 * and Apple in Dutch and Italian, autoreplies, signatures and disclaimers) and
 * more phrasings (numbers naming options, hedges, conditions, corrections,
 * "same as Maria", answers to another consultation).
 */
const U: ChoiceStance = { unreadable: true };

export const DUES = blindConsultation('C-41', 'How should membership dues change next year?', [
  { letter: 'A', text: 'Raise dues by 5%' },
  { letter: 'B', text: 'Raise dues by 10%' },
  { letter: 'C', text: 'Keep dues as they are' },
  { letter: 'D', text: 'Let each branch decide' },
]);
export const BILANCIO = blindConsultation('C-42', 'Approvare il bilancio preventivo 2027', []);
export const LOGO = blindConsultation('C-43', 'Welk nieuw logo kiezen we?', [
  { letter: 'A', text: 'Het blauwe logo met de boom' },
  { letter: 'B', text: 'Het groene logo met de vogel' },
  { letter: 'C', text: 'Het huidige logo houden' },
]);

// --- clients not in the earlier rounds ---------------------------------------

const quoted = (text: string) => text.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
const subject = (c: BlindConsultation) => c.sent.split('\n')[4];
/** Outlook in Dutch or Italian: a header block in the member's language, the original without ">". */
const outlookIn = (lang: 'nl' | 'it', text: string, c: BlindConsultation) => {
  const header = lang === 'nl'
    ? `Van: Organisers <organisers-consult@tacit.localhost>\nVerzonden: maandag 30 november 2026 10:00\nAan: Pieter Jansen <pieter@example.nl>\nOnderwerp: [organisers] ${subject(c)}`
    : `Da: Organisers <organisers-consult@tacit.localhost>\nInviato: lunedì 30 novembre 2026 10:00\nA: Giulia Rossi <giulia@example.it>\nOggetto: [organisers] ${subject(c)}`;
  return `${text}\n\n${header}\n\n${c.sent}\n`;
};
/** Apple Mail and Gmail in Dutch or Italian: the attribution line in the member's language. */
const appleNl = (text: string, c: BlindConsultation) =>
  `${text}\n\n> Op 30 nov. 2026 om 10:00 heeft Organisers <organisers-consult@tacit.localhost> het volgende geschreven:\n>\n${quoted(c.sent)}\n`;
const gmailIt = (text: string, c: BlindConsultation) =>
  `${text}\n\nIl giorno lun 30 nov 2026 alle ore 10:00 Organisers <organisers-consult@tacit.localhost> ha scritto:\n\n${quoted(c.sent)}\n`;
/** Outlook for Android: its own footer, then the header block. */
const outlookMobile = (text: string, c: BlindConsultation) =>
  `${text}\n\nGet Outlook for Android\n________________________________\nFrom: Organisers <organisers-consult@tacit.localhost>\nSent: Monday, November 30, 2026 10:00:00 AM\nTo: Sam Okafor <sam@example.org>\nSubject: [organisers] ${subject(c)}\n\n${c.sent}\n`;
/** An autoreply: no quote, only the away text. */
const autoreply = (text: string) => `${text}\n`;

export const duesCases: Array<[BlindBody, ChoiceStance]> = [
  [W.gmail('The 5% one.', DUES), { first: 'A' }],
  [W.gmail('10%, we need the money for the new office.', DUES), { first: 'B' }],
  [W.outlook('Keep them as they are. Many of our members are students.', DUES), { first: 'C' }],
  [W.gmail('Let each branch decide, they know their members best.', DUES), { first: 'D' }],
  [W.gmail('5% > keep as is > 10%', DUES), { first: 'A', ranking: ['A', 'C', 'B'] }],
  [W.gmail('I could live with a raise of 5%, but 10% is too much.', DUES), { first: null, accept: ['A'], reject: ['B'] }],
  [W.gmail('Raise by 5%, or if that is not enough, 10%.', DUES), { first: 'A', ranking: ['A', 'B'] }],
  [W.gmail('If the office rent goes up, 10%; otherwise keep them as they are.', DUES), U],
  [W.gmail('Same as Maria.', DUES), U],
  [W.gmail('What would the 10% raise pay for exactly?', DUES), U],
  [autoreply('Thank you for your message. I am out of the office until Monday 7 December with limited access to email.\nFor urgent matters please contact the office.'), U],
  [W.gmail('--\nJan de Vries\nTreasurer, Utrecht branch\n+31 6 1234 5678', DUES), U],
  [W.html('Keep dues as they are.', DUES), { first: 'C' }],
  [W.muttInline(DUES, { 'B. Raise dues by 10%': 'This one.', 'D. Let each branch decide': 'No, please not.' }), { first: 'B', reject: ['D'] }],
  [W.outlookInside('My answer below.', DUES, { 'C. Keep dues as they are': 'X' }), { first: 'C' }],
  [W.gmail('B. Sorry, I meant A, the 5% raise.', DUES), { first: 'A' }],
  [W.gmail('Not 10%. Anything else is fine with me.', DUES), { first: null, reject: ['B'] }],
  [W.gmail('Ranking: keep, 5%, branches, 10%.', DUES), { first: 'C', ranking: ['C', 'A', 'D', 'B'] }],
  [W.gmail('First choice: let the branches decide. Second: 5%.', DUES), { first: 'D', ranking: ['D', 'A'] }],
  [W.mobile('A', DUES), { first: 'A' }],
  [W.gmail('C\n\nJan\n\nThis e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it.', DUES), { first: 'C' }],
  [W.gmail("Honestly I don't mind, any of them.", DUES), { first: null, any: true }],
  [W.gmail('Probably 10%, but I am not sure yet.', DUES), U],
  [W.gmail('I lean towards keeping them as they are.', DUES), { first: 'C' }],
  [W.gmail("Lisbon for the members' meeting.", DUES), U],
  [W.bottom('D, because costs differ a lot between the city branches and the rural ones.', DUES), { first: 'D' }],
  [W.gmail('Either 5 or 10 percent, both fine; keeping them flat is not.', DUES), { first: null, accept: ['A', 'B'], reject: ['C'] }],
  [W.apple('Option C please.\n\nBest,\nAna', DUES), { first: 'C' }],
  [outlookMobile('10 percent.', DUES), { first: 'B' }],
  [W.gmail('Mantener las cuotas como están.', DUES), { first: 'C' }],
];

export const bilancioCases: Array<[BlindBody, ProposalStanceValue]> = [
  [gmailIt('Favorevole.', BILANCIO), 'agree'],
  [gmailIt('Contrario: il bilancio non prevede fondi per la formazione.', BILANCIO), 'object'],
  [gmailIt('Mi astengo.', BILANCIO), 'abstain'],
  [gmailIt('Sì, approvo.', BILANCIO), 'agree'],
  [gmailIt("No, non sono d'accordo.", BILANCIO), 'object'],
  [gmailIt('Va bene per me.', BILANCIO), 'agree'],
  [gmailIt('Perché le spese di viaggio sono raddoppiate?', BILANCIO), 'unreadable'],
  [outlookIn('it', "D'accordo.\n\nGiulia Rossi\nTesoriera", BILANCIO), 'agree'],
  [gmailIt('Approvo, ma la prossima volta mandatelo prima.', BILANCIO), 'agree'],
  [W.gmail('Not against it, but not for it either.', BILANCIO), 'abstain'],
  [W.mobile('Ok', BILANCIO), 'agree'],
  [W.mobile('👎', BILANCIO), 'object'],
  [gmailIt('Non mi oppongo.', BILANCIO), 'agree'],
  // agreement to something other than the proposal: an objection, the condition its reason
  [gmailIt('Se togliete la voce per il nuovo sito, approvo.', BILANCIO), 'object'],
  [gmailIt('Astensione.', BILANCIO), 'abstain'],
  [W.gmail('Zgadzam się.', BILANCIO), 'agree'],
  [autoreply('Sono fuori ufficio fino al 7 dicembre. Risponderò al mio rientro.'), 'unreadable'],
  [gmailIt('Mio marito è favorevole.', BILANCIO), 'unreadable'],
  [gmailIt('Ci devo pensare ancora.', BILANCIO), 'unreadable'],
  [W.html('Approvo.', BILANCIO), 'agree'],
];

export const logoCases: Array<[BlindBody, ChoiceStance]> = [
  [W.gmail('De boom!', LOGO), { first: 'A' }],
  [W.gmail('Het groene logo.', LOGO), { first: 'B' }],
  [W.gmail('Gewoon het huidige houden.', LOGO), { first: 'C' }],
  [W.gmail('Blauw > groen > huidige', LOGO), { first: 'A', ranking: ['A', 'B', 'C'] }],
  [W.gmail('Die met de vogel, zeker niet het huidige.', LOGO), { first: 'B', reject: ['C'] }],
  [W.gmail('The tree one.', LOGO), { first: 'A' }],
  [W.gmail('Groen of blauw, maakt me niet uit. Niet het huidige.', LOGO), { first: null, accept: ['B', 'A'], reject: ['C'] }],
  [outlookIn('nl', 'B\n\nMet vriendelijke groet,\nPieter Jansen', LOGO), { first: 'B' }],
  [appleNl('Ik stem voor de vogel.', LOGO), { first: 'B' }],
  [W.gmail('Kan het logo met de boom ook in het groen?', LOGO), U],
  [W.gmail('Maakt niet uit.', LOGO), { first: null, any: true }],
  [W.muttInline(LOGO, { 'A. Het blauwe logo met de boom': 'ja', 'B. Het groene logo met de vogel': 'nee' }), { first: 'A', reject: ['B'] }],
  [W.gmail('C, het huidige logo is pas drie jaar oud.', LOGO), { first: 'C' }],
  [W.gmail('A. Nee wacht, toch B.', LOGO), { first: 'B' }],
  [W.gmail('Eerst de vogel, dan de boom.', LOGO), { first: 'B', ranking: ['B', 'A'] }],
  [W.html('Het huidige logo houden, graag.', LOGO), { first: 'C' }],
  [W.gmail('Wat kost een nieuw logo eigenlijk?', LOGO), U],
  [W.gmail('Ik twijfel tussen A en B.', LOGO), U],
  [W.forwarded('Wat vind jij, Sanne?', LOGO), U],
  [W.gmail('Geen voorkeur, zolang het niet de boom wordt.', LOGO), { first: null, reject: ['A'] }],
  [W.gmail('Blue, with the tree.', LOGO), { first: 'A' }],
];
