import { describe, expect, it } from 'vitest';
import { headerBag, headerBagFromRaw } from '../../../src/shared/rules/headers.ts';
import { isLoop, listHeaders, tagSubject, type ListHeaderInput } from '../../../src/shared/rules/listHeaders.ts';

const TOKEN = 'u1_Xb9QmT3aK7pLw2ZrN4c';

describe('listHeaders', () => {
  it.each<[string, ListHeaderInput, Record<string, string>]>([
    [
      'with an https public URL: one-click unsubscribe',
      { list: { slug: 'gb-london', name: 'London chapter' }, domain: 'Tacit.Example.org', publicUrl: 'https://tacit.example.org/', unsubscribeToken: TOKEN },
      {
        'List-Id': '"London chapter" <gb-london.tacit.example.org>',
        'List-Post': '<mailto:gb-london@tacit.example.org>',
        'List-Help': '<mailto:gb-london-request@tacit.example.org?subject=help>',
        'List-Unsubscribe': `<https://tacit.example.org/unsubscribe/${TOKEN}>, <mailto:gb-london-request@tacit.example.org?subject=unsubscribe%20gb-london>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Owner': '<mailto:gb-london-owner@tacit.example.org>',
        Precedence: 'list',
        'X-Loop': 'gb-london@tacit.example.org',
      },
    ],
    [
      'without a public URL: mailto only, no List-Unsubscribe-Post',
      { list: { slug: 'icc', name: 'Interim Consultative Committee' }, domain: 'tacit.test', unsubscribeToken: TOKEN },
      {
        'List-Id': '"Interim Consultative Committee" <icc.tacit.test>',
        'List-Post': '<mailto:icc@tacit.test>',
        'List-Help': '<mailto:icc-request@tacit.test?subject=help>',
        'List-Unsubscribe': '<mailto:icc-request@tacit.test?subject=unsubscribe%20icc>',
        'List-Owner': '<mailto:icc-owner@tacit.test>',
        Precedence: 'list',
        'X-Loop': 'icc@tacit.test',
      },
    ],
    [
      'plain http URL: a link but no one-click (RFC 8058 needs https)',
      { list: { slug: 'gb', name: 'Say "hi" \\ UK\r\nBcc: evil@x' }, domain: 'tacit.test', publicUrl: 'http://localhost:8080/tacit', unsubscribeToken: TOKEN },
      {
        'List-Id': '"Say \\"hi\\" \\\\ UK Bcc: evil@x" <gb.tacit.test>',
        'List-Post': '<mailto:gb@tacit.test>',
        'List-Help': '<mailto:gb-request@tacit.test?subject=help>',
        'List-Unsubscribe': `<http://localhost:8080/tacit/unsubscribe/${TOKEN}>, <mailto:gb-request@tacit.test?subject=unsubscribe%20gb>`,
        'List-Owner': '<mailto:gb-owner@tacit.test>',
        Precedence: 'list',
        'X-Loop': 'gb@tacit.test',
      },
    ],
  ])('%s', (_n, input, expected) => {
    expect(listHeaders(input)).toStrictEqual(expected);
  });
});

