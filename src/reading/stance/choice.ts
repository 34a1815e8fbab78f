/**
 * Reading a choice reply, the whole pipeline: locate the member's own words,
 * take questions out, the choice grammar, then doubt (a vote for someone
 * else, a letter contradicting its name) turns a reading into "unreadable".
 */
import { optionTitles } from './optionTitles.ts';
import { readChoiceText } from './choiceGrammar.ts';
import { choiceDisagreement } from './check.ts';
import { choiceDoubt, endOfLastPhrase } from './doubt.ts';
import { locateAnswer } from './locate.ts';
import { inlineAnswers } from './inlineAnswers.ts';
import { markedOption } from './markedOption.ts';
import { fold } from './text.ts';
import { takeOutQuestions } from './questions.ts';
import { withoutSignature } from './signature.ts';
import type { ChoiceOption, ChoiceReading } from './types.ts';
import { phrase } from '../../shared/rules/phrase.ts';

export const TOO_LONG = phrase('doubt.tooLong');

export function readChoiceStance(text: string, options: readonly (string | ChoiceOption)[]): ChoiceReading {
  const opts: ChoiceOption[] = options.map((o) => (typeof o === 'string' ? { letter: o } : o))
    .map((o) => ({ ...o, letter: o.letter.trim().toUpperCase() }));
  const reading = readByGrammar(text, opts);
  // The second reading: counted only when the mention-and-polarity scorer does not contradict it.
  const disagreement = choiceDisagreement(locateAnswer(text).text, opts, reading.stance);
  return disagreement ? { stance: { unreadable: true }, comment: locateAnswer(text).text.trim(), doubt: disagreement } : reading;
}

function readByGrammar(text: string, opts: ChoiceOption[]): ChoiceReading {
  const located = locateAnswer(text);
  if (located.tooLong) return { stance: { unreadable: true }, comment: '', doubt: TOO_LONG };
  // "B\n\nDr. Anna B. Costa, PhD\nChapter C": the answer without the signature, when it is one.
  const unsigned = withoutSignature(located.text);
  if (unsigned !== undefined && !namesAnOption(located.text.slice(unsigned.length), opts)) {
    const reading = readByGrammar(unsigned, opts);
    if (!reading.stance.unreadable) return reading;
  }
  const marked = markedOption(located, opts);
  if (marked) return marked;
  const inline = inlineAnswers(located, opts);
  if (inline) return withDoubt(inline, located.text, opts);
  const { rest, questions } = takeOutQuestions(located.text);
  const reading = corrected(questions.length > 0 ? rest : located.text, opts);
  if (reading.stance.unreadable) {
    const unreadable: ChoiceReading = { stance: { unreadable: true }, comment: located.text.trim() };
    if (questions.length > 0) unreadable.doubt = phrase('doubt.questionNotAnswer', { quote: questions[0]! });
    return unreadable;
  }
  const doubt = choiceDoubt(located.text, opts);
  if (doubt) return { stance: { unreadable: true }, comment: located.text.trim(), doubt };
  return questions.length > 0 ? { ...reading, comment: [reading.comment, ...questions].filter((s) => s).join('\n') } : reading;
}

/** A paragraph naming an option by its title ("Garden Pavilion") is an answer, not a signature. */
function namesAnOption(paragraph: string, opts: ChoiceOption[]): boolean {
  const folded = fold(paragraph);
  return opts.some((o) => optionTitles(o).some((t) => t.trim().length > 2 && folded.includes(fold(t.trim()))));
}

/** A reading stands only when no doubt (a vote for someone else, a letter against its name) is raised. */
function withDoubt(reading: ChoiceReading, text: string, opts: ChoiceOption[]): ChoiceReading {
  const doubt = choiceDoubt(text, opts);
  return doubt ? { stance: { unreadable: true }, comment: text.trim(), doubt } : reading;
}

/** "B. Actually no, C.": what follows the last correction counts, when it reads as a stance. */
function corrected(text: string, opts: ChoiceOption[]): ChoiceReading {
  const at = endOfLastPhrase(text, 'correction');
  if (at > 0) {
    const later = readChoiceText(text.slice(at), opts);
    if (!later.stance.unreadable) {
      return { stance: later.stance, comment: [text.slice(0, at).trim(), later.comment].filter((s) => s).join('\n') };
    }
  }
  return readChoiceText(text, opts);
}
