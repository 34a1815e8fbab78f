import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { WireMessage } from './transport.ts';

/**
 * A pool of SMTP connections to the relay that sends ready bytes as they are.
 * nodemailer's pooled transport takes the same bytes (`raw`) but runs its
 * whole message pipeline on each one first: a MailComposer and a MIME node,
 * a random Message-ID and boundary it then ignores, a stream pipeline with an
 * abort signal. Profiled on a 20,000-member fan-out that was as much CPU as
 * filling the copies. Here a send is SMTPConnection.send of the Buffer: the
 * envelope, DATA, the dot-stuffed bytes. The protocol (EHLO, STARTTLS, AUTH,
 * timeouts, replies) stays nodemailer's.
 *
 * Like nodemailer's pool: up to `maxConnections` connections opened as sends
 * wait, each reused for MAX_MESSAGES messages; a refused message (envelope or
 * data) resets the session and keeps the connection; any other error closes
 * it. A send that fails on a reused connection the server had dropped (a
 * transient error) is tried once more on a fresh one.
 */
export const MAX_MESSAGES = 100;

type ConnectionOptions = ConstructorParameters<typeof SMTPConnection>[0] & { auth?: { user: string; pass: string } };

interface Pending {
  message: WireMessage;
  retried: boolean;
  resolve(): void;
  reject(err: Error): void;
}

interface Lane {
  connection: SMTPConnection;
  messages: number;
  closed: boolean;
}

const transientCodes = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT']);
const isTransient = (err: { code?: string; responseCode?: number }) => err.responseCode === 421 || transientCodes.has(err.code ?? '');

export interface RelayPool {
  send(message: WireMessage): Promise<void>;
  close(): void;
}

export function relayPool(options: ConnectionOptions, maxConnections: number): RelayPool {
  const { auth, ...connectionOptions } = options;
  const waiting: Pending[] = [];
  const idle: Lane[] = [];
  let open = 0;
  /** Connections opened but not yet ready: each will take a waiting send. */
  let connecting = 0;
  let closing = false;

  const drop = (lane: Lane) => {
    if (lane.closed) return;
    lane.closed = true;
    open--;
    const at = idle.indexOf(lane);
    if (at >= 0) idle.splice(at, 1);
    lane.connection.close();
    pump();
  };

  /** Opens a connection (and logs in); sends wait for it in `waiting`, and a failure fails the first of them. */
  const connect = () => {
    open++;
    const lane: Lane = { connection: new SMTPConnection(connectionOptions), messages: 0, closed: false };
    let ready = false;
    connecting++;
    const fail = (err: Error) => {
      if (lane.closed) return;
      if (!ready) {
        ready = true;
        connecting--;
        // Nothing could be sent: the first waiting send carries the error (its row goes back to pending), the rest wait on.
        waiting.shift()?.reject(err);
      }
      drop(lane);
    };
    // An idle connection the server ends is dropped; errors during a send reach the send's callback too.
    lane.connection.on('error', fail);
    lane.connection.once('end', () => (ready ? drop(lane) : fail(Object.assign(new Error('the relay closed the connection before it was ready'), { code: 'ECONNECTION' }))));
    lane.connection.connect((err?: Error | null) => {
      if (err) return fail(err);
      const start = () => {
        if (ready) return;
        ready = true;
        connecting--;
        release(lane);
      };
      if (auth && lane.connection.allowsAuth) {
        lane.connection.login(auth, (err) => (err ? fail(err) : start()));
      } else start();
    });
  };

  /** A lane is free: it takes the next waiting send, or waits idle; past MAX_MESSAGES it is replaced. */
  const release = (lane: Lane) => {
    if (lane.closed) return;
    if (lane.messages >= MAX_MESSAGES || closing) {
      lane.connection.quit();
      drop(lane);
      return;
    }
    const next = waiting.shift();
    if (next) transmit(lane, next);
    else idle.push(lane);
  };

  const transmit = (lane: Lane, pending: Pending) => {
    const reused = lane.messages > 0;
    lane.messages++;
    lane.connection.send(pending.message.envelope, pending.message.raw, (err) => {
      if (!err) {
        pending.resolve();
        release(lane);
        return;
      }
      const e = err as Error & { code?: string; responseCode?: number };
      if ((e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && e.responseCode !== 421) {
        // The server refused this message; the session is fine once reset.
        pending.reject(e);
        lane.connection.reset((resetErr) => (resetErr ? drop(lane) : release(lane)));
        return;
      }
      drop(lane);
      if (reused && !pending.retried && isTransient(e)) {
        pending.retried = true;
        waiting.unshift(pending);
        pump();
      } else pending.reject(e);
    });
  };

  const pump = () => {
    while (waiting.length && idle.length) transmit(idle.pop()!, waiting.shift()!);
    // One new connection per send still waiting that no opening connection will take, up to the pool's size.
    while (waiting.length > connecting && open < maxConnections && !closing) connect();
  };

  return {
    send(message) {
      if (closing) return Promise.reject(new Error('the relay pool is closed'));
      return new Promise<void>((resolve, reject) => {
        waiting.push({ message, retried: false, resolve, reject });
        pump();
      });
    },
    close() {
      closing = true;
      // Sends still waiting are not sent: their rows go back to pending.
      for (const pending of waiting.splice(0)) pending.reject(new Error('the relay pool is closed'));
      for (const lane of [...idle]) {
        lane.connection.quit();
        drop(lane);
      }
    },
  };
}
