/**
 * The real peers the benchmarks compare Tacit with: Postfix's smtp-sink (a
 * counting discard sink), smtp-source (the load generator) and a private
 * Postfix instance (own config and queue under var/bench), installed from
 * the Debian packages when missing.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { installPackages, which } from '../../src/shared/services/localServices.ts';

const run = promisify(execFile);

export async function ensurePeers(): Promise<void> {
  const missing = [
    ...(which('smtp-source') || fs.existsSync('/usr/sbin/smtp-source') ? [] : ['postfix']),
    ...(which('swaks') ? [] : ['swaks']),
  ];
  if (missing.length) await installPackages(missing, 'The benchmark peers');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on ${port}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds since `started` (a process.hrtime.bigint()). */
export const secondsSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** smtp-sink with its running counter (-c): `count()` is the number of messages it has accepted. */
export interface Sink {
  port: number;
  count(): number;
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  stop(): void;
}

export async function startSink(): Promise<Sink> {
  const port = await freePort();
  const child = spawn('smtp-sink', ['-u', 'nobody', '-c', `127.0.0.1:${port}`, '1024'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let count = 0;
  let tail = '';
  child.stdout!.setEncoding('latin1').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-200);
    const all = [...tail.matchAll(/mesg=(\d+)/g)];
    if (all.length) count = Number(all[all.length - 1]![1]);
  });
  await waitForPort(port);
  return {
    port,
    count: () => count,
    async waitFor(n, timeoutMs = 30 * 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last = count;
      let lastChange = Date.now();
      while (count < n) {
        if (count !== last) (last = count), (lastChange = Date.now());
        if (Date.now() > deadline || Date.now() - lastChange > 120_000) throw new Error(`the sink has ${count} of ${n} messages`);
        await sleep(20);
      }
    },
    stop: () => void child.kill(),
  };
}

/** smtp-source: `messages` of `size` bytes over `sessions` parallel sessions; one connection per message unless `reuse` (-d). */
export async function smtpSource(port: number, messages: number, sessions: number, size: number, to: string, reuse = false): Promise<number> {
  const started = process.hrtime.bigint();
  await run('smtp-source', [...(reuse ? ['-d'] : []), '-s', String(sessions), '-m', String(messages), '-l', String(size), '-f', 'bench@example.org', '-t', to, `127.0.0.1:${port}`], {
    maxBuffer: 64 * 2 ** 20,
  });
  return secondsSince(started);
}

/**
 * A private Postfix: main.cf and master.cf of our own under `dir`, its queue
 * there too, smtpd on a loopback port. `relay` sends everything to that
 * port; without it every message is queued durably, then discarded.
 */
export interface Postfix {
  port: number;
  /** Messages still in the queue (files under its queue directories). */
  queued(): number;
  stop(): Promise<void>;
}

export async function startPostfix(relative: string, options: { relayPort?: number } = {}): Promise<Postfix> {
  const dir = path.resolve(relative); // Postfix wants absolute paths
  const port = await freePort();
  const config = path.join(dir, 'etc');
  const queue = path.join(dir, 'queue');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(config, { recursive: true });
  fs.mkdirSync(queue, { recursive: true });
  const transport = options.relayPort ? 'smtp' : 'discard';
  fs.writeFileSync(
    path.join(config, 'main.cf'),
    [
      'compatibility_level = 3.6',
      `queue_directory = ${queue}`,
      `data_directory = ${path.join(dir, 'data')}`,
      'mail_owner = postfix',
      'setgid_group = postdrop',
      // Not the machine's name: smtp-sink greets with that, and Postfix would see a loop.
      'myhostname = postfix-bench.localhost',
      'mydestination =',
      'inet_interfaces = loopback-only',
      'inet_protocols = ipv4',
      'mynetworks = 127.0.0.0/8',
      'smtpd_relay_restrictions = permit_mynetworks, reject',
      'smtpd_recipient_restrictions = permit_mynetworks, reject',
      'local_recipient_maps =',
      `default_transport = ${transport}`,
      `relay_transport = ${transport}`,
      options.relayPort ? `relayhost = [127.0.0.1]:${options.relayPort}` : '',
      'smtp_tls_security_level = none',
      'smtpd_tls_security_level = none',
      // postlogd writes here (no syslog on this machine); a failed start is explained in it.
      `maillog_file_prefixes = ${dir}`,
      `maillog_file = ${path.join(dir, 'maillog')}`,
      'biff = no',
      'alias_maps =',
      'alias_database =',
      'smtpd_banner = $myhostname ESMTP',
      'default_process_limit = 100',
    ].join('\n') + '\n',
  );
  fs.writeFileSync(
    path.join(config, 'master.cf'),
    [
      `127.0.0.1:${port} inet n - n - - smtpd`,
      'pickup    unix  n       -       n       60      1       pickup',
      'cleanup   unix  n       -       n       -       0       cleanup',
      'qmgr      unix  n       -       n       300     1       qmgr',
      'rewrite   unix  -       -       n       -       -       trivial-rewrite',
      'bounce    unix  -       -       n       -       0       bounce',
      'defer     unix  -       -       n       -       0       bounce',
      'trace     unix  -       -       n       -       0       bounce',
      'verify    unix  -       -       n       -       1       verify',
      'flush     unix  n       -       n       1000?   0       flush',
      'proxymap  unix  -       -       n       -       -       proxymap',
      'smtp      unix  -       -       n       -       -       smtp',
      'relay     unix  -       -       n       -       -       smtp',
      'showq     unix  n       -       n       -       -       showq',
      'error     unix  -       -       n       -       -       error',
      'retry     unix  -       -       n       -       -       error',
      'discard   unix  -       -       n       -       -       discard',
      'anvil     unix  -       -       n       -       1       anvil',
      'scache    unix  -       -       n       -       1       scache',
      'postlog   unix-dgram n  -       n       -       1       postlogd',
    ].join('\n') + '\n',
  );
  const maillog = () => (fs.existsSync(path.join(dir, 'maillog')) ? fs.readFileSync(path.join(dir, 'maillog'), 'utf8').slice(-2000) : '');
  await run('postfix', ['-c', config, 'start']).catch((err) => {
    throw new Error(`postfix -c ${config} start failed (${(err as Error).message}); its log: ${maillog()}`);
  });
  await waitForPort(port);
  const queueDirs = ['incoming', 'active', 'deferred', 'maildrop', 'hold'].map((d) => path.join(queue, d));
  const countFiles = (d: string): number => {
    if (!fs.existsSync(d)) return 0;
    let n = 0;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) n += e.isDirectory() ? countFiles(path.join(d, e.name)) : 1;
    return n;
  };
  return {
    port,
    queued: () => queueDirs.reduce((n, d) => n + countFiles(d), 0),
    async stop() {
      await run('postfix', ['-c', config, 'stop']).catch(() => {});
    },
  };
}
