/**
 * Words an option's text may be answered with in another language: each
 * group is one concept (a weekday, a month, "online", a city), folded (lower
 * case, no accents). A word of an option's text that is in a group also
 * names that option by any other word of the group ("Saturday" answered
 * "sábado", "samedi", "Samstag"; "Lisbon" answered "Lissabon").
 * Inflected forms a reply uses are listed as words ("sobotę" → "sobote").
 */
export const CONCEPTS: readonly (readonly string[])[] = [
  // weekdays: en, fr, de, es, pt, it, nl, pl, sv
  ['monday', 'mon', 'lundi', 'montag', 'lunes', 'segunda-feira', 'lunedi', 'maandag', 'poniedzialek', 'mandag', 'mandagen'],
  ['tuesday', 'tues', 'mardi', 'dienstag', 'martes', 'terca-feira', 'martedi', 'dinsdag', 'wtorek', 'tisdag', 'tisdagen'],
  ['wednesday', 'weds', 'mercredi', 'mittwoch', 'miercoles', 'quarta-feira', 'mercoledi', 'woensdag', 'sroda', 'srode', 'srody', 'onsdag', 'onsdagen'],
  ['thursday', 'thurs', 'jeudi', 'donnerstag', 'jueves', 'quinta-feira', 'giovedi', 'donderdag', 'czwartek', 'torsdag', 'torsdagen'],
  ['friday', 'vendredi', 'freitag', 'viernes', 'sexta-feira', 'venerdi', 'vrijdag', 'piatek', 'fredag', 'fredagen'],
  ['saturday', 'samedi', 'samstag', 'sonnabend', 'sabado', 'sabato', 'zaterdag', 'sobota', 'sobote', 'soboty', 'lordag', 'lordagen'],
  ['sunday', 'dimanche', 'sonntag', 'domingo', 'domenica', 'zondag', 'niedziela', 'niedziele', 'niedzieli', 'sondag', 'sondagen'],
  // parts of the day
  ['morning', 'mornings', 'matin', 'matinee', 'vormittag', 'morgens', 'manana', 'manha', 'mattina', 'mattino', 'ochtend', 'rano', 'morgon', 'morgonen', 'förmiddag', 'formiddag'],
  ['afternoon', 'afternoons', 'apres-midi', 'nachmittag', 'nachmittags', 'tarde', 'pomeriggio', 'middag', 'namiddag', 'popoludnie', 'eftermiddag', 'eftermiddagen'],
  ['evening', 'evenings', 'soir', 'soiree', 'abend', 'abends', 'noche', 'noite', 'serata', 'avond', 'wieczor', 'wieczorem', 'kvall', 'kvallen'],
  // seasons and months
  ['spring', 'printemps', 'fruhling', 'fruhjahr', 'primavera', 'voorjaar', 'lente', 'wiosna', 'wiosne', 'varen'],
  ['summer', 'sommer', 'verano', 'verao', 'zomer', 'sommar', 'sommaren'],
  ['autumn', 'automne', 'herbst', 'otono', 'outono', 'autunno', 'herfst', 'najesien', 'jesien', 'hosten'],
  ['winter', 'hiver', 'invierno', 'inverno', 'zima', 'zime', 'vinter', 'vintern'],
  ['january', 'janvier', 'januar', 'enero', 'janeiro', 'gennaio', 'januari', 'styczen', 'stycznia'],
  ['february', 'fevrier', 'februar', 'febrero', 'fevereiro', 'febbraio', 'februari', 'luty', 'lutego'],
  ['march', 'mars', 'marz', 'marzo', 'maart', 'marzec', 'marca'],
  ['april', 'avril', 'abril', 'aprile', 'kwiecien', 'kwietnia'],
  ['june', 'juin', 'juni', 'junio', 'junho', 'giugno', 'czerwiec', 'czerwca'],
  ['july', 'juillet', 'juli', 'julio', 'julho', 'luglio', 'lipiec', 'lipca'],
  ['august', 'aout', 'agosto', 'augustus', 'sierpien', 'sierpnia', 'augusti'],
  ['september', 'septembre', 'septiembre', 'setembro', 'settembre', 'wrzesien', 'wrzesnia'],
  ['october', 'octobre', 'oktober', 'octubre', 'outubro', 'ottobre', 'pazdziernik', 'pazdziernika'],
  ['november', 'novembre', 'noviembre', 'novembro', 'listopad', 'listopada'],
  ['december', 'decembre', 'dezember', 'diciembre', 'dezembro', 'dicembre', 'grudzien', 'grudnia'],
  // how often: a week, a month, a quarter (a phrase such as "tres meses" in an option's text names the quarter)
  ['week', 'weekly', 'semana', 'semanal', 'semanalmente', 'semaine', 'hebdomadaire', 'woche', 'wochentlich', 'settimana', 'settimanale',
    'wekelijks', 'tydzien', 'tygodniowo', 'vecka', 'veckan', 'veckovis', 'varje vecka'],
  ['month', 'monthly', 'mes', 'mensual', 'mensualmente', 'mois', 'mensuel', 'mensuelle', 'monat', 'monatlich', 'mensal', 'mensalmente',
    'mese', 'mensile', 'maand', 'maandelijks', 'miesiac', 'miesiacu', 'miesiecznie', 'manad', 'manaden', 'manadsvis', 'manatligen'],
  ['quarter', 'quarterly', 'trimestre', 'trimestral', 'trimestriel', 'trimestrielle', 'quartal', 'quartalsweise', 'vierteljahrlich',
    'trimestrale', 'kwartaal', 'driemaandelijks', 'kwartal', 'kwartalnie', 'kvartal', 'kvartalsvis',
    'three months', 'tres meses', 'trois mois', 'drei monate', 'tre mesi', 'drie maanden', 'trzy miesiace', 'tre manader'],
  // how a meeting is held
  ['online', 'on-line', 'virtual', 'virtually', 'virtuel', 'virtuelle', 'virtuell', 'virtueel', 'virtuale', 'ligne', 'linea', 'remote', 'remotely', 'zdalnie', 'digital', 'digitaal'],
  ['in-person', 'presentiel', 'presentielle', 'praesenz', 'prasenz', 'presencial', 'presenza', 'fysiek', 'stacjonarnie', 'fysiskt', 'physical'],
  ['hybrid', 'hybride', 'hibrido', 'hibrida', 'ibrido', 'hybrydowo', 'hybrydowe', 'hybridmote'],
  ['postpone', 'postponed', 'postponing', 'postponement', 'delay', 'reporter', 'reporte', 'verschieben', 'verschiebung', 'aplazar', 'posponer', 'adiar', 'rinviare', 'rimandare', 'rinvio', 'uitstellen', 'przelozyc', 'przesunac', 'skjuta'],
  // keeping or changing what is
  ['keep', 'mantener', 'conservar', 'garder', 'conserver', 'behalten', 'beibehalten', 'manter', 'mantenere', 'conservare', 'houden', 'behouden', 'zachowac', 'zostawic', 'behalla', 'behall'],
  ['rename', 'renombrar', 'renommer', 'umbenennen', 'renomear', 'rinominare', 'hernoemen', 'byta namn', 'zmienic nazwe'],
  ['current', 'actual', 'actuel', 'actuelle', 'aktuell', 'aktuellen', 'bisherigen', 'atual', 'attuale', 'huidige', 'obecna', 'obecny', 'nuvarande'],
  // colours (an option's colour, answered in another language)
  ['blue', 'blauw', 'blauwe', 'bleu', 'bleue', 'blau', 'blaue', 'blauen', 'azul', 'azzurro', 'azzurra', 'niebieski', 'niebieskie', 'niebieska'],
  ['green', 'groen', 'groene', 'vert', 'verte', 'grun', 'grune', 'grunen', 'verde', 'zielony', 'zielone', 'zielona', 'gron', 'grona'],
  ['yellow', 'geel', 'gele', 'jaune', 'gelb', 'gelbe', 'amarillo', 'amarilla', 'amarelo', 'amarela', 'giallo', 'gialla', 'zolty', 'zolte'],
  ['black', 'zwart', 'zwarte', 'noir', 'noire', 'schwarz', 'schwarze', 'negro', 'negra', 'preto', 'preta', 'nero', 'nera', 'czarny', 'czarne', 'svart'],
  ['white', 'witte', 'blanc', 'blanche', 'weiss', 'weisse', 'blanco', 'blanca', 'branco', 'branca', 'bianco', 'bianca', 'bialy', 'biale', 'vita'],
  ['purple', 'paars', 'paarse', 'violet', 'violette', 'lila', 'morado', 'morada', 'roxo', 'roxa', 'viola', 'fioletowy'],
  ['orange', 'oranje', 'orangefarben', 'naranja', 'laranja', 'arancione', 'pomaranczowy'],
  // what a gathering may be
  ['picnic', 'pique-nique', 'picknick', 'picnik', 'piknik', 'picnics'],
  ['restaurant', 'restaurante', 'ristorante', 'restauracja', 'restaurang'],
  ['boat', 'bateau', 'boot', 'barco', 'barca', 'batello', 'lodz', 'lodzi', 'bat', 'baten'],
  ['dinner', 'diner', 'abendessen', 'cena', 'jantar', 'diner', 'kolacja', 'middag'],
    // cities whose names differ between languages
  ['lisbon', 'lisboa', 'lisbonne', 'lissabon', 'lisbona', 'lizbona'],
  ['brussels', 'bruxelles', 'brussel', 'brussel', 'bruselas', 'bruxelas', 'bruxelles', 'bruksela', 'bryssel'],
  ['geneva', 'geneve', 'genf', 'ginebra', 'genebra', 'ginevra', 'genewa', 'geneve'],
  ['vienna', 'vienne', 'wien', 'viena', 'wieden', 'wenen'],
  ['munich', 'munchen', 'monaco di baviera', 'monachium', 'munique'],
  ['cologne', 'koln', 'colonia', 'keulen', 'kolonia'],
  ['warsaw', 'varsovie', 'warschau', 'varsovia', 'varsavia', 'warszawa', 'warszawie', 'warschau'],
  ['prague', 'prag', 'praga', 'praag'],
  ['rome', 'rom', 'roma', 'rzym', 'rome'],
  ['milan', 'milano', 'mailand', 'milaan', 'mediolan', 'milao'],
  ['florence', 'firenze', 'florenz', 'florencia', 'florenca', 'florencja'],
  ['venice', 'venise', 'venedig', 'venecia', 'veneza', 'venezia', 'venetie', 'wenecja'],
  ['naples', 'napoli', 'neapel', 'napoles', 'napels', 'neapol'],
  ['athens', 'athenes', 'athen', 'atenas', 'atene', 'athene', 'ateny'],
  ['london', 'londres', 'londra', 'londen', 'londyn'],
  ['copenhagen', 'copenhague', 'kopenhagen', 'copenaghen', 'kopenhaga', 'kobenhavn', 'kopenhamn'],
  ['stockholm', 'estocolmo', 'stoccolma', 'sztokholm'],
  ['the hague', 'la haye', 'den haag', 'la haya', 'haia', "l'aia", 'haga'],
  ['seville', 'sevilla', 'sevilha', 'siviglia', 'sewilla'],
  ['montreal', 'montreal'],
  ['cracow', 'krakow', 'cracovie', 'krakau', 'cracovia'],
  ['berlin', 'berlino', 'berlim', 'berlijn', 'berlinie'],
];

const GROUPS_OF = (() => {
  const m = new Map<string, string[]>();
  for (const group of CONCEPTS) {
    for (const w of group) m.set(w, [...(m.get(w) ?? []), ...group.filter((x) => x !== w && !x.includes(' '))]);
  }
  return m;
})();

const PHRASES_OF = (() => {
  const m = new Map<string, string[]>();
  for (const group of CONCEPTS) {
    for (const w of group) m.set(w, [...(m.get(w) ?? []), ...group.filter((x) => x !== w && x.includes(' '))]);
  }
  return m;
})();

/** The phrases of several words of every concept the folded word or phrase belongs to ("quarterly" → "three months", "trois mois", …). */
export function equivalentPhrases(word: string): readonly string[] {
  return PHRASES_OF.get(word) ?? [];
}

/** The other words of every concept the folded word belongs to ("lisbon" → "lisboa", "lissabon", …). */
export function equivalents(word: string): readonly string[] {
  return GROUPS_OF.get(word) ?? [];
}
