import type net from 'node:net';
import type tls from 'node:tls';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { SMTPConnection, type SMTPConnectionOptions } from 'smtp-server/lib/smtp-connection.js';

/**
 * smtp-server waits a fixed 100 ms before every 220 greeting to catch clients
 * that talk first; at 20 concurrent one-message sessions that caps a server
 * at ~200 connections a second. Postfix smtpd has no such wait (postscreen's
 * is optional), so here it is `greetPauseMs`: 0 greets at once, more keeps
 * smtp-server's early-talker check (a client talking before the greeting is
 * refused) with that wait.
 */
class GreetPauseConnection extends SMTPConnection {
  constructor(
    server: SMTPServer,
    socket: net.Socket | tls.TLSSocket,
    options: SMTPConnectionOptions | null | undefined,
    private readonly greetPauseMs: number,
  ) {
    super(server, socket, options);
  }

  // smtp-server's init() with its wait made a parameter (the rest as in smtp-server 3.x).
  override init(): void {
    this._setListeners(() => {
      const { maxClients } = this._server.options;
      if (maxClients && this._server.connections.size > maxClients) {
        return this.send(421, this.name + ' Too many connected clients, try again in a moment', false);
      }
      if (this.greetPauseMs === 0) return this.connectionReady();
      setTimeout(() => this.connectionReady(), this.greetPauseMs).unref();
    });
  }
}

export class GreetPauseSmtpServer extends SMTPServer {
  constructor(
    options: SMTPServerOptions,
    private readonly greetPauseMs: number,
  ) {
    super(options);
  }

  // smtp-server's connect() with the connection class above.
  override connect(socket: net.Socket | tls.TLSSocket, socketOptions?: SMTPConnectionOptions | null): void {
    const connection = new GreetPauseConnection(this, socket, socketOptions, this.greetPauseMs);
    this.connections.add(connection);
    connection.on('error', (err: Error) => this._onError(err));
    connection.on('connect', (data) => this._onClientConnect(data));
    connection.init();
  }
}
