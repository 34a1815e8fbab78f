import { describe, expect, it } from 'vitest';
import { readChoiceStance, readProposalStance, type ChoiceStance, type ProposalStanceValue } from '../../../src/reading/stance.ts';

/**
 * The general rules the third blind round asked for: options told apart only
 * by a percentage, hesitation and opening conditions as doubt, an option named
 * in passing, "too much" as a remark, phrases that run on past a comma.
 */
const DUES = [
  { letter: 'A', text: 'Raise dues by 5%' },
  { letter: 'B', text: 'Raise dues by 10%' },
  { letter: 'C', text: 'Keep dues as they are' },
  { letter: 'D', text: 'Let each branch decide' },
];
const VENUE = [
  { letter: 'A', text: 'Hold it in Lisbon' },
  { letter: 'B', text: 'Online only' },
  { letter: 'C', text: 'Hybrid, Berlin with a video link' },
];
const PORTO = [
  { letter: 'A', text: 'No Porto, em março' },
  { letter: 'B', text: 'Em Coimbra, em maio' },
  { letter: 'C', text: 'Online, por videochamada' },
];
const MEET = [
  { letter: 'A', text: 'Meet monthly online' },
  { letter: 'B', text: 'Meet monthly in person' },
  { letter: 'C', text: 'Meet quarterly in person' },
];
const DAYS = [
  { letter: 'A', text: 'Monday evening' },
  { letter: 'B', text: 'Saturday morning' },
  { letter: 'C', text: 'Online in December' },
];
const LOGO = [
  { letter: 'A', text: 'Het blauwe logo met de boom' },
  { letter: 'B', text: 'Het groene logo met de vogel' },
  { letter: 'C', text: 'Het huidige logo houden' },
];
const LYON = [
  { letter: 'A', text: 'Assemblée à Lyon en mars' },
  { letter: 'B', text: 'Assemblée en ligne en mars' },
  { letter: 'C', text: 'Assemblée à Lyon en juin' },
];
const U: ChoiceStance = { unreadable: true };

const choiceCases: Array<[string, typeof DUES, ChoiceStance]> = [
  // a percentage only one option has names it; one both have, or a bare number, does not
  ['The 5% one.', DUES, { first: 'A' }],
  ['10 per cent please', DUES, { first: 'B' }],
  ['10% > 5% > keep', DUES, { first: 'B', ranking: ['B', 'A', 'C'] }],
  ['Either 5 or 10 percent.', DUES, { first: null, accept: ['A', 'B'] }],
  ['Raise dues by 5%', DUES, { first: 'A' }],
  ['15%', DUES, U],
  ['Raise by 10.', DUES, U],
  // hesitation about the choice is doubt; about something else it is a comment
  ['Probably 10%, but I am not sure yet.', DUES, U],
  ['Torn between A and B.', VENUE, U],
  ['Ik twijfel tussen A en B.', VENUE, U],
  ['Je ne sais pas, peut-être B.', VENUE, U],
  ["C. I'm not sure the branches could handle D.", DUES, { first: 'C' }],
  // an answer under an opening condition depends on what the counter cannot know
  ['If the office rent goes up, 10%; otherwise keep them as they are.', DUES, U],
  ['Se il treno costa troppo, B.', VENUE, U],
  ['If I have to choose, B.', VENUE, { first: 'B' }],
  ['Als ik moet kiezen, C.', VENUE, { first: 'C' }],
  ['If possible, C.', VENUE, { first: 'C' }],
  // a disclaimer's condition is no condition on the answer
  ['C\n\nIf you have received this e-mail in error, please notify the sender and delete it.', VENUE, { first: 'C' }],
  // an option named in prose, then "so" another: the answer is after "so"
  ['We have 10 members in our branch, so C.', DUES, { first: 'C' }],
  ['I have choir practice on Monday evening.', DAYS, U],
  ['My daughter\'s birthday is on Saturday.', DAYS, U],
  ['I have choir on Monday evenings, so Saturday morning please.', DAYS, { first: 'B' }],
  ["I'd give it a B", DAYS, { first: 'B' }],
  ['I was in Lisbon last year, so B.', VENUE, U],
  // "too much" qualifies, it does not accept as "too" (also) would
  ['I could live with a raise of 5%, but 10% is too much.', DUES, { first: null, accept: ['A'] }],
  // Dutch "of" is "or"
  ['Lisbon of online, maakt me niet uit.', VENUE, { first: null, accept: ['A', 'B'] }],
  ['A. Nee wacht, toch B.', VENUE, { first: 'B' }],
  // a stance word the option's own text puts before its name is part of the name ("No Porto": in Porto)
  ['No Porto, claro.', PORTO, { first: 'A' }],
  ['Em março no Porto.', PORTO, { first: 'A' }],
  ['Não no Porto.', PORTO, { first: null, reject: ['A'] }],
  ['Porto não.', PORTO, { first: null, reject: ['A'] }],
  // "as long as it is not" in more languages
  ['Qualquer uma, desde que não seja online.', PORTO, { first: null, reject: ['C'] }],
  ['Porto ou Coimbra, só não online.', PORTO, { first: null, accept: ['A', 'B'], reject: ['C'] }],
  ['W Krakowie, byle nie online.', [{ letter: 'A', text: 'Spotkanie w Krakowie' }, { letter: 'B', text: 'Spotkanie online' }], { first: 'A', reject: ['B'] }],
  // a word several options share, standing apart from a named option, names more than one
  ['Monthly, online or in person, I don\'t mind.', MEET, U],
  ['Monthly in person.', MEET, { first: 'B' }],
  ['Monthly online > monthly in person > quarterly', MEET, { first: 'A', ranking: ['A', 'B', 'C'] }],
  ['Anything except raising by 10%.', DUES, { first: null, reject: ['B'] }],
  ["I don't mind as long as it isn't 10%.", DUES, { first: null, reject: ['B'] }],
  ['C, if not A.', DUES, { first: 'C', ranking: ['C', 'A'] }],
  // autoreplies and promises to answer later name days without choosing them
  ['Out of office until Monday.', DAYS, U],
  ["Je suis absent jusqu'à lundi.", DAYS, U],
  ['Sono fuori ufficio fino a lunedì.', DAYS, U],
  ['Ik ben afwezig tot maandag.', DAYS, U],
  ["Thanks, I'll reply on Monday.", DAYS, U],
  ['Monday.', DAYS, { first: 'A' }],
  // prose naming an option, then "so" and a refusal of it
  ["I'm away in December, so not C.", DAYS, { first: null, reject: ['C'] }],
  // "I have no preference" and its kin in the other languages
  ['I have no preference.', DAYS, { first: null, any: true }],
  ["Je n'ai pas de préférence.", DAYS, { first: null, any: true }],
  ['Não tenho preferência.', DAYS, { first: null, any: true }],
  ['Ik heb geen voorkeur.', DAYS, { first: null, any: true }],
  ['Ik vind de vogel mooier.', LOGO, { first: 'B' }],
  ['Houden zoals het is.', LOGO, { first: 'C' }],
  // "Lyon, whichever month": a shared word before an "any" is not consent to every option
  ['Lyon, peu importe le mois.', LYON, U],
  ['Lyon en juin, sinon en ligne.', LYON, { first: 'C', ranking: ['C', 'B'] }],
  ['Un 10 por ciento.', DUES, { first: 'B' }],
  ['Blau, bitte.', [{ letter: 'A', text: 'The blue logo' }, { letter: 'B', text: 'The green logo' }], { first: 'A' }],
];

