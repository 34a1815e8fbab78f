import type { Vocabulary } from './types.ts';

export const it: Vocabulary = {
  language: 'it',
  choice: {
    between: ['tra', 'fra'],
    any: ['non ho preferenze', 'non ho preferenza', 'nessuna preferenza particolare', 'qualsiasi', 'nessuna preferenza', 'indifferente', 'per me e uguale', 'fa lo stesso', 'qualunque',
      'qualsiasi opzione', 'vanno tutte bene', 'tutte vanno bene', 'mi va bene tutto'],
    anyWeak: ['tutto', 'tutti', 'tutte'],
    none: ['nessuno', 'nessuna'],
    except: ['purche non sia', 'basta che non sia', 'tranne', 'eccetto', 'salvo', 'fuorche'],
    but: ['bensi', 'ma', 'pero'],
    neg: ['rifiuto', 'respingo', 'scarto', 'fuori discussione', 'e fuori discussione', 'non potrei mai sostenere', 'non potrei mai appoggiare', 'non posso', 'impossibile', 'non', 'mai', 'contro', 'inaccettabile', 'assolutamente no', 'escluso', 'esclusa', 'per niente'],
    accept: ['non male', 'non e male', 'neanche male', 'non e niente male', 'va bene', 'anche', 'vanno bene', 'accettabile', 'mi sta bene', 'ok anche', 'mi va bene'],
    acceptPrefix: ["d'accordo con"],
    pref: ['ha il mio voto', 'prende il mio voto', 'se devo scegliere', 'se dovessi scegliere', 'preferisco', 'scelgo', 'voto per', 'il mio voto', 'per favore', 'certo', 'senza dubbio', 'preferenza',
      'la mia preferenza'],
    conj: ['e', 'o', 'oppure', 'ed'],
    rank: ['altrimenti', 'in alternativa', 'poi', 'seguito da', 'prima di', 'dopo'],
    intro: ['perche', 'poiche', 'anche se', 'se', 'dato che'],
    filler: ['sono', 'mi', 'entrambe', 'entrambi', 'per me', 'un', 'una', 'uno', "per ora", "per adesso", 'io', 'il', 'lo', 'la', 'per', 'sono', 'opzione', 'mi', 'me', 'mio', 'mia', 'grazie', 'saluti'],
  },
  proposal: {
    agree: ['approvato', 'approvata', 'ok per me', 'okay per me', 'nulla da obiettare', 'niente da obiettare', 'assolutamente si', 'certamente', 'va benissimo', 'va bene', 'mi va bene', 'per me va bene', 'va bene per me', 'non mi oppongo', 'nessun problema', "d'accordo", "sono d'accordo", 'favorevole', 'approvo', 'a favore', 'nessuna obiezione'],
    agreeShort: ['si', 'certo', 'perfetto', 'ok'],
    object: ['non potrei mai sostenere', 'non posso sostenere', 'respingo', "d'accordo con obiezione", "sono d'accordo con obiezione", 'mi oppongo', 'contrario', 'contraria', "non sono d'accordo", 'sono contrario', 'sono contraria', 'obiezione'],
    objectShort: ['no', 'contro'],
    abstain: ['astenuto', 'astenuta', 'scheda bianca', 'preferisco astenermi', 'astenermi', 'non mi esprimo', 'preferisco non esprimermi', 'mi astengo', 'astensione', 'nessuna opinione', 'ne a favore ne contro', 'ne favorevole ne contrario', 'ne favorevole ne contraria', 'non sono contrario ma nemmeno favorevole', 'non sono contraria ma nemmeno favorevole'],
    lead: ['voto', 'sono', 'io sono', 'io voto', 'io'],
  },
  doubt: {
    otherwise: ['altrimenti', 'se no', 'in caso contrario'],
    notBlocking: ['non blocco', 'non blocchero', 'non voglio bloccare', 'non lo blocco'],
    proxy: [
      // someone close answering through this reply: "my wife and I", "ma femme vote"
      'mia moglie ed io', 'mia moglie e io', 'mia moglie vota', 'mia moglie preferisce', 'mia moglie sceglie', 'mia moglie dice', 'mio marito ed io', 'mio marito e io', 'mio marito vota', 'mio marito preferisce', 'mio marito sceglie', 'mio marito dice', 'il mio compagno ed io', 'il mio compagno e io', 'il mio compagno vota', 'il mio compagno preferisce', 'il mio compagno sceglie', 'il mio compagno dice', 'la mia compagna ed io', 'la mia compagna e io', 'la mia compagna vota', 'la mia compagna preferisce', 'la mia compagna sceglie', 'la mia compagna dice',
      'vota', 'votano', 'preferisce', 'preferiscono', 'mi ha chiesto di', 'a nome di', 'per conto di'],
    correction: ['no aspetta', 'aspetta', 'volevo dire', 'intendevo', 'anzi', 'ripensandoci', 'in realta'],
    condition: ['se', 'purche', 'a condizione che'],
    undecided: ['non sono sicuro', 'non sono sicura', 'indeciso', 'indecisa', 'ci devo pensare', 'devo pensarci', 'non lo so'],
    away: ['fuori ufficio', 'risposta automatica', 'al mio rientro', 'sono assente', 'rispondero al mio rientro'],
    deferred: ['decidero piu tardi', 'voglio prima vedere'],
  },
  ordinals: [['prima', 'primo'], ['seconda', 'secondo'], ['terza', 'terzo'], ['quarta', 'quarto']],
  greetings: ['ciao', 'salve', 'buongiorno', 'cari', 'care', 'caro', 'cara', 'gentili'],
  closings: ['saluti', 'cordiali saluti', 'un saluto', 'grazie', 'a presto'],
  sequence: ['poi', 'e poi', 'seguito da', 'seguita da'],
  optionWords: ['opzione', 'alternativa', 'variante'],
};