describe('tagSubject', () => {
  it.each<[string, string, string]>([
    ['Venue for the assembly', 'gb', '[gb] Venue for the assembly'],
    ['[gb] Venue', 'gb', '[gb] Venue'],
    ['[GB] Venue', 'gb', '[gb] Venue'],
    ['[gb] [gb] Venue', 'gb', '[gb] Venue'],
    ['Re: [gb] Venue', 'gb', 'Re: [gb] Venue'],
    ['Re: Re: [gb] Venue', 'gb', 'Re: [gb] Venue'],
    ['RE: [gb] Re: [gb] Venue', 'gb', 'Re: [gb] Venue'],
    ['[gb] Re: Venue', 'gb', 'Re: [gb] Venue'],
    ['Re: Venue', 'gb', 'Re: [gb] Venue'],
    ['AW: Venue', 'gb', 'Re: [gb] Venue'],
    ['AW: AW: [gb] Tagungsort', 'gb', 'Re: [gb] Tagungsort'],
    ['SV: [gb] Plats', 'gb', 'Re: [gb] Plats'],
    ['RE : [gb] Lieu', 'gb', 'Re: [gb] Lieu'],
    ['Re[2]: [gb] Venue', 'gb', 'Re: [gb] Venue'],
    ['Odp: Miejsce', 'gb', 'Re: [gb] Miejsce'],
    ['Fwd: minutes', 'gb', '[gb] Fwd: minutes'],
    ['Fwd: [gb] minutes', 'gb', '[gb] Fwd: minutes'],
    ['[gb-london] pub night', 'gb', '[gb] [gb-london] pub night'],
    ['Re: [gb] pub night', 'gb-london', 'Re: [gb-london] [gb] pub night'],
    ['Regional meeting', 'gb', '[gb] Regional meeting'],
    ['Really: a question', 'gb', '[gb] Really: a question'],
    ['', 'gb', '[gb]'],
    ['Re:', 'gb', 'Re: [gb]'],
    ['  spaced\r\n out  ', 'gb', '[gb] spaced out'],
  ])('%j with %s → %j', (subject, slug, expected) => {
    expect(tagSubject(subject, slug)).toBe(expected);
  });
});

describe('isLoop', () => {
  it.each<[string, string, boolean]>([
    ['X-Loop: gb@tacit.test', 'gb', true],
    ['X-Loop: GB@Tacit.Test', 'gb', true],
    ['X-Loop: other@lists.example\r\nX-Loop: gb@tacit.test', 'gb', true],
    ['List-Post: <mailto:gb@tacit.test>', 'gb', true],
    ['List-Post: <mailto:gb@tacit.test?subject=x>', 'gb', true],
    ['List-Id: "UK branch" <gb.tacit.test>', 'gb', true],
    ['X-Loop: gb-london@tacit.test', 'gb', false],
    ['List-Post: <mailto:gb@lists.other.example>', 'gb', false],
    ['List-Id: <gb.lists.other.example>', 'gb', false],
    ['List-Post: NO', 'gb', false],
    ['X-Mailer: Thunderbird', 'gb', false],
  ])('%j for %s → %s', (extra, slug, expected) => {
    const raw = `From: a@example.org\r\nSubject: hi\r\n${extra}\r\n\r\nbody\r\n`;
    expect(isLoop(headerBagFromRaw(raw), slug, 'tacit.test')).toBe(expected);
  });

  it('reads the headers this module writes', () => {
    const h = listHeaders({ list: { slug: 'icc', name: 'ICC' }, domain: 'tacit.test', unsubscribeToken: TOKEN });
    expect(isLoop(headerBag(h), 'icc', 'tacit.test')).toBe(true);
    expect(isLoop(headerBag(h), 'gb', 'tacit.test')).toBe(false);
  });
});

describe('a list name outside ASCII', () => {
  const decode = (value: string) =>
    [...value.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8')).join('');

  it.each(['Łódź (Polska)', 'Lyon (Rhône)', 'Śląsk i Małopolska — koło regionalne Żywiec, Bielsko-Biała, Cieszyn'])('List-Id is ASCII and decodes to %s', (name) => {
    const id = listHeaders({ list: { slug: 'x', name }, domain: 'd.example', unsubscribeToken: 't' })['List-Id']!;
    // eslint-disable-next-line no-control-regex
    expect(id).toMatch(/^[\x20-\x7e]+$/);
    expect(id.endsWith(' <x.d.example>')).toBe(true);
    for (const word of id.match(/=\?[^ ]*\?=/g)!) expect(word.length).toBeLessThanOrEqual(75);
    expect(decode(id)).toBe(name);
  });
});
