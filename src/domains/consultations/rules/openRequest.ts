/**
 * Reading a coordinator's mail that opens a consultation. Pure.
 *
 *   parseOpenRequest(input: OpenRequestInput, now: Date): OpenRequestResult
 *
 * Shape of the mail:
 *   Subject: the question
 *   Body:    key lines, then a blank line, then the description:
 *
 *     Kind: choice                 (or proposal)
 *     Deadline: Friday 18:00 UTC
 *     Reminder: 24 hours before    (optional)
 *     List: icc                    (needed when sent to the generic consult@)
 *     Options:
 *     A. International Organization for a Free Society
 *     B) International Organization for a Participatory Society
 *     - C: International Organization for Participatory Socialism
 *     Block: 1                     (proposals only: a count, or "10%")
 *
 *     The description, as long as needed.
 *
 * Decisions made here (the README shows the request format):
 * - Keys are case-insensitive and have a few synonyms (Type = Kind,
 *   Closes/Due/Until = Deadline, Choices = Options, Audience = List,
 *   Threshold = Block). "Question:" overrides the subject.
 * - Kind defaults to "choice" when options are given, "proposal" otherwise.
 * - Option lines may appear with or without an "Options:" line; after it,
 *   unlettered bullets ("- text", "1. text") get the next letters in order.
 * - The key block ends at the first line that is neither a key, an option nor
 *   blank; that line starts the description. A line "Word: text" with an
 *   unknown key starts the description too (it may be prose like "Note: …").
 * - A list named by the address (icc-consult@) and a different "List:" line
 *   is an error rather than a silent choice between them.
 * - Proposals block at one objection unless "Block:" says otherwise;
 *   choices have `block: null`.
 * - "Re:"/"Fwd:" prefixes are removed from the subject; a signature ("-- ")
 *   ends the description.
 */
import { isWhenError, parseReminder, parseWhen } from './deadline.ts';
import type { BlockRule } from './tally.ts';
import { withoutReplyPrefixes } from '../../../shared/rules/subjectPrefixes.ts';

export interface OpenRequestInput {
  subject: string;
  body: string;
  /** The list named by the address (icc-consult@ → "icc"); null/absent for consult@. */
  list?: string | null;
}

export interface ConsultationSpec {
  question: string;
  description: string;
  kind: 'choice' | 'proposal';
  options: Array<{ letter: string; text: string }>;
  deadline: Date;
  reminder: Date | null;
  block: BlockRule | null;
  list: string;
}

export type OpenRequestResult = { ok: true; spec: ConsultationSpec } | { ok: false; errors: string[] };

type Key = 'kind' | 'deadline' | 'reminder' | 'options' | 'block' | 'list' | 'question';

const KEYS: Record<string, Key> = {
  kind: 'kind', type: 'kind',
  deadline: 'deadline', closes: 'deadline', close: 'deadline', closing: 'deadline', until: 'deadline', due: 'deadline',
  reminder: 'reminder', remind: 'reminder',
  options: 'options', choices: 'options',
  block: 'block', 'block threshold': 'block', threshold: 'block', blocking: 'block',
  list: 'list', audience: 'list',
  question: 'question',
};

const KINDS: Record<string, 'choice' | 'proposal'> = {
  choice: 'choice', choices: 'choice', 'multiple choice': 'choice', poll: 'choice', options: 'choice',
  proposal: 'proposal', 'lazy consensus': 'proposal', consensus: 'proposal', motion: 'proposal',
};

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

function readBullet(line: string): string | null {
  const m = BULLET_LINE.exec(line.trim());
  return m ? m[1]!.trim() : null;
}

function readList(value: string): string | null {
  const slug = value.trim().toLowerCase().replace(/@.*$/, '').replace(/-consult$/, '');
  return /^[a-z0-9][a-z0-9-]*$/.test(slug) ? slug : null;
}

function readBlock(value: string): BlockRule | string {
  const v = value.trim().toLowerCase();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
  if (pct) {
    const p = Number(pct[1]);
    if (p > 0 && p <= 100) return { percent: p };
    return `Block: ${value.trim()} is not a percentage between 0 and 100.`;
  }
  const n = /^(\d+)(?:\s+objections?)?$/.exec(v);
  if (n && Number(n[1]) >= 1) return Number(n[1]);
  return `Block: "${value.trim()}" is not understood; write a number of objections ("Block: 2") or a share of the members ("Block: 10%").`;
}

