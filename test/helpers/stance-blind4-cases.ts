import type { ChoiceStance, ProposalStanceValue } from '../../src/reading/stance.ts';
import { BLIND_CLIENTS as W, type BlindBody, type BlindConsultation, blindConsultation } from './stance-blind-cases.ts';

/**
 * A fourth blind round, written before looking at how the reader reads it:
 * a choice mailed in Spanish (how often the newsletter goes out), one mailed
 * in German (where the member list is kept), a proposal mailed in Portuguese
 * (joining a federation) and a choice mailed in Swedish (where the summer camp
 * is held). Replies mostly in es, pt, pl, sv, de and fr, from the clients of
 * those languages with their own wording (Gmail, Apple Mail and iPhone
 * attributions, Outlook header blocks, Outlook mobile footers, HTML-only Gmail
 * and Outlook, forwards answered), signatures and legal disclaimers; phrasings
 * not in the earlier rounds: ordinal words ("la segunda", "die zweite", "den
 * första"), rankings in words, "alles außer", acceptances and objections in
 * those languages, hedges, conditions, corrections, "same as", replies meant
 * for another consultation.
 */
const U: ChoiceStance = { unreadable: true };

export const BOLETIN = blindConsultation('C-51', '¿Con qué frecuencia enviamos el boletín?', [
  { letter: 'A', text: 'Cada semana' },
  { letter: 'B', text: 'Una vez al mes' },
  { letter: 'C', text: 'Cada tres meses' },
  { letter: 'D', text: 'Dejar de enviarlo' },
]);
export const MITGLIEDER = blindConsultation('C-52', 'Womit verwalten wir künftig die Mitgliederliste?', [
  { letter: 'A', text: 'CiviCRM einführen' },
  { letter: 'B', text: 'Eine gemeinsame Tabelle in Nextcloud' },
  { letter: 'C', text: 'Einen externen Dienstleister beauftragen' },
  { letter: 'D', text: 'Alles so lassen, wie es ist' },
]);
export const FEDERACAO = blindConsultation('C-53', 'Aderir à Federação Europeia de Cooperativas (quota anual de 300 EUR)', []);
export const LAGER = blindConsultation('C-54', 'Var ska sommarlägret 2027 hållas?', [
  { letter: 'A', text: 'På Gotland' },
  { letter: 'B', text: 'I Dalarna' },
  { letter: 'C', text: 'Vid Vättern' },
  { letter: 'D', text: 'Inget läger i år' },
]);

// --- the clients, in the member's language -----------------------------------

