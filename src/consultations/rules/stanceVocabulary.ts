/**
 * Words and phrases the stance reader understands, by role. Lower case,
 * accents removed (the reader folds input the same way before looking up).
 * Kept apart from the reader so that adding a language is a data change.
 *
 * Why roles rather than a grammar: replies are short, informal, often not
 * English; what matters is which letters are wanted, accepted or refused, and
 * where the member stopped stating a stance and started commenting.
 */

export type WordRole =
  | 'any'         // no preference at all: "any", "whatever", "no preference"
  | 'anyWeak'     // "all", "everything": means "any" only with "fine"/"except" nearby
  | 'either'      // "either A or B" accepts; "either is fine" is "any"
  | 'none'        // every option refused
  | 'neither'     // "neither A nor B" refuses; alone it is "none"
  | 'except'      // "anything except C": refuses what follows
  | 'but'         // "except" after "any"/"all", otherwise a clause break
  | 'neg'         // refuses the letters after it (or before it when nothing follows)
  | 'accept'      // "fine", "ok": letters in its clause are acceptable
  | 'acceptPrefix'// "happy with", "can live with": acceptable, placed before the letters
  | 'pref'        // preference words; harmless, may end a stance ("B please")
  | 'conj'        // joins letters into one group: "A and B", "A or B"
  | 'rank'        // orders letters: "B then A", "B over A"
  | 'filler'      // neutral words that may surround a stance
  | 'intro';      // starts a comment: "because", "since"