/** Parses the opening mail; lists every problem found, in plain words. */
export function parseOpenRequest(input: OpenRequestInput, now: Date): OpenRequestResult {
  const errors: string[] = [];
  const values: Partial<Record<Key, string>> = {};
  const options: Array<{ letter: string; text: string }> = [];

  const allLines = input.body.replace(/\r\n?/g, '\n').split('\n');
  const sig = allLines.findIndex((l) => l === '-- ' || l === '--');
  const lines = sig >= 0 ? allLines.slice(0, sig) : allLines;

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
        const isKey = km && KEYS[km.name.trim().toLowerCase().replace(/\s+/g, ' ')];
        const isOption = readOption(next) || (inOptions && readBullet(next) !== null);
        if (!isKey && !isOption) { i = j; break; }
        i = j - 1; // the blank run is read once, not once per blank line
      }
      continue;
    }
    const km = readKey(line);
    const key = km ? KEYS[km.name.trim().toLowerCase().replace(/\s+/g, ' ')] : undefined;
    if (km && key) {
      sawKey = true;
      inOptions = key === 'options';
      const value = km.value;
      if (key === 'options') {
        if (value) {
          const inline = readOption(value);
          if (inline) {
            addOption(inline);
            highestLetter = Math.max(highestLetter, inline.letter.charCodeAt(0));
          }
          else errors.push('Options: put each option on its own line under "Options:", like "A. First option".');
        }
        continue;
      }
      if (values[key] !== undefined) {
        errors.push(`${km.name.trim()}: given twice; keep one line.`);
        continue;
      }
      if ((key === 'deadline' || key === 'reminder') && value.length > MAX_WHEN_CHARS) {
        // The date reader's patterns are not meant for pages of text.
        errors.push(`${km.name.trim()}: longer than ${MAX_WHEN_CHARS} characters; write a date like "Friday 18:00 UTC".`);
        continue;
      }
      values[key] = value;
      continue;
    }
    const opt = readOption(line);
    if (opt) {
      sawKey = true;
      addOption(opt);
      highestLetter = Math.max(highestLetter, opt.letter.charCodeAt(0));
      continue;
    }
    const bullet = inOptions ? readBullet(line) : null;
    if (bullet !== null) {
      highestLetter += 1;
      addOption({ letter: String.fromCharCode(highestLetter), text: bullet });
      continue;
    }
    break; // first line of the description
  }
  const description = lines.slice(i).join('\n').replace(/^\s*\n/, '').trimEnd();

  // Question
  const question = withoutReplyPrefixes((values.question ?? input.subject ?? '').replace(/\s+/g, ' ')).trim();
  if (!question) errors.push('The question is missing: write it in the subject line.');

  // Kind and options
  let kind: 'choice' | 'proposal' = options.length > 0 ? 'choice' : 'proposal';
  if (values.kind !== undefined) {
    const k = KINDS[values.kind.trim().toLowerCase().replace(/\s+/g, ' ')];
    if (k) kind = k;
    else errors.push(`Kind: "${values.kind.trim()}" is not a kind I know; write "Kind: choice" or "Kind: proposal".`);
  }
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.letter)) errors.push(`Option ${o.letter} is listed twice; give each option its own letter.`);
    seen.add(o.letter);
    if (!o.text) errors.push(`Option ${o.letter} has no text.`);
  }
  if (optionCount > MAX_OPTIONS) errors.push(`There are ${optionCount} options; a consultation takes at most ${MAX_OPTIONS} (A to Z).`);
  if (kind === 'choice' && options.length < 2) {
    errors.push(`A choice needs at least two options, one per line like "A. First option" under "Options:"; ${options.length === 0 ? 'none were found' : 'only one was found'}.`);
  }
  if (kind === 'proposal' && options.length > 0) {
    errors.push('A proposal takes no options: remove the option lines, or write "Kind: choice" to ask members to choose.');
  }

  // Block
  let block: BlockRule | null = kind === 'proposal' ? 1 : null;
  if (values.block !== undefined) {
    if (kind !== 'proposal') errors.push('Block: applies only to proposals; a choice is decided by first preferences.');
    else {
      const b = readBlock(values.block);
      if (typeof b === 'string') errors.push(b);
      else block = b;
    }
  }

  // Deadline and reminder
  let deadline: Date | null = null;
  let reminder: Date | null = null;
  if (values.deadline === undefined || values.deadline.trim() === '') {
    errors.push('The deadline is missing: add a line like "Deadline: Friday 18:00 UTC" or "Deadline: 2026-12-03 18:00 Europe/London".');
  } else {
    const d = parseWhen(values.deadline, now);
    if (isWhenError(d)) errors.push(`Deadline: ${d.error}`);
    else deadline = d;
  }
  if (values.reminder !== undefined && deadline) {
    const r = parseReminder(values.reminder, deadline, now);
    if (isWhenError(r)) errors.push(r.error); // parseReminder's errors already name the reminder
    else reminder = r;
  } else if (values.reminder !== undefined && !/\b(?:before|earlier|prior)\b|^(?:none|no|off|never)$/i.test(values.reminder.trim())) {
    // No usable deadline to compare with: still report a reminder that cannot be read or is past.
    const r = parseWhen(values.reminder, now);
    if (isWhenError(r)) errors.push(`Reminder: ${r.error}`);
  }

  // List
  let list: string | null = null;
  const fromAddress = input.list ? readList(input.list) : null;
  if (values.list !== undefined) {
    const fromBody = readList(values.list);
    if (!fromBody) errors.push(`List: "${values.list.trim()}" is not a list name; write it like "List: icc".`);
    else if (fromAddress && fromAddress !== fromBody) {
      errors.push(`This was sent to ${fromAddress}-consult@ but says "List: ${fromBody}"; send it to ${fromBody}-consult@ or remove the List line.`);
    } else list = fromBody;
  } else if (fromAddress) {
    list = fromAddress;
  } else {
    errors.push('Which list should be consulted? Add a line like "List: icc", or send the mail to icc-consult@.');
  }

  if (errors.length > 0 || !deadline || !list) return { ok: false, errors };
  return {
    ok: true,
    spec: {
      question,
      description,
      kind,
      options: kind === 'choice' ? options : [],
      deadline,
      reminder,
      block,
      list,
    },
  };
}
