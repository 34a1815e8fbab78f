import { describe, expect, it } from 'vitest';
import { buildRaw, preparedHeaders } from '../../../src/pipeline/outbound/compose/compose.ts';

/**
 * Prepared header values (List-Id, List-Unsubscribe) are folded by Tacit, not
 * nodemailer: every line of the written header ends in CRLF, also when the
 * first word is too long to share a line with the field's name.
 */
const unfold = (raw: string, name: string) => new RegExp(`^${name}: ?((?:.*)(?:\\r\\n[ \\t].*)*)`, 'm').exec(raw)?.[1]?.replace(/\r\n(?=[ \t])/g, '');

describe('preparedHeaders', () => {
  const unsubscribe = `<https://tacit.example.org/unsubscribe/${'a'.repeat(70)}>, <mailto:leave+${'b'.repeat(30)}@tacit.example.org>`;
  const cases: [string, string][] = [
    ['a first word longer than a line', unsubscribe],
    ['a short value', '<congress.tacit.example.org>'],
    ['words to break at', `"${'Congress Committee '.repeat(6).trim()}" <congress.tacit.example.org>`],
  ];

  it.each(cases)('%s: CRLF line ends only, and the value unfolds to itself', async (_, value) => {
    const raw = (await buildRaw({ from: 'a@example.org', to: 'b@example.org', subject: 's', text: 't', headers: preparedHeaders({ 'List-Unsubscribe': value }) })).toString('latin1');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n') + 2);
    expect(head).not.toMatch(/(?<!\r)\n/);
    expect(head).not.toMatch(/[ \t]\r\n/);
    expect(unfold(head, 'List-Unsubscribe')).toBe(value);
  });
});
