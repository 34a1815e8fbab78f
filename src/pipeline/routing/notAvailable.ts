import type { Handler } from './inboundMail.ts';
import { replyToSender } from './answers/replyToSender.ts';

/** The fallback for an address kind with no handler in ctx.wiring: a clear answer, never a silent drop. */
export const notAvailableYet: Handler = async (mail, tools) => {
  if (mail.kind !== 'ordinary') return { outcome: `${mail.kind} ignored` };
  const { lang } = await tools.ctx.wiring.readerOf(tools.tx, mail.from, 'list' in mail.address ? mail.address.list : null);
  await replyToSender(mail, tools, 'not-available', { lang, address: mail.recipient });
  return { outcome: 'not available yet' };
};
