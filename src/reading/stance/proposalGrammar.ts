/**
 * The proposal grammar: agree, object (with its reason) or abstain.
 *
 * The text is cut into tokens once. A stance may open a line or a clause
 * ("Thanks for this, +1"): at each such place, lead words ("I", "fully",
 * "my vote") are skipped and the longest phrase of the vocabulary is looked
 * up. Short words ("yes", "no", "0") count only before the end of their
 * clause or a word such as "because", so "No one told me" is not an
 * objection. Across the reply: a correction ("actually", "on second
 * thought") makes the later stance count; two different stances without one
 * are a contradiction, not a vote. "I'd agree if …" agrees to something else
 * than the proposal: an objection whose reason is the condition.
 */
import { DOUBT_PREFIXES, DOUBT_WORDS, LONGEST_PROPOSAL_PHRASE, PROPOSAL_PREFIXES, PROPOSAL_WORDS } from '../vocabulary/index.ts';
import { isGreetingLine } from './greeting.ts';
import { fold, joinComment, LEADING_JUNK } from './text.ts';
import { BUT_WORDS, ELIDED, IN_PRINCIPLE, STRICT_CONDITIONS } from '../vocabulary/wordClasses.ts';
import type { ProposalReading, ProposalStanceValue } from './types.ts';
import { phrase } from '../../shared/rules/phrase.ts';

type Stance = Exclude<ProposalStanceValue, 'unreadable'>;

interface Tok {
  text: string;
  start: number;
  end: number;
  kind: 'word' | 'clause' | 'line' | 'other';
}

// Each alternative consumes at least one character and none can match the
// empty string, so one sticky pass is linear in the text.
const TOKEN = /(\n)|([+\-±]?\d+(?![\p{L}\p{N}]))|([\p{L}\p{N}][\p{L}\p{N}'’]*(?:-[\p{L}\p{N}]+)*)|([.,;:!?…]+|[-–—]+)|(\p{Extended_Pictographic})|([\s\S])/uy;

export function proposalTokens(folded: string): Tok[] {
  const toks: Tok[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < folded.length && (m = TOKEN.exec(folded))) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1]) toks.push({ text: '\n', start, end, kind: 'line' });
    else if (m[3] && ELIDED.test(m[0]) && !PROPOSAL_PREFIXES.has(m[0])) {
      // "l'obiezione" is "obiezione"; "d'accordo" stays a word of the vocabulary.
      const cut = m[0].replace(ELIDED, '').length;
      toks.push({ text: m[0].slice(m[0].length - cut), start: end - cut, end, kind: 'word' });
    } else if (m[2] || m[3] || m[5]) toks.push({ text: m[0], start, end, kind: 'word' });
    else if (m[4]) toks.push({ text: m[0], start, end, kind: 'clause' });
    // anything else (spaces, quotes, brackets, variation selectors) separates words
  }
  return toks;
}

const STANCE_OF: Record<string, Stance> = {
  agree: 'agree', agreeShort: 'agree', object: 'object', objectShort: 'object', abstain: 'abstain', abstainShort: 'abstain',
};

// What may follow a short word for it to count as a stance.
const AFTER_SHORT = new Set([
  'because', 'but', 'as', 'since', 'from', 'please', 'thanks', 'thank', 'i', 'we', 'to', 'for', 'it', 'this', 'that',
  'of', 'definitely', 'absolutely', 'sir', 'with', 'nice', 'great', 'good', 'weil', 'denn', 'aber', 'parce', 'car',
  'mais', 'porque', 'pero', 'perche', 'ma', 'omdat', 'want', 'maar', 'bo', 'ale', 'eftersom', 'men', 'por', 'merci',
  'danke', 'gracias', 'grazie', 'obrigado', 'obrigada', 'bedankt', 'toch',
]);
// Words that only point at the proposal are part of the stance ("I support this proposal").
const TRAIL = ['this proposal', 'the proposal', 'this one', 'with it', 'with this', 'to me', 'from me', 'by me', 'it', 'this', 'that', 'here'];
const MAX_LEAD = 6;
const CLAUSE_WORDS = new Set(['but', 'so', 'though', 'although', 'however', 'therefore', 'hence', 'aber', 'mais', 'pero', 'ma', 'maar', 'men', 'ale', 'donc', 'pues', 'quindi', 'dus']);

