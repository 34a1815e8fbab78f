import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { listsOf, nthMailTo, replyTo, routed, standardOrg } from '../helpers/lists.ts';
import { upsertMember } from '../../src/domains/org/members.ts';
import { setMemberLanguage } from '../../src/domains/org/memberLanguages.ts';

/** Answers to a confirmation that can no longer be used get one clear reply, to its owner only. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await standardOrg(h);
  // Dora, who joins from Paris, chose English (a member reads her country's language otherwise).
  await upsertMember(h.ctx.sql, { email: 'dora@example.org', name: 'Dora' });
  await setMemberLanguage(h.ctx.sql, 'dora@example.org', 'en');
});
afterAll(async () => {
  await h?.close();
});

describe('a confirmation answered again or too late', () => {
  it('tells the owner it was already used, and changes nothing more', async () => {
    await h.send({ from: 'dora@example.org', to: `request@${h.domain}`, subject: 'join', text: 'Name: Dora\nCountry: FR\nCity: Paris', messageId: '<join-dora@example.org>' });
    const confirm = await nthMailTo(h, 'dora@example.org', 1);
    await replyTo(h, confirm, 'dora@example.org', 'yes', '<dora-yes-1@example.org>');
    await nthMailTo(h, 'dora@example.org', 2); // welcome
    await replyTo(h, confirm, 'dora@example.org', 'yes', '<dora-yes-2@example.org>');
    const again = await nthMailTo(h, 'dora@example.org', 3);
    expect(again.parsed.text).toContain('was already used');
    expect((await routed(h, '<dora-yes-2@example.org>')).outcome).toBe('confirmation already used');
    expect(await listsOf(h, 'dora@example.org')).toEqual(['all', 'fr']);
  });

  it('tells the owner it has expired, and does nothing', async () => {
    await h.send({ from: 'emil@example.org', to: `request@${h.domain}`, subject: 'join', text: 'Name: Emil\nCountry: FR\nCity: Lyon', messageId: '<join-emil@example.org>' });
    const confirm = await nthMailTo(h, 'emil@example.org', 1);
    await h.ctx.sql`update confirmations set expires_at = now() - interval '1 second' where email = 'emil@example.org'`;
    await replyTo(h, confirm, 'emil@example.org', 'yes', '<emil-late@example.org>');
    const late = await nthMailTo(h, 'emil@example.org', 2);
    expect(late.parsed.text).toContain('has expired');
    expect(await listsOf(h, 'emil@example.org')).toEqual([]);
  });
});
