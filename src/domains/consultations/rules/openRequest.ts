/**
 * Reading a coordinator's mail that opens a consultation. Pure.
 *
 *   parseOpenRequest(input: OpenRequestInput, now: Date, methods?: ReadonlyMap<string, DecisionMethod>): OpenRequestResult
 *
 * Shape of the mail:
 *   Subject: the question
 *   Body:    key lines, then a blank line, then the description:
 *
 *     Kind: choice                 (or proposal)
 *     Method: lazy-consensus       (optional: a decision method by name)
 *     Deadline: Friday 18:00 UTC
 *     Reminder: 24 hours before    (optional)
 *     List: icc                    (needed when sent to the generic consult@)
 *     Options:
 *     A. International Organization for a Free Society
 *     B) International Organization for a Participatory Society
 *     - C: International Organization for Participatory Socialism
 *     Block: 1                     (proposals only: a count, or "10%")
 *     Part of: C-12                (optional: this chapter's or branch's vote rolls up into C-12)
 *
 *     The description, as long as needed.
 *
 * Decisions made here (the README shows the request format):
 * - Keys are case-insensitive and have a few synonyms (Type = Kind,
 *   Closes/Due/Until = Deadline, Choices = Options, Audience = List,
 *   Threshold = Block). "Question:" overrides the subject.
 * - Kind defaults to "choice" when options are given, "proposal" otherwise.
 *   A kind is the decision method whose `kindWords` name it; "Method:" names
 *   a method of the table outright (src/decisions/methods/), and then wins.
 * - What a method alone reads (a proposal's "Block:") is the method's to
 *   judge: the key block reads every method's key lines and hands them over.
 * - Option lines may appear with or without an "Options:" line; after it,
 *   unlettered bullets ("- text", "1. text") get the next letters in order.
 * - The key block ends at the first line that is neither a key, an option nor
 *   blank; that line starts the description. A line "Word: text" with an
 *   unknown key starts the description too (it may be prose like "Note: …"),
 *   except in a vote (a method with `strictOpening`): there such a line
 *   right under the key lines is an error that names it, and a vote's own
 *   key lines ("Count:", "Quorum:", …) are keys only when a "Kind:" or
 *   "Method:" line names a vote, so they never take a consultation's
 *   description. "Kind: motion" is a vote, never a proposal.
 * - A list named by the address (icc-consult@) and a different "List:" line
 *   is an error rather than a silent choice between them.
 * - Proposals block at one objection unless "Block:" says otherwise;
 *   choices have `block: null`.
 * - "Re:"/"Fwd:" prefixes are removed from the subject; a signature ("-- ")
 *   ends the description.
 * - Versions in other languages (issue 23, rules/questionVersions.ts):
 *   "Question[fr]: …" is that language's question; "Options[fr]:" starts
 *   its option lines (lettered, or bullets lettered from A), which must have
 *   the same letters as the options; "Description[fr]:" starts its
 *   description, which runs to the next "Description[xx]:" line or the end
 *   (in the key block too: such a line ends the keys). A field given only
 *   with a language has that first language's text as its default. Only
 *   languages Tacit writes are taken.
 */
import { isWhenError, parseReminder, parseWhen } from './deadline.ts';
import { withoutReplyPrefixes } from '../../../shared/rules/subjectPrefixes.ts';
import type { DecisionMethod, OpeningHeader } from '../../../decisions/decisionMethod.ts';
import { DECISION_METHODS } from '../../../decisions/methods/index.ts';
import { optionsMismatch, versionLanguage, type QuestionVersion, type QuestionVersions } from './questionVersions.ts';
import { LANGUAGES, type Language } from '../../../shared/rules/language.ts';
import { reason, type Reason, type Refusal } from './reason.ts';

export interface OpenRequestInput {
  subject: string;
  body: string;
  /** The list named by the address (icc-consult@ → "icc"); null/absent for consult@. */
  list?: string | null;
}

