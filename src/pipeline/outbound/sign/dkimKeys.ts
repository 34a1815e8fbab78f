import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Context } from '../../../shared/context.ts';
import { openSecret, sealSecret } from './keyVault.ts';

/**
 * The DKIM keys of D: RSA 2048 always, Ed25519 beside it with DKIM_ED25519=on.
 * Generated on first use and kept in Postgres (encrypted with the server
 * secret) so that every Tacit process signs with the same key, unless
 * DKIM_PRIVATE_KEY names the RSA key's file.
 */
export type DkimAlgorithm = 'rsa' | 'ed25519';

export interface DkimKey {
  selector: string;
  algorithm: DkimAlgorithm;
  state: 'next' | 'active';
  /** The p= value of the key's DNS record. */
  publicKey: string;
}

export interface SigningKey extends DkimKey {
  privateKey: string;
}

const generate = promisify(generateKeyPair);

/** The selector of the Ed25519 key that goes with an RSA selector (one key per DNS record). */
export const ed25519Selector = (selector: string) => `${selector}-ed`;

/** p=: the DER public key for RSA, the bare 32-byte key for Ed25519 (RFC 8463). */
export function publicKeyValue(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return (key.asymmetricKeyType === 'ed25519' ? der.subarray(der.length - 32) : der).toString('base64');
}

async function newKey(algorithm: DkimAlgorithm): Promise<{ privateKey: string; publicKey: string }> {
  const pair = algorithm === 'rsa' ? await generate('rsa', { modulusLength: 2048 }) : await generate('ed25519');
  return { privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKeyValue(pair.privateKey) };
}

async function insertKey(ctx: Context, selector: string, algorithm: DkimAlgorithm, state: 'next' | 'active'): Promise<void> {
  const key = await newKey(algorithm);
  // Another process may have generated the same key first: its key stays, this one is dropped.
  await ctx.sql`
    insert into dkim_keys (selector, algorithm, state, private_key, public_key, activated_at)
    values (${selector}, ${algorithm}, ${state}, ${sealSecret(ctx.secret, key.privateKey)}, ${key.publicKey},
            ${state === 'active' ? new Date() : null})
    on conflict do nothing`;
}

async function storedKey(ctx: Context, algorithm: DkimAlgorithm, selector: string): Promise<SigningKey> {
  const read = () => ctx.sql`select selector, private_key, public_key from dkim_keys where algorithm = ${algorithm} and state = 'active'`;
  let [row] = await read();
  if (!row) {
    await insertKey(ctx, selector, algorithm, 'active');
    [row] = await read();
  }
  if (!row) throw new Error(`no active ${algorithm} DKIM key could be stored`);
  return { selector: row.selector, algorithm, state: 'active', publicKey: row.public_key, privateKey: openSecret(ctx.secret, row.private_key) };
}

async function fileKey(file: string, selector: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`DKIM_PRIVATE_KEY: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error(`DKIM_PRIVATE_KEY: ${file} is not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024) {
    throw new Error(`DKIM_PRIVATE_KEY: ${file} must hold an RSA key of 1024 bits or more (2048 recommended)`);
  }
  return { selector, algorithm: 'rsa', state: 'active', publicKey: publicKeyValue(key), privateKey: pem };
}

/** The keys Tacit signs with now: the RSA key, then the Ed25519 key when enabled. */
export async function signingKeys(ctx: Context): Promise<SigningKey[]> {
  const { selector, keyFile, ed25519 } = ctx.config.dkim;
  const keys = [keyFile ? await fileKey(keyFile, selector) : await storedKey(ctx, 'rsa', selector)];
  if (ed25519) keys.push(await storedKey(ctx, 'ed25519', ed25519Selector(selector)));
  return keys;
}

/** Every key that must be in DNS: the signing keys and any key published ahead of a rotation. */
export async function publishedKeys(ctx: Context): Promise<DkimKey[]> {
  const signing = (await signingKeys(ctx)).map(({ privateKey: _, ...key }) => key);
  const next = await ctx.sql<DkimKey[]>`
    select selector, algorithm, state, public_key as "publicKey" from dkim_keys
    where state = 'next' and (algorithm = 'rsa' or ${ctx.config.dkim.ed25519}) order by algorithm desc`;
  return [...signing, ...(ctx.config.dkim.keyFile ? next.filter((k) => k.algorithm !== 'rsa') : next)];
}

/**
 * A rotation in two steps, so no mail is signed with a key DNS does not have
 * yet: `prepare` stores new keys under a new selector as 'next' (published by
 * `tacit dns`); `activate`, once DNS carries them, signs with them and
 * retires the old ones.
 */
export async function prepareRotation(ctx: Context, today = new Date()): Promise<DkimKey[]> {
  if (ctx.config.dkim.keyFile) throw new Error('the signing key is DKIM_PRIVATE_KEY\'s file: rotate it by publishing a new file under a new DKIM_SELECTOR');
  const [pending] = await ctx.sql`select 1 from dkim_keys where state = 'next'`;
  if (!pending) {
    const base = `${ctx.config.dkim.selector}-${today.toISOString().slice(0, 10).replace(/-/g, '')}`;
    const taken = new Set((await ctx.sql`select selector from dkim_keys`).map((r) => r.selector as string));
    let selector = base;
    for (let n = 2; taken.has(selector) || taken.has(ed25519Selector(selector)); n++) selector = `${base}-${n}`;
    await signingKeys(ctx);
    await insertKey(ctx, selector, 'rsa', 'next');
    if (ctx.config.dkim.ed25519) await insertKey(ctx, ed25519Selector(selector), 'ed25519', 'next');
  }
  return (await publishedKeys(ctx)).filter((k) => k.state === 'next');
}

export async function activateRotation(ctx: Context): Promise<DkimKey[]> {
  const switched = await ctx.sql.begin(async (tx) => {
    const next = await tx`select algorithm from dkim_keys where state = 'next'`;
    if (!next.length) return false;
    await tx`update dkim_keys set state = 'retired' where state = 'active' and algorithm in ${tx(next.map((r) => r.algorithm as string))}`;
    await tx`update dkim_keys set state = 'active', activated_at = now() where state = 'next'`;
    return true;
  });
  if (!switched) throw new Error('no key is waiting: run `tacit dkim rotate` first, publish its record, then switch');
  return (await publishedKeys(ctx)).filter((k) => k.state === 'active');
}