const proposalCases: Array<[string, ProposalStanceValue]> = [
  ['Not against it, but not for it either.', 'abstain'],
  ['Not for it, but not against it either.', 'abstain'],
  ['Not against it, but we should talk about the timing.', 'agree'],
  ['If the numbers add up, I agree.', 'object'],
  ['Se togliete la voce per il nuovo sito, approvo.', 'object'],
  ['I agree. If there are questions, call me.', 'agree'],
  ["Si, d'accord.", 'agree'],
  ['Va bene per me.', 'agree'],
  ['Non mi oppongo.', 'agree'],
  ['Agree, not sure it will work though.', 'agree'],
  ['Nicht dagegen, aber auch nicht dafür.', 'abstain'],
  ['Pas contre, mais pas pour non plus.', 'abstain'],
  ['Niet tegen, maar ook niet voor.', 'abstain'],
  ['Tudo bem por mim.', 'agree'],
  ['Ik ben ertegen.', 'object'],
  ["I don't have a problem with it.", 'agree'],
  // an answer naming an option belongs to a choice, not to this proposal; an initial signing the mail is no option
  ['Yes to A.', 'unreadable'],
  // agreement with a person, whose answer may be an objection
  ['I agree with Maria.', 'unreadable'],
  ['+1 to Pieter', 'unreadable'],
  ["D'accordo con Marco.", 'unreadable'],
  ['Agree with the proposal.', 'agree'],
  // an elided article does not hide the objection agreed with
  ["Sono d'accordo con l'obiezione di Marco.", 'object'],
  ['Nulla da obiettare.', 'agree'],
  ['Certo.', 'agree'],
  ['Automatic reply: Thank you, I agree to get back to you within two days.', 'unreadable'],
  ['I agree with option 2.', 'unreadable'],
  ['Agree.\n\nD.', 'agree'],
  ['Agreed, plan B is fine.', 'agree'],
  ['Probably agree, not sure yet.', 'unreadable'],
];

describe('choice rules from the third blind round', () => {
  it.each(choiceCases)('%j', (text, options, stance) => {
    expect(readChoiceStance(text, options).stance).toEqual(stance);
  });
});

describe('proposal rules from the third blind round', () => {
  it.each(proposalCases)('%j', (text, stance) => {
    expect(readProposalStance(text).stance).toBe(stance);
  });
});