export interface ConsultationSpec {
  question: string;
  description: string;
  /** The method's kind (choice, proposal, or a new method's own). */
  kind: string;
  /** The decision method a "Method:" line named; absent, the method of the kind (consultations.method either way). */
  method?: string;
  options: Array<{ letter: string; text: string }>;
  deadline: Date;
  reminder: Date | null;
  /** The method's threshold setting (a proposal's block rule), stored as it is; null when it has none. */
  block: unknown;
  list: string;
  /** The question, description and option titles in other languages ("Question[fr]:" …); absent when none. */
  versions?: QuestionVersions;
  /** The parent consultation a "Part of:" line named (issue 22 item 3: votes that roll up); absent otherwise. */
  partOf?: number;
}

/** Refused: every problem, as reasons for the caller to write in the coordinator's language (a method's own in its words). */
export type OpenRequestResult = { ok: true; spec: ConsultationSpec } | { ok: false; errors: Refusal[] };

type Key = 'kind' | 'method' | 'deadline' | 'reminder' | 'options' | 'list' | 'question' | 'partOf';

const KEYS: Record<string, Key> = {
  kind: 'kind', type: 'kind',
  method: 'method',
  deadline: 'deadline', closes: 'deadline', close: 'deadline', closing: 'deadline', until: 'deadline', due: 'deadline',
  reminder: 'reminder', remind: 'reminder',
  options: 'options', choices: 'options',
  list: 'list', audience: 'list',
  question: 'question',
  'part of': 'partOf',
};

/** A method-specific key, apart from the common ones. */
const METHOD_KEY = 'method:';

const BUILT_IN: ReadonlyMap<string, DecisionMethod> = new Map(DECISION_METHODS);

const normal = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
/** A method's name as written: "Lazy consensus" is lazy-consensus. */
const methodName = (name: string) => normal(name).replace(/ /g, '-');

/**
 * The key lines the grammar reads: the common ones, then every method's own
 * (prefixed). A strict method's (a vote's "Count:") only when the opening
 * names one (`strict`): elsewhere such a line stays in the description.
 */
function keysOf(methods: ReadonlyMap<string, DecisionMethod>, strict: boolean): Record<string, string> {
  const keys: Record<string, string> = { ...KEYS };
  for (const m of methods.values()) {
    if (m.strictOpening && !strict) continue;
    for (const [synonym, key] of Object.entries(m.headerKeys ?? {})) keys[normal(synonym)] ??= METHOD_KEY + key;
  }
  return keys;
}

/** The key lines a method's opening takes, by their first names ("Deadline", "Count"). */
function keyNamesOf(method: DecisionMethod): string[] {
  // "Part of" (a roll-up's, rare) is not listed with the lines every opening may take.
  const names = [...new Set([...Object.values(KEYS).filter((k) => k !== 'partOf'), ...Object.values(method.headerKeys ?? {})])];
  return names.map((k) => k[0]!.toUpperCase() + k.slice(1));
}

/**
 * Whether the opening's "Kind:" or "Method:" line names a strict method (a
 * vote), read from the lines before the description could start (keys,
 * options, bullets, blank lines), before the key block is read with its keys.
 */
function namesStrictMethod(lines: readonly string[], methods: ReadonlyMap<string, DecisionMethod>): boolean {
  const strict = [...methods.values()].filter((m) => m.strictOpening);
  if (strict.length === 0) return false;
  for (const line of lines) {
    if (line.trim() === '' || readOption(line) || readBullet(line) !== null || readVersionedKey(line)) continue;
    const km = readKey(line);
    if (!km) return false;
    const key = KEYS[normal(km.name)];
    if (key === 'kind' && strict.some((m) => m.kindWords?.includes(normal(km.value)))) return true;
    if (key === 'method' && strict.some((m) => m.name === methodName(km.value))) return true;
  }
  return false;
}

// Tried on trimmed lines, with the value trimmed after: a lazy `(.*?)\s*$`
// retries the trailing run at every position, quadratic on a long line.
const MAX_OPTIONS = 26;
/** A deadline or reminder is a short phrase. */
const MAX_WHEN_CHARS = 200;

