import type { Consultation } from '../../src/domains/consultations/consultation.ts';
import { consultationView, versionsView, zoneView } from '../../src/domains/consultations/mail/views.ts';
import { outcomeView } from '../../src/domains/consultations/close/outcomeView.ts';
import { tally, type ElectorateMember } from '../../src/domains/consultations/rules/tally.ts';
import { DECISION_METHODS } from '../../src/decisions/methods/index.ts';
import { exampleAnswers } from '../../src/domains/consultations/mail/views.ts';
import { formatInZone, formatUtcIn } from '../../src/shared/rules/formatUtc.ts';
import type { Language } from '../../src/shared/rules/language.ts';
import { translate } from '../../src/shared/i18n/catalogue.ts';
import { translatePhrase } from '../../src/shared/i18n/phrase.ts';
import { phrase } from '../../src/shared/rules/phrase.ts';
import { commandsHelp, consultCommandsHelp, openedCommandsHelp } from '../../src/domains/mailCommands/commandsHelp.ts';
import { modeText } from '../../src/domains/mailCommands/changes.ts';
import { noticeSamples } from './i18nNoticeSamples.ts';

/**
 * Realistic data for every translated template, in a member's language and
 * zone: a choice and a proposal on a French chapter's list, as the composers
 * build it (consultationView, zoneView, outcomeView), so a test renders each
 * mail as a member would get it.
 */
const methods = new Map(DECISION_METHODS);
const deadline = new Date('2026-12-11T17:00:00Z');
const base = {
  group_id: 1, list: 'fr-lyon', list_name: 'Lyon (Rhône)', coordinator_id: 1, coordinator_email: 'coord@example.org',
  objections_named: false, status: 'open', deadline, reminder_at: new Date('2026-12-10T17:00:00Z'), reminder_lead_ms: null, reminded_for: null,
  source_message_id: null, created_at: deadline, opened_at: deadline, closed_at: new Date('2026-12-11T16:00:00Z'), cancelled_at: null,
  electorate_size: 14, outcome: null,
} as const;
export const choice = {
  ...base, id: 41, kind: 'choice', method: 'consent-choice', question: 'Where do we hold the summer school?',
  description: 'Three chapters offered to host it. Costs are in the attached sheet.',
  options: [{ letter: 'A', text: 'Lyon, in the union hall' }, { letter: 'B', text: 'Brussels, at the youth hostel' }, { letter: 'C', text: 'Online only' }],
  block_threshold: null,
} as unknown as Consultation;
/** The choice given in French and Dutch too (issue 23, item 4): each language's member reads theirs, the others the default. */
export const bilingual = {
  ...choice, id: 43,
  versions: {
    fr: {
      question: 'Où tenir l\'université d\'été ?',
      description: 'Trois sections proposent de nous accueillir. Les coûts sont dans le tableau joint.',
      options: [{ letter: 'A', text: 'Lyon, à la bourse du travail' }, { letter: 'B', text: 'Bruxelles, à l\'auberge de jeunesse' }, { letter: 'C', text: 'En ligne seulement' }],
    },
    nl: { question: 'Waar houden we de zomerschool?', options: [{ letter: 'A', text: 'Lyon, in het vakbondshuis' }, { letter: 'B', text: 'Brussel, in de jeugdherberg' }, { letter: 'C', text: 'Alleen online' }] },
  },
} as unknown as Consultation;
export const proposal = {
  ...base, id: 42, kind: 'proposal', method: 'lazy-consensus', question: 'Adopt the new charter?', description: 'The draft is on the wiki.',
  options: [], block_threshold: 2,
} as unknown as Consultation;

let n = 0;
const member = (bucket: ElectorateMember['bucket'], stance?: ElectorateMember['stance']): ElectorateMember => ({ email: `m${++n}@example.org`, bucket, stance });
export const choiceOutcome = {
  ...tally({ kind: 'choice', options: choice.options }, [
    member('replied', { first: 'A' }), member('replied', { first: 'A', reject: ['C'] }), member('replied', { first: 'B' }), member('silent'), member('silent'), member('unreachable'),
  ]),
  tallySha256: '3f'.repeat(32),
};
export const proposalOutcome = {
  ...tally({ kind: 'proposal', block: 2 }, [member('replied', { stance: 'agree' }), member('replied', { stance: 'object', reason: 'Too long to read before the meeting' }), member('silent'), member('away')]),
  tallySha256: 'a9'.repeat(32),
};

const ZONE = 'Europe/Paris';
const domain = 'tacit.example.org';
const url = 'https://tacit.example.org/decisions/C-41';

function common(c: Consultation, lang: Language) {
  return { ...consultationView(c, methods, lang), ...zoneView(ZONE, { deadline: c.deadline, closedAt: c.closed_at }, lang), domain, memberName: 'Camille', url, ballotCode: 'K7P2QX', recipient: 'camille@example.org' };
}

