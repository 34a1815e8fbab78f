import type { Config } from '../../../shared/config/config.ts';
import { maildirTransport } from './maildir.ts';
import { smtpRelayTransport } from './smtpRelay.ts';
import type { Transport } from './transport.ts';

export function openTransport(config: Config): Transport {
  return config.outbound.kind === 'maildir'
    ? maildirTransport(config.outbound.dir)
    : smtpRelayTransport(config.outbound.url, config.outboundPoolSize);
}
