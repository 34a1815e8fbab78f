import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../../../src/shared/config/config.ts';
import { webAddressLine } from '../../../src/shared/config/httpEndpoint.ts';

describe('configuration', () => {
  it('has defaults that run on one machine', () => {
    const config = loadConfig({});
    expect(config.domain).toBe('tacit.localhost');
    expect(config.smtp).toMatchObject({ host: '127.0.0.1', port: 2525, maxSize: 25 * 1024 * 1024 });
    expect(config.outbound).toEqual({ kind: 'maildir', dir: expect.stringMatching(/\/var\/outbox$/) });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads a relay and URLs', () => {
    const config = loadConfig({
      OUTBOUND: 'smtp://relay.example.org:587',
      DATABASE_URL: 'postgres://tacit:pw@db.example.org/tacit',
      TACIT_DOMAIN: 'Lists.Example.ORG',
    });
    expect(config.outbound).toEqual({ kind: 'smtp', url: 'smtp://relay.example.org:587' });
    expect(config.domain).toBe('lists.example.org');
    expect(describeConfig(config).databaseUrl).toBe('postgres://tacit:***@db.example.org/tacit');
    expect(config.imap).toBeNull();
  });

  it('checks senders itself unless a trusted MX is named', () => {
    expect(loadConfig({}).auth).toEqual({ authservId: null, dnsServers: [], signedCommandMaxAgeMs: 48 * 3_600_000, arcTrustedSealers: [] });
    expect(loadConfig({ AUTHSERV_ID: 'mx.example.org', DNS_SERVERS: '127.0.0.53, 2001:db8::1' }).auth)
      .toMatchObject({ authservId: 'mx.example.org', dnsServers: ['127.0.0.53', '2001:db8::1'] });
  });

  it('reads how long a signed command acts at once, and the trusted ARC sealers', () => {
    expect(loadConfig({ SIGNED_COMMAND_MAX_AGE: '2d', ARC_TRUSTED_SEALERS: 'Lists.Example.net, fwd.example' }).auth)
      .toMatchObject({ signedCommandMaxAgeMs: 2 * 86_400_000, arcTrustedSealers: ['lists.example.net', 'fwd.example'] });
    expect(loadConfig({ SIGNED_COMMAND_MAX_AGE: '90m' }).auth.signedCommandMaxAgeMs).toBe(90 * 60_000);
    expect(loadConfig({ SIGNED_COMMAND_MAX_AGE: '12' }).auth.signedCommandMaxAgeMs).toBe(12 * 3_600_000);
    expect(() => loadConfig({ SIGNED_COMMAND_MAX_AGE: 'forever' })).toThrow(/SIGNED_COMMAND_MAX_AGE: must be a duration/);
  });

  it('reads the optional IMAP ingest and masks its password when printed', () => {
    const config = loadConfig({ IMAP_URL: 'imaps://inbox:s3cret@mail.example.org/INBOX' });
    expect(config.imap).toMatchObject({ url: 'imaps://inbox:s3cret@mail.example.org/INBOX' });
    expect(JSON.stringify(describeConfig(config))).not.toContain('s3cret');
  });

  it.each([
    [{ SMTP_PORT: 'twenty-five' }, /SMTP_PORT/],
    [{ OUTBOUND: 'ftp://x' }, /OUTBOUND: must be maildir:PATH or smtp:\/\/host:port/],
    [{ TACIT_DOMAIN: 'not a domain' }, /TACIT_DOMAIN/],
    [{ TACIT_SECRET: 'short' }, /TACIT_SECRET: must be at least 16 characters/],
    [{ DATABASE_URL: 'nonsense' }, /DATABASE_URL/],
    [{ AUTHSERV_ID: 'mx.example.org; dkim=pass' }, /AUTHSERV_ID: must be one authserv-id/],
    [{ DNS_SERVERS: 'dns.example.org' }, /DNS_SERVERS: must be comma-separated IP addresses/],
  ])('explains a bad setting %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('listens where a PUBLIC_URL on this machine points, unless HTTP_PORT says otherwise', () => {
    expect(loadConfig({}).http).toBeNull();
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080' }).http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:9000/tacit' }).http).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(loadConfig({ PUBLIC_URL: 'http://[::1]:9001' }).http).toEqual({ host: '::1', port: 9001 });
    // No port: port 80, which only root may open, so a proxy's address; start says both.
    expect(loadConfig({ PUBLIC_URL: 'http://localhost' }).http).toEqual({ host: '127.0.0.1', port: 8025 });
    expect(webAddressLine('http://localhost', { host: '127.0.0.1', port: 8025 })).toBe('http://127.0.0.1:8025, but links point to PUBLIC_URL http://localhost: forward that address here');
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080', HTTP_HOST: '0.0.0.0' }).http).toEqual({ host: '0.0.0.0', port: 8080 });
    // HTTP_PORT wins; a proxy's address (another host, or https, which this endpoint never speaks) keeps 8025.
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080', HTTP_PORT: '9100' }).http).toEqual({ host: '127.0.0.1', port: 9100 });
    expect(loadConfig({ PUBLIC_URL: 'https://lists.example.org' }).http).toEqual({ host: '127.0.0.1', port: 8025 });
    expect(loadConfig({ PUBLIC_URL: 'https://localhost:8443' }).http).toEqual({ host: '127.0.0.1', port: 8025 });
    expect(loadConfig({ PUBLIC_URL: 'http://lists.example.org:8080' }).http).toEqual({ host: '127.0.0.1', port: 8025 });
    expect(loadConfig({ HTTP_PORT: '0' }).http).toEqual({ host: '127.0.0.1', port: 0 });
  });

  it('says at start where the web endpoint is, and both addresses when the links point elsewhere', () => {
    expect(webAddressLine(undefined, null)).toBe('off (PUBLIC_URL=http://127.0.0.1:8025 serves the web record and /health there)');
    expect(webAddressLine(undefined, { host: '127.0.0.1', port: 8025 })).toBe('http://127.0.0.1:8025 (/health; PUBLIC_URL unset: no web record, no links)');
    expect(webAddressLine('http://127.0.0.1:8025', { host: '127.0.0.1', port: 8025 })).toBe('http://127.0.0.1:8025 (PUBLIC_URL)');
    expect(webAddressLine('http://[::1]:8080/tacit', { host: '::1', port: 8080 })).toBe('http://[::1]:8080/tacit (PUBLIC_URL)');
    expect(webAddressLine('http://localhost:8080', { host: '127.0.0.1', port: 8080 })).toBe('http://localhost:8080 (PUBLIC_URL; listening on http://127.0.0.1:8080)');
    expect(webAddressLine('http://localhost:8080', { host: '0.0.0.0', port: 8080 })).toBe('http://localhost:8080 (PUBLIC_URL; listening on http://0.0.0.0:8080)');
    expect(webAddressLine('http://localhost:8080', { host: '127.0.0.1', port: 9100 })).toBe(
      'http://127.0.0.1:9100, but links point to PUBLIC_URL http://localhost:8080: forward that address here',
    );
    expect(webAddressLine('https://lists.example.org', { host: '127.0.0.1', port: 8025 })).toBe(
      'http://127.0.0.1:8025, but links point to PUBLIC_URL https://lists.example.org: forward that address here',
    );
  });
});
