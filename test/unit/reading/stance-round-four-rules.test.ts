import { describe, expect, it } from 'vitest';
import { readChoiceStance, readProposalStance, type ChoiceStance, type ProposalStanceValue } from '../../../src/reading/stance.ts';

/**
 * The general rules the fourth blind round asked for: an option named by its
 * place ("la segunda"), how often something happens in any language
 * ("mensual", "trois mois"), a hyphenated compound ("Nextcloud-Tabelle"), an
 * option whose own name refuses ("Inget läger i år" answered "kein Lager"),
 * a member who says they will decide later, a hedge ("maybe B") and a
 * condition after the stance (doubt, whatever they lean to), and plain
 * answers to a proposal in the round's languages.
 */
const BOLETIN = [
  { letter: 'A', text: 'Cada semana' },
  { letter: 'B', text: 'Una vez al mes' },
  { letter: 'C', text: 'Cada tres meses' },
  { letter: 'D', text: 'Dejar de enviarlo' },
];
const MITGLIEDER = [
  { letter: 'A', text: 'CiviCRM einführen' },
  { letter: 'B', text: 'Eine gemeinsame Tabelle in Nextcloud' },
  { letter: 'C', text: 'Einen externen Dienstleister beauftragen' },
];
const LAGER = [
  { letter: 'A', text: 'På Gotland' },
  { letter: 'B', text: 'I Dalarna' },
  { letter: 'C', text: 'Vid Vättern' },
  { letter: 'D', text: 'Inget läger i år' },
];
const NAME = [
  { letter: 'A', text: 'Keep the current name' },
  { letter: 'B', text: "Rename to 'Open Circle'" },
  { letter: 'C', text: 'Decide at the next assembly' },
];
const U: ChoiceStance = { unreadable: true };

const choiceCases: Array<[string, typeof BOLETIN, ChoiceStance]> = [
  // an ordinal next to an article or a word for "option" names the option at that place
  ['La segunda.', BOLETIN, { first: 'B' }],
  ['La segunda, por favor.', BOLETIN, { first: 'B' }],
  ['Die zweite Option ist am besten.', MITGLIEDER, { first: 'B' }],
  ['Det första alternativet.', LAGER, { first: 'A' }],
  ['Druga opcja.', LAGER, { first: 'B' }],
  ['La primera opción.', BOLETIN, { first: 'A' }],
  // …not alone, not in prose, not with another option or a refusal
  ['Second.', BOLETIN, U],
  ['First, thanks for organising.', BOLETIN, U],
  ['The second one is too expensive.', BOLETIN, U],
  ['La segunda es demasiado cara.', BOLETIN, U],
  ['The first one, not the second.', BOLETIN, U],
  ['Not the first one.', BOLETIN, U],
  ['La quinta.', BOLETIN, U],
  // how often, in any language; "tres meses" is a quarter, not a month
  ['Mensual > trimestral > semanal.', BOLETIN, { first: 'B', ranking: ['B', 'C', 'A'] }],
  ['Mensuel.', BOLETIN, { first: 'B' }],
  ['Quarterly.', BOLETIN, { first: 'C' }],
  ['Trois mois.', BOLETIN, { first: 'C' }],
  ['Monthly > quarterly', BOLETIN, { first: 'B', ranking: ['B', 'C'] }],
  // a compound joined by a hyphen names the option its parts name
  ['Ich bin für die Nextcloud-Tabelle.', MITGLIEDER, { first: 'B' }],
  ['Einverstanden mit A oder B, aber bitte keinen Dienstleister.', MITGLIEDER, { first: null, accept: ['A', 'B'], reject: ['C'] }],
  // an option whose name refuses: a refusal word before its word is its name
  ['Kein Lager.', LAGER, { first: 'D' }],
  ['Lieber kein Lager dieses Jahr.', LAGER, { first: 'D' }],
  ['Inget läger.', LAGER, { first: 'D' }],
  ['Inte Gotland.', LAGER, { first: null, reject: ['A'] }],
  ['Dalarna i första hand, annars Vättern.', LAGER, { first: 'B', ranking: ['B', 'C'] }],
  // deciding later is no answer yet…
  ['Ich tendiere zu A, will aber erst die Kosten sehen.', MITGLIEDER, U],
  ['B, but let me think about it.', MITGLIEDER, U],
  ['Quizás la B, tengo que pensarlo.', BOLETIN, U],
  // …unless deciding later is an option
  ['Open Circle > keep > decide later', NAME, { first: 'B', ranking: ['B', 'A', 'C'] }],
  // a hedge in the sentence of the stance is a guess, not an answer; in a later remark it is a comment
  ['Maybe B.', BOLETIN, U],
  ['Probablemente la C.', BOLETIN, U],
  ['Talvez a B.', BOLETIN, U],
  ['Chyba B.', BOLETIN, U],
  ['Kanske B.', BOLETIN, U],
  ['Vielleicht B.', BOLETIN, U],
  ['Peut-être B.', BOLETIN, U],
  ['B. Maybe we could also print a few copies.', BOLETIN, { first: 'B' }],
  // a condition after the stance: the counter cannot know whether it holds
  ['La A, siempre que haya voluntarios.', BOLETIN, U],
  ['B, desde que haja voluntários.', BOLETIN, U],
  ['B, sofern es Freiwillige gibt.', BOLETIN, U],
  ['B, förutsatt att det finns frivilliga.', BOLETIN, U],
  ['B, o ile będą wolontariusze.', BOLETIN, U],
  ["S'il y a du budget, A.", BOLETIN, U],
  ['B, unless it costs more than expected.', BOLETIN, U],
  // …but "if possible" is a stance, "or if" a fallback, and a remark in its own sentence is a comment
  ['C, se possível.', BOLETIN, { first: 'C' }],
  ['C om möjligt.', BOLETIN, { first: 'C' }],
  ['B, if possible.', BOLETIN, { first: 'B' }],
  ['C. If you need help, let me know.', BOLETIN, { first: 'C' }],
  // "no sé" is not knowing, not a refusal
  ['A o B, no sé.', BOLETIN, U],
];