type Lang = 'es' | 'pt' | 'pl' | 'sv' | 'de' | 'fr';
const FROM = 'Organisers <organisers-consult@tacit.localhost>';
const quoted = (text: string) => text.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
const subject = (c: BlindConsultation) => c.sent.split('\n')[4];
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Gmail's attribution line (web and Android), as each locale writes it. */
const GMAIL_ATTRIBUTION: Record<Lang, string> = {
  es: `El lun, 30 nov 2026 a las 10:00, Organisers (<organisers-consult@tacit.localhost>) escribió:`,
  pt: `Em seg., 30 de nov. de 2026 às 10:00, ${FROM} escreveu:`,
  pl: `W dniu 30.11.2026 o 10:00 ${FROM} napisał(a):`,
  sv: `Den mån 30 nov. 2026 kl 10:00 skrev ${FROM}:`,
  de: `Am Mo., 30. Nov. 2026 um 10:00 Uhr schrieb ${FROM}:`,
  fr: `Le lun. 30 nov. 2026 à 10:00, ${FROM} a écrit :`,
};
/** Apple Mail's attribution line (macOS and iPhone), quoted with the original. */
const APPLE_ATTRIBUTION: Record<Lang, string> = {
  es: `El 30 nov 2026, a las 10:00, ${FROM} escribió:`,
  pt: `Em 30 de nov. de 2026, à(s) 10:00, ${FROM} escreveu:`,
  pl: `Wiadomość napisana przez ${FROM} w dniu 30.11.2026, o godz. 10:00:`,
  sv: `30 nov. 2026 kl. 10:00 skrev ${FROM}:`,
  de: `Am 30.11.2026 um 10:00 schrieb ${FROM}:`,
  fr: `Le 30 nov. 2026 à 10:00, ${FROM} a écrit :`,
};
const IPHONE_SIGNATURE: Record<Lang, string> = {
  es: 'Enviado desde mi iPhone',
  pt: 'Enviado do meu iPhone',
  pl: "Wysłane z iPhone'a",
  sv: 'Skickat från min iPhone',
  de: 'Von meinem iPhone gesendet',
  fr: 'Envoyé de mon iPhone',
};
/** Outlook's header block (labels, date) in each language. */
const OUTLOOK_LABELS: Record<Lang, { from: string; sent: string; to: string; subject: string; date: string; who: string }> = {
  es: { from: 'De', sent: 'Enviado', to: 'Para', subject: 'Asunto', date: 'lunes, 30 de noviembre de 2026 10:00', who: 'Marta López <marta@example.es>' },
  pt: { from: 'De', sent: 'Enviado', to: 'Para', subject: 'Assunto', date: 'segunda-feira, 30 de novembro de 2026 10:00', who: 'Rui Santos <rui@example.pt>' },
  pl: { from: 'Od', sent: 'Wysłano', to: 'Do', subject: 'Temat', date: 'poniedziałek, 30 listopada 2026 10:00', who: 'Katarzyna Nowak <kasia@example.pl>' },
  sv: { from: 'Från', sent: 'Skickat', to: 'Till', subject: 'Ämne', date: 'den 30 november 2026 10:00', who: 'Erik Lindqvist <erik@example.se>' },
  de: { from: 'Von', sent: 'Gesendet', to: 'An', subject: 'Betreff', date: 'Montag, 30. November 2026 10:00', who: 'Jonas Weber <jonas@example.de>' },
  fr: { from: 'De', sent: 'Envoyé', to: 'À', subject: 'Objet', date: 'lundi 30 novembre 2026 10:00', who: 'Claire Martin <claire@example.fr>' },
};
const OUTLOOK_MOBILE_FOOTER: Record<Lang, string> = {
  es: 'Obtener Outlook para iOS',
  pt: 'Obter o Outlook para Android',
  pl: 'Pobierz aplikację Outlook dla systemu Android',
  sv: 'Skaffa Outlook för iOS',
  de: 'Outlook für Android herunterladen',
  fr: 'Obtenir Outlook pour Android',
};

const outlookHeader = (lang: Lang, c: BlindConsultation) => {
  const l = OUTLOOK_LABELS[lang];
  return `${l.from}: ${FROM}\n${l.sent}: ${l.date}\n${l.to}: ${l.who}\n${l.subject}: [organisers] ${subject(c)}`;
};

/** Gmail, top-posted. */
const gmail = (lang: Lang, text: string, c: BlindConsultation) => `${text}\n\n${GMAIL_ATTRIBUTION[lang]}\n\n${quoted(c.sent)}\n`;
/** Gmail, bottom-posted: the attribution and the quote first, the answer under them. */
const bottom = (lang: Lang, text: string, c: BlindConsultation) => `${GMAIL_ATTRIBUTION[lang]}\n\n${quoted(c.sent)}\n\n${text}\n`;
/** Apple Mail on a Mac. */
const apple = (lang: Lang, text: string, c: BlindConsultation) => `${text}\n\n> ${APPLE_ATTRIBUTION[lang]}\n>\n${quoted(c.sent)}\n`;
/** Mail on an iPhone: the answer, the default signature, the attribution and the quote. */
const iphone = (lang: Lang, text: string, c: BlindConsultation) =>
  `${text}\n\n${IPHONE_SIGNATURE[lang]}\n\n> ${APPLE_ATTRIBUTION[lang]}\n>\n${quoted(c.sent)}\n`;
