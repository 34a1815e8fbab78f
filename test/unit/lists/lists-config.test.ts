import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/shared/config/config.ts';

describe('list settings in the configuration', () => {
  it('keeps defaults that need nothing configured: no HTTP endpoint, author Reply-To, DMARC by policy', () => {
    const config = loadConfig({});
    expect(config.http).toBeNull();
    expect(config.publicUrl).toBeUndefined();
    expect(config.lists).toEqual({
      dmarcMode: 'auto',
      replyTo: 'author',
      bounceThreshold: 5,
      bounceHalfLifeDays: 7,
      bounceScoreGapHours: 24,
      holdExpiryHours: 168,
    });
  });

  it('runs the HTTP endpoint when a port or a public URL is set', () => {
    expect(loadConfig({ HTTP_PORT: '0' }).http).toEqual({ host: '127.0.0.1', port: 0 });
    const withUrl = loadConfig({ PUBLIC_URL: 'https://lists.example.org/' });
    expect(withUrl.http).toEqual({ host: '127.0.0.1', port: 8025 });
    expect(withUrl.publicUrl).toBe('https://lists.example.org');
  });

  it('refuses nonsense with a clear message', () => {
    expect(() => loadConfig({ DMARC_MODE: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ BOUNCE_THRESHOLD: '0' })).toThrow(/BOUNCE_THRESHOLD/);
    expect(() => loadConfig({ PUBLIC_URL: 'lists.example.org' })).toThrow(/PUBLIC_URL/);
  });
});
