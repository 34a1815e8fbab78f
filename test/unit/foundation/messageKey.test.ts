import { describe, expect, it } from 'vitest';
import { messageKeyOf } from '../../../src/ingest/storeInbound.ts';

describe('messageKeyOf (the duplicate key of a stored message)', () => {
  it('is the Message-ID when it is of a sane length', () => {
    expect(messageKeyOf('<a@example.org>', Buffer.from('x'))).toBe('<a@example.org>');
  });
  it('is a digest of a huge Message-ID, stable and short enough for a unique index', () => {
    const huge = `<${'q1'.repeat(2000)}@example.org>`;
    const key = messageKeyOf(huge, Buffer.from('one body'));
    expect(key).toMatch(/^mid-sha256:[0-9a-f]{64}$/);
    expect(messageKeyOf(huge, Buffer.from('another body'))).toBe(key);
    expect(messageKeyOf(`${huge} `.trim().replace('q1', 'q2'), Buffer.from('x'))).not.toBe(key);
  });
  it('is a digest of the bytes when there is no Message-ID', () => {
    expect(messageKeyOf(null, Buffer.from('x'))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
