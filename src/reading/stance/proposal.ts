/** Reading a proposal reply, the whole pipeline: locate, take questions out, the proposal grammar, doubt. */
import { TOO_LONG } from './choice.ts';
import { proposalDisagreement } from './check.ts';
import { awayDoubt, deferredDoubt, findDoubtPhrase, hedgeDoubt, proxyDoubt, undecidedDoubt } from './doubt.ts';
import { locateAnswer } from './locate.ts';
import { fold } from './text.ts';
import { readProposalText } from './proposalGrammar.ts';
import { takeOutQuestions } from './questions.ts';
import { withoutSignature } from './signature.ts';
import type { ProposalReading } from './types.ts';
import { phrase, type Phrase } from '../../shared/rules/phrase.ts';

// "Yes to A", "I agree with option 2": an answer naming an option is meant for a choice, not this proposal.
const OPTION_NAMED = /(?<![\p{L}\p{N}])(?:option|opcao|opcion|opzione|optie|opcja|alternativ|alternative)[ \t]{0,3}[a-e1-9](?![\p{L}\p{N}])/u;
// A capital letter after "to"/"for" and before punctuation or the line end ("Yes to A", "vote for B");
// not an initial signing the mail ("Agree.\n\nD.").
const LONE_LETTER = /(?<=(?:^|[^\p{L}])(?:to|for|with|voor|para|per|pour|fur|für|na|za|por|op)[ \t]{1,3})[A-E](?=[ \t]{0,3}(?:[.,;!?)]|$))/mu;

function optionDoubt(text: string): Phrase | undefined {
  const hit = OPTION_NAMED.exec(fold(text)) ?? LONE_LETTER.exec(text);
  return hit ? phrase('doubt.namesOption.proposal', { quote: hit[0].trim() }) : undefined;
}

export function readProposalStance(text: string): ProposalReading {
  const reading = readByGrammar(text);
  // The second reading: counted only when the stance words found apart from the grammar do not contradict it.
  const located = locateAnswer(text).text;
  const disagreement = proposalDisagreement(located, reading.stance);
  return disagreement ? { stance: 'unreadable', comment: located.trim(), doubt: disagreement } : reading;
}

function readByGrammar(text: string): ProposalReading {
  const located = locateAnswer(text);
  if (located.tooLong) return { stance: 'unreadable', comment: '', doubt: TOO_LONG };
  // "-1. The pledge says nothing about …\n\nHenrik": the reason and comment without the signature.
  const unsigned = withoutSignature(located.text);
  if (unsigned !== undefined) {
    const reading = readByGrammar(unsigned);
    if (reading.stance !== 'unreadable') return reading;
  }
  const { rest, questions } = takeOutQuestions(located.text);
  const read = readProposalText(questions.length > 0 ? rest : located.text);
  // "I object to the wording, but I won't block": a concern, kept as the comment, on an agreement.
  const reading: ProposalReading = read.stance !== 'agree' && read.stance !== 'abstain' && findDoubtPhrase(located.text, 'notBlocking')
    ? { stance: 'agree', comment: located.text.trim() }
    : read;
  if (reading.stance === 'unreadable') {
    const unreadable: ProposalReading = { stance: 'unreadable', comment: located.text.trim() };
    if (reading.doubt) unreadable.doubt = reading.doubt;
    else if (questions.length > 0) unreadable.doubt = phrase('doubt.questionNotAnswer', { quote: questions[0]! });
    return unreadable;
  }
  const doubt = proxyDoubt(located.text) ?? undecidedDoubt(located.text) ?? deferredDoubt(located.text)
    ?? hedgeDoubt(located.text, (sentence) => readProposalText(sentence).stance !== 'unreadable') ?? awayDoubt(located.text) ?? optionDoubt(located.text);
  if (doubt) return { stance: 'unreadable', comment: located.text.trim(), doubt };
  return questions.length > 0 ? { ...reading, comment: [reading.comment, ...questions].filter((s) => s).join('\n') } : reading;
}