function phraseAt(toks: Tok[], i: number, table: ReadonlyMap<string, string>, longest: number): { role: string; next: number } | null {
  const prefixes = table === DOUBT_WORDS ? DOUBT_PREFIXES : PROPOSAL_PREFIXES;
  let key = '';
  let best: { role: string; next: number } | null = null;
  let k = i;
  for (let n = 0; n < longest && k < toks.length; n++, k++) {
    // "not against it, but not for it either": a comma before "but" does not end a phrase that goes on.
    if (n > 0 && toks[k]!.kind === 'clause' && toks[k]!.text === ',' && BUT_WORDS.has(toks[k + 1]?.text ?? '')) k++;
    if (toks[k]?.kind !== 'word') break;
    key = n === 0 ? toks[k]!.text : `${key} ${toks[k]!.text}`;
    if (!prefixes.has(key)) break;
    const role = table.get(key);
    if (role) best = { role, next: k + 1 };
  }
  return best;
}

/**
 * An objection word in the rest of an agreement's clause ("I agree with
 * Maria's objection"): the agreement may be to the objection.
 */
function objectionInClause(toks: Tok[], from: number): boolean {
  let i = toks.findIndex((t) => t.start >= from);
  while (i >= 0 && i < toks.length && toks[i]!.kind === 'word' && !CLAUSE_WORDS.has(toks[i]!.text)) {
    const phrase = phraseAt(toks, i, PROPOSAL_WORDS, LONGEST_PROPOSAL_PHRASE);
    if (phrase?.role === 'object') return true;
    i = phrase ? phrase.next : i + 1;
  }
  return false;
}

interface Hit {
  stance: Stance;
  clauseStart: number; // offset in the text
  end: number;         // offset after the stance words
  corrected: boolean;  // a correction came before it
  conditional: boolean;
  /** "Sí, siempre que …": a condition after the comma may limit the agreement, or be an aside ("if you ask me"). */
  doubtful?: boolean;
}

// "I agree, but only if …": a condition that limits the agreement even after a "but".
function strictConditionAfterBut(toks: Tok[], at: number): boolean {
  let k = at;
  // "Agreed in principle, but not now": whatever follows the "but" limits the agreement.
  const principle = IN_PRINCIPLE.find((p) => p.split(' ').every((w, n) => toks[k + n]?.kind === 'word' && toks[k + n]!.text === w));
  if (principle) k += principle.split(' ').length;
  while (toks[k]?.kind === 'clause') k++;
  if (!BUT_WORDS.has(toks[k]?.text ?? '')) return false;
  if (principle) return true;
  k++;
  for (let n = 3; n >= 2; n--) {
    const words = toks.slice(k, k + n);
    if (words.length === n && words.every((t) => t.kind === 'word') && STRICT_CONDITIONS.has(words.map((t) => t.text).join(' '))) return true;
  }
  return STRICT_CONDITIONS.has(toks[k]?.text ?? '');
}

/**
 * "Sim, se for só por um ano", "Einverstanden, sofern …": a condition opening the clause after the
 * agreement limits it too, when two words of its own follow ("Sí, si, de acuerdo" is no condition).
 */
function conditionAfterComma(toks: Tok[], at: number): boolean {
  if (toks[at]?.kind !== 'clause' || toks[at]!.text !== ',') return false;
  const cond = phraseAt(toks, at + 1, DOUBT_WORDS, LONGEST_PROPOSAL_PHRASE);
  const said = cond ? toks.slice(cond.next, cond.next + 2) : [];
  return cond?.role === 'condition' && toks[at + 1]!.text !== 'as' && said.length === 2 && said.every((t) => t.kind === 'word');
}

