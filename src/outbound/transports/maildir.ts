import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ComposedMessage } from '../compose.ts';
import type { Transport } from './transport.ts';

let sequence = 0;

/**
 * Writes each message as one file per recipient, as a delivering agent does:
 * the envelope on top (Return-Path, Delivered-To), written in tmp/ and
 * renamed into new/ so a reader never sees half a file.
 */
export function maildirTransport(dir: string): Transport {
  // Members' mail, tokens included: readable by the owner only.
  const ready = Promise.all(['tmp', 'new', 'cur'].map((sub) => fs.mkdir(path.join(dir, sub), { recursive: true, mode: 0o700 })))
    .then(() => Promise.all(['', 'tmp', 'new', 'cur'].map((sub) => fs.chmod(path.join(dir, sub), 0o700))));
  return {
    description: `maildir:${dir}`,
    async send({ envelope, raw }: ComposedMessage) {
      await ready;
      // time.unique.host, with a fixed-width monotonic part so names sort in delivery order.
      const unique = `M${process.hrtime.bigint().toString().padStart(20, '0')}P${process.pid}Q${++sequence}`;
      const name = `${Math.floor(Date.now() / 1000)}.${unique}.${os.hostname()}`;
      const head = Buffer.from(`Return-Path: <${envelope.from}>\r\nDelivered-To: ${envelope.to}\r\n`);
      const tmp = path.join(dir, 'tmp', name);
      await fs.writeFile(tmp, Buffer.concat([head, raw]), { mode: 0o600 });
      await fs.rename(tmp, path.join(dir, 'new', name));
    },
    async close() {},
  };
}
