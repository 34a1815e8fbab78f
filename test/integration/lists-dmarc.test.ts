import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { setGroupSettings } from '../../src/domains/org/groups.ts';
import { addMember, header, mailToWithSubject, nthMailTo, standardOrg } from '../helpers/lists.ts';

// DMARC_MODE=always stands in for an author domain publishing p=reject (the
// DNS policy reading itself is covered by test/unit/rules/dmarc.test.ts).
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { DMARC_MODE: 'always' } });
  await standardOrg(h);
  await addMember(h, 'jorg@example.de', { name: 'Jörg Müller', country: 'GB', city: 'London' });
  await addMember(h, 'erin@example.org', { name: 'Erin', country: 'GB', city: 'London' });
});
afterAll(async () => {
  await h?.close();
});

describe('DMARC-safe From', () => {
  it('From becomes "Name via LIST" <LIST@D>, the author moves to Reply-To; the body is untouched', async () => {
    await h.send({ from: '"Jörg Müller" <jorg@example.de>', to: `gb-london@${h.domain}`, subject: 'Grüße aus London', text: 'Schöne Grüße', messageId: '<d-1@example.de>' });
    const copy = await nthMailTo(h, 'erin@example.org', 1);
    expect(copy.parsed.from?.value).toEqual([{ name: 'Jörg Müller via London', address: 'gb-london@tacit.localhost' }]);
    expect(copy.parsed.replyTo?.value).toEqual([{ name: 'Jörg Müller', address: 'jorg@example.de' }]);
    expect(copy.parsed.cc).toBeUndefined();
    expect(copy.parsed.subject).toBe('[gb-london] Grüße aus London');
    expect(copy.parsed.text?.trim()).toBe('Schöne Grüße');
    // Encoded words on the wire, one From only.
    expect(header(copy.raw, 'From')).toMatch(/^=\?UTF-8\?Q\?.*\?= <gb-london@tacit\.localhost>$/);
    expect(copy.raw.match(/^From:/gim)).toHaveLength(1);
  });

  it('with replies going to the list, Reply-To is the list and the author is in Cc (with any Cc of theirs)', async () => {
    await setGroupSettings(h.ctx.sql, 'gb-london', { replyTo: 'list' });
    await h.send({ from: 'erin@example.org', to: `gb-london@${h.domain}`, cc: 'friend@example.com', subject: 'Agenda', text: 'Agenda attached', messageId: '<d-2@example.org>' });
    // Jörg's own copy of the first post may still be on its way: find Erin's by its subject.
    const copy = await mailToWithSubject(h, 'jorg@example.de', '[gb-london] Agenda');
    expect(copy.parsed.from?.value).toEqual([{ name: 'Erin via London', address: 'gb-london@tacit.localhost' }]);
    expect(copy.parsed.replyTo?.value).toEqual([{ name: '', address: 'gb-london@tacit.localhost' }]);
    expect([copy.parsed.cc].flat().flatMap((c) => c!.value.map((v) => v.address))).toEqual(['friend@example.com', 'erin@example.org']);
  });
});
