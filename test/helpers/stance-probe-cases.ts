import type { ChoiceStance, ProposalStanceValue } from '../../src/reading/stance.ts';

/**
 * Replies to two consultations the readers were not developed on, as a careful
 * human counter would record them. Bodies are whole plain-text replies (quotes,
 * attributions, signatures included) or HTML, so the reply reader runs first.
 */
export const DAYS = [
  { letter: 'A', text: 'Saturday 14 March' },
  { letter: 'B', text: 'Sunday 15 March' },
  { letter: 'C', text: 'Online, two evenings' },
  { letter: 'D', text: 'Postpone to autumn' },
];

const QUOTED_DAYS = [
  '> Which day for the assembly?',
  '>',
  '>   A. Saturday 14 March',
  '>   B. Sunday 15 March',
  '>   C. Online, two evenings',
  '>   D. Postpone to autumn',
  '>',
  '> Reply with the letter of the option you prefer (A, B, C or D), a',
  "> ranking such as B > C > A, or say which options you cannot accept, or",
  "> 'any' if every option is fine.",
].join('\n');

const QUOTED_CODE = [
  '> We propose to adopt the new code of conduct.',
  '>',
  '> Reply agree, object (with your reason) or abstain. One objection',
  '> blocks.',
].join('\n');

const gmail = (text: string, quote: string, intro = 'On Mon, 30 Nov 2026 at 10:00, Assembly Committee <assembly-consult@tacit.localhost> wrote:') =>
  `${text}\n\n${intro}\n${quote}\n`;
const outlook = (text: string, plain: string) =>
  `${text}\n\n________________________________\nFrom: Assembly Committee <assembly-consult@tacit.localhost>\nSent: Monday, November 30, 2026 10:00 AM\nTo: reply+abc@tacit.localhost\nSubject: C-9: Which day for the assembly?\n\n${plain}\n`;
const PLAIN_DAYS = QUOTED_DAYS.split('\n').map((l) => l.replace(/^> ?/, '')).join('\n');
const PLAIN_CODE = QUOTED_CODE.split('\n').map((l) => l.replace(/^> ?/, '')).join('\n');

export type ProbeBody = string | { html: string };
const U: ChoiceStance = { unreadable: true };

