/**
 * The languages Tacit writes in (one catalogue each, templates/locales/CODE/),
 * and which of them a member reads (issue 23): the language they chose, else
 * their most local list's, else their country's main language where Tacit has
 * a translation, else English. The same nine the reply reader reads.
 */
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'pl', 'sv'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** "FR", "fr-BE", "pt_BR" → the supported language they name, or null. */
export function normalizeLanguage(input: string | null | undefined): Language | null {
  if (!input) return null;
  const code = input.trim().toLowerCase().split(/[-_]/)[0]!;
  return (LANGUAGES as readonly string[]).includes(code) ? (code as Language) : null;
}

/**
 * The main language of a country, for the countries whose one main language
 * Tacit writes. A country with two or more (Belgium, Switzerland, Canada,
 * Luxembourg, Finland) is left out: its members read their list's language.
 */
const COUNTRY_LANGUAGE: Readonly<Record<string, Language>> = {
  ...Object.fromEntries(['GB', 'US', 'IE', 'AU', 'NZ', 'JM', 'TT', 'BS', 'BB'].map((c) => [c, 'en'])),
  ...Object.fromEntries(['FR', 'MC', 'SN', 'CI', 'ML', 'BF', 'NE', 'TG', 'BJ', 'GA', 'CG', 'CD', 'GN'].map((c) => [c, 'fr'])),
  ...Object.fromEntries(['DE', 'AT', 'LI'].map((c) => [c, 'de'])),
  ...Object.fromEntries(['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY'].map((c) => [c, 'es'])),
  ...Object.fromEntries(['PT', 'BR', 'AO', 'MZ', 'CV', 'GW', 'ST'].map((c) => [c, 'pt'])),
  ...Object.fromEntries(['IT', 'SM', 'VA'].map((c) => [c, 'it'])),
  ...Object.fromEntries(['NL', 'SR'].map((c) => [c, 'nl'])),
  PL: 'pl',
  SE: 'sv',
};

export function countryLanguage(country: string | null | undefined): Language | null {
  return country ? (COUNTRY_LANGUAGE[country.trim().toUpperCase()] ?? null) : null;
}

/** What a member's language is read from: their own choice, their most local list's language, their country. */
export interface LanguageSources {
  language?: string | null;
  listLanguage?: string | null;
  country?: string | null;
}

export function memberLanguage(member: LanguageSources): Language {
  return normalizeLanguage(member.language) ?? normalizeLanguage(member.listLanguage) ?? countryLanguage(member.country) ?? DEFAULT_LANGUAGE;
}

/** Where memberLanguage found the language, for `who`, `status` and the web record ("fr (from your list)"). */
export function languageSource(member: LanguageSources): 'chosen' | 'list' | 'country' | 'default' {
  if (normalizeLanguage(member.language)) return 'chosen';
  if (normalizeLanguage(member.listLanguage)) return 'list';
  if (countryLanguage(member.country)) return 'country';
  return 'default';
}

/**
 * The best supported language of an Accept-Language header ("fr-BE,fr;q=0.9,en;q=0.8"),
 * by its q-values; null when it names none Tacit writes.
 */
export function acceptedLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranked = header.split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    return { language: normalizeLanguage(tag), q: q ? Number(q[1]) : 1, index };
  });
  ranked.sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((r) => r.language && r.q > 0)?.language ?? null;
}

/** A language's English name ("fr" → "French"), for command answers and the CLI. */
export function languageName(code: string, inLanguage = 'en'): string {
  return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
}

/** "fr (French, from your list)": a member's language and where it was found, for `status`, `who` and the CLI. */
export function describeLanguage(member: LanguageSources): string {
  const why = { chosen: '', list: ', from your list', country: ', from your country', default: ', the default' }[languageSource(member)];
  const code = memberLanguage(member);
  return `${code} (${languageName(code)}${why})`;
}
