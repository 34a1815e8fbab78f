import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import { logger } from '../log/logger.ts';
import { ensurePrivateFile, securePrivateDir, servicePassword, writePrivateFile } from './privateFiles.ts';

const run = promisify(execFile);
const log = logger.child({ component: 'local-services' });

/**
 * A private Postgres and Redis under TACIT_HOME, for one-machine use and for
 * tests, when no DATABASE_URL / REDIS_URL is given. Whoever starts a service
 * stops it; a service already running (started by `tacit start` in another
 * shell, say) is reused and left running.
 */
export interface LocalServices {
  databaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

export interface LocalServiceOptions {
  /** Trade durability for speed (tests): fsync off. */
  fast?: boolean;
  database?: string;
}

export class MissingServiceError extends Error {
  override name = 'MissingServiceError';
}

/**
 * Only the home itself is private: folders created above it (./var above
 * ./var/test) keep the usual mode, or the postgres user could not reach its
 * data directory in a fresh checkout.
 */
function makeHome(home: string): void {
  fs.mkdirSync(path.dirname(home), { recursive: true });
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
}

interface Ports {
  postgres: number;
  redis: number;
}

export async function ensureLocalServices(home: string, options: LocalServiceOptions = {}): Promise<LocalServices> {
  home = path.resolve(home);
  makeHome(home);
  const ports = await portsFor(home);
  const password = servicePassword(home);
  const pg = await ensurePostgres(home, ports.postgres, options);
  const redis = await ensureRedis(home, ports.redis, password);
  const database = options.database ?? 'tacit';
  const databaseUrl = postgresUrl(password, ports.postgres, database);
  await createDatabaseIfMissing(postgresUrl(password, ports.postgres, 'postgres'), database);
  return {
    databaseUrl,
    redisUrl: redisUrl(password, ports.redis),
    async stop() {
      await redis.stop();
      await pg.stop();
    },
  };
}

function postgresUrl(password: string, port: number, database: string): string {
  return `postgres://tacit:${password}@127.0.0.1:${port}/${database}`;
}

function redisUrl(password: string, port: number): string {
  return `redis://:${password}@127.0.0.1:${port}`;
}

/** Stops the private services under `home`, whoever started them (the test services stay up between runs). */
export async function stopLocalServices(home: string): Promise<void> {
  home = path.resolve(home);
  if (!fs.existsSync(path.join(home, 'services.json'))) return;
  const ports = await portsFor(home);
  const bin = postgresBinDir();
  if (bin && fs.existsSync(path.join(home, 'postgres', 'postmaster.pid'))) {
    const [cmd, args] = asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', path.join(home, 'postgres'), '-m', 'fast', '-w', 'stop']);
    await run(cmd, args).catch(() => {});
  }
  await shutdownRedis(redisUrl(servicePassword(home), ports.redis));
}

async function shutdownRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {}); // SHUTDOWN drops the connection, as intended
  await redis.connect().then(() => redis.shutdown()).catch(() => {});
  redis.disconnect();
}

async function portsFor(home: string): Promise<Ports> {
  const file = path.join(home, 'services.json');
  try {
    const ports = JSON.parse(fs.readFileSync(file, 'utf8')) as Ports;
    fs.chmodSync(file, 0o600);
    return ports;
  } catch {
    const [postgres, redis] = await freePorts(2);
    const ports = { postgres, redis };
    writePrivateFile(file, JSON.stringify(ports) + '\n');
    return ports;
  }
}

/** Distinct free ports: all held open together, so the kernel cannot hand out one twice. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<net.Server>((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export function which(command: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Installs Debian packages when we are root on a Debian-like machine; otherwise says what to install. */
export async function installPackages(packages: string[], what: string, alternative?: string): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !which('apt-get')) {
    throw new MissingServiceError(
      `${what} is not installed. Install it (Debian: apt-get install ${packages.join(' ')})` +
        `${alternative ? `, or ${alternative}` : ''}.`,
    );
  }
  log.info({ packages }, `installing ${what} from the OS packages`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (packages.includes('postfix')) {
    // Only Postfix's tools are wanted: no mail system is set up.
    await new Promise<void>((resolve, reject) => {
      const child = execFile('debconf-set-selections', (err) => (err ? reject(err) : resolve()));
      child.stdin?.end('postfix postfix/main_mailer_type select No configuration\n');
    });
  }
  await run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update', '-q'], { env });
  await run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-q', ...packages], { env });
}

export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/** Postgres refuses to run as root, so as root we run its tools as the `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A private Postgres alone (the tests use one to stop it under a running ingest). */
export async function ensurePrivatePostgres(home: string, options: LocalServiceOptions = {}): Promise<{ databaseUrl: string; stop(): Promise<void> }> {
  home = path.resolve(home);
  makeHome(home);
  const { postgres: port } = await portsFor(home);
  const password = servicePassword(home);
  const pg = await ensurePostgres(home, port, options);
  const database = options.database ?? 'tacit';
  await createDatabaseIfMissing(postgresUrl(password, port, 'postgres'), database);
  return { databaseUrl: postgresUrl(password, port, database), stop: pg.stop };
}

