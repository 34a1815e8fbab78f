import { describe, expect, it } from 'vitest';
import { countryCode } from '../../../src/shared/rules/countries.ts';
import {
  parseRequestCommands,
  type ParsedCommands,
  type RequestMail,
} from '../../../src/shared/rules/requestCommands.ts';

describe('parseRequestCommands', () => {
  it.each<[string, RequestMail, ParsedCommands]>([
    ['help in the body', { body: 'help\n' }, { commands: [{ kind: 'help' }], unknown: [], stop: 'eof' }],
    ['help in the subject, empty body', { subject: 'HELP', body: '' }, { commands: [{ kind: 'help' }], unknown: [], stop: 'eof' }],
    ['subject Re: prefix', { subject: 'Re: lists', body: '' }, { commands: [{ kind: 'lists' }], unknown: [], stop: 'eof' }],
    [
      'subject that is not a command is ignored, body read',
      { subject: 'Hello there', body: 'Lists\nstatus.\n' },
      { commands: [{ kind: 'lists' }, { kind: 'status' }], unknown: [], stop: 'eof' },
    ],
    [
      'subject first, duplicates run once',
      { subject: 'subscribe gb', body: 'who gb\nsubscribe gb\n' },
      { commands: [{ kind: 'subscribe', list: 'gb', mode: 'immediate' }, { kind: 'who', list: 'gb' }], unknown: [], stop: 'eof' },
    ],
    [
      'join with details anywhere in the body',
      { subject: 'join', body: 'Name: Alice Example\n\nCountry: United Kingdom\nCity:   London  \n' },
      {
        commands: [{ kind: 'join', details: { name: 'Alice Example', countryInput: 'United Kingdom', country: 'GB', city: 'London' } }],
        unknown: [],
        stop: 'eof',
      },
    ],
    [
      'join details before the join line, ISO code country',
      { body: 'Country: fr\r\nCity: Lyon\r\nName: Bernard\r\nJOIN\r\n' },
      {
        commands: [{ kind: 'join', details: { name: 'Bernard', countryInput: 'fr', country: 'FR', city: 'Lyon' } }],
        unknown: [],
        stop: 'eof',
      },
    ],
    [
      'join with an unreadable country keeps the input',
      { body: 'join\nCountry: Atlantis\nCity: Poseidonia\n' },
      { commands: [{ kind: 'join', details: { countryInput: 'Atlantis', city: 'Poseidonia' } }], unknown: [], stop: 'eof' },
    ],
    ['join with no details', { body: 'join' }, { commands: [{ kind: 'join', details: {} }], unknown: [], stop: 'eof' }],
    ['leave', { body: 'leave' }, { commands: [{ kind: 'leave' }], unknown: [], stop: 'eof' }],
    [
      'subscribe LIST digest / unsubscribe LIST',
      { body: 'subscribe gb-london digest\nunsubscribe icc\n' },
      {
        commands: [
          { kind: 'subscribe', list: 'gb-london', mode: 'digest' },
          { kind: 'unsubscribe', list: 'icc' },
        ],
        unknown: [],
        stop: 'eof',
      },
    ],
    [
      'list written as an address',
      { body: 'subscribe GB-London@tacit.example.org' },
      { commands: [{ kind: 'subscribe', list: 'gb-london', mode: 'immediate' }], unknown: [], stop: 'eof' },
    ],
    [
      'set in both word orders',
      { body: 'set gb digest\nset nomail icc\nset gb-london immediate\n' },
      {
        commands: [
          { kind: 'set', list: 'gb', mode: 'digest' },
          { kind: 'set', list: 'icc', mode: 'nomail' },
          { kind: 'set', list: 'gb-london', mode: 'immediate' },
        ],
        unknown: [],
        stop: 'eof',
      },
    ],
    [
      'LIST-request@: bare commands apply to the default list',
      { subject: 'subscribe', body: 'set digest\nwho\nunsubscribe\nsubscribe digest\n', defaultList: 'gb-london' },
      {
        commands: [
          { kind: 'subscribe', list: 'gb-london', mode: 'immediate' },
          { kind: 'set', list: 'gb-london', mode: 'digest' },
          { kind: 'who', list: 'gb-london' },
          { kind: 'unsubscribe', list: 'gb-london' },
          { kind: 'subscribe', list: 'gb-london', mode: 'digest' },
        ],
        unknown: [],
        stop: 'eof',
      },
    ],
    [
      'request@: bare list commands are not understood',
      { body: 'subscribe\nset digest\nwho\n' },
      { commands: [], unknown: ['subscribe', 'set digest', 'who'], stop: 'too-many-unknown' },
    ],
    [
      'bad arguments are not understood',
      { body: 'set gb sometimes\nsubscribe gb nomail\n', defaultList: 'gb' },
      { commands: [], unknown: ['set gb sometimes', 'subscribe gb nomail'], stop: 'eof' },
    ],
    [
      'an explicit list beats the default one',
      { body: 'who icc', defaultList: 'gb' },
      { commands: [{ kind: 'who', list: 'icc' }], unknown: [], stop: 'eof' },
    ],
    [
      'move with one-word and multi-word countries',
      { body: 'move gb London\n' },
      { commands: [{ kind: 'move', country: 'GB', city: 'London' }], unknown: [], stop: 'eof' },
    ],
    [
      'move United States, New York',
      { body: 'move United States, New York' },
      { commands: [{ kind: 'move', country: 'US', city: 'New York' }], unknown: [], stop: 'eof' },
    ],
    [
      'move new zealand auckland',
      { body: 'Move New Zealand Auckland' },
      { commands: [{ kind: 'move', country: 'NZ', city: 'Auckland' }], unknown: [], stop: 'eof' },
    ],
    [
      'bare move takes Country:/City: lines',
      { body: 'move\nCountry: Deutschland\nCity: Köln\n' },
      { commands: [{ kind: 'move', country: 'DE', city: 'Köln' }], unknown: [], stop: 'eof' },
    ],
    [
      'move without a city, or to nowhere',
      { body: 'move gb\nmove atlantis poseidonia\nmove\n' },
      { commands: [], unknown: ['move gb', 'move atlantis poseidonia', 'move'], stop: 'eof' },
    ],
    [
      'end stops reading',
      { body: 'status\nend\nunsubscribe icc\nthanks!\n' },
      { commands: [{ kind: 'status' }], unknown: [], stop: 'end' },
    ],
    [
      'signature stops reading',
      { body: 'lists\n\n-- \nAlice Example\nsubscribe everything\n' },
      { commands: [{ kind: 'lists' }], unknown: [], stop: 'signature' },
    ],
    [
      'signature without the trailing space',
      { body: 'lists\n--\nAlice\n' },
      { commands: [{ kind: 'lists' }], unknown: [], stop: 'signature' },
    ],
    [
      'mobile signature stops reading',
      { body: 'leave\n\nSent from my iPhone\n' },
      { commands: [{ kind: 'leave' }], unknown: [], stop: 'signature' },
    ],
    [
      'quoted block stops reading',
      { body: 'subscribe icc\n\n> help\n> join\n' },
      { commands: [{ kind: 'subscribe', list: 'icc', mode: 'immediate' }], unknown: [], stop: 'quote' },
    ],
    [
      'On ... wrote: stops reading (the quoted help text has Name: lines)',
      {
        body: 'join\nName: Carla\nCountry: Italia\nCity: Roma\n\nOn Mon, 2 Jun 2025 at 09:00, Tacit <request@tacit.test> wrote:\n> Name: Your name\n> Country: your country\n',
      },
      {
        commands: [{ kind: 'join', details: { name: 'Carla', countryInput: 'Italia', country: 'IT', city: 'Roma' } }],
        unknown: [],
        stop: 'quote',
      },
    ],
    [
      'German attribution line',
      { body: 'status\nAm 02.06.2025 um 09:00 schrieb Tacit <request@tacit.test>:\nhelp\n' },
      { commands: [{ kind: 'status' }], unknown: [], stop: 'quote' },
    ],
    [
      'Outlook header block',
      { body: 'leave\n\nFrom: Tacit <request@tacit.test>\nSent: Monday, June 2, 2025 9:00 AM\nTo: Alice\nSubject: help\n' },
      { commands: [{ kind: 'leave' }], unknown: [], stop: 'quote' },
    ],
    [
      'Outlook original-message banner',
      { body: 'lists\n-----Original Message-----\nhelp\n' },
      { commands: [{ kind: 'lists' }], unknown: [], stop: 'quote' },
    ],
    [
      'unknown lines reported; commands after them still read',
      { body: 'Hi,\nsubscribe gb\nplease\n' },
      { commands: [{ kind: 'subscribe', list: 'gb', mode: 'immediate' }], unknown: ['Hi,', 'please'], stop: 'eof' },
    ],
    [
      'prose after a command: stop after three lines not understood',
      {
        body: 'subscribe gb\nThanks so much for setting this up.\nI look forward to the meetings.\nSee you in London,\nsubscribe icc\nAlice\n',
      },
      {
        commands: [{ kind: 'subscribe', list: 'gb', mode: 'immediate' }],
        unknown: ['Thanks so much for setting this up.', 'I look forward to the meetings.', 'See you in London,'],
        stop: 'too-many-unknown',
      },
    ],
    [
      'commands with extra words are not guessed',
      { body: 'help me please\njoin london\nleave now\n' },
      { commands: [], unknown: ['help me please', 'join london', 'leave now'], stop: 'too-many-unknown' },
    ],
    [
      'indentation, non-breaking spaces, CRLF and blank lines',
      { body: '\r\n\r\n   Help\u00a0 \r\n\r\n\tLISTS!\r\n' },
      { commands: [{ kind: 'help' }, { kind: 'lists' }], unknown: [], stop: 'eof' },
    ],
    [
      'a long line is cut in the report',
      { body: `x${'y'.repeat(300)}` },
      { commands: [], unknown: [`x${'y'.repeat(199)}`], stop: 'eof' },
    ],
    ['empty mail', { body: '' }, { commands: [], unknown: [], stop: 'eof' }],
  ])('%s', (_n, mail, expected) => {
    expect(parseRequestCommands(mail)).toStrictEqual(expected);
  });
});