const table: Array<[WordRole, string[]]> = [
  ['any', [
    'any', 'anything', 'anyone', 'whichever', 'whatever', 'any of them', 'any of these', 'any of those',
    'any of the three', 'any of the options', 'any option', 'any one',
    'no preference', 'no preferences', 'no strong preference', 'no real preference', 'no particular preference',
    'no strong preferences', 'no strong opinion', 'no opinion', "don't mind", 'do not mind', 'dont mind', "don't care",
    'do not care', 'dont care', "doesn't matter", 'does not matter', 'doesnt matter', 'indifferent', 'all of them',
    'all of these', 'happy either way', 'either way',
    // French
    'peu importe', "n'importe", "n'importe lequel", "n'importe laquelle", 'pas de preference', 'sans preference',
    'tout me va', 'indifferent', 'aucune preference',
    // German
    'egal', 'mir egal', 'ist mir egal', 'keine praferenz', 'keine vorliebe', 'alle gleich',
    // Spanish / Italian
    'me da igual', 'da igual', 'cualquiera', 'sin preferencia', 'indiferente', 'qualsiasi', 'nessuna preferenza',
  ]],
  ['anyWeak', ['all', 'everything', 'each', 'all three', 'all options', 'all the options', 'every option', 'tout',
    'tous', 'toutes', 'alles', 'alle', 'todo', 'todos', 'todas', 'tutto', 'tutti', 'both']],
  ['either', ['either']],
  ['none', ['none', 'none of them', 'none of these', 'aucun', 'aucune', 'keine davon', 'keins', 'ninguno', 'ninguna',
    'nessuno', 'nessuna']],
  ['neither', ['neither']],
  ['except', ['except', 'except for', 'excepting', 'excluding', 'apart from', 'other than', 'besides', 'save for',
    'sauf', 'ausser', 'außer', 'excepto', 'salvo', 'menos', 'tranne', 'eccetto']],
  ['but', ['but', 'mais', 'aber', 'pero']],
  ['neg', [
    'not', 'no', 'never', 'nope', 'nah', 'against', 'reject', 'rejected', 'rejecting', 'veto', 'dislike', 'hate',
    "don't like", 'do not like', 'dont like', "don't want", 'do not want', 'dont want', "can't accept", 'cannot accept',
    'can not accept', "won't accept", "can't support", 'cannot support', "can't live with", 'cannot live with',
    'could not live with', "couldn't live with", 'object to', 'oppose', 'opposed', 'opposed to', 'unacceptable',
    'inacceptable', 'inaceptable', 'inaccettabile', 'no way', 'bad', 'worst', 'no-go', 'no go', 'not ok', 'not okay',
    'not fine', 'not acceptable', 'not good', 'least favourite', 'least favorite', 'least preferred', 'out', '-1',
    'nicht', 'kein', 'keine', 'keinesfalls', 'nein', 'gegen', 'pas', 'non', 'contre', 'jamais', 'nunca', 'en contra',
    'no me gusta', 'ne pas',
  ]],
  ['accept', [
    'fine', 'ok', 'okay', 'o.k', 'acceptable', 'accepted', 'works', 'would do', 'will do', 'alright', 'all right',
    'also', 'too', 'as well', 'also fine', 'also ok', 'reasonable', 'decent', 'acceptable too', 'bien', 'ca va',
    'me va', "d'accord", 'passt', 'akzeptabel', 'in ordnung', 'auch', 'geht', 'vale', 'aceptable', 'tambien', 'aussi',
    'egalement', 'va bene', 'anche',
  ]],
  ['acceptPrefix', [
    'fine with', 'ok with', 'okay with', 'happy with', 'can live with', 'could live with', 'content with', 'accept',
    'i accept', "i'd accept", 'could accept', 'can accept', 'okay for', 'ok for', 'fine for', "d'accord avec",
    'einverstanden mit', 'de acuerdo con',
  ]],
  ['pref', [
    'prefer', 'prefers', 'preferred', 'preferably', 'preference', 'my preference', 'favour', 'favor', 'favourite',
    'favorite', 'best', 'vote', 'votes', 'voting', 'voted', 'choose', 'choice', 'pick', 'like', 'love', 'go with',
    'go for', 'going with', 'going for', 'good', 'great', 'perfect', 'excellent', 'please', 'pls', 'plz', 'definitely',
    'strongly', 'clearly', '+1', 'top', 'winner', 'my choice', 'my vote', 'first choice', 'first preference',
    'prefere', 'je prefere', 'choix', 'mon choix', 'voto', 'mi voto', 'bevorzuge', 'lieber', 'am liebsten', 'wahle',
    'ich wahle', 'prefiero', 'mejor', 'bitte', 'por favor', "s'il vous plait", 'stp', 'svp', 'preferisco',
  ]],
  ['conj', ['and', 'or', 'and/or', 'as well as', 'nor', 'und', 'oder', 'sowie', 'et', 'ou', 'ou bien', 'y', 'o', 'e']],
  ['rank', [
    'then', 'and then', 'followed by', 'over', 'before', 'rather than', 'more than', 'ahead of', 'next', 'instead of',
    'dann', 'danach', 'vor', 'eher als', 'statt', 'puis', 'ensuite', 'et puis', 'avant', 'plutot que', 'luego',
    'despues', 'seguido de', 'antes que', 'poi', 'seguito da',
  ]],
  ['intro', [
    'because', 'cause', "'cause", 'cos', 'coz', 'cuz', 'since', 'as', 'given', 'so', 'though', 'although', 'however',
    'which', 'who', 'whose', 'where', 'while', 'whereas', 'if', 'unless', 'even though', 'in case', 'as long as',
    'parce', 'parce que', 'car', 'puisque', 'weil', 'denn', 'obwohl', 'porque', 'pues', 'aunque', 'perche', 'poiche',
  ]],
  ['filler', [
    'i', "i'd", "i'll", "i'm", 'im', 'id', "i've", 'ive', 'me', 'my', 'mine', 'myself', 'we', "we'd", "we're", 'our',
    'us', 'you', 'the', 'a', 'an', 'is', 'are', 'am', 'be', 'been', 'being', 'was', 'it', "it's", 'its', 'this',
    'that', 'these', 'those', 'one', 'ones', 'option', 'options', 'alternative', 'opt', 'opt.', 'name', 'names',
    'answer', 'reply', 'response', 'for', 'to', 'with', 'of', 'from', 'on', 'in', 'at', 'by', 'go', 'going', 'would',
    'will', 'should', 'could', 'can', 'say', "i'd say", 'think', 'i think', 'guess', 'personally', 'really', 'very',
    'much', 'more', 'slightly', 'slight', 'bit', 'little', 'lean', 'leaning', 'towards', 'toward', 'here', 'number',
    'nr', 'yes', 'yeah', 'yep', 'sure', 'absolutely', 'certainly', 'thanks', 'thank', 'thank you', 'thx', 'cheers',
    'regards', 'hi', 'hello', 'hey', 'dear', 'everyone', 'folks', 'team', 'well', 'hmm', 'first', 'second', 'third',
    'fourth', 'fifth', 'last', 'order', 'ranking', 'ranked', 'rank', 'preferences', 'choices', 'in this order',
    'in order', 'my answer', 'probably', 'maybe', 'perhaps', 'just', 'only', 'still', 'now', 'overall', 'honestly',
    'opinion', 'in my opinion', 'imho', 'imo', 'ideally', 'letter', 'proposal', 'proposed', 'title', 'three', 'two',
    'four', 'five', 'all in all', 'also', 'happy', 'fine by me', 'for me', 'to me', 'from me', 'is fine by me',
    'definitely', 'option',
    // French, German, Spanish, Italian function words
    'je', "j'", 'moi', 'mon', 'ma', 'mes', 'la', 'le', 'les', "l'", 'pour', "c'est", 'est', 'vote pour', 'nous',
    'ich', 'bin', 'fur', 'die', 'der', 'das', 'ist', 'mich', 'mir', 'meine', 'mein', 'wir', 'stimme', 'stimme fur',
    'yo', 'mi', 'el', 'lo', 'es', 'por', 'para', 'con', 'opcion', 'variante', 'wahl', 'propuesta', 'proposition',
    'nom', 'nombre', 'io', 'il', 'per', 'sono', 'scelgo',
  ]],
];