function hitAt(toks: Tok[], i: number): (Omit<Hit, 'clauseStart' | 'corrected'> & { correcting: boolean }) | null {
  let j = i;
  let correcting = false;
  for (let lead = 0; lead < MAX_LEAD && j < toks.length; lead++) {
    const stance = phraseAt(toks, j, PROPOSAL_WORDS, LONGEST_PROPOSAL_PHRASE);
    if (stance && stance.role !== 'lead') {
      const short = stance.role.endsWith('Short');
      let next = stance.next;
      const after = toks[next];
      if (short && after && after.kind === 'word' && !AFTER_SHORT.has(after.text)) return null;
      if (!short) {
        for (const t of TRAIL) {
          const words = t.split(' ');
          if (words.every((w, k) => toks[next + k]?.kind === 'word' && toks[next + k]!.text === w)) {
            next += words.length;
            break;
          }
        }
      }
      const cond = phraseAt(toks, next, DOUBT_WORDS, LONGEST_PROPOSAL_PHRASE);
      const conditional = STANCE_OF[stance.role] === 'agree'
        && ((cond?.role === 'condition' && toks[next]!.text !== 'as') || strictConditionAfterBut(toks, next));
      const doubtful = STANCE_OF[stance.role] === 'agree' && !conditional && conditionAfterComma(toks, next);
      return { stance: STANCE_OF[stance.role]!, end: toks[next - 1]!.end, conditional, doubtful, correcting };
    }
    const leadWord = phraseAt(toks, j, PROPOSAL_WORDS, LONGEST_PROPOSAL_PHRASE);
    const correction = phraseAt(toks, j, DOUBT_WORDS, LONGEST_PROPOSAL_PHRASE);
    if (correction?.role === 'correction') correcting = true;
    if (leadWord?.role === 'lead') j = leadWord.next;
    else if (correction?.role === 'correction') j = correction.next;
    else return null;
    while (j < toks.length && toks[j]!.kind === 'clause') j++;
  }
  return null;
}

// "I agree with Maria", "+1 to Tom", "d'accordo con Marco": agreement with a person, not the proposal.
const WITH_WORDS: ReadonlySet<string> = new Set(['with', 'to', 'con', 'met', 'mit', 'avec', 'com', 'z', 'ze', 'med', 'a']);

function agreesWithSomeone(toks: Tok[], source: string, from: number): boolean {
  const i = toks.findIndex((t) => t.start >= from);
  const [w, name] = [toks[i], toks[i + 1]];
  if (!w || !name || w.kind !== 'word' || name.kind !== 'word' || !WITH_WORDS.has(w.text)) return false;
  // A capitalised word that is no word of the vocabulary ("with I" or "with This proposal" are not names).
  return /^\p{Lu}\p{Ll}/u.test(source.slice(name.start, name.end)) && !PROPOSAL_PREFIXES.has(name.text) && !DOUBT_PREFIXES.has(name.text)
    && !['the', 'this', 'that', 'it', 'all', 'everything', 'everyone', 'il', 'la', 'le', 'de', 'het', 'die', 'der', 'das', 'o', 'a'].includes(name.text);
}

