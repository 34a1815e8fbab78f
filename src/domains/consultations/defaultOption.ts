/**
 * The option Tacit adds to a Schulze vote, "None of the above"
 * (decisions/counting/schulze.ts DEFAULT_OPTION), is stored in English, as
 * the count names it. Members see it in their own words, may name it in any
 * language Tacit writes, and the trimmer knows each of its lines as sent.
 *
 * An option a coordinator titled "None of the above" themselves is treated
 * the same: it means the same in every language.
 */
import { DEFAULT_OPTION } from '../../decisions/counting/schulze.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import { LANGUAGES, type Language } from '../../shared/rules/language.ts';
import { sentText } from '../../reading/stance/sentText.ts';
import { inLanguage, optionsWithAllTitles, type QuestionVersions, type VersionOption } from './rules/questionVersions.ts';

const titleIn = (lang: Language) => translate(lang, 'methods.noneOfTheAbove');

/** Its title in every language Tacit writes, English first. */
const everyTitle = (): string[] => [...new Set(LANGUAGES.map(titleIn))];

interface Versioned {
  question: string;
  description: string;
  options: VersionOption[];
  versions?: QuestionVersions | null;
}

/** The consultation as a reader of `lang` sees it (rules/questionVersions.ts inLanguage), the added option in their words. */
export function versionIn<C extends Versioned>(c: C, lang: Language): C {
  const v = inLanguage(c, lang);
  if (!v.options.some((o) => o.text === DEFAULT_OPTION)) return v;
  return { ...v, options: v.options.map((o) => (o.text === DEFAULT_OPTION ? { ...o, text: titleIn(lang) } : o)) };
}

/** The options the reader reads against: every title of every version, and the added option's in every language. */
export function readableOptions<O extends VersionOption>(options: readonly O[], versions: QuestionVersions | null | undefined): Array<O & { titles?: string[] }> {
  return optionsWithAllTitles(options, versions).map((o) => {
    if (o.text !== DEFAULT_OPTION) return o;
    const titles = [...new Set([...(o.titles ?? []), ...everyTitle()])].filter((t) => t !== o.text);
    return { ...o, titles };
  });
}

/** What Tacit sent (reading/stance/sentText.ts), with the added option's line as each language's copy wrote it. */
export function sentTextOf(c: Parameters<typeof sentText>[0]): string {
  const added = (c.options ?? []).filter((o) => o.text === DEFAULT_OPTION);
  return [sentText(c), ...added.flatMap((o) => everyTitle().map((t) => `${o.letter}. ${t}`))].join('\n');
}
