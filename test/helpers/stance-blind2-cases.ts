import type { ChoiceStance, ProposalStanceValue } from '../../src/reading/stance.ts';
import { BLIND_CLIENTS as W, type BlindBody, type BlindConsultation, blindConsultation } from './stance-blind-cases.ts';

/**
 * A second blind round, written after the reader had been fixed for the first
 * one and before looking at how it reads these: four more consultations (five
 * options, months, a German consultation, a statutes proposal). Its first-pass
 * score is the honest estimate of how the reader does on replies it has not seen.
 */
const U: ChoiceStance = { unreadable: true };

export const PARTY = blindConsultation('C-31', 'How should we celebrate the tenth anniversary?', [
  { letter: 'A', text: 'Community hall in Ghent' },
  { letter: 'B', text: 'Picnic in the park' },
  { letter: 'C', text: 'Boat trip on the river' },
  { letter: 'D', text: 'Skip the party this year' },
  { letter: 'E', text: 'Restaurant dinner' },
]);
export const MONTH = blindConsultation('C-32', 'When should the summer school take place?', [
  { letter: 'A', text: 'Early June' },
  { letter: 'B', text: 'Late September' },
  { letter: 'C', text: 'January, after the holidays' },
]);
export const WIEN = blindConsultation('C-33', 'Wo soll die Klausur stattfinden?', [
  { letter: 'A', text: 'Treffen in Wien' },
  { letter: 'B', text: 'Nur online' },
  { letter: 'C', text: 'Auf den Frühling verschieben' },
]);
export const STATUTES = blindConsultation('C-34', 'Amend article 4 of the statutes', []);

export const partyCases: Array<[BlindBody, ChoiceStance]> = [
  [W.gmail('The boat trip sounds fun!', PARTY), { first: 'C' }],
  [W.gmail('Boat trip > picnic > hall. No restaurant please, too expensive.', PARTY), { first: 'C', ranking: ['C', 'B', 'A'], reject: ['E'] }],
  [W.outlook('Picnic, or the hall if need be.', PARTY), { first: 'B', accept: ['A'] }],
  [W.gmail('Ghent hall for me.', PARTY), { first: 'A' }],
  [W.gmail('Skip it this year, nobody has time.', PARTY), { first: 'D' }],
  [W.mobile('E', PARTY), { first: 'E' }],
  [W.gmail('Not the boat, I get seasick. Anything else is fine.', PARTY), { first: null, reject: ['C'] }],
  [W.muttInline(PARTY, { 'E. Restaurant dinner': '+1', 'C. Boat trip on the river': '-1' }), { first: 'E', reject: ['C'] }],
  [W.gmail('Picknick im Park.', PARTY), { first: 'B' }],
  [W.gmail('Un pique-nique au parc, sans hésiter.', PARTY), { first: 'B' }],
  [W.gmail('Cena en un restaurante.', PARTY), { first: 'E' }],
  [W.gmail('Can we do both the picnic and the boat?', PARTY), U],
  [W.gmail('Mi è indifferente.', PARTY), { first: null, any: true }],
  [W.gmail('Ik kies de boottocht.', PARTY), { first: 'C' }],
  [W.gmail('Piknik w parku.', PARTY), { first: 'B' }],
  [W.gmail('Båttur på floden!', PARTY), { first: 'C' }],
  [W.html('Restaurant dinner, please.', PARTY), { first: 'E' }],
  [W.gmail('No preference, as long as it is not the boat.', PARTY), { first: null, reject: ['C'] }],
  [W.gmail('Hall or restaurant. Both fine.', PARTY), { first: null, accept: ['A', 'E'] }],
];

export const monthCases: Array<[BlindBody, ChoiceStance]> = [
  [W.gmail('June.', MONTH), { first: 'A' }],
  [W.gmail('Junio.', MONTH), { first: 'A' }],
  [W.gmail('Septembre, sinon juin.', MONTH), { first: 'B', ranking: ['B', 'A'] }],
  [W.gmail('Not January, too cold.', MONTH), { first: null, reject: ['C'] }],
  [W.gmail('Late September works, early June too.', MONTH), { first: null, accept: ['B', 'A'] }],
  [W.gmail('Januar passt mir am besten.', MONTH), { first: 'C' }],
  [W.gmail('Setembro.', MONTH), { first: 'B' }],
  [W.apple('Any month is fine.', MONTH), { first: null, any: true }],
  [W.gmail('Wrzesień.', MONTH), { first: 'B' }],
  [W.outlookInside('See below.', MONTH, { 'B. Late September': '<-- this' }), { first: 'B' }],
];

export const wienCases: Array<[BlindBody, ChoiceStance]> = [
  [W.gmail('Wien!', WIEN), { first: 'A' }],
  [W.gmail('Vienna please.', WIEN), { first: 'A' }],
  [W.gmail('Online.', WIEN), { first: 'B' }],
  [W.gmail('Lieber verschieben.', WIEN), { first: 'C' }],
  [W.gmail('Vienne ou en ligne.', WIEN), { first: null, accept: ['A', 'B'] }],
  [W.gmail('Nicht online, sonst egal.', WIEN), { first: null, reject: ['B'] }],
  [W.gmail('In spring.', WIEN), { first: 'C' }],
  [W.gmail('A > C > B', WIEN), { first: 'A', ranking: ['A', 'C', 'B'] }],
];

export const statutesCases: Array<[BlindBody, ProposalStanceValue]> = [
  [W.gmail('Agree with the amendment.', STATUTES), 'agree'],
  [W.gmail('Object: article 4 protects small groups.', STATUTES), 'object'],
  [W.gmail('Abstaining, I was not at the meeting.', STATUTES), 'abstain'],
  [W.mobile('👍', STATUTES), 'agree'],
  [W.gmail('Nee.', STATUTES), 'object'],
  [W.gmail('Ja, prima.', STATUTES), 'agree'],
  [W.gmail('Contra.', STATUTES), 'object'],
  [W.gmail('Concordo.', STATUTES), 'agree'],
  [W.gmail('Why change it now?', STATUTES), 'unreadable'],
  [W.gmail('Fine with me.', STATUTES), 'agree'],
  [W.gmail('Not sure yet, will reply later.', STATUTES), 'unreadable'],
  [W.outlookInside('Inline.', STATUTES, { 'Amend article 4 of the statutes': 'Yes' }), 'agree'],
];
