// Country input from join/move mails ("Country: UK", "Deutschland", "fr")
// mapped to ISO 3166-1 alpha-2. Membership follows residence, so a country
// we cannot read must be reported back, never guessed.

const ISO_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
  'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
  'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
  'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
  'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
  'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW ' +
  'XK' // Kosovo: user-assigned, but what every registry uses
).split(' ');
const CODES: ReadonlySet<string> = new Set(ISO_CODES);

// Names members actually write, English and native, including the ones
// that are not country names in ISO's sense (England, Holland, USA).
// Checked before the generated names, so they win any clash.
const ALIASES: Record<string, string> = {
  'uk': 'GB', 'u k': 'GB', 'united kingdom': 'GB', 'great britain': 'GB', 'britain': 'GB', 'england': 'GB',
  'scotland': 'GB', 'wales': 'GB', 'cymru': 'GB', 'northern ireland': 'GB', 'gbr': 'GB',
  'us': 'US', 'usa': 'US', 'u s': 'US', 'u s a': 'US', 'united states': 'US', 'united states of america': 'US', 'america': 'US',
  'france': 'FR', 'germany': 'DE', 'deutschland': 'DE', 'spain': 'ES', 'espana': 'ES', 'italy': 'IT', 'italia': 'IT',
  'netherlands': 'NL', 'the netherlands': 'NL', 'holland': 'NL', 'nederland': 'NL',
  'belgium': 'BE', 'belgique': 'BE', 'belgie': 'BE', 'sweden': 'SE', 'sverige': 'SE', 'norway': 'NO', 'norge': 'NO',
  'denmark': 'DK', 'danmark': 'DK', 'poland': 'PL', 'polska': 'PL', 'portugal': 'PT', 'ireland': 'IE', 'eire': 'IE',
  'switzerland': 'CH', 'schweiz': 'CH', 'suisse': 'CH', 'svizzera': 'CH', 'austria': 'AT', 'osterreich': 'AT',
  'greece': 'GR', 'hellas': 'GR', 'ellada': 'GR', 'turkey': 'TR', 'turkiye': 'TR', 'india': 'IN', 'bharat': 'IN',
  'brazil': 'BR', 'brasil': 'BR', 'argentina': 'AR', 'mexico': 'MX', 'canada': 'CA', 'australia': 'AU',
  'new zealand': 'NZ', 'aotearoa': 'NZ', 'south africa': 'ZA', 'japan': 'JP', 'nippon': 'JP', 'korea': 'KR',
  'south korea': 'KR', 'republic of korea': 'KR', 'north korea': 'KP', 'china': 'CN', 'prc': 'CN',
  'russia': 'RU', 'russian federation': 'RU', 'rossiya': 'RU', 'ukraine': 'UA', 'ukraina': 'UA',
  'finland': 'FI', 'suomi': 'FI', 'iceland': 'IS', 'island': 'IS', 'czech republic': 'CZ', 'czechia': 'CZ',
  'cesko': 'CZ', 'slovakia': 'SK', 'hungary': 'HU', 'magyarorszag': 'HU', 'romania': 'RO', 'bulgaria': 'BG',
  'croatia': 'HR', 'hrvatska': 'HR', 'slovenia': 'SI', 'serbia': 'RS', 'luxembourg': 'LU', 'estonia': 'EE',
  'latvia': 'LV', 'lithuania': 'LT', 'cyprus': 'CY', 'malta': 'MT', 'israel': 'IL', 'egypt': 'EG',
  'morocco': 'MA', 'nigeria': 'NG', 'kenya': 'KE', 'ghana': 'GH', 'chile': 'CL', 'colombia': 'CO', 'peru': 'PE',
  'philippines': 'PH', 'indonesia': 'ID', 'singapore': 'SG', 'malaysia': 'MY', 'thailand': 'TH',
  'vietnam': 'VN', 'viet nam': 'VN', 'pakistan': 'PK', 'bangladesh': 'BD', 'taiwan': 'TW', 'hong kong': 'HK',
  'ivory coast': 'CI', 'cote d ivoire': 'CI', 'macedonia': 'MK', 'north macedonia': 'MK', 'kosovo': 'XK',
  'vatican': 'VA', 'holy see': 'VA', 'burma': 'MM', 'myanmar': 'MM', 'swaziland': 'SZ', 'eswatini': 'SZ',
};

// Generated names: every code's name in the languages members are likely
// to write in, from the ICU data Node ships. Built once, on first use.
const NAME_LANGUAGES = [
  'en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'nb', 'fi',
  'el', 'tr', 'ru', 'uk', 'cs', 'hu', 'ro', 'ja', 'ko', 'zh',
];
let generated: Map<string, string> | undefined;

function generatedNames(): Map<string, string> {
  if (generated) return generated;
  generated = new Map();
  for (const lang of NAME_LANGUAGES) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      continue; // a Node without that locale's data: skip it
    }
    for (const code of ISO_CODES) {
      const name = names.of(code);
      if (!name) continue;
      const key = normalizeCountry(name);
      if (key && !generated.has(key)) generated.set(key, code);
    }
  }
  return generated;
}

/** Lowercase, accents and punctuation gone, "&" read as "and", no leading "the". */
export function normalizeCountry(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** ISO 3166-1 alpha-2 (uppercase) for a code or a name, or undefined. */
export function countryCode(input: string): string | undefined {
  const key = normalizeCountry(input);
  if (!key) return undefined;
  const alias = ALIASES[key];
  if (alias) return alias;
  if (/^[a-z]{2}$/.test(key)) return CODES.has(key.toUpperCase()) ? key.toUpperCase() : undefined;
  return generatedNames().get(key);
}
