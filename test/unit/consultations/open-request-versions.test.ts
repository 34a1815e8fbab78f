import { describe, expect, it } from 'vitest';
import { parseOpenRequest as parse } from '../../../src/domains/consultations/rules/openRequest.ts';
import { inEnglish } from '../../../test/helpers/inEnglish.ts';
import { inLanguage, optionsWithAllTitles } from '../../../src/domains/consultations/rules/questionVersions.ts';

// The reader gives its reasons as catalogue keys; these tests read them in English, the words they always compared.
const parseOpenRequest = (...a: Parameters<typeof parse>): ReturnType<typeof parse> => inEnglish(parse(...a));

const NOW = new Date('2026-03-25T10:17:00Z');

const open = (lines: string[], subject = 'Where do we meet?') => parseOpenRequest({ subject, body: lines.join('\n'), list: 'lyon' }, NOW);

const BILINGUAL = [
  'Kind: choice',
  'Deadline: 2026-04-03 18:00 UTC',
  'Options:',
  'A. Lyon, in the union hall',
  'B. Brussels',
  'C. Online only',
  'Question[fr]: Où nous réunir ?',
  'Options[fr]:',
  'A. Lyon, à la bourse du travail',
  'B. Bruxelles',
  'C. En ligne seulement',
  'Question[nl]: Waar komen we samen?',
  'Options[nl]:',
  '- Lyon, in het vakbondshuis',
  '- Brussel',
  '- Alleen online',
  '',
  'Three chapters offered to host it.',
  '',
  'Description[fr]:',
  'Trois sections proposent de nous accueillir.',
  '',
  'Les coûts sont dans le tableau.',
  'Description[nl]: Drie afdelingen willen ons ontvangen.',
];

describe('an opening in several languages (issue 23, item 4)', () => {
  it('reads each language\'s question, options (bullets lettered from A) and description', () => {
    const r = open(BILINGUAL);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.question).toBe('Where do we meet?');
    expect(r.spec.description).toBe('Three chapters offered to host it.');
    expect(r.spec.options.map((o) => o.text)).toEqual(['Lyon, in the union hall', 'Brussels', 'Online only']);
    expect(r.spec.versions).toEqual({
      fr: {
        question: 'Où nous réunir ?',
        description: 'Trois sections proposent de nous accueillir.\n\nLes coûts sont dans le tableau.',
        options: [{ letter: 'A', text: 'Lyon, à la bourse du travail' }, { letter: 'B', text: 'Bruxelles' }, { letter: 'C', text: 'En ligne seulement' }],
      },
      nl: {
        question: 'Waar komen we samen?',
        description: 'Drie afdelingen willen ons ontvangen.',
        options: [{ letter: 'A', text: 'Lyon, in het vakbondshuis' }, { letter: 'B', text: 'Brussel' }, { letter: 'C', text: 'Alleen online' }],
      },
    });
  });

  it('gives each reader their version, field by field, else the default', () => {
    const r = open(BILINGUAL);
    if (!r.ok) throw new Error(r.errors.join('; '));
    const c = { ...r.spec, versions: r.spec.versions! };
    const fr = inLanguage(c, 'fr');
    expect([fr.question, fr.options[1]]).toEqual(['Où nous réunir ?', { letter: 'B', text: 'Bruxelles' }]);
    const de = inLanguage(c, 'de');
    expect([de.question, de.description, de.options[1]!.text]).toEqual(['Where do we meet?', 'Three chapters offered to host it.', 'Brussels']);
    // The question alone in a language: the description and options stay the default's.
    const onlyQuestion = { ...c, versions: { pt: { question: 'Onde nos reunimos?' } } };
    expect(inLanguage(onlyQuestion, 'pt')).toMatchObject({ question: 'Onde nos reunimos?', description: c.description, options: c.options });
    expect(optionsWithAllTitles(c.options, c.versions)[1]).toEqual({ letter: 'B', text: 'Brussels', titles: ['Bruxelles', 'Brussel'] });
  });

  it('takes the first language as the default when a field has no version without a language', () => {
    const r = open([
      'Deadline: 2026-04-03 18:00 UTC',
      'Options[fr]:', 'A. Lyon', 'B. Bruxelles',
      'Options[en]:', 'A. Lyon', 'B. Brussels',
      '',
      'Description[fr]: Deux villes.',
      'Description[en]: Two cities.',
    ], 'Où nous réunir ?');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.kind).toBe('choice');
    expect(r.spec.options).toEqual([{ letter: 'A', text: 'Lyon' }, { letter: 'B', text: 'Bruxelles' }]);
    expect(r.spec.description).toBe('Deux villes.');
    expect(r.spec.versions?.en?.options?.[1]?.text).toBe('Brussels');
  });

  it('refuses options that do not match in count or letters, with a clear answer', () => {
    const fewer = open(['Deadline: 2026-04-03 18:00 UTC', 'Options:', 'A. Lyon', 'B. Brussels', 'C. Online', 'Options[fr]:', 'A. Lyon', 'B. Bruxelles']);
    expect(fewer).toEqual({ ok: false, errors: [expect.stringMatching(/^Options\[fr\]: 2 options \(A, B\), but the options have 3 \(A, B, C\)/)] });
    const letters = open(['Deadline: 2026-04-03 18:00 UTC', 'Options:', 'A. Lyon', 'B. Brussels', 'Options[fr]:', 'A. Lyon', 'C. Bruxelles']);
    expect(letters.ok).toBe(false);
    if (!letters.ok) expect(letters.errors.join('\n')).toContain('Options[fr]: the letters A, C are not those of the options (A, B)');
  });

  it('names a language Tacit does not write, a key with no versions, and a field given twice', () => {
    const r = open([
      'Deadline: 2026-04-03 18:00 UTC',
      'Question[xx]: ?',
      'Deadline[fr]: vendredi',
      'Question[fr]: Où ?',
      'Question[fr]: Où donc ?',
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.stringMatching(/^Question\[xx\]: "xx" is not a language Tacit writes; the codes are en, fr, de/),
      expect.stringMatching(/^Deadline\[fr\]: only the question, the description and the options can be given per language/),
      'Question[fr]: given twice; keep one line.',
    ]);
  });

  it('works for a formal vote too, its versions before or after its key lines', () => {
    const r = open([
      'Question[fr]: Qui élire ?',
      'Kind: vote',
      'Deadline: 2026-04-03 18:00 UTC',
      'Options:', 'A. Ana', 'B. Bo', 'C. Cy',
      'Options[fr]:', 'A. Ana', 'B. Bo', 'C. Cyrille',
      'Count: schulze',
    ], 'Whom do we elect?');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.kind).toBe('vote');
    expect(r.spec.versions?.fr).toMatchObject({ question: 'Qui élire ?', options: [{ letter: 'A', text: 'Ana' }, { letter: 'B', text: 'Bo' }, { letter: 'C', text: 'Cyrille' }] });
  });

  it('leaves an opening without versions as it was', () => {
    const r = open(['Deadline: 2026-04-03 18:00 UTC', 'Options:', 'A. Lyon', 'B. Brussels', '', 'Note: Description[fr] is not at the start of a line here.']);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.spec).not.toHaveProperty('versions');
  });
});