export const dayProbeCases: Array<[ProbeBody, ChoiceStance]> = [
  // en
  [gmail('Sunday is impossible for me, Saturday works.', QUOTED_DAYS), { first: null, accept: ['A'], reject: ['B'] }],
  [gmail('C please\n\nBest,\nAnna', QUOTED_DAYS), { first: 'C' }],
  [outlook('Online would be best for me, then Saturday.', PLAIN_DAYS), { first: 'C', ranking: ['C', 'A'] }],
  [gmail('No preference, any of these is fine.', QUOTED_DAYS), { first: null, any: true }],
  ['> Which day for the assembly?\n>\n>   A. Saturday 14 March\n>   B. Sunday 15 March\n\nB for me\n\n>   C. Online, two evenings\n>   D. Postpone to autumn\n', { first: 'B' }],
  [gmail('Please postpone to autumn.', QUOTED_DAYS), { first: 'D' }],
  [gmail('A > C > B, and please not D.', QUOTED_DAYS), { first: 'A', ranking: ['A', 'C', 'B'], reject: ['D'] }],
  [gmail('Saturday. Oops, I mean Sunday.', QUOTED_DAYS), { first: 'B' }],
  [gmail('My partner votes B.', QUOTED_DAYS), U],
  [gmail('Is the online option going to be on Zoom?', QUOTED_DAYS), U],
  [gmail('Thanks!', QUOTED_DAYS), U],
  ['I am out of the office until 7 December with limited access to email.\n\nFor urgent matters contact office@example.org.', U],
  [gmail('A. Also B. No, only A. Actually C.', QUOTED_DAYS), { first: 'C' }],
  [gmail("I abstain, I won't be able to come either way.", QUOTED_DAYS), U],
  // "weekend day" means A and B to a person, not to the reader; "any" would count consent to C
  [gmail('Either weekend day is fine, not online.', QUOTED_DAYS), U],
  [{ html: '<div dir="ltr">Saturday 14 March works best.</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, 30 Nov 2026 at 10:00, Assembly Committee wrote:</div><blockquote class="gmail_quote"><p>Which day for the assembly?</p><p>A. Saturday 14 March<br>B. Sunday 15 March<br>C. Online, two evenings<br>D. Postpone to autumn</p></blockquote></div>' }, { first: 'A' }],
  [gmail("Saturday works, Sunday doesn't.", QUOTED_DAYS), { first: null, accept: ['A'], reject: ['B'] }],
  ['D is out of the question', { first: null, reject: ['D'] }],
  ['B, A if need be.', { first: 'B', accept: ['A'] }],
  // an "any" the reader cannot fully place is not consent to every option
  ['Any except postponing.', { first: null, reject: ['D'] }],
  ['Both weekend days work for me.', U],
  ['All the other days work.', U],
  ['Sunday no, Saturday yes', { first: 'A', reject: ['B'] }],
  ['1. Saturday 2. Online 3. Sunday', { first: 'A', ranking: ['A', 'C', 'B'] }],
  ['B (Saturday 14 March)', U],
  ["Thanks, I'll think about it and get back to you.", U],
  [`B\n\n-----Ursprüngliche Nachricht-----\nVon: Assembly Committee <assembly-consult@tacit.localhost>\nGesendet: Montag, 30. November 2026 10:00\nAn: reply+abc@tacit.localhost\nBetreff: C-9\n\n${PLAIN_DAYS}\n`, { first: 'B' }],
  [`A\n\nOd: Assembly Committee <assembly-consult@tacit.localhost>\nWysłane: poniedziałek, 30 listopada 2026 10:00\nDo: reply+abc@tacit.localhost\nTemat: C-9\n\n${PLAIN_DAYS}\n`, { first: 'A' }],
  [gmail('Α', QUOTED_DAYS, 'Στις Δευ, 30 Νοε 2026 στις 10:00, ο/η Assembly Committee <assembly-consult@tacit.localhost> έγραψε:'), { first: 'A' }],
  // es
  [gmail('La B me es imposible. Voto por la A.', QUOTED_DAYS, 'El lun, 30 nov 2026 a las 10:00, Assembly Committee (<assembly-consult@tacit.localhost>) escribió:'), { first: 'A', reject: ['B'] }],
  [gmail('Me da igual.', QUOTED_DAYS, 'El lun, 30 nov 2026 a las 10:00, Assembly Committee escribió:'), { first: null, any: true }],
  [gmail('Prefiero la C, y si no la A.', QUOTED_DAYS), { first: 'C', ranking: ['C', 'A'] }],
  // pt
  [gmail('Prefiro a opção A.', QUOTED_DAYS, 'Em seg., 30 de nov. de 2026 às 10:00, Assembly Committee <assembly-consult@tacit.localhost> escreveu:'), { first: 'A' }],
  [gmail('Qualquer uma serve.', QUOTED_DAYS), { first: null, any: true }],
  [gmail('Voto B. O meu marido vota A.', QUOTED_DAYS), U],
  // fr
  [gmail('Je préfère la A, la B est impossible pour moi.', QUOTED_DAYS, 'Le lun. 30 nov. 2026 à 10:00, Assembly Committee <assembly-consult@tacit.localhost> a écrit :'), { first: 'A', reject: ['B'] }],
  [gmail('C, sinon A.', QUOTED_DAYS), { first: 'C', ranking: ['C', 'A'] }],
  [gmail("Pas de préférence.", QUOTED_DAYS), { first: null, any: true }],
  // de
  [gmail('Ich bin für B.', QUOTED_DAYS, 'Am Mo., 30. Nov. 2026 um 10:00 Uhr schrieb Assembly Committee <assembly-consult@tacit.localhost>:'), { first: 'B' }],
  [outlook('B, notfalls C. D auf keinen Fall.', PLAIN_DAYS.replace('Which day', 'Welcher Tag')), { first: 'B', ranking: ['B', 'C'], reject: ['D'] }],
  [gmail('Ist egal.', QUOTED_DAYS), { first: null, any: true }],
  [gmail('Meine Frau stimmt für A.', QUOTED_DAYS), U],
  // it
  [gmail('Preferisco la B.', QUOTED_DAYS, 'Il giorno lun 30 nov 2026 alle ore 10:00 Assembly Committee <assembly-consult@tacit.localhost> ha scritto:'), { first: 'B' }],
  [gmail('Per me va bene qualsiasi.', QUOTED_DAYS), { first: null, any: true }],
  // nl
  [gmail('A graag.', QUOTED_DAYS, 'Op ma 30 nov. 2026 om 10:00 schreef Assembly Committee <assembly-consult@tacit.localhost>:'), { first: 'A' }],
  [gmail('Maakt mij niet uit.', QUOTED_DAYS), { first: null, any: true }],
  // pl
  [gmail('Wolę A.', QUOTED_DAYS, 'pon., 30 lis 2026 o 10:00 Assembly Committee <assembly-consult@tacit.localhost> napisał(a):'), { first: 'A' }],
  [gmail('Obojętnie.', QUOTED_DAYS), { first: null, any: true }],
  // sv
  [gmail('Jag föredrar B.', QUOTED_DAYS, 'Den mån 30 nov. 2026 kl 10:00 skrev Assembly Committee <assembly-consult@tacit.localhost>:'), { first: 'B' }],
  [gmail('Spelar ingen roll för mig.', QUOTED_DAYS), { first: null, any: true }],
  // el / tr short answers
  [gmail('Β', QUOTED_DAYS), { first: 'B' }],
  [gmail('Fark etmez.', QUOTED_DAYS), { first: null, any: true }],
  [gmail('C lütfen.', QUOTED_DAYS), { first: 'C' }],
];

