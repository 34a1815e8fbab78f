import { describe, expect, it } from 'vitest';
import { acceptedLanguage, countryLanguage, describeLanguage, memberLanguage, normalizeLanguage } from '../../../src/shared/rules/language.ts';
import { parseRequestCommands } from '../../../src/shared/rules/requestCommands.ts';
import { readRow, readHeader } from '../../../src/domains/org/importMembers.ts';

describe('a member\'s language', () => {
  it.each([
    ['their own choice first', { language: 'en', listLanguage: 'fr', country: 'FR' }, 'en'],
    ['else their most local list\'s', { language: null, listLanguage: 'fr', country: 'BE' }, 'fr'],
    ['else their country\'s main language where Tacit has it', { country: 'BR' }, 'pt'],
    ['a country of several languages gives none', { country: 'BE' }, 'en'],
    ['a country Tacit has no translation for gives none', { country: 'JP' }, 'en'],
    ['nothing known: English', {}, 'en'],
    ['a stored code Tacit no longer writes is passed over', { language: 'el', country: 'SE' }, 'sv'],
  ])('%s', (_name, member, expected) => {
    expect(memberLanguage(member)).toBe(expected);
  });

  it('says where it comes from', () => {
    expect(describeLanguage({ listLanguage: 'fr' })).toBe('fr (French, from your list)');
    expect(describeLanguage({ language: 'de' })).toBe('de (German)');
    expect(describeLanguage({})).toBe('en (English, the default)');
  });

  it('reads codes as people write them', () => {
    expect(normalizeLanguage('FR')).toBe('fr');
    expect(normalizeLanguage('pt_BR')).toBe('pt');
    expect(normalizeLanguage('fr-BE')).toBe('fr');
    expect(normalizeLanguage('el')).toBeNull();
    expect(countryLanguage('se')).toBe('sv');
  });
});

describe('Accept-Language', () => {
  it.each([
    ['fr-BE,fr;q=0.9,en;q=0.8', 'fr'],
    ['ja,de;q=0.5,en;q=0.7', 'en'],
    ['ja, zh', null],
    ['en;q=0, pl', 'pl'],
    ['', null],
  ])('%j → %s', (header, expected) => {
    expect(acceptedLanguage(header)).toBe(expected);
  });
});

describe('set language', () => {
  it('is a reserved word of set, never a list', () => {
    expect(parseRequestCommands({ body: 'set language fr\n' }).commands).toEqual([{ kind: 'set-language', language: 'fr', input: 'fr' }]);
    expect(parseRequestCommands({ body: 'set language Klingon\n' }).commands).toEqual([{ kind: 'set-language', language: null, input: 'Klingon' }]);
  });
});

describe('the CSV language column', () => {
  it('is read by its header and checked', () => {
    const columns = readHeader(['email', 'name', 'country', 'city', 'lists', 'language'])!;
    expect(readRow(['ana@x.org', 'Ana', 'BE', 'Liège', '', 'FR'], columns, 2, new Set())).toMatchObject({ email: 'ana@x.org', language: 'fr' });
    expect(readRow(['ana@x.org', 'Ana', 'BE', 'Liège', '', 'tlh'], columns, 2, new Set())).toEqual({ refused: 'Tacit does not write in tlh' });
  });
});
