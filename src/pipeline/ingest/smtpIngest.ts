import type { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { Context } from '../../shared/context.ts';
import { parseTacitAddress, type TacitAddress } from '../../shared/rules/addresses.ts';
import { prepareInbound, storeInboundBatch } from './storeInbound.ts';
import { GroupCommit } from './groupCommit.ts';
import { enqueueRouting } from '../routing/routeQueue.ts';
import { ClientLimits } from './clientLimits.ts';
import { InflightBytes } from './inflightBytes.ts';
import { GreetPauseSmtpServer } from './greetPause.ts';

/** An SMTP answer: smtp-server sends `responseCode` and the message to the client. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** The SIZE a client declared in MAIL FROM (RFC 1870), within the limit (a bigger one gets 552 at DATA); 0 when undeclared. */
const declaredSize = (address: SMTPServerAddress, max: number) => Math.min((address.args && Number(address.args.SIZE)) || 0, max);

/** Lists that the address names, which must exist for the address to be ours. */
function listNamedBy(address: TacitAddress): string | undefined {
  return 'list' in address ? address.list : undefined;
}

/**
 * The SMTP ingest: accepts only Tacit's own addresses, and answers 250 to DATA
 * only once the raw message is committed to Postgres (451 when it cannot be).
 */
export function createSmtpIngest(ctx: Context): SMTPServer {
  const { config } = ctx;
  const log = ctx.log.child({ component: 'smtp' });
  const limits = new ClientLimits({
    maxConnections: config.smtp.maxClientsPerIp,
    maxMessagesPerMinute: config.smtp.maxMessagesPerIp,
  });
  // Concurrent sessions' messages share commits; routing jobs go to Redis one batch at a time.
  // After commit: a lost job is found again by the reconciler.
  const commits = new GroupCommit({
    storeBatch: (items) => storeInboundBatch(ctx.sql, items),
    maxMessages: config.smtp.batchMaxMessages,
    maxBytes: config.smtp.batchMaxBytes,
    afterCommit: (stored) => void enqueueRouting(ctx.queues, stored.flatMap((s) => s.newDeliveryIds)),
  });
  // A message as big as the size limit must fit, or it could never be taken.
  const inflight = new InflightBytes<SMTPServerSession>(Math.max(config.smtp.maxInflightBytes, config.smtp.maxSize));
  // Sessions that hold a connection slot (a refused one never took a slot).
  const counted = new WeakSet<SMTPServerSession>();

  async function checkRecipient(address: SMTPServerAddress, session: SMTPServerSession) {
    if (session.envelope.rcptTo.length >= config.smtp.maxRecipients) {
      throw smtpError(452, '4.5.3 Too many recipients');
    }
    const parsed = parseTacitAddress(address.address, config.domain);
    if (!parsed) throw smtpError(550, `5.1.1 <${address.address}>: no such address here`);
    const list = listNamedBy(parsed);
    if (list) {
      let found;
      try {
        [found] = await ctx.sql`select 1 from groups where slug = ${list}`;
      } catch (err) {
        log.error({ err }, 'database unavailable while checking a recipient');
        throw smtpError(451, '4.3.0 Temporary failure, please try again later');
      }
      if (!found) throw smtpError(550, `5.1.1 <${address.address}>: no list named ${list}`);
    }
  }

  async function acceptData(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    // Past the size limit, or past the bytes all sessions may hold, the rest is read and dropped as it
    // arrives: memory stays flat whatever the clients send.
    const chunks: Buffer[] = [];
    let seen = 0;
    let taken = inflight.claim(session);
    let dropping = false;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        seen += chunk.length;
        if (dropping) continue;
        if (stream.sizeExceeded || seen > config.smtp.maxSize || (seen > taken && !inflight.take(seen - taken))) {
          dropping = true;
          chunks.length = 0;
          inflight.give(taken);
          taken = 0;
          continue;
        }
        taken = Math.max(taken, seen);
        chunks.push(chunk);
      }
      if (stream.sizeExceeded || seen > config.smtp.maxSize) {
        throw smtpError(552, `5.3.4 Message too big (limit ${config.smtp.maxSize} bytes)`);
      }
      if (dropping) {
        log.warn({ size: seen, bound: inflight.max }, 'too many bytes in flight; answering 452');
        throw smtpError(452, '4.3.1 Too much mail in flight, please try again later');
      }
      return await commit(Buffer.concat(chunks.splice(0)), session);
    } finally {
      inflight.give(taken);
    }
  }

  async function commit(raw: Buffer, session: SMTPServerSession): Promise<string> {
    let stored;
    try {
      stored = await commits.store(
        prepareInbound({
          raw,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          recipients: session.envelope.rcptTo.map((r) => r.address),
          clientAddress: session.remoteAddress,
          helo: session.hostNameAppearsAs,
        }),
      );
    } catch (err) {
      log.error({ err }, 'could not store a message; answering 451');
      throw smtpError(451, '4.3.0 Temporary failure storing the message, please try again later');
    }
    log.debug({ id: stored.messageId, duplicate: stored.duplicate, size: raw.length }, 'message accepted');
    return `2.0.0 Ok: queued as ${stored.messageId}${stored.duplicate ? ' (duplicate)' : ''}`;
  }

  const server = new GreetPauseSmtpServer({
    name: config.domain,
    banner: 'Tacit ready',
    size: config.smtp.maxSize,
    maxClients: config.smtp.maxClients,
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    // A reverse DNS lookup per connection only decorates logs, and stalls where DNS is slow.
    disableReverseLookup: true,
    onConnect(session, callback) {
      if (!limits.connect(session.remoteAddress)) {
        callback(smtpError(421, '4.7.0 Too many connections from your address, try again later'));
        return;
      }
      counted.add(session);
      callback();
    },
    onClose(session) {
      inflight.cancel(session);
      if (counted.delete(session)) limits.release(session.remoteAddress);
    },
    onMailFrom(address, session, callback) {
      // Refused before its bytes are sent when its declared SIZE does not fit now (or nothing does).
      if (!inflight.reserve(session, declaredSize(address, config.smtp.maxSize))) {
        callback(smtpError(452, '4.3.1 Too much mail in flight, please try again later'));
        return;
      }
      if (!limits.allowMessage(session.remoteAddress, Date.now())) {
        callback(smtpError(451, '4.7.1 Too many messages from your address, try again later'));
        return;
      }
      callback();
    },
    onRcptTo(address, session, callback) {
      checkRecipient(address, session).then(() => callback(), callback);
    },
    onData(stream, session, callback) {
      acceptData(stream, session).then(
        (message) => callback(null, message),
        (err) => {
          stream.resume(); // drain whatever is left so the connection stays usable
          callback(err);
        },
      );
    },
  }, config.smtp.greetPauseMs);
  // A client resetting its connection in the middle of a transaction is an
  // 'error' event on the server; with no listener it would end the process.
  server.on('error', (err) => log.warn({ err }, 'SMTP connection error'));
  return server;
}

export function listen(server: SMTPServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