const KEY_LINE = /^([A-Za-z][A-Za-z ]{0,20}?)\s*:(.*)$/;
const OPTION_LINE = /^(?:[-*•]\s*)?(?:\(([A-Za-z])\)|([A-Za-z])\s*[.):]|([A-Za-z])\s+[-–—])(.*)$/;
const BULLET_LINE = /^(?:[-*•]|\d{1,2}[.)])\s+(.*)$/;

function readKey(line: string): { name: string; value: string } | null {
  const m = KEY_LINE.exec(line.trim());
  return m ? { name: m[1]!, value: m[2]!.trim() } : null;
}

function readOption(line: string): { letter: string; text: string } | null {
  const m = OPTION_LINE.exec(line.trim());
  if (!m) return null;
  return { letter: (m[1] ?? m[2] ?? m[3])!.toUpperCase(), text: m[4]!.trim() };
}

/** The fields a language may give again ("Question[fr]:"), by their names. */
const VERSIONED_KEYS: Record<string, 'question' | 'description' | 'options'> = {
  question: 'question', description: 'description', options: 'options', choices: 'options',
};
const VERSIONED_KEY_LINE = /^([A-Za-z][A-Za-z ]{0,20}?)\s*\[\s*([A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?)\s*\]\s*:(.*)$/;

/** A "Name[xx]: value" line: the key (null for a name that has no versions), the language as written and as read. */
function readVersionedKey(line: string): { name: string; key: 'question' | 'description' | 'options' | null; code: string; lang: Language | null; value: string } | null {
  const m = VERSIONED_KEY_LINE.exec(line.trim());
  if (!m) return null;
  return { name: m[1]!.trim(), key: VERSIONED_KEYS[normal(m[1]!)] ?? null, code: m[2]!, lang: versionLanguage(m[2]!), value: m[3]!.trim() };
}

/** What is wrong with a versioned key line, or null. */
function versionedKeyProblem(k: NonNullable<ReturnType<typeof readVersionedKey>>): Reason | null {
  if (!k.key) return reason('opening.notPerLanguage', { name: k.name, code: k.code });
  if (!k.lang) return reason('opening.notALanguage', { name: k.name, code: k.code, codes: LANGUAGES.join(', ') });
  return null;
}

/** "A or B or C", in the reader's words. */
const either = (items: readonly string[]): Reason | string =>
  items.slice(1).reduce<Reason | string>((a, b) => reason('opening.or', { a, b }), items[0] ?? '');

/**
 * The description part cut at its "Description[xx]:" lines: the text before
 * the first is the default description, each marker's text runs to the next.
 */
function splitDescriptions(lines: readonly string[], errors: Refusal[]): { text: string; byLanguage: Map<Language, string> } {
  const byLanguage = new Map<Language, string>();
  let text = '';
  let current: Language | null = null; // null: the default description
  let chunk: string[] = [];
  const flush = () => {
    const body = chunk.join('\n').replace(/^\s*\n/, '').trimEnd();
    if (current === null) text = body;
    else byLanguage.set(current, body);
  };
  for (const line of lines) {
    const k = readVersionedKey(line);
    if (!k || k.key !== 'description') {
      chunk.push(line);
      continue;
    }
    flush();
    const problem = versionedKeyProblem(k) ?? (byLanguage.has(k.lang!) ? reason('opening.versionTwice', { name: k.name, code: k.code }) : null);
    if (problem) errors.push(problem);
    current = problem ? null : k.lang;
    chunk = k.value ? [k.value] : [];
  }
  flush();
  return { text, byLanguage };
}

function readBullet(line: string): string | null {
  const m = BULLET_LINE.exec(line.trim());
  return m ? m[1]!.trim() : null;
}

function readList(value: string): string | null {
  const slug = value.trim().toLowerCase().replace(/@.*$/, '').replace(/-consult$/, '');
  return /^[a-z0-9][a-z0-9-]*$/.test(slug) ? slug : null;
}

/** Parses the opening mail; lists every problem found, as reasons the caller writes in plain words. */
export function parseOpenRequest(input: OpenRequestInput, now: Date, methods: ReadonlyMap<string, DecisionMethod> = BUILT_IN): OpenRequestResult {
  const errors: Refusal[] = [];
  const values: Partial<Record<string, string>> = {};
  const written = new Map<string, OpeningHeader>();
  const options: Array<{ letter: string; text: string }> = [];
  /** What each language gives besides the default ("Question[fr]:", "Options[fr]:"), in the opening's order. */
  const versions = new Map<Language, QuestionVersion & { highest: number }>();
  const versionOf = (lang: Language) => {
    if (!versions.has(lang)) versions.set(lang, { highest: 64 });
    return versions.get(lang)!;
  };
  /** The language whose "Options[xx]:" the option lines below belong to; null: the default options. */
  let optionsOf: Language | null = null;

  const allLines = input.body.replace(/\r\n?/g, '\n').split('\n');
  const sig = allLines.findIndex((l) => l === '-- ' || l === '--');
  const lines = sig >= 0 ? allLines.slice(0, sig) : allLines;
  const strictNamed = namesStrictMethod(lines, methods);
  const KEYS = keysOf(methods, strictNamed);
  /** A "Word: text" line right after the key lines (no blank line between) that is no key: a strict method's error. */
  let unknownKey: string | null = null;

  let i = 0;
  let inOptions = false;
  let sawKey = false;
  let highestLetter = 64; // before "A"
  // Past 26 options only the count is kept: the answer needs no more, and work stays flat.
  let optionCount = 0;
  const addOption = (o: { letter: string; text: string }) => {
    if (++optionCount <= MAX_OPTIONS) options.push(o);
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      // A blank line after the keys ends them unless more keys/options follow.
      if (sawKey) {
        let j = i + 1;
        while (j < lines.length && lines[j]!.trim() === '') j++;
        const next = lines[j];
        if (next === undefined) { i = j; break; }
        const km = readKey(next);
        const isKey = (km && KEYS[normal(km.name)]) || readVersionedKey(next);
        const isOption = readOption(next) || (inOptions && readBullet(next) !== null);
        if (!isKey && !isOption) { i = j; break; }
        i = j - 1; // the blank run is read once, not once per blank line
      }
      continue;
    }
    const vk = readVersionedKey(line);
    if (vk && vk.key === 'description' && !versionedKeyProblem(vk)) break; // the descriptions start here
    if (vk) {
      sawKey = true;
      inOptions = false;
      optionsOf = null;
      const problem = versionedKeyProblem(vk);
      if (problem) {
        errors.push(problem);
        continue;
      }
      const version = versionOf(vk.lang!);
      if (vk.key === 'question') {
        if (version.question !== undefined) errors.push(reason('opening.versionLineTwice', { name: vk.name, code: vk.code }));
        else version.question = vk.value;
        continue;
      }
      if (version.options) {
        errors.push(reason('opening.versionOptionsTwice', { name: vk.name, code: vk.code }));
        continue;
      }
      version.options = [];
      inOptions = true;
      optionsOf = vk.lang;
      const inline = vk.value ? readOption(vk.value) : null;
      if (inline) {
        version.options.push(inline);
        version.highest = Math.max(version.highest, inline.letter.charCodeAt(0));
      } else if (vk.value) errors.push(reason('opening.versionOptionsInline', { name: vk.name, code: vk.code }));
      continue;
    }
    const km = readKey(line);
    const key = km ? KEYS[normal(km.name)] : undefined;
    if (km && key) {
      sawKey = true;
      inOptions = key === 'options';
      optionsOf = null;
      const value = km.value;
      if (key === 'options') {
        if (value) {
          const inline = readOption(value);
          if (inline) {
            addOption(inline);
            highestLetter = Math.max(highestLetter, inline.letter.charCodeAt(0));
          }
          else errors.push(reason('opening.optionsInline'));
        }
        continue;
      }
      if (values[key] !== undefined) {
        errors.push(reason('opening.keyTwice', { name: km.name.trim() }));
        continue;
      }
      if ((key === 'deadline' || key === 'reminder') && value.length > MAX_WHEN_CHARS) {
        // The date reader's patterns are not meant for pages of text.
        errors.push(reason('opening.whenTooLong', { name: km.name.trim(), max: String(MAX_WHEN_CHARS) }));
        continue;
      }
      values[key] = value;
      if (key.startsWith(METHOD_KEY)) written.set(key.slice(METHOD_KEY.length), { name: km.name.trim(), value });
      continue;
    }
    const opt = readOption(line);
    if (opt && optionsOf !== null) {
      const version = versionOf(optionsOf);
      if (version.options!.length <= MAX_OPTIONS) version.options!.push(opt);
      version.highest = Math.max(version.highest, opt.letter.charCodeAt(0));
      continue;
    }
    if (opt) {
      sawKey = true;
      addOption(opt);
      highestLetter = Math.max(highestLetter, opt.letter.charCodeAt(0));
      continue;
    }
    const bullet = inOptions ? readBullet(line) : null;
    if (bullet !== null && optionsOf !== null) {
      const version = versionOf(optionsOf);
      version.highest += 1;
      if (version.options!.length <= MAX_OPTIONS) version.options!.push({ letter: String.fromCharCode(version.highest), text: bullet });
      continue;
    }
    if (bullet !== null) {
      highestLetter += 1;
      addOption({ letter: String.fromCharCode(highestLetter), text: bullet });
      continue;
    }
    const unknown = readKey(line);
    if (unknown && (i === 0 || lines[i - 1]!.trim() !== '')) unknownKey = unknown.name.trim();
    break; // first line of the description
  }
  const descriptions = splitDescriptions(lines.slice(i), errors);
  for (const [lang, text] of descriptions.byLanguage) versionOf(lang).description = text;
  const given = [...versions.entries()];
  // A field given only per language: the first language's text is its default.
  const firstGiven = <T>(pick: (v: QuestionVersion) => T | undefined): T | undefined => given.map(([, v]) => pick(v)).find((x) => x !== undefined);
  const description = descriptions.text || (firstGiven((v) => v.description || undefined) ?? '');
  if (options.length === 0) {
    options.push(...(firstGiven((v) => (v.options?.length ? v.options : undefined)) ?? []));
    optionCount = options.length;
  }

  // Question
  const question = withoutReplyPrefixes((values.question ?? (input.subject || firstGiven((v) => v.question || undefined)) ?? '').replace(/\s+/g, ' ')).trim();
  if (!question) errors.push(reason('opening.noQuestion'));
  for (const [lang, v] of given) {
    if (v.question !== undefined && !v.question.trim()) errors.push(reason('opening.versionQuestionEmpty', { lang }));
    if (!v.options) continue;
    for (const o of v.options) if (!o.text) errors.push(reason('opening.versionOptionEmpty', { lang, letter: o.letter }));
    const mismatch = optionsMismatch(lang, v.options, options);
    if (mismatch) errors.push(mismatch);
  }

  // Method (or kind) and options
  const kinded = [...methods.values()].filter((m) => m.kindWords);
  // Methods sharing a word (a vote: a motion or a ranked vote) choose by the opening's lines.
  const ofKind = (word: string) => {
    const named = kinded.filter((m) => m.kindWords!.includes(word));
    return named.find((m) => !m.claimsOpening || m.claimsOpening({ options, headers: written })) ?? named[0];
  };
  // Without a word for it: a choice when options are given, a proposal otherwise.
  let method: DecisionMethod = ofKind(options.length > 0 ? 'choice' : 'proposal') ?? kinded[0]!;
  if (values.method !== undefined) {
    const m = methods.get(methodName(values.method));
    if (m) method = m;
    else errors.push(reason('opening.unknownMethod', { method: values.method.trim(), known: [...methods.keys()].join(', ') }));
    const named = values.kind !== undefined ? ofKind(normal(values.kind)) : undefined;
    if (m && named && named.kind !== m.kind) {
      errors.push(reason('opening.kindAndMethod', { kind: values.kind!.trim(), method: m.name, methodKind: m.kind }));
    }
  } else if (values.kind !== undefined) {
    const m = ofKind(normal(values.kind));
    if (m) method = m;
    else errors.push(reason('opening.unknownKind', { kind: values.kind.trim(), kinds: either([...new Set(kinded.map((k) => k.kind))].map((k) => `"Kind: ${k}"`)) }));
  }
  // Also when the unknown line comes first and hid the "Kind: vote" after it from the key block.
  if ((method.strictOpening || strictNamed) && unknownKey !== null) {
    errors.push(reason('opening.notAVoteLine', {
      name: unknownKey,
      keys: keyNamesOf(method.strictOpening ? method : [...methods.values()].find((m) => m.strictOpening)!).join(', '),
    }));
  }
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.letter)) errors.push(reason('opening.letterTwice', { letter: o.letter }));
    seen.add(o.letter);
    if (!o.text) errors.push(reason('opening.optionEmpty', { letter: o.letter }));
  }
  if (optionCount > MAX_OPTIONS) errors.push(reason('opening.tooManyOptions', { count: String(optionCount), max: String(MAX_OPTIONS) }));
  const settings = method.parseOpening({ options, headers: written });
  if (!settings.ok) errors.push(...settings.errors);

  // Deadline and reminder
  let deadline: Date | null = null;
  let reminder: Date | null = null;
  if (values.deadline === undefined || values.deadline.trim() === '') {
    errors.push(reason('opening.noDeadline'));
  } else {
    const d = parseWhen(values.deadline, now);
    if (isWhenError(d)) errors.push(reason('opening.deadlineField', { error: d.error }));
    else deadline = d;
  }
  if (values.reminder !== undefined && deadline) {
    const r = parseReminder(values.reminder, deadline, now);
    if (isWhenError(r)) errors.push(r.error); // parseReminder's errors already name the reminder
    else reminder = r;
  } else if (values.reminder !== undefined && !/\b(?:before|earlier|prior)\b|^(?:none|no|off|never)$/i.test(values.reminder.trim())) {
    // No usable deadline to compare with: still report a reminder that cannot be read or is past.
    const r = parseWhen(values.reminder, now);
    if (isWhenError(r)) errors.push(reason('when.reminderField', { error: r.error }));
  }

  // List
  let list: string | null = null;
  const fromAddress = input.list ? readList(input.list) : null;
  if (values.list !== undefined) {
    const fromBody = readList(values.list);
    if (!fromBody) errors.push(reason('opening.notAList', { list: values.list.trim() }));
    else if (fromAddress && fromAddress !== fromBody) {
      errors.push(reason('opening.listConflict', { address: fromAddress, list: fromBody }));
    } else list = fromBody;
  } else if (fromAddress) {
    list = fromAddress;
  } else {
    errors.push(reason('opening.noList'));
  }

  // Part of (the parent's checks need the database: open/partOf.ts)
  let partOf: number | undefined;
  if (values.partOf !== undefined) {
    const m = /^(?:c-?)?(\d{1,15})$/i.exec(values.partOf.trim());
    if (m) partOf = Number(m[1]);
    else errors.push(reason('opening.partOfNotAnId', { value: values.partOf.trim() }));
  }

  if (errors.length > 0 || !deadline || !list || !settings.ok) return { ok: false, errors };
  return {
    ok: true,
    spec: {
      question,
      description,
      kind: method.kind,
      // Stored by name when a "Method:" line chose it or its kind has several methods (a vote's motion or ranking).
      ...(values.method !== undefined || kinded.filter((m) => m.kind === method.kind).length > 1 ? { method: method.name } : {}),
      options: settings.settings.options,
      deadline,
      reminder,
      block: settings.settings.block,
      list,
      ...(given.length > 0 ? {
        versions: Object.fromEntries(given.map(([lang, v]) => [lang, {
          ...(v.question !== undefined ? { question: v.question.replace(/\s+/g, ' ').trim() } : {}),
          ...(v.description !== undefined ? { description: v.description } : {}),
          ...(v.options ? { options: v.options } : {}),
        }])),
      } : {}),
      ...(partOf !== undefined ? { partOf } : {}),
    },
  };
}
