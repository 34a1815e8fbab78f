/**
 * Context that tells option "A" from the article "a" (and "I" from the
 * pronoun), for the languages whose article or pronoun is a single letter.
 */

/** Words that mean the leading "a"/"i" really is a letter ("A is fine", "a please"). */
export const LETTER_FOLLOWERS: ReadonlySet<string> = new Set([
  'is', 'are', 'my', 'seems', 'sounds', 'looks', 'makes', 'has', 'gets', 'wins', 'works', 'would', 'should', 'will',
  'please', 'pls', 'plz', 'first', 'second', 'third', 'last', 'best', 'preferred', 'definitely', 'too', 'also',
  'fine', 'ok', 'okay', 'acceptable', 'for', 'and', 'or', 'then', 'over', 'before', 'but', 'not', 'nor', 'as',
  'because', 'since', 'thanks', 'thank', 'bitte', 'svp', 'stp', 'por', 'por favor', 'et', 'ou', 'und', 'oder',
  'all', 'the', 'all the', 'definitely', 'obviously', 'clearly', 'of', 'by', 'if', 'it', 'graag', 'per',
]);

/** Words after "A good"/"A great" that still make A a letter ("A good for me"). */
export const AFTER_ADJECTIVE: ReadonlySet<string> = new Set(['for', 'to', 'with', 'too', 'enough', 'also', 'as', 'and', 'or', 'but']);

/** Words before "a" that make it the article: "is a no", "such a …", "prefiro a opção". */
export const BEFORE_ARTICLE: ReadonlySet<string> = new Set([
  'is', 'was', 'be', "it's", 'such', 'quite', 'rather', 'what', 'prefiro', 'escolho', 'voto', 'para', 'com',
  'de', 'em', 'give', 'gives', 'had', 'have', 'has', 'get', 'got', 'make', 'made', 'take', 'took',
]);
