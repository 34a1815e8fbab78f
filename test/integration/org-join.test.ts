import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { addGroup } from '../../src/domains/org/groups.ts';
import { waitingForChapter } from '../../src/domains/org/residence.ts';
import { header, listsOf, mailsTo, nthMailTo, replyTo, routed, standardOrg } from '../helpers/lists.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await standardOrg(h);
});
afterAll(async () => {
  await h?.close();
});

async function join(from: string, lines: string, messageId: string) {
  await h.send({ from, to: `request@${h.domain}`, subject: 'join', text: lines, messageId });
}

describe('joining by mail', () => {
  it('join → confirmation mail → reply → member of the international list, the branch and the chapter', async () => {
    await join('"Alice Smith" <alice@example.org>', 'Name: Alice Smith\nCountry: United Kingdom\nCity: london\n', '<join-alice@example.org>');
    const confirm = await nthMailTo(h, 'alice@example.org', 1);
    expect(confirm.parsed.text).toContain('Waiting for your confirmation');
    expect(header(confirm.raw, 'Reply-To')).toMatch(/^confirm\+\d+_[0-9a-f]{32}@tacit\.localhost$/);
    expect(header(confirm.raw, 'In-Reply-To')).toBe('<join-alice@example.org>');
    // Nothing happens before the reply.
    expect(await listsOf(h, 'alice@example.org')).toEqual([]);

    await replyTo(h, confirm, 'alice@example.org', 'yes', '<join-alice-confirm@example.org>');
    const welcome = await nthMailTo(h, 'alice@example.org', 2);
    expect(welcome.parsed.text).toContain('Welcome! You are now a member.');
    expect(welcome.parsed.text).toContain('gb-london@tacit.localhost');
    expect(await listsOf(h, 'alice@example.org')).toEqual(['all', 'gb', 'gb-london']);
    const [member] = await h.ctx.sql`select name, country, city from members where email = 'alice@example.org'`;
    expect(member).toEqual({ name: 'Alice Smith', country: 'GB', city: 'london' });
    const sources = await h.ctx.sql`select distinct source from memberships ms join members m on m.id = ms.member_id where m.email = 'alice@example.org'`;
    expect(sources.map((r) => r.source)).toEqual(['residence']);
  });

  it('a confirmation answered from another address changes nothing', async () => {
    await join('carol@example.org', 'Name: Carol\nCountry: FR\nCity: Paris', '<join-carol@example.org>');
    const confirm = await nthMailTo(h, 'carol@example.org', 1);
    await replyTo(h, confirm, 'mallory@example.net', 'yes', '<carol-forged@example.net>');
    const row = await routed(h, '<carol-forged@example.net>');
    expect(row.state).toBe('held');
    expect(await listsOf(h, 'carol@example.org')).toEqual([]);
  });

  it('a city without a chapter leaves the member in the branch, counted as waiting; a new chapter takes them in', async () => {
    await join('bob@example.org', 'join\nName: Bob\nCountry: GB\nCity: Milton Keynes', '<join-bob@example.org>');
    await replyTo(h, await nthMailTo(h, 'bob@example.org', 1), 'bob@example.org', 'ok', '<join-bob-ok@example.org>');
    const welcome = await nthMailTo(h, 'bob@example.org', 2);
    expect(welcome.parsed.text).toContain('There is no chapter in Milton Keynes yet');
    expect(await listsOf(h, 'bob@example.org')).toEqual(['all', 'gb']);
    expect(await waitingForChapter(h.ctx.sql)).toEqual([{ country: 'GB', city: 'Milton Keynes', members: 1, branch: 'gb' }]);

    const { placed } = await addGroup(h.ctx.sql, { slug: 'gb-mk', name: 'Milton Keynes', parent: 'gb' });
    expect(placed).toBe(1);
    expect(await listsOf(h, 'bob@example.org')).toEqual(['all', 'gb', 'gb-mk']);
    expect(await waitingForChapter(h.ctx.sql)).toEqual([]);
  });

  it('move changes the chapter (and keeps its delivery mode); leave ends every membership', async () => {
    await h.ctx.sql`update memberships set mode = 'digest' where group_id = (select id from groups where slug = 'gb-london')
                    and member_id = (select id from members where email = 'alice@example.org')`;
    await h.send({ from: 'alice@example.org', to: `request@${h.domain}`, subject: 'move gb milton keynes', text: '', messageId: '<alice-move@example.org>' });
    const confirm = await nthMailTo(h, 'alice@example.org', 3);
    expect(confirm.parsed.text).toContain('move GB milton keynes');
    await replyTo(h, confirm, 'alice@example.org', 'ok', '<alice-move-ok@example.org>');
    const done = await nthMailTo(h, 'alice@example.org', 4);
    expect(done.parsed.text).toContain('You now live in milton keynes (GB)');
    expect(await listsOf(h, 'alice@example.org')).toEqual(['all', 'gb', 'gb-mk']);
    const [mk] = await h.ctx.sql`select mode from memberships where group_id = (select id from groups where slug = 'gb-mk')
                                 and member_id = (select id from members where email = 'alice@example.org')`;
    expect(mk.mode).toBe('digest');

    await h.send({ from: 'alice@example.org', to: `request@${h.domain}`, subject: 'leave', text: '', messageId: '<alice-leave@example.org>' });
    await replyTo(h, await nthMailTo(h, 'alice@example.org', 5), 'alice@example.org', 'ok', '<alice-leave-ok@example.org>');
    expect((await nthMailTo(h, 'alice@example.org', 6)).parsed.text).toContain('You have left 3 lists');
    expect(await listsOf(h, 'alice@example.org')).toEqual([]);
  });

  it('a country Tacit cannot read gets one clear answer and no confirmation', async () => {
    await join('dan@example.org', 'join\nName: Dan\nCountry: Atlantis\nCity: Poseidonia', '<join-dan@example.org>');
    const answer = await nthMailTo(h, 'dan@example.org', 1);
    expect(answer.parsed.text).toContain('could not read the country "Atlantis"');
    expect(header(answer.raw, 'Reply-To')).toBeUndefined();
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from confirmations where email = 'dan@example.org'`;
    expect(n).toBe(0);
    expect(await mailsTo(h, 'dan@example.org')).toHaveLength(1);
  });
});