export const codeProbeCases: Array<[ProbeBody, ProposalStanceValue]> = [
  [gmail('Agree.', QUOTED_CODE), 'agree'],
  [gmail('I object: the complaint procedure has no appeal.', QUOTED_CODE), 'object'],
  [outlook('I abstain, I have not had time to read it.', PLAIN_CODE), 'abstain'],
  [gmail('Fully support adopting it.', QUOTED_CODE), 'agree'],
  [gmail('Will it apply to online meetings too?', QUOTED_CODE), 'unreadable'],
  [gmail('Thanks for the hard work on this!', QUOTED_CODE), 'unreadable'],
  [gmail('Yes. No, wait, I object.', QUOTED_CODE), 'object'],
  [gmail('My partner objects.', QUOTED_CODE), 'unreadable'],
  [{ html: '<div>I agree with the new code.</div><blockquote type="cite"><p>We propose to adopt the new code of conduct.</p></blockquote>' }, 'agree'],
  [gmail('De acuerdo.', QUOTED_CODE), 'agree'],
  [gmail('Me abstengo.', QUOTED_CODE), 'abstain'],
  [gmail('Concordo plenamente.', QUOTED_CODE), 'agree'],
  [gmail('Je m\'oppose : la procédure de plainte est trop vague.', QUOTED_CODE), 'object'],
  [gmail("Je m'abstiens.", QUOTED_CODE), 'abstain'],
  [gmail('Einverstanden.', QUOTED_CODE), 'agree'],
  [gmail('Ich enthalte mich.', QUOTED_CODE), 'abstain'],
  [gmail('Sono contrario, manca una procedura di ricorso.', QUOTED_CODE), 'object'],
  [gmail('Mi astengo.', QUOTED_CODE), 'abstain'],
  [gmail('Akkoord.', QUOTED_CODE), 'agree'],
  [gmail('Zgadzam się.', QUOTED_CODE), 'agree'],
  [gmail('Jag håller med.', QUOTED_CODE), 'agree'],
  [gmail('Ναι', QUOTED_CODE), 'agree'],
  [gmail('Evet', QUOTED_CODE), 'agree'],
  [gmail('Hayır', QUOTED_CODE), 'object'],
  [gmail('Count me as an abstention.', QUOTED_CODE), 'abstain'],
  [gmail("I'd rather abstain.", QUOTED_CODE), 'abstain'],
  [gmail('Put me down as an objection: section 4 is too vague.', QUOTED_CODE), 'object'],
  [gmail('Dagegen, weil die Beschwerdestelle fehlt.', QUOTED_CODE), 'object'],
  [gmail('Przeciw.', QUOTED_CODE), 'object'],
  [gmail('Nej, den är för vag.', QUOTED_CODE), 'object'],
  [gmail('Ik ben voor.', QUOTED_CODE), 'agree'],
  [gmail('Απέχω.', QUOTED_CODE, 'Στις Δευ, 30 Νοε 2026 στις 10:00, ο/η Assembly Committee <assembly-consult@tacit.localhost> έγραψε:'), 'abstain'],
  [gmail('Çekimserim.', QUOTED_CODE), 'abstain'],
  [gmail('My partner and I both agree.', QUOTED_CODE), 'unreadable'],
  [gmail('Thanks, will read it this weekend.', QUOTED_CODE), 'unreadable'],
  ["I'm out of the office until 4 December.", 'unreadable'],
  ['I can live with it.', 'agree'],
  ["I can't live with it.", 'object'],
  ["I don't have any objections.", 'agree'],
  ["I'm not going to block it.", 'agree'],
  ['Definitely not.', 'object'],
  // intensifiers lead a stance, they are none themselves
  ['Of course I object.', 'object'],
  ['Absolutely against it.', 'object'],
  ['Certainly agree.', 'agree'],
  ['Of course.', 'unreadable'],
  // agreeing with someone's objection is not agreeing with the proposal
  [gmail("I agree with Maria's objection.", QUOTED_CODE), 'unreadable'],
  ["I support Jan's objection.", 'unreadable'],
  ['I agree and have no objections.', 'agree'],
];

