import { describe, expect, it } from 'vitest';
import { messageKeyOf } from '../../../src/pipeline/ingest/storeInbound.ts';

describe('messageKeyOf (the duplicate key of a stored message)', () => {
  const body = Buffer.from('one body');
  it.each([
    ['the same Message-ID, sender and bytes (a retry)', '<a@x>', body, 'a@example.org', true],
    ['the sender in another case', '<a@x>', body, 'A@Example.org', true],
    ['other bytes under the same Message-ID', '<a@x>', Buffer.from('another body'), 'a@example.org', false],
    ['another sender with the same bytes', '<a@x>', body, 'mallory@evil.example', false],
    ['another Message-ID', '<b@x>', body, 'a@example.org', false],
  ])('%s: same key = %s', (_name, mid, raw, from, same) => {
    expect(messageKeyOf(mid, raw, from) === messageKeyOf('<a@x>', body, 'a@example.org')).toBe(same);
  });
  it('is short enough for a unique index whatever the Message-ID', () => {
    expect(messageKeyOf(`<${'q1'.repeat(2000)}@example.org>`, body, 'a@b')).toMatch(/^mid-from-body:[0-9a-f]{64}$/);
  });
  it('is a digest of the bytes when there is no Message-ID', () => {
    expect(messageKeyOf(null, Buffer.from('x'))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