/** Each translated template, by name, with the data its composer gives it (once for a choice, once for a proposal where both differ). */
export function samples(lang: Language): { template: string; data: object }[] {
  const list: { template: string; data: object }[] = [];
  for (const c of [choice, proposal, bilingual]) {
    const view = common(c, lang);
    const outcome = c === proposal ? proposalOutcome : choiceOutcome;
    list.push(
      { template: 'consultation-copy', data: view },
      { template: 'consultation-reminder', data: view },
      { template: 'consultation-extended', data: { ...view, recorded: ['first preference: A'] } },
      { template: 'consultation-extended', data: { ...view, recorded: [] } },
      { template: 'consultation-cancelled', data: view },
      { template: 'consultation-receipt', data: { ...view, readAs: c === choice ? 'A' : 'agree', recorded: ['A'], comment: 'Thanks for organising.', superseded: true } },
      { template: 'consultation-unreadable', data: { ...view, earlier: null, doubt: translatePhrase(lang, phrase('doubt.proxy', { quote: 'My wife votes B' })), notUnderstood: ['My wife votes B'] } },
      { template: 'consultation-unreadable', data: { ...view, earlier: ['A'], doubt: null, notUnderstood: [] } },
      { template: 'consultation-late', data: { ...view, cancelled: false, closedAt: formatUtcIn(c.closed_at!, lang), outcomeLines: ['Winner: A.'] } },
      { template: 'consultation-late', data: { ...view, cancelled: false, closedAt: formatUtcIn(c.closed_at!, lang), outcomeLines: [] } },
      { template: 'consultation-late', data: { ...view, cancelled: true } },
      { template: 'consultation-reply-held', data: { ...view, sender: 'someone@example.net', dmarcFailed: false, excerpt: ['B, please'] } },
      { template: 'consultation-reply-held', data: { ...view, sender: 'camille@example.org', dmarcFailed: true, excerpt: ['B, please'] } },
      { template: 'consultation-outcome', data: { ...outcomeView(outcome as never, c, methods, lang), ...zoneView(ZONE, { deadline: c.deadline, closedAt: c.closed_at }, lang), domain, ballotCode: 'K7P2QX', url } },
      { template: 'consultation-outcome', data: { ...outcomeView(outcome as never, { ...c, closed_at: deadline, objections_named: true }, methods, lang), ...zoneView(null, { deadline: c.deadline }, lang), domain, ballotCode: null, url: null } },
      { template: 'consultation-preview', data: { ...view, ...versionsView(c, lang), electorate: 14, copySubject: '[fr-lyon] C-41: …', copyText: '…' } },
      { template: 'consultation-preview', data: { ...view, reminder: null, electorate: 1, copySubject: '[fr-lyon] C-41: …', copyText: '…' } },
    );
  }
  const open = (c: Consultation) => ({
    ...consultationView(c, methods, lang), deadlineLocal: formatInZone(c.deadline, ZONE, lang), replyAddress: `reply+${c.id}x7_0123456789abcdef0123456789abcdef@${domain}`,
    replied: c === choice, ...exampleAnswers(c.options.map((o) => o.letter), lang), url,
  });
  list.push({
    template: 'digest',
    data: {
      lang, domain, timeZone: null, from: formatUtcIn(new Date('2026-11-30T08:00:00Z'), lang), to: formatUtcIn(new Date('2026-12-07T08:00:00Z'), lang),
      open: [open(choice), open(proposal)], openCount: 2, outcomeCount: 1, postCount: 1,
      outcomes: [{ id: 'C-40', question: 'Which logo?', list: 'fr', listName: 'France', verdict: 'Winner: B.', url }],
      lists: [{ slug: 'fr-lyon', name: 'Lyon (Rhône)', threads: [{ subject: 'Agenda for Saturday', posts: [{ author: 'Ana', date: formatUtcIn(deadline, lang), excerpt: 'First item: the charter.' }] }] }],
    },
  });
  list.push(...answerSamples(lang), ...noticeSamples(lang));
  return list;
}

