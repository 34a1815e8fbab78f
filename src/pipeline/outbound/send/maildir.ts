import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Transport, WireMessage } from './transport.ts';

let sequence = 0;

/** Writes and fsyncs a file, so it survives a crash once this resolves. */
async function writeDurably(file: string, data: Buffer): Promise<void> {
  // Members' mail, tokens included: readable by the owner only.
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync of a directory makes the names in it (a rename) durable. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes each message as one file per recipient, as a delivering agent does:
 * the envelope on top (Return-Path, Delivered-To), written and fsynced in
 * tmp/, renamed into new/ so a reader never sees half a file, and new/ fsynced
 * before send resolves, since the row is marked sent right after.
 */
export function maildirTransport(dir: string): Transport {
  const ready = Promise.all(['tmp', 'new', 'cur'].map((sub) => fs.mkdir(path.join(dir, sub), { recursive: true, mode: 0o700 })))
    .then(() => Promise.all(['', 'tmp', 'new', 'cur'].map((sub) => fs.chmod(path.join(dir, sub), 0o700))));
  return {
    description: `maildir:${dir}`,
    async send({ envelope, raw }: WireMessage) {
      await ready;
      // time.unique.host, with a fixed-width monotonic part so names sort in delivery order.
      const unique = `M${process.hrtime.bigint().toString().padStart(20, '0')}P${process.pid}Q${++sequence}`;
      const name = `${Math.floor(Date.now() / 1000)}.${unique}.${os.hostname()}`;
      const head = Buffer.from(`Return-Path: <${envelope.from}>\r\nDelivered-To: ${envelope.to}\r\n`);
      const tmp = path.join(dir, 'tmp', name);
      await writeDurably(tmp, Buffer.concat([head, raw]));
      await fs.rename(tmp, path.join(dir, 'new', name));
      await syncDirectory(path.join(dir, 'new'));
    },
    async close() {},
  };
}