/** Outlook for Windows: the header block in the member's language, the original without ">" (with or without the rule). */
const outlook = (lang: Lang, text: string, c: BlindConsultation, rule = true) =>
  `${text}\n\n${rule ? '________________________________\n' : ''}${outlookHeader(lang, c)}\n\n${c.sent}\n`;
/** Outlook for iOS/Android: its footer, then the header block. */
const outlookMobile = (lang: Lang, text: string, c: BlindConsultation) =>
  `${text}\n\n${OUTLOOK_MOBILE_FOOTER[lang]}\n________________________________\n${outlookHeader(lang, c)}\n\n${c.sent}\n`;
/** Outlook with the answer typed into the original under the line it answers. */
const outlookInside = (lang: Lang, top: string, c: BlindConsultation, inserts: Record<string, string>) => {
  const body = c.sent.split('\n').flatMap((line) => {
    const key = Object.keys(inserts).find((k) => line.trim() === k);
    return key ? [line, inserts[key]!] : [line];
  }).join('\n');
  return `${top}\n\n${outlookHeader(lang, c)}\n\n${body}\n`;
};
/** HTML-only Gmail in the member's language. */
const gmailHtml = (lang: Lang, text: string, c: BlindConsultation) => ({
  html: `<div dir="ltr">${escapeHtml(text)}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${escapeHtml(GMAIL_ATTRIBUTION[lang])}<br></div>`
    + `<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${c.sent.split('\n').map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</blockquote></div>`,
});
/** HTML-only Outlook (web and new Outlook): the original after a rule and a header block, not in a blockquote. */
const outlookHtml = (lang: Lang, text: string, c: BlindConsultation) => {
  const l = OUTLOOK_LABELS[lang];
  return {
    html: `<html><body><div style="font-family:Aptos,sans-serif;font-size:12pt">${escapeHtml(text)}</div>`
      + `<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">`
      + `<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"><b>${l.from}:</b> ${escapeHtml(FROM)}<br>`
      + `<b>${l.sent}:</b> ${l.date}<br><b>${l.to}:</b> ${escapeHtml(l.who)}<br><b>${l.subject}:</b> [organisers] ${escapeHtml(subject(c)!)}</font>`
      + `<div>&nbsp;</div></div><div>${c.sent.split('\n').map((line) => `<div>${escapeHtml(line) || '<br>'}</div>`).join('')}</div></body></html>`,
  };
};
/**
 * Forwarded, then answered: the member forwarded the copy to a colleague, the
 * colleague answered with a vote of their own, and the member replies to Tacit
 * above all of it. Only the top lines are the member's.
 */
const forwardedThenAnswered = (lang: 'es' | 'de', text: string, colleague: string, c: BlindConsultation) => {
  const [attribution, forwarded] = lang === 'es'
    ? ['El lun, 30 nov 2026 a las 12:14, Pablo Ruiz (<pablo@example.es>) escribió:', '---------- Mensaje reenviado ---------']
    : ['Am Mo., 30. Nov. 2026 um 12:14 Uhr schrieb Paula Schmidt <paula@example.de>:', '---------- Weitergeleitete Nachricht ---------'];
  const forward = `${colleague}\n\n${forwarded}\n${lang === 'es' ? 'De' : 'Von'}: ${FROM}\nDate: 30 Nov 2026 10:00\nSubject: ${subject(c)}\nTo: <member@example.org>\n\n${c.sent}`;
  return `${text}\n\n${attribution}\n\n${quoted(forward)}\n`;
};
/** An away notice, in the member's language: no quote. */
const autoreply = (text: string) => `${text}\n`;

// --- a choice mailed in Spanish ----------------------------------------------

