import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A private key at rest in Postgres, encrypted with a key derived from the
 * server secret: a database dump alone does not let anyone sign as D.
 */
function vaultKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'tacit', 'dkim private key', 32));
}

export function sealSecret(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', vaultKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function openSecret(secret: string, sealed: string): string {
  const raw = Buffer.from(sealed.replace(/^v1:/, ''), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', vaultKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('the DKIM key in the database was encrypted with another server secret (TACIT_SECRET or TACIT_HOME/secret changed)');
  }
}
