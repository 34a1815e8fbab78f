/**
 * The fan-out's baseline: a bare script sending N messages of a given size
 * through nodemailer's pooled transport, as fast as the pool takes them.
 *   node --import tsx bench/bare-nodemailer.ts PORT COUNT SIZE POOL [dkim]
 * With "dkim", every message is signed with an RSA 2048 key (nodemailer's
 * `dkim` option), the same kind of key and work as Tacit's signing.
 * Prints the seconds from the first send to the last acknowledgement, and
 * after them the script's CPU seconds over the same span (user + system).
 */
import { generateKeyPairSync } from 'node:crypto';
import nodemailer from 'nodemailer';

const [port, count, size, pool] = process.argv.slice(2, 6).map(Number);
const sign = process.argv[6] === 'dkim';
const privateKey = sign ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() : '';
const transport = nodemailer.createTransport({
  pool: true, maxConnections: pool, host: '127.0.0.1', port, secure: false, ignoreTLS: true,
  ...(sign ? { dkim: { domainName: 'example.org', keySelector: 'bench', privateKey } } : {}),
});
const text = 'x'.repeat(76).concat('\r\n').repeat(Math.ceil(size / 78)).slice(0, size);
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
let next = 0;
// A bounded window of sends in flight keeps the script's memory flat, as Tacit's batches do.
async function lane() {
  while (next < count) {
    const i = next++;
    await transport.sendMail({ from: 'bench@example.org', to: `m${i}@example.org`, subject: `Message ${i}`, text });
  }
}
await Promise.all(Array.from({ length: pool * 20 }, lane));
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(`${Number(process.hrtime.bigint() - started) / 1e9} ${(cpu.user + cpu.system) / 1e6}\n`);
transport.close();
