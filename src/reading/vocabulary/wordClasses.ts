/**
 * Small classes of words the grammars ask about by context, every
 * language together (folded, as the reader folds a reply).
 */

// "too expensive", "trop loin", "zu weit", "te duur": before a word of prose they qualify it, they accept nothing.
export const INTENSIFIERS: ReadonlySet<string> = new Set(['too', 'also', 'trop', 'zu', 'demasiado', 'troppo', 'te', 'za']);

// Amounts an intensifier qualifies ("10% is too much"): a remark, like "too expensive", not "also".
export const AMOUNTS: ReadonlySet<string> = new Set(['much', 'many', 'little', 'few', 'veel', 'weinig', 'viel', 'wenig', 'molto', 'mucho', 'muito', 'beaucoup', 'duzo', 'mycket']);

// "…, so C": words that make what follows the consequence, and so the answer.
export const CONSEQUENCES: ReadonlySet<string> = new Set([
  'so', 'therefore', 'hence', 'thus', 'donc', 'also', 'deshalb', 'daher', 'dus', 'daarom', 'quindi', 'percio', 'entonces', 'asi que',
  'por eso', 'por isso', 'entao', 'wiec', 'dlatego', 'sa', 'darfor',
]);

// "nor" in Dutch and German, a word that means "still" outside the pair.
export const NOR_WORDS: ReadonlySet<string> = new Set(['noch']);

// A number written as a percentage ("5%", "10 percent", "10 procent"), every language together.
export const PERCENT_WORDS: readonly string[] = [
  'percent', 'per cent', 'pct', 'pour cent', 'prozent', 'por ciento', 'por cento', 'per cento', 'procent', 'procentu', 'procenten',
];
// Words joining two numbers named as options ("5 or 10 percent"); not "to", which makes a range.
export const NUMBER_JOINS: readonly string[] = ['or', 'and', 'ou', 'et', 'oder', 'und', 'o', 'y', 'e', 'of', 'en', 'lub', 'i', 'eller', 'och'];

// Italian, Portuguese, Spanish "and"/"or" written as one letter.
export const ONE_LETTER_CONJUNCTIONS: ReadonlySet<string> = new Set(['e', 'o', 'y', 'u']);

// Elided articles and prepositions before a name: "l'automne", "dell'Aquila".
export const ELIDED = /^(?:l|d|qu|dell|all|nell|sull|dall)'/;

// Verbs that make a preference word a remark about an option ("is nice", "sounds great").
export const PRAISE_VERBS: ReadonlySet<string> = new Set([
  'is', 'sounds', 'looks', 'seems', 'would', 'be', 'was', "it's", 'est', 'ist', 'es', 'e', 'ar', 'jest', 'klingt', 'suena', 'parece', 'sembra',
]);

// Conditions that limit an agreement even after a "but" ("I agree, but only if …").
export const STRICT_CONDITIONS: ReadonlySet<string> = new Set([
  'only if', 'provided', 'provided that', 'on condition', 'solo si', 'solamente si', 'a condicion de que', 'seulement si',
  'a condition que', 'nur wenn', 'nur falls', 'alleen als', 'solo se', 'somente se', 'so se', 'tylko jesli', 'bara om',
  'pod warunkiem', 'sofern', 'desde que', 'siempre que', 'con tal de que', 'forutsatt att', 'purche', 'mits', 'pourvu que',
]);
// "but" before such a condition.
export const BUT_WORDS: ReadonlySet<string> = new Set(['but', 'mais', 'aber', 'pero', 'mas', 'ma', 'maar', 'ale', 'men']);
// "in principle" after an agreement: with a "but" after it, the agreement is limited.
export const IN_PRINCIPLE: readonly string[] = [
  'in principle', 'en principe', 'im prinzip', 'grundsatzlich', 'en principio', 'em principio', 'in linea di principio', 'in principio',
  'in principe', 'w zasadzie', 'i princip',
];

// Words that make a clause a question about an option, not a choice of it ("I wonder whether A
// sounds too vague, but I'll go with C"): the clause gives no stance.
export const WONDER_WORDS: ReadonlySet<string> = new Set([
  'whether', 'wonder', 'wondering', 'ob', 'czy', 'huruvida', 'chissa', 'pregunto', 'demande', 'pergunto', 'chiedo', 'afvraag', 'undrar',
  'zastanawiam', 'frage',
]);

// "Not A but rather B": words that turn from one option to another, every language together.
export const CONTRAST_WORDS: ReadonlySet<string> = new Set([...BUT_WORDS, 'sondern', 'sino', 'senao', 'tylko', 'lecz', 'utan', 'wel', 'anzi', 'bensi', 'plutot']);

// Words that make an ordinal name an option by its place ("la segunda", "die zweite", "the second one",
// "det första alternativet", "druga opcja"), with the option words of every language (OPTION_WORDS).
// An ordinal alone ("Second.", "First, thanks") is not enough.
export const ORDINAL_COMPANIONS: ReadonlySet<string> = new Set([
  'the', 'one', 'la', 'el', 'le', 'il', 'die', 'der', 'das', 'den', 'het', 'det', 'o', 'uno',
  'alternativet', 'optionen', 'opcji', 'opcje', 'opcion', 'opcao', 'opzione', 'option', 'variante',
]);
