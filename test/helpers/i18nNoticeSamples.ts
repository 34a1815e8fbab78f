import type { Language } from '../../src/shared/rules/language.ts';
import { translate } from '../../src/shared/i18n/catalogue.ts';
import { formatInZone } from '../../src/shared/rules/formatUtc.ts';
import { parseOpenRequest } from '../../src/domains/consultations/rules/openRequest.ts';
import { parseCommands } from '../../src/domains/consultations/rules/consultationCommands.ts';
import { parseExtension } from '../../src/domains/consultations/rules/deadline.ts';
import { partOfProblems } from '../../src/domains/consultations/rules/partOf.ts';
import { reason } from '../../src/domains/consultations/rules/reason.ts';
import { reasonText } from '../../src/domains/consultations/mail/reasonText.ts';
import { consultCommandsHelp } from '../../src/domains/mailCommands/commandsHelp.ts';

/**
 * The refusals and notices in a reader's language, with the reasons the
 * readers really give: a malformed opening (an unknown kind, a date that could
 * be two, a reminder that is no date, no list), a coordinator's command lines
 * that are no commands, a part that does not fit its parent, and routing's
 * notices (an address not in service, what was held back in an hour).
 */
const domain = 'tacit.example.org';
const NOW = new Date('2026-12-01T09:00:00Z');
const HOUR = new Date('2026-12-01T14:00:00Z');

export function noticeSamples(lang: Language): { template: string; data: object }[] {
  const words = (refusals: Parameters<typeof reasonText>[1][]) => refusals.map((r) => reasonText(lang, r));
  const opening = parseOpenRequest({ subject: '', body: 'Kind: referendum\nDeadline: 03/12/2026 18:00\nReminder: whenever\nOptions:\nA. Lyon\nA. Bruxelles\n\nText.' }, NOW);
  const past = parseOpenRequest({ subject: 'Q', body: 'Deadline: 2026-11-20 18:00\nList: fr-lyon\nPart of: twelve' }, NOW);
  const parent = { id: 12, status: 'open', partOf: null, question: 'Where?', options: [{ letter: 'A', text: 'Lyon' }], method: 'consent-choice', settings: null, deadline: new Date('2026-12-05T17:00:00Z'), list: 'fr' };
  const part = { question: 'Where then?', options: [{ letter: 'A', text: 'Lyon' }], method: 'consent-choice', settings: null, deadline: new Date('2026-12-08T17:00:00Z'), list: 'de-berlin' };
  const commands = parseCommands('status C-41\nclose\nextend C-41\nclose C-41 now\nvote A');
  const extension = parseExtension('tomorrow', new Date('2026-12-10T17:00:00Z'), NOW);
  const held = (kind: string, count: number, zone: string | null) => ({
    lang, domain, kind, count, limit: kind === 'answer' ? 30 : 10, hour: HOUR, hourLocal: zone ? formatInZone(HOUR, zone, lang) : null,
  });
  return [
    { template: 'consultation-open-error', data: { lang, domain, subject: 'Summer school', errors: words(opening.ok ? [] : opening.errors) } },
    { template: 'consultation-open-error', data: { lang, domain, subject: 'Q', errors: words([...(past.ok ? [] : past.errors), ...partOfProblems(part, parent, false)]) } },
    {
      template: 'consultation-open-error',
      data: { lang, domain, subject: 'Q', memberName: 'Camille', errors: words([reason('opening.notCoordinator', { address: 'camille@example.org', list: 'fr-lyon' }), reason('opening.replyToCopy')]) },
    },
    {
      template: 'consultation-commands',
      data: {
        lang, domain, subject: 'status C-41', list: 'fr-lyon', confirmAddress: null, pendingCount: 0, help: consultCommandsHelp(lang, domain, 'fr-lyon'),
        results: [
          ...commands.notUnderstood.map((n) => ({ line: n.line, result: reasonText(lang, n.reason) })),
          { line: 'extend C-41 tomorrow', result: translate(lang, 'consult.notExtended', { error: 'error' in extension ? reasonText(lang, extension.error) : '' }) },
        ],
      },
    },
    { template: 'consultation-notice', data: { lang, domain, subject: 'Re: Preview of C-44', lines: [translate(lang, 'partOf.notOpened', { id: 'C-44' }), ...words(partOfProblems(part, { ...parent, status: 'closed' }, true))] } },
    { template: 'not-available', data: { lang, domain, subject: 'Hello', address: `fr-lyon-archive@${domain}` } },
    { template: 'notices-held', data: held('answer', 4, 'Europe/Paris') },
    { template: 'notices-held', data: held('moderation-request', 1, null) },
    { template: 'notices-held', data: held('forward', 2, 'Europe/Paris') },
  ];
}