const proposalCases: Array<[string, ProposalStanceValue]> = [
  ['Nie mam zastrzeżeń.', 'agree'],
  ['Concordo. Aliás, não: discordo, primeiro temos de ver o orçamento.', 'object'],
  ['Concordo, mas preciso de pensar melhor.', 'unreadable'],
  ['Agree, but I will decide later.', 'unreadable'],
  // a reason that speaks of deciding is no deferral
  ['Object: the members should see the budget before deciding.', 'object'],
  // a condition after the comma may limit the agreement: doubt, never a plain agreement
  ['Sim, se for só por um ano.', 'unreadable'],
  ['Ja, om det bara gäller ett år.', 'unreadable'],
  ['Sí, si, de acuerdo.', 'agree'],
  // plain answers in the languages of the round
  ['Nada a opor.', 'agree'],
  ['Sem objeção.', 'agree'],
  ['Ninguna objeción.', 'agree'],
  ['Ich habe nichts dagegen.', 'agree'],
  ["Pas d'objection.", 'agree'],
  ['Nie mam nic przeciwko.', 'agree'],
  ['Inget att invända.', 'agree'],
  ['Passt.', 'agree'],
  ['Passt mir nicht.', 'unreadable'],
  ['Claro que no.', 'object'],
  ["Je m'y oppose.", 'object'],
  ['Jag reserverar mig.', 'object'],
  ['Jag lägger ned min röst.', 'abstain'],
];

describe('choice rules from the fourth blind round', () => {
  it.each(choiceCases)('%j', (text, options, stance) => {
    expect(readChoiceStance(text, options).stance).toEqual(stance);
  });
});

describe('proposal rules from the fourth blind round', () => {
  it.each(proposalCases)('%j', (text, stance) => {
    expect(readProposalStance(text).stance).toBe(stance);
  });
});
