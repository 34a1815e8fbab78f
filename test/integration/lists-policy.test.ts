import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { tacit } from '../helpers/cli.ts';
import { addMember, mailsTo, makeOwner, nthMailTo, replyTo, routed, standardOrg } from '../helpers/lists.ts';
import { setMemberLanguage } from '../../src/domains/org/memberLanguages.ts';

/** all@ as an announcement list: `tacit group set all --posting owners`. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await standardOrg(h);
  await addMember(h, 'fay@example.org', { name: 'Fay', country: 'FR', city: 'Paris' });
  await addMember(h, 'gus@example.org', { name: 'Gus', country: 'FR', city: 'Lyon' });
  // Fay lives in Paris but chose English (a member reads her country's language otherwise).
  await setMemberLanguage(h.ctx.sql, 'fay@example.org', 'en');
  await makeOwner(h, 'olga@example.org', 'all');
  await tacit(h, ['group', 'set', 'all', '--posting', 'owners']);
});
afterAll(async () => {
  await h?.close();
});

describe('a list whose posting policy is "owners"', () => {
  it('holds a member\'s post for the owners, who approve it by reply', async () => {
    await h.send({ from: 'fay@example.org', to: `all@${h.domain}`, subject: 'Can I announce this?', text: 'A party on Friday.', messageId: '<fay-1@example.org>' });
    expect(await routed(h, '<fay-1@example.org>')).toMatchObject({ state: 'held' });
    const [held] = await h.ctx.sql`select state, hold_reason from list_posts`;
    expect(held).toEqual({ state: 'held', hold_reason: 'policy' });

    const notice = await nthMailTo(h, 'fay@example.org', 1);
    expect(notice.parsed.text).toContain('approved by its moderators first');
    expect(notice.parsed.text).not.toContain('To join the organisation');
    const request = await nthMailTo(h, 'olga@example.org', 1);
    expect(request.parsed.text).toContain("the list's posting policy asks for a moderator's approval");
    expect(await mailsTo(h, 'gus@example.org')).toHaveLength(0);

    await replyTo(h, request, 'olga@example.org', 'approve', '<olga-approve@example.org>');
    const copy = await nthMailTo(h, 'gus@example.org', 1);
    expect(copy.parsed.subject).toBe('[all] Can I announce this?');
  });

  it("sends an owner's post straight away", async () => {
    await h.send({ from: 'olga@example.org', to: `all@${h.domain}`, subject: 'General meeting', text: 'On the 12th.', messageId: '<olga-1@example.org>' });
    expect(await routed(h, '<olga-1@example.org>')).toMatchObject({ state: 'routed' });
    const copies = await nthMailTo(h, 'gus@example.org', 2);
    expect(copies.parsed.subject).toBe('[all] General meeting');
  });
});