export const boletinCases: Array<[BlindBody, ChoiceStance]> = [
  [gmail('es', 'Una vez al mes.', BOLETIN), { first: 'B' }],
  [gmail('es', 'La segunda.', BOLETIN), { first: 'B' }],
  [outlook('es', 'B\n\nSaludos,\nMarta López\nSecretaria', BOLETIN), { first: 'B' }],
  [iphone('es', 'Cada tres meses, con eso basta.', BOLETIN), { first: 'C' }],
  // "mensual", "trimestral", "semanal": the options named by adjectives, not their own words
  [gmail('es', 'Mensual > trimestral > semanal. Dejar de enviarlo, nunca.', BOLETIN), { first: 'B', ranking: ['B', 'C', 'A'], reject: ['D'] }],
  [gmail('es', 'Cualquiera menos dejar de enviarlo.', BOLETIN), { first: null, reject: ['D'] }],
  [gmail('es', 'Primero cada mes, luego cada semana.', BOLETIN), { first: 'B', ranking: ['B', 'A'] }],
  [gmail('es', 'La D no, por favor.', BOLETIN), { first: null, reject: ['D'] }],
  [gmail('es', '¿Quién va a redactar el boletín si es semanal?', BOLETIN), U],
  [gmail('es', 'Depende de los voluntarios: si hay gente, cada semana; si no, cada tres meses.', BOLETIN), U],
  [gmail('es', 'Quizás una vez al mes, no lo tengo claro.', BOLETIN), U],
  [gmail('es', 'A. No, espera: mejor la B.', BOLETIN), { first: 'B' }],
  [gmail('es', 'Lo mismo que Carmen.', BOLETIN), U],
  [gmailHtml('es', 'Cada semana, por favor.', BOLETIN), { first: 'A' }],
  [outlook('es', 'Dejar de enviarlo. Nadie lo lee.', BOLETIN, false), { first: 'D' }],
  [gmail('pt', 'Uma vez por mês.', BOLETIN), { first: 'B' }],
  [gmail('pl', 'Raz w miesiącu.', BOLETIN), { first: 'B' }],
  [W.gmail('Monthly is plenty.', BOLETIN), { first: 'B' }],
  [bottom('es', 'Cada tres meses.', BOLETIN), { first: 'C' }],
  [W.muttInline(BOLETIN, { 'A. Cada semana': 'no', 'B. Una vez al mes': 'sí' }), { first: 'B', reject: ['A'] }],
  // the colleague's "Yo votaría A" is quoted, not the member's
  [forwardedThenAnswered('es', 'Voto C.', 'Yo votaría A.', BOLETIN), { first: 'C' }],
  [gmail('es', 'Cualquiera me vale.', BOLETIN), { first: null, any: true }],
  [gmail('es', 'C\n\n-- \nMarta López\nAVISO LEGAL: Este mensaje y sus anexos son confidenciales y se dirigen exclusivamente a su destinatario. Si lo ha recibido por error, notifíquelo al remitente y bórrelo.', BOLETIN), { first: 'C' }],
  // meant for the summer-camp consultation
  [gmail('es', 'En Gotland.', BOLETIN), U],
];

// --- a choice mailed in German -------------------------------------------------