async function ensurePostgres(home: string, port: number, options: LocalServiceOptions) {
  let bin = postgresBinDir();
  if (!bin) {
    await installPackages(['postgresql'], 'PostgreSQL', 'set DATABASE_URL to a running server');
    bin = postgresBinDir();
    if (!bin) throw new MissingServiceError('PostgreSQL was installed but pg_ctl was not found under /usr/lib/postgresql');
  }
  const dataDir = path.join(home, 'postgres');
  const socketDir = path.join(home, 'run');
  const password = servicePassword(home);
  securePrivateDir(home, true);
  securePrivateDir(socketDir);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', socketDir]);

  const logFile = path.join(home, 'postgres.log');
  if (!fs.existsSync(logFile)) {
    writePrivateFile(logFile, '');
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', logFile]);
  }
  fs.chmodSync(logFile, 0o600);

  if (await postgresAnswers(port, password)) {
    await requirePassword(dataDir, port, password);
    return { stop: async () => {} };
  }

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dataDir]);
    log.info({ dataDir }, 'initialising a private PostgreSQL cluster');
    // initdb reads the password from a file the postgres user can read, removed right after.
    const pwfile = path.join(socketDir, 'initdb.password');
    writePrivateFile(pwfile, password + '\n');
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', pwfile]);
    try {
      const [cmd, args] = asPostgresUser(path.join(bin, 'initdb'), [
        '-D', dataDir, '-U', 'tacit', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8',
      ]);
      await run(cmd, args);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  const settings = [
    `-c listen_addresses=127.0.0.1`,
    `-c port=${port}`,
    `-c unix_socket_directories=${socketDir}`,
    ...(options.fast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ].join(' ');
  const [cmd, args] = asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', settings, '-w', 'start']);
  await run(cmd, args);
  await requirePassword(dataDir, port, password);
  log.info({ port }, 'private PostgreSQL started');
  return {
    stop: async () => {
      const [c, a] = asPostgresUser(path.join(bin!, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      await run(c, a).catch((err) => log.warn({ err }, 'stopping PostgreSQL failed'));
    },
  };
}

/**
 * A cluster made before the password existed trusts every local connection:
 * give `tacit` the password, then make pg_hba.conf ask for it (scram) and
 * reload. A cluster that already asks for it is left alone.
 */
async function requirePassword(dataDir: string, port: number, password: string): Promise<void> {
  const hbaFile = path.join(dataDir, 'pg_hba.conf');
  const hba = fs.readFileSync(hbaFile, 'utf8');
  const trusting = /^(?!\s*#)(.*\s)trust(\s*)$/gm;
  if (!hba.match(trusting)) return;
  const sql = postgres(postgresUrl(password, port, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`alter role tacit password '${password}'`);
    fs.writeFileSync(hbaFile, hba.replace(trusting, '$1scram-sha-256$2'));
    await sql`select pg_reload_conf()`;
  } finally {
    await sql.end({ timeout: 1 });
  }
  log.info('the private PostgreSQL now asks for the password in TACIT_HOME');
}

async function postgresAnswers(port: number, password: string): Promise<boolean> {
  const sql = postgres(postgresUrl(password, port, 'postgres'), { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 from pg_database where datname = ${database}`;
    if (!row) await sql.unsafe(`create database "${database.replace(/"/g, '')}"`).catch((err) => {
      if (err.code !== '42P04') throw err; // created meanwhile by another process
    });
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function ensureRedis(home: string, port: number, password: string) {
  if (!which('redis-server')) {
    await installPackages(['redis-server'], 'Redis', 'set REDIS_URL to a running server');
  }
  const url = redisUrl(password, port);
  const dir = path.join(home, 'redis');
  securePrivateDir(dir);
  const logFile = path.join(home, 'redis.log');
  ensurePrivateFile(logFile);
  // A Redis started before the password existed: it is ours (our port, our TACIT_HOME), so it gets one now.
  // (Asked first: a Redis without a password also answers a client that sends one.)
  const open = `redis://127.0.0.1:${port}`;
  if (await redisAnswers(open)) {
    await withRedis(open, (r) => r.config('SET', 'requirepass', password));
    log.info('the private Redis now asks for the password in TACIT_HOME');
    return { stop: async () => {} };
  }
  if (await redisAnswers(url)) return { stop: async () => {} };
  // Settings in a file only we can read: a password on the command line is visible to every local user.
  const conf = path.join(dir, 'redis.conf');
  writePrivateFile(conf, [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    'daemonize yes',
    `pidfile ${path.join(home, 'run', 'redis.pid')}`,
    `logfile ${logFile}`,
    `requirepass ${password}`,
    // BullMQ loses jobs if Redis evicts keys under memory pressure.
    'maxmemory-policy noeviction',
    'appendonly yes',
    'save ""',
    '',
  ].join('\n'));
  await run('redis-server', [conf]);
  for (let i = 0; i < 50 && !(await redisAnswers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await redisAnswers(url))) {
    throw new MissingServiceError(`the private Redis did not start on port ${port}; see ${logFile}`);
  }
  log.info({ port }, 'private Redis started');
  return { stop: () => shutdownRedis(url) };
}

async function withRedis<T>(url: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
