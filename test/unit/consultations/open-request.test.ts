import { describe, expect, it } from 'vitest';
import { parseOpenRequest as parse } from '../../../src/domains/consultations/rules/openRequest.ts';
import { inEnglish } from '../../../test/helpers/inEnglish.ts';

// The reader gives its reasons as catalogue keys; these tests read them in English, the words they always compared.
const parseOpenRequest = (...a: Parameters<typeof parse>): ReturnType<typeof parse> => inEnglish(parse(...a));

const NOW = new Date('2026-03-25T10:17:00Z'); // Wednesday

const FOUNDING = {
  subject: 'Which name should the founding assembly adopt?',
  body: [
    'Kind: choice',
    'Deadline: 2026-04-03 18:00 Europe/London',
    'Reminder: 24 hours before',
    'List: icc',
    'Options:',
    'A. International Organization for a Free Society',
    'B) International Organization for a Participatory Society',
    '- C: International Organization for Participatory Socialism',
    '',
    'We need a name before the founding assembly.',
    '',
    'Reply with the letter you prefer, a ranking such as B > A > C,',
    'or "any". Silence means all three are fine with you.',
    '',
    '-- ',
    'Jane, for the ICC coordinators',
  ].join('\n'),
};

describe('parseOpenRequest', () => {
  it('reads the founding-name consultation sent to consult@', () => {
    expect(parseOpenRequest(FOUNDING, NOW)).toEqual({
      ok: true,
      spec: {
        question: 'Which name should the founding assembly adopt?',
        description: 'We need a name before the founding assembly.\n\nReply with the letter you prefer, a ranking such as B > A > C,\nor "any". Silence means all three are fine with you.',
        kind: 'choice',
        options: [
          { letter: 'A', text: 'International Organization for a Free Society' },
          { letter: 'B', text: 'International Organization for a Participatory Society' },
          { letter: 'C', text: 'International Organization for Participatory Socialism' },
        ],
        deadline: new Date('2026-04-03T17:00:00Z'),
        reminder: new Date('2026-04-02T17:00:00Z'),
        block: null,
        list: 'icc',
      },
    });
  });

  it('takes the list from the address and defaults to a proposal without options', () => {
    const r = parseOpenRequest({
      subject: 'Re: Adopt the 2027 budget',
      body: 'Deadline: in 7 days\n\nThe budget is attached.\nObject by replying "object: reason".',
      list: 'icc',
    }, NOW);
    expect(r).toEqual({
      ok: true,
      spec: {
        question: 'Adopt the 2027 budget',
        description: 'The budget is attached.\nObject by replying "object: reason".',
        kind: 'proposal',
        options: [],
        deadline: new Date('2026-04-01T10:17:00Z'),
        reminder: null,
        block: 1,
        list: 'icc',
      },
    });
  });

  it('defaults to a choice when options are given, with case-insensitive keys and other option styles', () => {
    const r = parseOpenRequest({
      subject: 'Venue',
      body: 'DEADLINE: Friday 18:00 UTC\nlist: GB-London\nCHOICES:\n(A) Conway Hall\nB - Friends House\nc: Online only\nThe rooms hold 80.',
    }, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.kind).toBe('choice');
    expect(r.spec.list).toBe('gb-london');
    expect(r.spec.deadline).toEqual(new Date('2026-03-27T18:00:00Z'));
    expect(r.spec.options).toEqual([
      { letter: 'A', text: 'Conway Hall' },
      { letter: 'B', text: 'Friends House' },
      { letter: 'C', text: 'Online only' },
    ]);
    expect(r.spec.description).toBe('The rooms hold 80.');
  });

  it('letters unlettered bullets under Options:', () => {
    const r = parseOpenRequest({
      subject: 'Colour', body: 'Deadline: 2026-04-01\nList: icc\nOptions:\n- Red\n- Green\n* Blue\n\nPick one.',
    }, NOW);
    expect(r.ok && r.spec.options).toEqual([
      { letter: 'A', text: 'Red' }, { letter: 'B', text: 'Green' }, { letter: 'C', text: 'Blue' },
    ]);
    expect(r.ok && r.spec.description).toBe('Pick one.');
  });

  it.each([
    ['Block: 10%', { percent: 10 }],
    ['Block: 2', 2],
    ['block threshold: 3 objections', 3],
  ])('reads the proposal threshold %j', (line, block) => {
    const r = parseOpenRequest({ subject: 'Q', body: `Kind: proposal\nDeadline: in 3 days\n${line}\nList: icc\n\nText.` }, NOW);
    expect(r.ok && r.spec.block).toEqual(block);
  });

  it('allows key lines with blank lines between them', () => {
    const r = parseOpenRequest({ subject: 'Q', body: 'Deadline: in 3 days\n\nList: icc\n\nOptions:\nA. x\nB. y\n\nWhy we ask.' }, NOW);
    expect(r.ok && [r.spec.list, r.spec.options.length, r.spec.description]).toEqual(['icc', 2, 'Why we ask.']);
  });

  it('treats an unknown "Word:" line as the start of the description', () => {
    const r = parseOpenRequest({ subject: 'Q', body: 'Deadline: in 3 days\nList: icc\nNote: the vote is informal.\nMore text.' }, NOW);
    expect(r.ok && [r.spec.kind, r.spec.description]).toEqual(['proposal', 'Note: the vote is informal.\nMore text.']);
  });

  const base = 'Deadline: 2026-04-03 18:00 UTC\nList: icc\n';
  it.each([
    ['missing question', { subject: '  ', body: `${base}Options:\nA. x\nB. y` },
      ['The question is missing: write it in the subject line.']],
    ['unknown kind', { subject: 'Q', body: `Kind: referendum\n${base}` },
      ['Kind: "referendum" is not a kind I know; write "Kind: choice" or "Kind: proposal" or "Kind: vote".']],
    ['choice with one option', { subject: 'Q', body: `Kind: choice\n${base}Options:\nA. Only this` },
      ['A choice needs at least two options, one per line like "A. First option" under "Options:"; only one was found.']],
    ['choice without options', { subject: 'Q', body: `Kind: choice\n${base}` },
      ['A choice needs at least two options, one per line like "A. First option" under "Options:"; none were found.']],
    ['duplicate letters', { subject: 'Q', body: `${base}Options:\nA. x\nB. y\nB. z` },
      ['Option B is listed twice; give each option its own letter.']],
    ['option without text', { subject: 'Q', body: `${base}Options:\nA. x\nB.` },
      ['Option B has no text.']],
    ['options on a proposal', { subject: 'Q', body: `Kind: proposal\n${base}Options:\nA. x\nB. y` },
      ['A proposal takes no options: remove the option lines, or write "Kind: choice" to ask members to choose.']],
    ['block on a choice', { subject: 'Q', body: `${base}Block: 1\nOptions:\nA. x\nB. y` },
      ['Block: applies only to proposals; a choice is decided by first preferences.']],
    ['bad block', { subject: 'Q', body: `${base}Block: many` },
      ['Block: "many" is not understood; write a number of objections ("Block: 2") or a share of the members ("Block: 10%").']],
    ['bad percentage', { subject: 'Q', body: `${base}Block: 150%` },
      ['Block: 150% is not a percentage between 0 and 100.']],
    ['missing deadline', { subject: 'Q', body: 'List: icc\n\nText' },
      ['The deadline is missing: add a line like "Deadline: Friday 18:00 UTC" or "Deadline: 2026-12-03 18:00 Europe/London".']],
    ['past deadline', { subject: 'Q', body: 'Deadline: 2026-03-01 12:00\nList: icc' },
      ['Deadline: "2026-03-01 12:00" is Sun 1 Mar 2026 12:00 UTC, which is in the past (it is now Wed 25 Mar 2026 10:17 UTC).']],
    ['unreadable deadline', { subject: 'Q', body: 'Deadline: when we are ready\nList: icc' },
      ['Deadline: I could not read a date in "when we are ready". Write it like "2026-12-03 18:00 UTC", "Friday 18:00 Europe/London" or "in 7 days".']],
    ['reminder after the deadline', { subject: 'Q', body: `${base}Reminder: 2026-04-05 09:00` },
      ['The reminder (Sun 5 Apr 2026 09:00 UTC) must come before the deadline (Fri 3 Apr 2026 18:00 UTC).']],
    ['missing list', { subject: 'Q', body: 'Deadline: in 3 days' },
      ['Which list should be consulted? Add a line like "List: icc", or send the mail to icc-consult@.']],
    ['list conflicting with the address', { subject: 'Q', body: 'Deadline: in 3 days\nList: icc', list: 'gb' },
      ['This was sent to gb-consult@ but says "List: icc"; send it to icc-consult@ or remove the List line.']],
    ['key given twice', { subject: 'Q', body: `${base}Deadline: in 3 days` },
      ['Deadline: given twice; keep one line.']],
  ])('refuses: %s', (_name, input, errors) => {
    expect(parseOpenRequest(input, NOW)).toEqual({ ok: false, errors });
  });

  it('lists every problem at once', () => {
    const r = parseOpenRequest({
      subject: '',
      body: 'Kind: proposal\nDeadline: last week\nReminder: whenever\nOptions:\nA. x\nA. y\n\nText',
    }, NOW);
    expect(r).toEqual({
      ok: false,
      errors: [
        'The question is missing: write it in the subject line.',
        'Option A is listed twice; give each option its own letter.',
        'A proposal takes no options: remove the option lines, or write "Kind: choice" to ask members to choose.',
        'Deadline: "last week" is Wed 18 Mar 2026 10:17 UTC, which is in the past (it is now Wed 25 Mar 2026 10:17 UTC).',
        'Reminder: I could not read a date in "whenever". Write it like "2026-12-03 18:00 UTC", "Friday 18:00 Europe/London" or "in 7 days".',
        'Which list should be consulted? Add a line like "List: icc", or send the mail to icc-consult@.',
      ],
    });
  });
});