export const mitgliederCases: Array<[BlindBody, ChoiceStance]> = [
  [gmail('de', 'CiviCRM.', MITGLIEDER), { first: 'A' }],
  [gmail('de', 'Die zweite.', MITGLIEDER), { first: 'B' }],
  [outlook('de', 'Ich bin für die Nextcloud-Tabelle.\n\nViele Grüße\nJonas Weber', MITGLIEDER), { first: 'B' }],
  [iphone('de', 'C', MITGLIEDER), { first: 'C' }],
  [gmail('de', 'Alles außer dem Dienstleister.', MITGLIEDER), { first: null, reject: ['C'] }],
  [gmail('de', 'A > B > D, auf keinen Fall C.', MITGLIEDER), { first: 'A', ranking: ['A', 'B', 'D'], reject: ['C'] }],
  [gmail('de', 'Erstens CiviCRM, zweitens Nextcloud.', MITGLIEDER), { first: 'A', ranking: ['A', 'B'] }],
  [gmail('de', 'Einverstanden mit A oder B, aber bitte keinen Dienstleister.', MITGLIEDER), { first: null, accept: ['A', 'B'], reject: ['C'] }],
  [gmail('de', 'Was kostet CiviCRM im Jahr?', MITGLIEDER), U],
  [gmail('de', 'Wenn jemand CiviCRM betreuen kann, dann A, sonst B.', MITGLIEDER), U],
  [gmail('de', 'Vielleicht B? Ich bin unsicher.', MITGLIEDER), U],
  [gmail('de', 'B – nein, doch lieber A.', MITGLIEDER), { first: 'A' }],
  [gmail('de', 'Ich stimme wie Thomas.', MITGLIEDER), U],
  [gmailHtml('de', 'Alles so lassen, bitte.', MITGLIEDER), { first: 'D' }],
  [gmail('fr', 'CiviCRM, sans hésiter.', MITGLIEDER), { first: 'A' }],
  [gmail('sv', 'Jag röstar på tabellen i Nextcloud.', MITGLIEDER), { first: 'B' }],
  [gmail('pl', 'Nie C. Reszta mi pasuje.', MITGLIEDER), { first: null, reject: ['C'] }],
  [W.gmail('Not B, a spreadsheet will be a mess in a year.', MITGLIEDER), { first: null, reject: ['B'] }],
  [W.outlook('Option A, then C.', MITGLIEDER), { first: 'A', ranking: ['A', 'C'] }],
  [outlookInside('de', 'Antworten unten im Text.', MITGLIEDER, { 'D. Alles so lassen, wie es ist': 'Ja, das.' }), { first: 'D' }],
  [outlookMobile('de', 'D. Never change a running system.', MITGLIEDER), { first: 'D' }],
  [gmail('de', 'Ist mir egal.', MITGLIEDER), { first: null, any: true }],
  [gmail('de', 'A\n\nMit freundlichen Grüßen\nJonas Weber\n\nDiese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind oder diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den Absender und vernichten Sie diese E-Mail.', MITGLIEDER), { first: 'A' }],
  // "extern vergeben": the option named by other words of the same meaning
  [apple('de', 'Lieber extern vergeben, das spart uns Arbeit.', MITGLIEDER), { first: 'C' }],
  [gmail('de', 'Ich tendiere zu A, will aber erst die Kosten sehen.', MITGLIEDER), U],
  [forwardedThenAnswered('de', 'Alles außer CiviCRM.', 'Ich wäre für CiviCRM.', MITGLIEDER), { first: null, reject: ['A'] }],
];

// --- a proposal mailed in Portuguese -------------------------------------------

export const federacaoCases: Array<[BlindBody, ProposalStanceValue]> = [
  [gmail('pt', 'Concordo.', FEDERACAO), 'agree'],
  [gmail('pt', 'Sem objeções.', FEDERACAO), 'agree'],
  [gmail('pt', 'Discordo: 300 EUR por ano é demasiado para nós.', FEDERACAO), 'object'],
  [gmail('pt', 'Abstenho-me.', FEDERACAO), 'abstain'],
  [outlook('pt', 'De acordo.\n\nCumprimentos,\nRui Santos', FEDERACAO), 'agree'],
  [iphone('pt', 'Sim', FEDERACAO), 'agree'],
  [gmail('pt', 'Quais são as vantagens concretas de aderir?', FEDERACAO), 'unreadable'],
  [gmail('pt', 'Talvez. Preciso de pensar melhor.', FEDERACAO), 'unreadable'],
  [gmail('es', 'De acuerdo.', FEDERACAO), 'agree'],
  [gmail('es', 'No estoy de acuerdo, la cuota es muy alta.', FEDERACAO), 'object'],
  [gmail('pl', 'Nie mam zastrzeżeń.', FEDERACAO), 'agree'],
  [outlook('pl', 'Jestem przeciw. Nie stać nas na to.\n\nPozdrawiam\nKasia', FEDERACAO), 'object'],
  [iphone('pl', 'Popieram.', FEDERACAO), 'agree'],
  [gmail('sv', 'Inga invändningar.', FEDERACAO), 'agree'],
  [outlook('sv', 'Jag är emot, avgiften är för hög.', FEDERACAO, false), 'object'],
  // a remark after the agreement, not a condition
  [gmail('de', 'Einverstanden, aber die Gebühr finde ich hoch.', FEDERACAO), 'agree'],
  // agreement to something other than the proposal: an objection, the condition its reason (vote-replies 104)
  [gmail('de', 'Einverstanden, aber nur wenn wir den Beitritt nach einem Jahr überprüfen.', FEDERACAO), 'object'],
  [gmail('fr', "Je m'abstiens.", FEDERACAO), 'abstain'],
  [gmail('fr', "D'accord, sans réserve.", FEDERACAO), 'agree'],
  [W.gmail('I suppose so?', FEDERACAO), 'unreadable'],
  [gmail('pt', 'A minha mulher concorda.', FEDERACAO), 'unreadable'],
  // a letter: meant for a choice, not this proposal
  [gmail('pt', 'B.', FEDERACAO), 'unreadable'],
  [gmail('pt', 'Concordo. Aliás, não: discordo, primeiro temos de ver o orçamento.', FEDERACAO), 'object'],
  [gmailHtml('pt', 'Concordo plenamente.', FEDERACAO), 'agree'],
  [autoreply('Estou ausente do escritório até dia 7 de dezembro, com acesso limitado ao correio eletrónico.\nPara assuntos urgentes contacte a secretaria.'), 'unreadable'],
  [gmail('pl', 'Wstrzymuję się od głosu.', FEDERACAO), 'abstain'],
  [gmail('sv', 'Ja, absolut.', FEDERACAO), 'agree'],
  [outlookMobile('sv', 'Nej.', FEDERACAO), 'object'],
  [apple('de', 'Dagegen.', FEDERACAO), 'object'],
  [outlookHtml('pt', 'Sem objeções da minha parte.', FEDERACAO), 'agree'],
];