/** Command answers and confirmations, with result lines as the runners write them in `lang`. */
function answerSamples(lang: Language): { template: string; data: object }[] {
  const t = (key: string, values?: Record<string, unknown>) => translate(lang, key, values);
  const subject = 'subscribe fr-lyon';
  const base = { lang, domain, subject };
  const confirmAddress = `confirm+abc123@${domain}`;
  const results = [
    { line: 'subscribe fr-lyon digest', result: t('cmd.waiting') },
    { line: 'set fr-lyon nomail', result: t('cmd.set.already', { mode: modeText('nomail', lang) }) },
    { line: 'who fr', result: t('cmd.who.ownersOnly', { list: 'fr' }) },
  ];
  const applied = [
    { line: 'subscribe fr-lyon digest', result: t('change.subscribedDigest', { address: `fr-lyon@${domain}` }) },
    { line: 'leave', result: t('change.left', { n: 3 }) },
  ];
  return [
    { template: 'request-results', data: { ...base, results, unknown: ['please add me'], showHelp: true, help: commandsHelp(lang, domain), confirmAddress, pendingCount: 1 } },
    { template: 'request-results', data: { ...base, results: [], unknown: [], showHelp: false, help: null, pendingCount: 0 } },
    { template: 'consultation-commands', data: { ...base, subject: 'status C-41', list: 'fr-lyon', results: [{ line: 'close C-41', result: t('cmd.waiting') }], help: consultCommandsHelp(lang, domain, 'fr-lyon'), confirmAddress, pendingCount: 2 } },
    { template: 'changes-applied', data: { ...base, results: applied } },
    { template: 'changes-applied', data: { ...base, cancelled: true, results: [] } },
    { template: 'confirmation-unclear', data: { ...base, expires: deadline, expiresLocal: formatInZone(deadline, ZONE, lang) } },
    { template: 'confirmation-unusable', data: { ...base, expired: true } },
    { template: 'confirmation-unusable', data: { ...base, expired: false } },
    ...listSamples(lang),
    // The coordinator's answers to a preview: opened (a choice, and a vote whose count is secret), dropped, too late.
    ...[choice, proposal].map((c) => {
      const view = consultationView(c, methods, lang);
      const when = (d: Date) => `${formatUtcIn(d, lang)} (${formatInZone(d, ZONE, lang)})`;
      return {
        template: 'consultation-opened',
        data: { ...view, domain, deadline: when(c.deadline), reminder: c === choice ? when(c.reminder_at!) : null, electorate: 14, electorateText: '14', commands: openedCommandsHelp(lang, view.id, c === proposal) },
      };
    }),
    { template: 'consultation-notice', data: { lang, domain, subject: 'Re: Preview of C-41', lines: [t('opened.dropped', { id: 'C-41', list: 'fr-lyon' })] } },
    { template: 'consultation-notice', data: { lang, domain, subject: 'Re: Preview of C-41', lines: t('opened.tooLate', { id: 'C-41', deadline: formatUtcIn(deadline, lang) }).split('\n') } },
    // The tally answer: a vote's sheet (its silence in the reader's words) reissued, and a consultation's.
    { template: 'consultation-tally', data: { lang, domain, id: 'C-41', question: choice.question, sha256: '3f'.repeat(32), reissued: 'a9'.repeat(32), filename: 'tally-C-41.txt', silentMeans: t('tally.silentMeans') } },
    { template: 'consultation-tally', data: { lang, domain, id: 'C-42', question: proposal.question, sha256: null, reissued: null, filename: 'tally-C-42.txt', silentMeans: null } },
  ];
}

/** Moderation and owner mail of the lists, as moderation.ts, ownerMail.ts and bounces.ts queue them. */
function listSamples(lang: Language): { template: string; data: object }[] {
  const expires = deadline;
  const expiresLocal = formatInZone(deadline, ZONE, lang);
  const post = { lang, domain, list: 'fr-lyon', listName: 'Lyon (Rhône)', listAddress: `fr-lyon@${domain}`, postSubject: 'Agenda for Saturday', subject: 'Agenda for Saturday' };
  return [
    { template: 'moderation-request', data: { ...post, author: 'Ana <ana@example.net>', excerpt: 'First item: the charter.', expires, expiresLocal, byPolicy: false } },
    { template: 'moderation-request', data: { ...post, author: 'Ana <ana@example.net>', excerpt: 'First item: the charter.', expires, expiresLocal, byPolicy: true } },
    { template: 'moderation-result', data: { ...post, approved: true, copies: 14, copiesText: '14' } },
    { template: 'moderation-result', data: { ...post, rejected: true } },
    { template: 'moderation-result', data: { ...post, already: 'distributed', alreadyState: translate(lang, 'modres.state', { state: 'distributed' }), by: 'olga@example.org' } },
    { template: 'moderation-result', data: { ...post, already: 'expired', alreadyState: translate(lang, 'modres.state', { state: 'expired' }) } },
    { template: 'post-held', data: { ...post, expires, expiresLocal, hasModerators: true, moderators: 'yes', byPolicy: false, policy: 'no' } },
    { template: 'post-held', data: { ...post, expires, expiresLocal, hasModerators: false, moderators: 'no', byPolicy: true, policy: 'yes' } },
    { template: 'post-rejected', data: post },
    { template: 'post-expired', data: post },
    { template: 'owner-unreachable', data: { ...post, ownerAddress: `fr-lyon-owner@${domain}` } },
    { template: 'delivery-disabled', data: { lang, domain, address: 'camille@example.org' } },
  ];
}