/** phrase → role; longest phrases are tried first by the reader. */
export const VOCABULARY: ReadonlyMap<string, WordRole> = (() => {
  const m = new Map<string, WordRole>();
  for (const [role, words] of table) {
    for (const w of words) if (!m.has(w)) m.set(w, role);
  }
  return m;
})();

export const LONGEST_PHRASE = Math.max(...[...VOCABULARY.keys()].map((k) => k.split(' ').length));

/** Words that mean the leading "a"/"i" really is a letter ("A is fine", "a please"). */
export const LETTER_FOLLOWERS = new Set([
  'is', 'are', 'my', 'seems', 'sounds', 'looks', 'makes', 'has', 'gets', 'wins', 'works', 'would', 'should', 'will',
  'please', 'pls', 'plz', 'first', 'second', 'third', 'last', 'best', 'preferred', 'definitely', 'too', 'also',
  'fine', 'ok', 'okay', 'acceptable', 'for', 'and', 'or', 'then', 'over', 'before', 'but', 'not', 'nor', 'as',
  'because', 'since', 'thanks', 'thank', 'bitte', 'svp', 'stp', 'por', 'por favor', 'et', 'ou', 'und', 'oder',
]);

/** Words after "A good"/"A great" that still make A a letter ("A good for me"). */
export const AFTER_ADJECTIVE = new Set(['for', 'to', 'with', 'too', 'enough', 'also', 'as', 'and', 'or', 'but']);

/** Greeting lines are dropped, not kept as a comment. */
export const GREETING = /^(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening)|bonjour|bonsoir|salut|coucou|hallo|liebe[rs]?|moin|servus|hola|buenos d[ií]as|buenas|querid[oa]s?|estimad[oa]s?|ciao|salve|cari|care|cher|ch[eè]re?s?)\b[^.!?\n]{0,60}$/i;
