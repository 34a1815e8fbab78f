import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { growthRatio, LINEAR_RATIO } from '../../helpers/growth.ts';
import { parseRequestCommands } from '../../../src/shared/rules/requestCommands.ts';
import { parseCommands, parseConsultationId } from '../../../src/domains/consultations/rules/consultationCommands.ts';
import { parseOpenRequest } from '../../../src/domains/consultations/rules/openRequest.ts';
import { OPENING_KEY } from '../../../src/domains/consultations/open/consultHandler.ts';
import { tagSubject } from '../../../src/shared/rules/listHeaders.ts';
import { parseTacitAddress } from '../../../src/shared/rules/addresses.ts';
import { threadSubject } from '../../../src/domains/digests/digestContent.ts';
import { capText, trimEndOf } from '../../../src/shared/rules/textBounds.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const spaces = (n: number) => ' '.repeat(n);

/**
 * Every reader of sender text, fed the inputs that made a backtracking
 * pattern quadratic (long runs of spaces, newlines, quote markers, ">",
 * separators, punctuation), at 10× and 100× a unit size: work must grow linearly.
 */
const readers: Array<[string, (input: string) => unknown, (n: number) => string]> = [
  ['request commands: a line of spaces', (b) => parseRequestCommands({ body: b }), (n) => `help${spaces(n)}x`],
  ['request commands: newlines', (b) => parseRequestCommands({ body: b }), (n) => `${'\n'.repeat(n)}help`],
  ['request commands: "On … wrote" without the colon', (b) => parseRequestCommands({ body: b }), (n) => `On ${'wrote '.repeat(n / 6)}x`],
  ['request commands: a quote header of spaces', (b) => parseRequestCommands({ body: b }), (n) => `On ${spaces(n)}wrote${spaces(n)}x`],
  ['request commands: a banner with trailing spaces', (b) => parseRequestCommands({ body: b }), (n) => `-- original message${spaces(n)}x`],
  ['request commands: dashes', (b) => parseRequestCommands({ body: b }), (n) => `${'-'.repeat(n)}x`],
  ['request commands: trailing dots', (b) => parseRequestCommands({ body: b }), (n) => `help${'.'.repeat(n)}x`],
  ['request commands: a subject of spaces', (s) => parseRequestCommands({ subject: s, body: '' }), (n) => `re${spaces(n)}x`],
  ['request commands: a subject counter', (s) => parseRequestCommands({ subject: s, body: '' }), (n) => `re[1]${spaces(n)}x`],
  ['consultation commands: lines of spaces', (b) => parseCommands(b), (n) => `close #${spaces(n)}x\n`.repeat(40)],
  ['consultation commands: many lines', (b) => parseCommands(b), (n) => 'status\n'.repeat(n / 7)],
  ['consultation id: c and spaces', (t) => parseConsultationId(t), (n) => `c${spaces(n)}x`],
  ['consultation id: punctuation', (t) => parseConsultationId(t), (n) => `c-1${'.'.repeat(n)}x`],
  ['opening key: newlines', (b) => OPENING_KEY.test(b), (n) => `${'\n'.repeat(n)}x`],
  ['opening key: blank lines of spaces', (b) => OPENING_KEY.test(b), (n) => ' \n'.repeat(n / 2)],
  ['opening request: a key with a long value', (b) => parseOpenRequest({ body: b, subject: 'q' }, NOW), (n) => `List: a${spaces(n)}b${spaces(n)}c`],
  ['opening request: an option line', (b) => parseOpenRequest({ body: b, subject: 'q' }, NOW), (n) => `A.${spaces(n)}b${spaces(n)}c`],
  ['opening request: bullets', (b) => parseOpenRequest({ body: b, subject: 'q' }, NOW), (n) => `Options:\n${'- x\n'.repeat(n / 4)}`],
  ['opening request: blank lines', (b) => parseOpenRequest({ body: b, subject: 'q' }, NOW), (n) => `Kind: choice\n${' \n'.repeat(n / 2)}x`],
  ['opening request: a subject of prefixes', (s) => parseOpenRequest({ body: '', subject: s }, NOW), (n) => `re:${spaces(n)}x`],
  ['list subject tag: reply prefix and spaces', (s) => tagSubject(s, 'gb'), (n) => `re${spaces(n)}x`],
  ['list subject tag: counters', (s) => tagSubject(s, 'gb'), (n) => `re(1)${spaces(n)}x`],
  ['address: many "<"', (a) => parseTacitAddress(a, 'tacit.localhost'), (n) => `${'<'.repeat(n)}request@tacit.localhost`],
  ['digest thread subject: prefixes and spaces', (s) => threadSubject(s), (n) => `re:${spaces(n)}x`],
  ['digest thread subject: open brackets', (s) => threadSubject(s), (n) => `[${'['.repeat(n)}`],
];

describe('readers of sender text run in linear time', () => {
  it.each(readers)('%s', (_name, read, make) => {
    expect(growthRatio(read, make, 1000)).toBeLessThan(LINEAR_RATIO);
  });
});

describe('readers never throw and their output is bounded', () => {
  const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '>', '-', '.', ':', '[', ']', '<', 'A', 'c', '#', '1', 'é', '\t') , maxLength: 3000 });

  test.prop([text, text])('request commands', (subject, body) => {
    const parsed = parseRequestCommands({ subject, body });
    // One entry per line at most, and never a line longer than it was.
    expect(parsed.commands.length + parsed.unknown.length).toBeLessThanOrEqual(body.split('\n').length + 1);
    for (const u of parsed.unknown) expect(u.length).toBeLessThanOrEqual(200);
  });

  test.prop([text])('consultation commands', (body) => {
    const parsed = parseCommands(body);
    expect(parsed.commands.length + parsed.notUnderstood.length).toBeLessThanOrEqual(51);
  });

  test.prop([text, text])('opening request', (subject, body) => {
    const parsed = parseOpenRequest({ subject, body }, NOW);
    if (parsed.ok) expect(parsed.spec.options.length).toBeLessThanOrEqual(26);
    else expect(parsed.errors.length).toBeGreaterThan(0);
  });

  test.prop([text])('list subject tag: one tag, and tagging twice changes nothing', (subject) => {
    const once = tagSubject(subject, 'gb');
    expect(once.match(/\[gb\]/g)).toHaveLength(1);
    expect(tagSubject(once, 'gb')).toBe(once);
  });

  test.prop([text])('addresses, ids and thread subjects', (s) => {
    parseTacitAddress(s, 'tacit.localhost');
    expect(parseConsultationId(s) ?? 'C-1').toMatch(/^C-\d+$/);
    expect(threadSubject(s).length).toBeLessThanOrEqual(Math.max(s.length, '(no subject)'.length));
  });

  test.prop([text, fc.integer({ min: 0, max: 4000 })])('capText and trimEndOf are bounded and idempotent', (s, max) => {
    const capped = capText(s, max);
    expect(capped.text.length).toBeLessThanOrEqual(max);
    expect(capText(capped.text, max).text).toBe(capped.text);
    const trimmed = trimEndOf(s, '.!');
    expect(trimmed).toBe(s.replace(/[.!]+$/, ''));
    expect(trimEndOf(trimmed, '.!')).toBe(trimmed);
  });
});
