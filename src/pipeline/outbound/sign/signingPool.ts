import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SigningKey } from './dkimKeys.ts';
import type { ArcInput } from './signer.ts';
import type { SealRequest, SealResponse } from './signWorker.ts';

/**
 * ARC sealing off the event loop: mailauth parses the whole message and signs
 * it twice, a few milliseconds a list copy, so it runs in a few threads (one
 * per core, started on the first seal), while the sender's thread composes
 * the next copies and feeds the relay. A thread holds the process open only
 * while it has work. Each thread is a V8 heap of its own (tens of MiB with
 * mailauth loaded): mail that is only DKIM-signed (dkimSignature.ts) never
 * starts one.
 */
interface Lane {
  worker: Worker;
  pending: Map<number, { resolve(signed: Buffer): void; reject(err: Error): void }>;
}

// From the build (dist/…/signingPool.js) the thread runs signWorker.js; from the sources (tests, tsx) signWorker.ts,
// through tsx registered in the thread first (Node 20 loads a worker's entry before an --import hook is in place).
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(FROM_SOURCES ? './signWorker.ts' : './signWorker.js', import.meta.url);

function startWorker(): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_FILE);
  // The ESM entry of tsx's API, beside the CommonJS one that require resolves.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => api.register()).then(() => import(${JSON.stringify(WORKER_FILE.href)}))`;
  return new Worker(bootstrap, { eval: true });
}

export class SigningPool {
  private readonly lanes: (Lane | undefined)[];
  private next = 0;
  private sequence = 0;

  constructor(readonly size = Math.max(1, os.availableParallelism())) {
    this.lanes = Array.from({ length: size }, () => undefined);
  }

  /** The ARC set's header fields for `raw`, sealed with `key` as d=`domain`. */
  seal(domain: string, key: SigningKey, raw: Buffer, arc: ArcInput): Promise<Buffer> {
    // The least busy thread; ties go round.
    let index = this.next;
    for (let i = 0; i < this.size; i++) {
      const candidate = (this.next + i) % this.size;
      if ((this.lanes[candidate]?.pending.size ?? 0) < (this.lanes[index]?.pending.size ?? 0)) index = candidate;
    }
    this.next = (index + 1) % this.size;
    const lane = (this.lanes[index] ??= this.start(index));
    const id = ++this.sequence;
    // Copied to the thread (a few KiB), so the caller's bytes stay the caller's.
    const request: SealRequest = { id, domain, key, raw, arc };
    return new Promise<Buffer>((resolve, reject) => {
      if (lane.pending.size === 0) lane.worker.ref();
      lane.pending.set(id, { resolve, reject });
      lane.worker.postMessage(request);
    });
  }

  private start(index: number): Lane {
    const worker = startWorker();
    const lane: Lane = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (response: SealResponse) => {
      const waiting = lane.pending.get(response.id);
      if (!waiting) return;
      lane.pending.delete(response.id);
      if (lane.pending.size === 0) worker.unref();
      if ('error' in response) waiting.reject(new Error(response.error));
      else waiting.resolve(Buffer.from(response.seal.buffer, response.seal.byteOffset, response.seal.byteLength));
    });
    // A thread that fails or exits fails what it held (the rows go back to pending and are retried); the next sign starts a new one.
    const lost = (err: Error) => {
      if (this.lanes[index] === lane) this.lanes[index] = undefined;
      for (const waiting of lane.pending.values()) waiting.reject(err);
      lane.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the signing thread exited (${code})`)));
    return lane;
  }

  /** Ends the threads (tests, a process shutting down). */
  async close(): Promise<void> {
    const lanes = this.lanes.splice(0, this.size, ...Array.from({ length: this.size }, () => undefined));
    await Promise.all(lanes.map((lane) => lane?.worker.terminate()));
  }
}

/** The pool every signer of this process shares. */
let shared: SigningPool | undefined;
export const signingPool = (): SigningPool => (shared ??= new SigningPool());
