import { describe, expect, it } from 'vitest';
import { mboxEntry } from '../../../src/http/rules/mbox.ts';

const DATE = new Date('2026-11-02T09:05:07Z');

describe('mboxEntry', () => {
  it.each<[string, string, string, string]>([
    ['CRLF to LF, separator with asctime date', 'Subject: Hi\r\n\r\nHello\r\n', 'ana@example.org',
      'From ana@example.org Mon Nov  2 09:05:07 2026\nSubject: Hi\n\nHello\n\n'],
    ['body lines starting with From are quoted (mboxrd)', 'Subject: Hi\n\nFrom here on\n>From there\nNot From\n', 'ana@example.org',
      'From ana@example.org Mon Nov  2 09:05:07 2026\nSubject: Hi\n\n>From here on\n>>From there\nNot From\n\n'],
    ['no final line end, empty sender', 'Subject: Hi\n\nbye', '',
      'From MAILER-DAEMON Mon Nov  2 09:05:07 2026\nSubject: Hi\n\nbye\n\n'],
  ])('%s', (_name, raw, sender, expected) => {
    expect(mboxEntry(raw, sender, DATE)).toBe(expected);
  });
});