/** The same consultation mailed in the members' languages: option texts as they were sent. */
export const LOCAL_DAYS: Record<string, Array<{ letter: string; text: string }>> = {
  pl: [{ letter: 'A', text: 'Sobota 14 marca' }, { letter: 'B', text: 'Niedziela 15 marca' }, { letter: 'C', text: 'Online, dwa wieczory' }, { letter: 'D', text: 'Przełożyć na jesień' }],
  de: [{ letter: 'A', text: 'Samstag, 14. März' }, { letter: 'B', text: 'Sonntag, 15. März' }, { letter: 'C', text: 'Online an zwei Abenden' }, { letter: 'D', text: 'Auf den Herbst verschieben' }],
  es: [{ letter: 'A', text: 'Sábado 14 de marzo' }, { letter: 'B', text: 'Domingo 15 de marzo' }, { letter: 'C', text: 'En línea, dos tardes' }, { letter: 'D', text: 'Aplazar al otoño' }],
  sv: [{ letter: 'A', text: 'Lördag 14 mars' }, { letter: 'B', text: 'Söndag 15 mars' }, { letter: 'C', text: 'Online, två kvällar' }, { letter: 'D', text: 'Skjut upp till hösten' }],
  pt: [{ letter: 'A', text: 'Sábado, 14 de março' }, { letter: 'B', text: 'Domingo, 15 de março' }, { letter: 'C', text: 'Online, duas noites' }, { letter: 'D', text: 'Adiar para o outono' }],
  fr: [{ letter: 'A', text: 'Samedi 14 mars' }, { letter: 'B', text: 'Dimanche 15 mars' }, { letter: 'C', text: 'En ligne, deux soirées' }, { letter: 'D', text: "Reporter à l'automne" }],
};

export const localDayCases: Array<[language: string, text: string, stance: ChoiceStance]> = [
  ['pl', 'Wolę sobotę.', { first: 'A' }],
  ['pl', 'Niedziela odpada, sobota pasuje.', { first: null, accept: ['A'], reject: ['B'] }],
  ['pl', 'Głosuję na niedzielę.', { first: 'B' }],
  ['de', 'Samstag bitte.', { first: 'A' }],
  // a negation after unknown words must not leave the option standing as a vote
  ['de', 'Sonntag geht bei mir nicht.', { first: null, reject: ['B'] }],
  ['de', 'Sonntag passt mir leider nicht.', U],
  ['de', 'Ich bin für Samstag, Sonntag geht auch.', { first: 'A', accept: ['B'] }],
  ['es', 'Prefiero el domingo.', { first: 'B' }],
  ['es', 'El domingo no puedo.', { first: null, reject: ['B'] }],
  ['es', 'Sábado, y si no, en línea.', { first: 'A', ranking: ['A', 'C'] }],
  ['fr', 'Dimanche impossible pour moi.', { first: null, reject: ['B'] }],
  ['fr', 'En ligne, sinon samedi.', { first: 'C', ranking: ['C', 'A'] }],
  ['sv', 'Lördag passar bäst.', { first: 'A' }],
  ['sv', 'Söndag fungerar inte för mig.', { first: null, reject: ['B'] }],
  ['pt', 'Domingo não posso.', { first: null, reject: ['B'] }],
  ['pt', 'Qualquer uma, menos adiar.', { first: null, reject: ['D'] }],
];
