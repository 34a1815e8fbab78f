import type { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { Context } from '../../app/context.ts';
import { parseTacitAddress, type TacitAddress } from '../../shared/rules/addresses.ts';
import { prepareInbound, storeInboundBatch } from './storeInbound.ts';
import { GroupCommit } from './groupCommit.ts';
import { enqueueRouting } from '../routing/routeQueue.ts';
import { ClientLimits } from './clientLimits.ts';
import { GreetPauseSmtpServer } from './greetPause.ts';

/** An SMTP answer: smtp-server sends `responseCode` and the message to the client. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

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
    // Past the limit the rest is read and dropped as it arrives: memory stays flat whatever the client sends.
    const chunks: Buffer[] = [];
    let kept = 0;
    for await (const chunk of stream) {
      if (stream.sizeExceeded || kept + (chunk as Buffer).length > config.smtp.maxSize) {
        chunks.length = 0;
        kept = config.smtp.maxSize + 1;
        continue;
      }
      chunks.push(chunk as Buffer);
      kept += (chunk as Buffer).length;
    }
    if (stream.sizeExceeded || kept > config.smtp.maxSize) {
      throw smtpError(552, `5.3.4 Message too big (limit ${config.smtp.maxSize} bytes)`);
    }
    const raw = Buffer.concat(chunks);
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
      if (counted.delete(session)) limits.release(session.remoteAddress);
    },
    onMailFrom(_address, session, callback) {
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
