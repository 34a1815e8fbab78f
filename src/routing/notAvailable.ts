import type { Handler } from './inboundMail.ts';
import { replyToSender } from './reply.ts';

/** Addresses whose feature has not landed yet answer clearly instead of dropping mail silently. */
export const notAvailableYet: Handler = async (mail, tools) => {
  if (mail.kind !== 'ordinary') return { outcome: `${mail.kind} ignored` };
  await replyToSender(mail, tools, 'not-available', { address: mail.recipient });
  return { outcome: 'not available yet' };
};
