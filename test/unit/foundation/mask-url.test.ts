import { describe, expect, it } from 'vitest';
import { maskUrl } from '../../../src/shared/config/maskUrl.ts';

describe('maskUrl', () => {
  it.each([
    ['postgres://tacit:s3cret@db.example.org/tacit', 'postgres://tacit:***@db.example.org/tacit'],
    ['redis://:s3cret@cache.example.org:6379', 'redis://:***@cache.example.org:6379'],
    ['imaps://u%40d:p%2Fw@mail.example:993/INBOX', 'imaps://u%40d:***@mail.example:993/INBOX'],
    ['smtp://relay.example.org:25', 'smtp://relay.example.org:25'],
    ['smtp://user@relay.example.org:25', 'smtp://user@relay.example.org:25'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });
});
