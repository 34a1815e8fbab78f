import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, seedList, waitForMailTo, type SeededList } from '../helpers/consultation.ts';
import { routed } from '../helpers/lists.ts';
import { setGroupLanguage } from '../../src/domains/org/memberLanguages.ts';

/**
 * A decision method's refusals in the reader's language (issue 23 item 2),
 * over SMTP: a coordinator of a French list opens a Schulze vote with a
 * "Seats:" line (an STV setting) and a "Default:" it cannot read, and is
 * told why in French; the key lines it must write stay as the opening reads
 * them. The same opening on a list with no language is refused in the
 * English the method always wrote.
 */
let h: Harness;
let lyon: SeededList;
let board: SeededList;

beforeAll(async () => {
  h = await createHarness();
  lyon = await seedList(h, 'lyon', 1);
  board = await seedList(h, 'board', 1);
  await setGroupLanguage(h.ctx.sql, 'lyon', 'fr');
}, 60_000);
afterAll(async () => {
  await closeHarness(h);
});

let seq = 0;
async function open(from: string, list: string, subject: string) {
  const messageId = `<i18n-refusal-${++seq}@example.org>`;
  const text = ['Kind: vote', 'Count: schulze', 'Seats: 2', 'Default: peut-être', 'Deadline: 2027-03-12 18:00 UTC', 'A. Lyon', 'B. Bruxelles', 'C. Genève', '', 'Où tenir l’université d’été ?'].join('\n');
  await h.send({ from, to: `${list}-consult@${h.domain}`, subject, text, messageId });
  return routed(h, messageId);
}

describe('a Schulze opening with an STV setting', () => {
  it('is refused in French to a French list\'s coordinator, the key lines as written', async () => {
    await open(lyon.coordinator, 'lyon', 'Université d’été');
    const [answer] = await waitForMailTo(h, lyon.coordinator, /non ouverte/);
    const text = answer!.mail.text!;
    expect(text).toContain('  - Seats : n’est pas un réglage de Count: schulze ; ses réglages sont Count, Default, Quorum.');
    expect(text).toContain('  - Default : « peut-être » n’est pas compris ; écrivez « Default: on » (ajoute « Aucune de ces options », par défaut) ou « Default: off ».');
    for (const english of ['is not a setting', 'its settings are', 'is not understood', 'None of the above']) expect(text).not.toContain(english);
  });

  it('is refused in English where the list has no language', async () => {
    await open(board.coordinator, 'board', 'Summer school');
    const [answer] = await waitForMailTo(h, board.coordinator, /^Re: Summer school/);
    const text = answer!.mail.text!;
    expect(text).toContain('  - Seats: is not a setting of Count: schulze; its settings are Count, Default, Quorum.');
    expect(text).toContain('  - Default: "peut-être" is not understood; write "Default: on" (adds "None of the above", the default) or "Default: off".');
  });
});