describe('countryCode', () => {
  it.each<[string, string | undefined]>([
    ['gb', 'GB'], ['GB', 'GB'], ['uk', 'GB'], ['U.K.', 'GB'], ['United Kingdom', 'GB'], ['England', 'GB'],
    ['Scotland', 'GB'], ['Great Britain', 'GB'], ['us', 'US'], ['USA', 'US'], ['U.S.A.', 'US'],
    ['United States of America', 'US'], ['fr', 'FR'], ['France', 'FR'], ['de', 'DE'], ['Germany', 'DE'],
    ['Deutschland', 'DE'], ['es', 'ES'], ['Spain', 'ES'], ['España', 'ES'], ['it', 'IT'], ['Italy', 'IT'],
    ['nl', 'NL'], ['The Netherlands', 'NL'], ['Holland', 'NL'], ['be', 'BE'], ['Belgium', 'BE'], ['België', 'BE'],
    ['se', 'SE'], ['Sweden', 'SE'], ['Sverige', 'SE'], ['no', 'NO'], ['Norway', 'NO'], ['dk', 'DK'], ['Danmark', 'DK'],
    ['pl', 'PL'], ['Polska', 'PL'], ['pt', 'PT'], ['Portugal', 'PT'], ['ie', 'IE'], ['Ireland', 'IE'], ['Éire', 'IE'],
    ['ch', 'CH'], ['Switzerland', 'CH'], ['Schweiz', 'CH'], ['at', 'AT'], ['Österreich', 'AT'], ['gr', 'GR'],
    ['Greece', 'GR'], ['tr', 'TR'], ['Turkey', 'TR'], ['Türkiye', 'TR'], ['in', 'IN'], ['India', 'IN'],
    ['br', 'BR'], ['Brasil', 'BR'], ['ar', 'AR'], ['Argentina', 'AR'], ['mx', 'MX'], ['México', 'MX'],
    ['ca', 'CA'], ['Canada', 'CA'], ['au', 'AU'], ['Australia', 'AU'], ['nz', 'NZ'], ['New Zealand', 'NZ'],
    ['za', 'ZA'], ['South Africa', 'ZA'], ['jp', 'JP'], ['Japan', 'JP'], ['kr', 'KR'], ['South Korea', 'KR'],
    ['cn', 'CN'], ['China', 'CN'], ['ru', 'RU'], ['Russia', 'RU'], ['ua', 'UA'], ['Ukraine', 'UA'],
    ['fi', 'FI'], ['Suomi', 'FI'], ['Czech Republic', 'CZ'], ['Czechia', 'CZ'], ["Côte d'Ivoire", 'CI'],
    // from the generated (ICU) names
    ['Bosnia & Herzegovina', 'BA'], ['Frankreich', 'FR'], ['Allemagne', 'DE'], ['Norvège', 'NO'],
    // not countries
    ['xx', undefined], ['Atlantis', undefined], ['', undefined], ['London', undefined], ['EU', undefined],
  ])('%j → %s', (input, expected) => {
    expect(countryCode(input)).toBe(expected);
  });
});
