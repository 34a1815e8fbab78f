import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTION } from '../../../src/decisions/counting/schulze.ts';
import { readRanking } from '../../../src/reading/ballot/ranking.ts';
import { newTextOfBody } from '../../../src/reading/newText/replyText.ts';
import { readableOptions, sentTextOf, versionIn } from '../../../src/domains/consultations/defaultOption.ts';

/**
 * A Schulze vote's added option, "None of the above", in the member's words
 * (issue 23): shown in their language, named in any language Tacit writes,
 * and its translated line in a copy is known as sent.
 */
const OPTIONS = [
  { letter: 'A', text: 'Lyon' },
  { letter: 'B', text: 'Berlin' },
  { letter: 'C', text: DEFAULT_OPTION },
];
const VOTE = { question: 'Where to meet', description: '', options: OPTIONS, versions: {} };

describe('the added option in the member’s words', () => {
  it('is shown in the reader’s language, the other options as given', () => {
    expect(versionIn(VOTE, 'fr').options).toEqual([{ letter: 'A', text: 'Lyon' }, { letter: 'B', text: 'Berlin' }, { letter: 'C', text: 'Aucune de ces options' }]);
    expect(versionIn(VOTE, 'pl').options[2]!.text).toBe('Żadna z powyższych');
    expect(versionIn(VOTE, 'en').options[2]!.text).toBe(DEFAULT_OPTION);
  });

  it('takes an option version’s own title over the catalogue’s', () => {
    const c = { ...VOTE, versions: { fr: { options: [{ letter: 'A', text: 'Lyon' }, { letter: 'B', text: 'Berlin' }, { letter: 'C', text: 'Aucun des deux' }] } } };
    expect(versionIn(c, 'fr').options[2]!.text).toBe('Aucun des deux');
    expect(versionIn(c, 'de').options[2]!.text).toBe('Keine der genannten Optionen');
  });

  it.each([
    ['Berlin > Aucune de ces options > Lyon', [['B'], ['C'], ['A']]],
    ['Żadna z powyższych > A', [['C'], ['A']]],
    ['B > Inget av ovanstående', [['B'], ['C']]],
    ['B > None of the above > A', [['B'], ['C'], ['A']]],
  ])('reads %j naming it in any language', (text, ranking) => {
    expect(readRanking(text, readableOptions(OPTIONS, {}))).toEqual({ ranking });
  });

  it('leaves a vote without it as it was', () => {
    const plain = OPTIONS.slice(0, 2);
    expect(readableOptions(plain, {})).toEqual(plain);
    expect(versionIn({ ...VOTE, options: plain }, 'fr').options).toEqual(plain);
    expect(sentTextOf({ ...VOTE, options: plain }).split('\n')).not.toContain('C. Aucune de ces options');
  });

  it('knows its French line in an unquoted original as sent, so it is not read as the member’s', () => {
    const copy = ['Where to meet', '', 'Options:', 'A. Lyon', 'B. Berlin', 'C. Aucune de ces options'].join('\n');
    const reply = `Merci.\n\n________________________________\nDe : Assembly <assembly-consult@tacit.localhost>\nEnvoyé : lundi 30 novembre 2026 10:00\nÀ : Camille <camille@example.fr>\nObjet : [assembly] C-7: Where to meet\n\n${copy.replace('B. Berlin', 'B. Berlin\nB > A')}\n`;
    expect(newTextOfBody(reply, { sent: sentTextOf(VOTE) })).not.toContain('Aucune');
    expect(newTextOfBody(reply, { sent: sentTextOf(VOTE) })).toContain('B > A');
    // Without the translated line, the trimmer would take it for the member's.
    expect(newTextOfBody(reply, { sent: sentTextOf({ ...VOTE, options: OPTIONS.slice(0, 2) }) })).toContain('Aucune');
  });
});