/** Reads the member's own text of a proposal reply. */
export function readProposalText(text: string): ProposalReading {
  const source = text.normalize('NFC').replace(/\r\n?/g, '\n');
  const folded = fold(source);
  const toks = proposalTokens(folded);
  const conditioned = afterLeadingCondition(toks);
  const hits: Hit[] = [];
  let corrected = false;
  let atStart = true;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== 'word') {
      atStart = true;
      continue;
    }
    // "…, but I object to the timing", "… so I abstain": a new clause.
    if (CLAUSE_WORDS.has(t.text)) {
      atStart = true;
      continue;
    }
    const correction = phraseAt(toks, i, DOUBT_WORDS, LONGEST_PROPOSAL_PHRASE);
    if (correction?.role === 'correction' && hits.length > 0) corrected = true;
    if (!atStart) continue;
    atStart = false;
    const hit = hitAt(toks, i);
    // What follows an objection is its reason ("… too steep, but I agree we need income"), unless corrected.
    if (hit && hits[0]?.stance === 'object' && !hit.correcting) continue;
    if (hit) {
      const { correcting, ...found } = hit;
      if (found.stance === 'agree' && conditioned[i]) found.conditional = true;
      if (correcting && hits.length > 0) corrected = true;
      hits.push({ ...found, clauseStart: t.start, corrected });
      // The rest of a stance's sentence is its reason, not another stance.
      while (i + 1 < toks.length && toks[i + 1]!.start < hit.end) i++;
    }
  }
  if (hits.length === 0) return { stance: 'unreadable', comment: source.trim() };

  let chosen = hits[0]!;
  const lastCorrected = [...hits].reverse().find((h) => h.corrected);
  if (lastCorrected) chosen = lastCorrected;
  else if (hits.some((h) => h.stance !== chosen.stance)) {
    return { stance: 'unreadable', comment: source.trim(), doubt: phrase('doubt.severalStances.proposal') };
  }

  if (chosen.doubtful) {
    return { stance: 'unreadable', comment: source.trim(), doubt: phrase('doubt.conditionalAgreement.proposal') };
  }
  if (chosen.stance === 'agree' && agreesWithSomeone(toks, source, chosen.end)) {
    return { stance: 'unreadable', comment: source.trim(), doubt: phrase('doubt.agreesWithMember.proposal') };
  }
  if (chosen.stance === 'agree' && objectionInClause(toks, chosen.end)) {
    return { stance: 'unreadable', comment: source.trim(), doubt: phrase('doubt.agreesWithObjection.proposal') };
  }

  const after = source.slice(chosen.end).replace(/^[\u{1F3FB}-\u{1F3FF}\uFE0F]+/u, '').replace(LEADING_JUNK, '').trim();
  const prefix = withoutGreeting(source.slice(0, chosen.clauseStart)).trim().replace(/[\s,;:]+$/, '');
  if (chosen.conditional) {
    return { stance: 'object', reason: after, comment: joinComment(prefix, after) };
  }
  const reading: ProposalReading = { stance: chosen.stance, comment: joinComment(prefix, after) };
  if (chosen.stance === 'object' && after) reading.reason = after;
  return reading;
}

const isSentenceEnd = (t: Tok) => t.kind === 'line' || (t.kind === 'clause' && /[.!?…;]/.test(t.text));

/**
 * Tokens after the comma that ends a sentence-opening condition ("If you drop
 * the website item, I agree"): an agreement there is to something else than
 * the proposal. A condition word alone before the comma is not a condition.
 */
function afterLeadingCondition(toks: Tok[]): boolean[] {
  const out = new Array<boolean>(toks.length).fill(false);
  for (let i = 0; i < toks.length; i++) {
    if (i > 0 && !isSentenceEnd(toks[i - 1]!)) continue;
    const cond = phraseAt(toks, i, DOUBT_WORDS, LONGEST_PROPOSAL_PHRASE);
    if (cond?.role !== 'condition' || toks[i]!.text === 'as') continue;
    let k = cond.next;
    let words = 0;
    while (k < toks.length && toks[k]!.kind === 'word') { k++; words++; }
    if (words < 2 || toks[k]?.text !== ',') continue;
    for (k++; k < toks.length && !isSentenceEnd(toks[k]!); k++) out[k] = true;
  }
  return out;
}

function withoutGreeting(prefix: string): string {
  const lines = prefix.split('\n');
  let k = 0;
  while (k < lines.length && (lines[k]!.trim() === '' || isGreetingLine(lines[k]!))) k++;
  return lines.slice(k).join('\n');
}
