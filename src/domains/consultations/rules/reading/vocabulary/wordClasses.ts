/**
 * Small classes of words the choice grammar asks about by context, every
 * language together (folded, as the reader folds a reply).
 */

// "too expensive", "trop loin", "zu weit", "te duur": before a word of prose they qualify it, they accept nothing.
export const INTENSIFIERS: ReadonlySet<string> = new Set(['too', 'also', 'trop', 'zu', 'demasiado', 'troppo', 'te', 'za']);

// "nor" in Dutch and German, a word that means "still" outside the pair.
export const NOR_WORDS: ReadonlySet<string> = new Set(['noch']);

// Italian, Portuguese, Spanish "and"/"or" written as one letter.
export const ONE_LETTER_CONJUNCTIONS: ReadonlySet<string> = new Set(['e', 'o', 'y', 'u']);

// Elided articles and prepositions before a name: "l'automne", "dell'Aquila".
export const ELIDED = /^(?:l|d|qu|dell|all|nell|sull|dall)'/;

// Verbs that make a preference word a remark about an option ("is nice", "sounds great").
export const PRAISE_VERBS: ReadonlySet<string> = new Set([
  'is', 'sounds', 'looks', 'seems', 'would', 'be', 'was', "it's", 'est', 'ist', 'es', 'e', 'ar', 'jest', 'klingt', 'suena', 'parece', 'sembra',
]);
