import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Address tokens (reply+TOKEN@, proxy+TOKEN@, confirm+TOKEN@, bounces+TOKEN@) are the ids
 * they name followed by an HMAC over the purpose and those ids: 128 bits
 * that cannot be guessed, cannot be reused for another purpose, and need no
 * lookup table. Only lower-case letters, digits, 'x' and '_' are used, so a
 * relay that lower-cases local parts does not break them.
 */
export type TokenPurpose = 'reply' | 'proxy' | 'confirm' | 'bounce' | 'unsubscribe' | 'signin' | 'session';

const MAC_HEX_LENGTH = 32; // 128 bits

function mac(secret: string, purpose: TokenPurpose, ids: readonly number[]): string {
  return createHmac('sha256', secret)
    .update(`${purpose}:${ids.join(',')}`)
    .digest('hex')
    .slice(0, MAC_HEX_LENGTH);
}

export function makeToken(secret: string, purpose: TokenPurpose, ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id < 0) throw new Error(`token ids must be non-negative integers, got ${id}`);
  }
  return `${ids.join('x')}_${mac(secret, purpose, ids)}`;
}

/** The ids a token names, or null when it is malformed or its MAC does not verify. */
export function readToken(secret: string, purpose: TokenPurpose, token: string, idCount: number): number[] | null {
  const match = /^(\d+(?:x\d+)*)_([0-9a-f]{32})$/.exec(token.toLowerCase());
  if (!match) return null;
  const ids = match[1].split('x').map(Number);
  if (ids.length !== idCount || ids.some((id) => !Number.isSafeInteger(id))) return null;
  const expected = Buffer.from(mac(secret, purpose, ids));
  const given = Buffer.from(match[2]);
  return timingSafeEqual(expected, given) ? ids : null;
}

// Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives.
const BALLOT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BALLOT_CODE_LENGTH = 10; // 50 bits: short enough to find on a sheet, far too many to guess

/**
 * A member's ballot code for one consultation: an HMAC of both ids, so the
 * member can find their own line on the tally sheet while nobody without the
 * server secret can tell whose line another is.
 */
export function ballotCode(secret: string, consultationId: number, memberId: number): string {
  const digest = createHmac('sha256', secret).update(`ballot:${consultationId},${memberId}`).digest();
  let bits = 0n;
  for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(digest[i]!);
  let code = '';
  for (let i = 0; i < BALLOT_CODE_LENGTH; i++) {
    code += BALLOT_ALPHABET[Number((bits >> BigInt(56 - 5 * (i + 1))) & 31n)];
  }
  return code;
}
