/**
 * A thread of the signing pool (signingPool.ts): ARC-seals what the sender's
 * thread posts, and posts the seal's header fields back.
 */
import crypto from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { SigningKey } from './dkimKeys.ts';
import { arcSeal } from './arcSeal.ts';
import type { ArcInput } from './signer.ts';

export interface SealRequest {
  id: number;
  domain: string;
  key: SigningKey;
  raw: Uint8Array;
  arc: ArcInput;
}
export type SealResponse = { id: number; seal: Uint8Array } | { id: number; error: string };

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

parentPort!.on('message', async (request: SealRequest) => {
  let response: SealResponse;
  try {
    const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
    response = { id: request.id, seal: await arcSeal(request.domain, request.key, raw, request.arc) };
  } catch (err) {
    response = { id: request.id, error: (err as Error).message };
  }
  parentPort!.postMessage(response);
});
