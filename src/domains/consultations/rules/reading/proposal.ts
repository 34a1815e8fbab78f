/** Reading a proposal reply, the whole pipeline: locate, take questions out, the proposal grammar, doubt. */
import { TOO_LONG } from './choice.ts';
import { proxyDoubt, undecidedDoubt } from './doubt.ts';
import { locateAnswer } from './locate.ts';
import { readProposalText } from './proposalGrammar.ts';
import { takeOutQuestions } from './questions.ts';
import type { ProposalReading } from './types.ts';

export function readProposalStance(text: string): ProposalReading {
  const located = locateAnswer(text);
  if (located.tooLong) return { stance: 'unreadable', comment: '', doubt: TOO_LONG };
  const { rest, questions } = takeOutQuestions(located.text);
  const reading = readProposalText(questions.length > 0 ? rest : located.text);
  if (reading.stance === 'unreadable') {
    const unreadable: ProposalReading = { stance: 'unreadable', comment: located.text.trim() };
    if (reading.doubt) unreadable.doubt = reading.doubt;
    else if (questions.length > 0) unreadable.doubt = `a question is not an answer: "${questions[0]}"`;
    return unreadable;
  }
  const doubt = proxyDoubt(located.text) ?? undecidedDoubt(located.text);
  if (doubt) return { stance: 'unreadable', comment: located.text.trim(), doubt };
  return questions.length > 0 ? { ...reading, comment: [reading.comment, ...questions].filter((s) => s).join('\n') } : reading;
}
