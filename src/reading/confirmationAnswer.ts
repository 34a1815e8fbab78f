// How an answer to a confirmation reads. Only an explicit yes confirms: a
// protest ("This was not me!"), a question or anything unclear must never
// carry out what someone else may have asked for in the member's name.

/** confirm: an explicit yes; cancel: an explicit no; unclear: anything else (changes nothing). */
export type Decision = 'confirm' | 'cancel' | 'unclear';

// Phrases that begin an explicit yes, in the languages of the reply reader
// (en, es, pt, fr, de, it, nl, pl, sv). Matched against whole words.
const YES = [
  'yes', 'y', 'yep', 'yeah', 'ok', 'okay', 'okey', 'oké', 'oke', 'confirm', 'confirmed', 'i confirm', 'approve', 'approved',
  'accept', 'go', 'go ahead', 'send', 'send it', 'agreed', 'sure', 'fine', 'correct', 'right', 'that was me', 'it was me',
  'sí', 'si', 'confirmo', 'confirmar', 'confirmado', 'vale', 'de acuerdo', 'claro', 'adelante', 'aprobar', 'aprobado', 'acepto',
  'sim', 'confirmada', 'está bem', 'esta bem', 'certo', 'aprovar', 'aprovado', 'aceito',
  'oui', 'je confirme', 'confirmer', 'confirmé', 'confirme', "d'accord", 'daccord', 'approuver', 'approuvé', 'accepter', "j'accepte",
  'ja', 'bestätigen', 'bestätige', 'bestätigt', 'ich bestätige', 'einverstanden', 'jawohl', 'genehmigt', 'genehmigen', 'passt',
  'sì', 'confermo', 'confermare', 'confermato', 'va bene', 'certo', 'approvo', 'approvato', 'accetto',
  'bevestig', 'bevestigen', 'bevestigd', 'ik bevestig', 'akkoord', 'goed', 'prima', 'goedgekeurd',
  'tak', 'potwierdzam', 'potwierdź', 'potwierdz', 'zgoda', 'zatwierdzam', 'akceptuję', 'dobrze',
  'bekräfta', 'bekräftar', 'bekräftat', 'jag bekräftar', 'okej', 'godkänn', 'godkänner', 'godkänt', 'visst',
];

// Words of refusal, negation or doubt: any of them makes a yes unclear, and
// at the start of the answer they are an explicit no.
const NO = [
  'no', 'nope', 'nah', 'not', "don't", 'dont', "didn't", 'didnt', "wasn't", 'wasnt', 'never', 'cancel', 'reject', 'discard',
  'abort', 'stop', 'refuse', 'deny', 'wrong', 'fake', 'fraud', 'spam', 'scam',
  'nunca', 'cancelar', 'rechazar', 'rechazo', 'anular', 'nada',
  'não', 'nao', 'jamais', 'rejeitar', 'recuso',
  'non', 'pas', 'annuler', 'refuser', 'rejeter', 'refuse',
  'nein', 'nicht', 'kein', 'keine', 'nie', 'niemals', 'abbrechen', 'ablehnen', 'stornieren',
  'mai', 'annulla', 'annullare', 'rifiuta', 'rifiutare', 'rifiuto',
  'nee', 'niet', 'geen', 'nooit', 'annuleer', 'annuleren', 'weiger', 'afwijzen',
  'nie', 'anuluj', 'odrzuć', 'odrzuc', 'odrzucam', 'nigdy',
  'nej', 'inte', 'aldrig', 'avbryt', 'avvisa', 'avslå',
];

// Courtesies that may surround a yes without changing it.
const COURTESY = new Set([
  'please', 'thanks', 'thank', 'you', 'thx', 'por', 'favor', 'gracias', 'obrigado', 'obrigada', 'merci', 'bitte', 'danke',
  'grazie', 'dank', 'je', 'wel', 'dziękuję', 'dziekuje', 'proszę', 'prosze', 'tack',
]);

const NO_WORDS = new Set(NO);
const YES_PHRASES = [...new Set(YES)].map((p) => p.split(' ')).sort((a, b) => b.length - a.length);

function words(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/**
 * Reads the member's own words of an answer (quotes and signature already
 * removed). An empty answer is a yes: replying to the mail is the documented
 * way to confirm. A yes followed by a few words ("yes, send it", "ok\nAna")
 * is still a yes unless they negate, refuse or ask something.
 */
export function readDecision(newText: string): Decision {
  const text = newText.trim();
  const all = words(text);
  if (all.length === 0) return /[?¿]/.test(text) ? 'unclear' : 'confirm';
  if (NO_WORDS.has(all[0]!) && !/[?¿]/.test(text)) return 'cancel';
  if (/[?¿]/.test(text) || all.some((w) => NO_WORDS.has(w))) return 'unclear';
  const rest = all.filter((w) => !COURTESY.has(w));
  if (rest.length === 0) return 'unclear';
  const yes = YES_PHRASES.find((p) => p.every((w, i) => rest[i] === w));
  return yes ? 'confirm' : 'unclear';
}
