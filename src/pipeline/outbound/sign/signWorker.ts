/**
 * A thread of the signing pool (signingPool.ts): signs what the sender's
 * thread posts, and posts the signed bytes back.
 */
import crypto from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { SigningKey } from './dkimKeys.ts';
import { signMessage } from './signMessage.ts';
import type { ArcInput } from './signer.ts';

export interface SignRequest {
  id: number;
  domain: string;
  keys: SigningKey[];
  raw: Uint8Array;
  arc?: ArcInput;
}
export type SignResponse = { id: number; signed: Uint8Array } | { id: number; error: string };

// mailauth takes the key as PEM and parses it for every signature, which costs as much as the RSA signature itself:
// this thread parses each key once. It signs only with Tacit's own keys, so the cache stays a few entries long.
const parse = crypto.createPrivateKey;
const parsed = new Map<string, crypto.KeyObject>();
crypto.createPrivateKey = ((key: Parameters<typeof parse>[0]) => {
  const pem = typeof key === 'object' && key !== null && 'key' in key && (key as { format?: string }).format === 'pem' ? String((key as { key: unknown }).key) : null;
  if (pem === null) return parse(key);
  let object = parsed.get(pem);
  if (!object) {
    if (parsed.size >= 16) parsed.clear();
    parsed.set(pem, (object = parse(key)));
  }
  return object;
}) as typeof parse;

parentPort!.on('message', async (request: SignRequest) => {
  let response: SignResponse;
  try {
    const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
    const signed = await signMessage(request.domain, request.keys, raw, request.arc);
    response = { id: request.id, signed };
  } catch (err) {
    response = { id: request.id, error: (err as Error).message };
  }
  // The signed bytes are a fresh buffer of their own (Buffer.concat of a message over 4 KiB): handed over, not copied.
  const transfer = 'signed' in response && response.signed.byteLength === response.signed.buffer.byteLength ? [response.signed.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(response, transfer);
});