// --- a choice mailed in Swedish ----------------------------------------------

export const lagerCases: Array<[BlindBody, ChoiceStance]> = [
  [gmail('sv', 'Gotland!', LAGER), { first: 'A' }],
  [gmail('sv', 'Dalarna, utan tvekan.', LAGER), { first: 'B' }],
  [outlook('sv', 'C\n\nMed vänliga hälsningar\nErik Lindqvist', LAGER), { first: 'C' }],
  [iphone('sv', 'Vättern', LAGER), { first: 'C' }],
  [gmail('sv', 'Det första alternativet.', LAGER), { first: 'A' }],
  [gmail('sv', 'Gotland > Vättern > Dalarna', LAGER), { first: 'A', ranking: ['A', 'C', 'B'] }],
  [gmail('sv', 'Inte Gotland, färjan är för dyr.', LAGER), { first: null, reject: ['A'] }],
  [gmail('sv', 'Spelar ingen roll.', LAGER), { first: null, any: true }],
  [gmail('sv', 'Hur mycket kostar färjan till Gotland?', LAGER), U],
  [gmail('sv', 'Kanske Dalarna, det beror på datumet.', LAGER), U],
  [gmail('sv', 'A. Nej förresten, B.', LAGER), { first: 'B' }],
  [gmail('pl', 'Gotlandia, zdecydowanie.', LAGER), { first: 'A' }],
  [iphone('pl', 'Druga opcja.', LAGER), { first: 'B' }],
  [W.gmail('Dalarna or Vättern, both fine. Not Gotland.', LAGER), { first: null, accept: ['B', 'C'], reject: ['A'] }],
  [gmail('de', 'Lieber kein Lager dieses Jahr.', LAGER), { first: 'D' }],
  [W.muttInline(LAGER, { 'B. I Dalarna': 'ja', 'D. Inget läger i år': 'nej' }), { first: 'B', reject: ['D'] }],
  [apple('sv', 'Vid Vättern, det är närmast för de flesta.', LAGER), { first: 'C' }],
  // meant for the newsletter consultation
  [gmail('sv', 'En gång i månaden.', LAGER), U],
  [gmail('sv', 'Samma som Anna.', LAGER), U],
  [outlookHtml('sv', 'Gotland', LAGER), { first: 'A' }],
  [bottom('sv', 'Dalarna i första hand, annars Vättern.', LAGER), { first: 'B', ranking: ['B', 'C'] }],
];
