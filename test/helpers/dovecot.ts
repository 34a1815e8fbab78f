import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';

/**
 * A private Dovecot (IMAP only) for one test file: its own config, users,
 * Maildirs, sockets and log under a temp dir, listening on a free loopback
 * port, run in the foreground as a child process. `stop()` ends it and
 * removes the dir; `kill()` + `start()` take it away and bring it back on
 * the same port with the same mail (a server restart, seen from a client).
 */
export interface Dovecot {
  host: string;
  port: number;
  user: string;
  pass: string;
  tls: boolean;
  /** imap://user:pass@127.0.0.1:PORT/MAILBOX (imaps://…?tls=insecure with `tls`). */
  url(mailbox?: string): string;
  /** Dovecot's own log, for a failing test's message. */
  log(): string;
  /** Runs `fn` with a short-lived client of the test's own (not the code under test). */
  client<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  /** APPENDs a raw message; resolves to its UID. */
  append(raw: string | Buffer, options?: { mailbox?: string; flags?: string[] }): Promise<number>;
  /** Every message in a mailbox, with its flags (\Recent left out) and Message-ID. */
  messages(mailbox?: string): Promise<MailboxMessage[]>;
  /** Ends the Dovecot process, keeping its mail (the server goes away). */
  kill(): Promise<void>;
  /** Starts it again after kill(), same port, same mail. */
  start(): Promise<void>;
  /** Ends it and removes everything. */
  stop(): Promise<void>;
}

export interface MailboxMessage {
  uid: number;
  flags: string[];
  messageId?: string;
}

export interface DovecotOptions {
  /** imaps with a self-signed certificate. */
  tls?: boolean;
  /** false: do not advertise IDLE (a server that must be polled). */
  idle?: boolean;
  /** The login (default "tacit"); may be an address, as hosted mailboxes have. */
  user?: string;
}

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function nobody(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
}

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  if (!fs.existsSync(DOVECOT_BINARY)) {
    throw new Error(`${DOVECOT_BINARY} is missing: install the Debian package dovecot-imapd`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-dovecot-'));
  // Dovecot's unprivileged helpers (dovecot, dovenull) must reach the sockets and the users file.
  fs.chmodSync(dir, 0o755);
  const user = options.user ?? 'tacit';
  const pass = randomBytes(9).toString('base64url');
  const tls = options.tls ?? false;
  const host = '127.0.0.1';
  const port = await freePort();
  const logFile = path.join(dir, 'dovecot.log');
  const usersFile = path.join(dir, 'users');
  const mailRoot = path.join(dir, 'mail');
  fs.mkdirSync(mailRoot, { mode: 0o700 });
  fs.writeFileSync(usersFile, `${user}:{PLAIN}${pass}\n`, { mode: 0o644 });

  // Dovecot never runs a mail process as root: as root, the mail belongs to nobody.
  const root = process.getuid?.() === 0;
  const uid = root ? nobody('-u') : process.getuid!();
  const gid = root ? nobody('-g') : process.getgid!();
  if (root) fs.chownSync(mailRoot, uid, gid);

  let tlsConfig = 'ssl = no';
  if (tls) {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    tlsConfig = `ssl = required\nssl_cert = <${cert}\nssl_key = <${key}`;
  }
  // Dovecot's own list without IDLE (it still understands the command, but a client goes by CAPABILITY).
  const capability = options.idle === false
    ? 'imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ NAMESPACE UIDPLUS CHILDREN MOVE'
    : '';
  const config = `# private Dovecot of a Tacit test
protocols = imap
listen = ${host}
instance_name = ${path.basename(dir)}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logFile}
info_log_path = ${logFile}
${tlsConfig}
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = ${Math.min(uid, 500)}
first_valid_gid = ${Math.min(gid, 500)}
mail_uid = ${uid}
mail_gid = ${gid}
mail_location = maildir:${mailRoot}/%u
${capability}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersFile}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${mailRoot}/%u
}
service imap-login {
  inet_listener imap {
    address = ${host}
    port = ${tls ? 0 : port}
  }
  inet_listener imaps {
    address = ${host}
    port = ${tls ? port : 0}
    ssl = yes
  }
}
service stats {
  inet_listener http {
    port = 0
  }
}
`;
  const configFile = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(configFile, config);
  const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');

  let child: ChildProcess | null = null;
  let exit: Promise<void> = Promise.resolve();

  async function launch() {
    // Its own process group, so kill() ends the master and every imap process with it at once.
    const proc = spawn(DOVECOT_BINARY, ['-F', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    child = proc;
    // Should the test process die before stop(), do not leave a Dovecot behind.
    const onExit = () => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', onExit);
    proc.once('exit', () => process.off('exit', onExit));
    let stderr = '';
    let exited = false;
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    exit = new Promise<void>((resolve) =>
      proc.once('exit', () => {
        exited = true;
        if (child === proc) child = null;
        resolve();
      }),
    );
    const deadline = Date.now() + 15_000;
    while (!(await canConnect(host, port))) {
      if (exited || Date.now() > deadline) {
        try {
          process.kill(-proc.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        throw new Error(`Dovecot did not start on ${host}:${port}: ${`${stderr}\n${readLog()}`.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function kill() {
    const proc = child;
    if (!proc) return;
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-proc.pid!, signal);
      } catch {
        proc.kill(signal);
      }
    };
    group('SIGTERM');
    const timer = setTimeout(() => group('SIGKILL'), 5_000);
    await exit;
    clearTimeout(timer);
    // The master is gone; wait until no process answers on the port any more.
    const deadline = Date.now() + 5_000;
    while ((await canConnect(host, port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }

  try {
    await launch();
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const scheme = tls ? 'imaps' : 'imap';
  const dovecot: Dovecot = {
    host,
    port,
    user,
    pass,
    tls,
    url: (mailbox = 'INBOX') =>
      `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@${host}:${port}/${encodeURIComponent(mailbox)}${tls ? '?tls=insecure' : ''}`,
    log: readLog,
    async client(fn) {
      const client = new ImapFlow({
        host,
        port,
        secure: tls,
        doSTARTTLS: false,
        tls: { rejectUnauthorized: false },
        auth: { user, pass },
        logger: false,
        disableAutoIdle: true,
      });
      client.on('error', () => {});
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    async append(raw, { mailbox = 'INBOX', flags = [] } = {}) {
      return dovecot.client(async (client) => {
        const result = await client.append(mailbox, raw, flags);
        if (!result || !result.uid) throw new Error(`APPEND to ${mailbox} gave no UID`);
        return result.uid;
      });
    },
    async messages(mailbox = 'INBOX') {
      return dovecot.client(async (client) => {
        const box = await client.mailboxOpen(mailbox, { readOnly: true });
        if (box.exists === 0) return [];
        const all = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
        return all.map((m) => ({
          uid: m.uid,
          flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort(),
          messageId: m.envelope?.messageId,
        }));
      });
    },
    kill,
    start: launch,
    async stop() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return dovecot;
}
