// Reply prefixes in the languages members write in (Outlook localizes them):
// Re, Aw (de), Sv (sv/da/no), Vs (fi), Antw (nl), Odp (pl), R/Rif (it),
// Ynt (tr), Vá (hu), Atb (lv), Απ (el), Отв/Ответ (ru), 回复/答复 (zh).
const REPLY_WORDS = 're|aw|sv|vs|antw|odp|rif|r|ynt|vá|atb|απ|отв|ответ|回复|答复';
// Forward prefixes: Fw/Fwd, Wg (de), Tr (fr).
const FORWARD_WORDS = 'fwd?|wg|tr';
// Counters ("Re[2]:", "Re(2):") and French spacing ("RE :") included; the
// counter takes its own trailing spaces (two optional runs side by side backtrack quadratically).
const COUNTER_AND_COLON = '\\s*(?:(?:\\[\\d+\\]|\\(\\d+\\))\\s*)?[:：]';

/** One reply prefix and the spaces after it ("Re: ", "AW[2]: "). */
export const REPLY_PREFIX = new RegExp(`^(?:${REPLY_WORDS})${COUNTER_AND_COLON}\\s*`, 'iu');

/** One reply or forward prefix, ending on its colon: each repeat starts on a letter, so runs of them stay linear. */
export const REPLY_OR_FORWARD_PREFIX = `(?:${REPLY_WORDS}|${FORWARD_WORDS})${COUNTER_AND_COLON}`;

const LEADING_PREFIXES = new RegExp(`^(?:${REPLY_OR_FORWARD_PREFIX}\\s*)+`, 'iu');

/** The subject without its leading reply and forward prefixes ("Re: Fwd: budget" → "budget"). */
export function withoutReplyPrefixes(subject: string): string {
  return subject.replace(LEADING_PREFIXES, '');
}
