import type { Consultation } from '../../src/domains/consultations/consultation.ts';
import { consultationView, zoneView } from '../../src/domains/consultations/mail/views.ts';
import { DECISION_METHODS } from '../../src/decisions/methods/index.ts';
import type { Language } from '../../src/shared/rules/language.ts';
import { translate } from '../../src/shared/i18n/catalogue.ts';
import { scopeText } from '../../src/domains/proxies/proxies.ts';
import { choice } from './i18nSamples.ts';

/**
 * Realistic data for the proxy mails (issue 23 item 2), in a reader's
 * language and zone, as proxyBallots.ts, proxyReplyHandler.ts,
 * acceptProxy.ts and proxyCommands.ts queue them: a motion on a French
 * chapter's list (proxies hold ballots in formal votes only), a proxy in
 * Europe/Paris holding two members' ballots, or one.
 */
const methods = new Map(DECISION_METHODS);
const ZONE = 'Europe/Paris';
const domain = 'tacit.example.org';

export const motion = {
  ...choice, id: 44, kind: 'vote', method: 'vote-motion', question: 'Adopt the new statutes?',
  description: 'The draft statutes are on the wiki.', options: [], block_threshold: { count: 'majority', base: 'cast', quorum: null },
} as unknown as Consultation;

const address = (n: number) => `proxy+44x${n}_0123456789abcdef0123456789abcdef@${domain}`;

/** Each proxy template, by name, with the data its code gives it in `lang`. */
export function proxySamples(lang: Language): { template: string; data: object }[] {
  const t = (key: string, values?: Record<string, unknown>) => translate(lang, key, values);
  const view = { ...consultationView(motion, methods, lang), ...zoneView(ZONE, { deadline: motion.deadline, closedAt: motion.closed_at }, lang), domain, recipient: 'camille@example.org' };
  const held = { ...view, memberName: 'Ana Duval', memberEmail: 'ana@example.org', subject: 'Re: C-44' };
  const ballots = [
    { name: 'Ana Duval', email: 'ana@example.org', address: address(1) },
    { name: 'bo@example.org', email: 'bo@example.org', address: address(2) },
  ];
  const notice = { lang, domain, subject: 'Re: C-44' };
  return [
    { template: 'proxy-ballots', data: { ...view, proxyName: 'Camille', ballots, single: false, proxyCode: 'K7P2QX' } },
    { template: 'proxy-ballots', data: { ...view, proxyName: '', ballots: ballots.slice(0, 1), single: true, proxyCode: 'K7P2QX' } },
    { template: 'proxy-receipt', data: { ...held, readable: true, recorded: [], readAs: 'yes', proxyCode: 'K7P2QX', ownBallotCounts: false, doubt: null } },
    { template: 'proxy-receipt', data: { ...held, readable: true, recorded: ['no'], readAs: 'no', proxyCode: 'K7P2QX', ownBallotCounts: true, doubt: null } },
    { template: 'proxy-receipt', data: { ...held, readable: false, recorded: [], readAs: '', proxyCode: 'K7P2QX', ownBallotCounts: false, doubt: null } },
    { template: 'proxy-cast', data: { ...held, proxyEmail: 'camille@example.org', recorded: [], readAs: 'yes', proxyCode: 'K7P2QX', ballotCode: 'M4R8TZ', ownBallotCounts: false } },
    { template: 'proxy-cast', data: { ...held, proxyEmail: 'camille@example.org', recorded: ['yes'], proxyCode: 'K7P2QX', ballotCode: 'M4R8TZ', ownBallotCounts: true } },
    { template: 'proxy-ballot-held', data: { ...held, sender: 'someone@example.net', dmarcFailed: false, excerpt: ['yes', '', 'Ana'] } },
    { template: 'proxy-ballot-held', data: { ...held, sender: 'camille@example.org', dmarcFailed: true, excerpt: ['yes'] } },
    { template: 'proxy-request', data: { lang, domain, memberName: 'Ana Duval', memberEmail: 'ana@example.org', scope: scopeText(null, lang), limit: 2 } },
    { template: 'proxy-request', data: { lang, domain, memberName: '', memberEmail: 'ana@example.org', scope: scopeText('fr-lyon', lang), limit: 2 } },
    // The notices, with the lines acceptProxy.ts and proxyReplyHandler.ts write.
    { template: 'proxy-notice', data: { ...notice, lines: [t('proxy.accept.now', { member: 'ana@example.org', scope: scopeText('fr-lyon', lang) }), t('proxy.accept.eachVote'), t('proxy.accept.memberFirst', { member: 'ana@example.org' })] } },
    { template: 'proxy-notice', data: { ...notice, lines: [t('proxy.accept.full', { limit: 2, member: 'ana@example.org' })] } },
    { template: 'proxy-notice', data: { ...notice, lines: [t('proxy.ballot.late', { id: 'C-44', question: view.question, member: 'ana@example.org' })] } },
    { template: 'proxy-notice', data: { ...notice, title: t('proxy.notice.title'), lines: [t('proxy.accept.accepted', { proxy: 'camille@example.org', scope: scopeText(null, lang), domain })] } },
  ];
}

/** The `proxies`, `proxy` and `digest` answers, as the request results mail shows them. */
export function proxyAnswerSamples(lang: Language): { template: string; data: object }[] {
  const t = (key: string, values?: Record<string, unknown>) => translate(lang, key, values);
  const results = [
    { line: 'proxies', result: [
      t('proxy.list.hold', { members: `ana@example.org (${scopeText(null, lang)}), bo@example.org (${scopeText('fr-lyon', lang)})` }),
      t('proxy.list.heldByNone'),
      t('proxy.list.waiting', { proxy: 'dora@example.org', scope: scopeText(null, lang) }),
    ].join('\n') },
    { line: 'proxy dora@example.org', result: t('proxy.cmd.waitingName', { proxy: 'dora@example.org' }) },
    { line: 'proxy off', result: t('proxy.cmd.waitingOff') },
    { line: 'digest off', result: t('digestcmd.off') },
  ];
  return [
    { template: 'request-results', data: { lang, domain, subject: 'proxies', results, unknown: [], showHelp: false, help: null, confirmAddress: `confirm+abc123@${domain}`, pendingCount: 2 } },
    { template: 'changes-applied', data: { lang, domain, subject: 'proxies', results: [
      { line: 'proxy dora@example.org', result: t('proxy.cmd.asked', { proxy: 'dora@example.org', scope: scopeText(null, lang) }) },
      { line: 'proxy off', result: t('proxy.cmd.ended') },
    ] } },
  ];
}
