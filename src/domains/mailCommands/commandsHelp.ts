import { translate } from '../../shared/i18n/catalogue.ts';
import { LANGUAGES, type Language } from '../../shared/rules/language.ts';

/**
 * The command reference in the reader's language. The commands themselves
 * stay the English words the parsers read (shared/rules/requestCommands.ts,
 * consultations/rules/consultationCommands.ts): only what they do is
 * translated, so a command copied from the help is always understood.
 */
type Entry = readonly [syntax: string, key: string];

const REQUEST_COMMANDS: readonly Entry[] = [
  ['help', 'help.help'],
  ['lists', 'help.lists'],
  ['join', 'help.join'],
  ['leave', 'help.leave'],
  ['subscribe LIST [digest]', 'help.subscribe'],
  ['unsubscribe LIST', 'help.unsubscribe'],
  ['set LIST immediate|digest|nomail', 'help.set'],
  ['set timezone ZONE', 'help.setTimezone'],
  ['set language CODE', 'help.setLanguage'],
  ['move COUNTRY CITY', 'help.move'],
  ['status', 'help.status'],
  ['who LIST', 'help.who'],
  ['proxy EMAIL [list LIST]', 'help.proxy'],
  ['proxy off', 'help.proxyOff'],
  ['proxies', 'help.proxies'],
];

const CONSULTATION_COMMANDS: readonly Entry[] = [
  ['status C-ID', 'help.consultStatus'],
  ['results C-ID', 'help.consultResults'],
  ['extend C-ID WHEN', 'help.consultExtend'],
  ['close C-ID', 'help.consultClose'],
  ['cancel C-ID', 'help.consultCancel'],
  ['tally C-ID', 'help.consultTally'],
];

/** The short reference of an answer from consult@. */
const CONSULT_ANSWER_COMMANDS: readonly Entry[] = [
  ['status [C-ID]', 'help.consultOwnStatus'],
  ['results C-ID', 'help.consultOwnResults'],
  ['extend C-ID WHEN', 'help.consultExtend'],
  ['close C-ID', 'help.consultClose'],
  ['cancel C-ID', 'help.consultCancel'],
  ['tally C-ID', 'help.consultOwnTally'],
];

/** "  syntax      what it does", the description's further lines under its first; a long syntax has it on the next line. */
function table(entries: readonly Entry[], lang: Language, width: number, values: Record<string, string>): string[] {
  const indent = ' '.repeat(width + 2);
  const lines: string[] = [];
  for (const [syntax, key] of entries) {
    const [first = '', ...more] = translate(lang, key, values).split('\n');
    if (syntax.length < width) lines.push(`  ${syntax.padEnd(width)}${first}`);
    else lines.push(`  ${syntax}`, `${indent}${first}`);
    for (const line of more) lines.push(`${indent}${line}`);
  }
  return lines;
}

/** By language and domain: every answer with a line not understood carries it, and building it (an Intl.ListFormat) is not free. */
const helpTexts = new Map<string, string>();

/** The whole reference of request@ (the `help` answer, and any answer with a line not understood). */
export function commandsHelp(lang: Language, domain: string): string {
  const key = `${lang}\u0000${domain}`;
  let text = helpTexts.get(key);
  if (text === undefined) helpTexts.set(key, (text = buildCommandsHelp(lang, domain)));
  return text;
}

function buildCommandsHelp(lang: Language, domain: string): string {
  const languages = new Intl.ListFormat(lang, { type: 'disjunction' }).format([...LANGUAGES]);
  return [
    translate(lang, 'help.intro', { domain }),
    '',
    ...table(REQUEST_COMMANDS, lang, 30, { domain, languages }),
    '',
    translate(lang, 'help.consultations', { domain }),
    ...table(CONSULTATION_COMMANDS, lang, 30, {}),
    '',
    translate(lang, 'help.open', { domain }),
    translate(lang, 'help.openExample'),
    translate(lang, 'help.openEnd'),
  ].join('\n');
}

/** The reference at the foot of an answer from consult@ (or LIST-consult@). */
export function consultCommandsHelp(lang: Language, domain: string, list?: string): string {
  const address = `${list ? `${list}-consult` : 'consult'}@${domain}`;
  return [translate(lang, 'help.consultHeader', { address, domain }), ...table(CONSULT_ANSWER_COMMANDS, lang, 21, {})].join('\n');
}

/** The commands a coordinator has for a consultation just opened, its id written in ("status C-12"). */
export function openedCommandsHelp(lang: Language, id: string, countSecret: boolean): string {
  const entries: Entry[] = [
    [`status ${id}`, 'opened.status'],
    [`results ${id}`, countSecret ? 'opened.resultsSecret' : 'opened.results'],
    [`extend ${id} WHEN`, 'opened.extend'],
    [`close ${id}`, 'opened.close'],
    [`cancel ${id}`, 'opened.cancel'],
  ];
  // The descriptions start 12 columns after "status C-ID", as the mail always had them, whatever the id's length.
  return table(entries, lang, 19 + id.length, { id }).join('\n');
}
