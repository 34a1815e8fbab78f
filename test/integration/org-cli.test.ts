import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { listsOf, tacit } from '../helpers/lists.ts';

// The real `tacit` command line against the harness's database.
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
});
afterAll(async () => {
  await h?.close();
});

describe('tacit group / member / role / waiting', () => {
  it('builds the tree: the first root is international, a country-named child a branch, its child a chapter', async () => {
    const all = await tacit(h, ['group', 'add', 'all', '--name', 'All members', '--json']);
    expect(JSON.parse(all.stdout)).toMatchObject({ slug: 'all', level: 'international', created: true });
    const gb = await tacit(h, ['group', 'add', 'gb', '--name', 'United Kingdom', '--parent', 'all']);
    expect(gb.stdout.trim()).toBe('created gb@tacit.localhost "United Kingdom" (national for GB)');
    const [london, icc, bad] = await Promise.all([
      tacit(h, ['group', 'add', 'gb-london', '--name', 'London', '--parent', 'gb']),
      tacit(h, ['group', 'add', 'icc', '--name', 'Interim Consultative Committee', '--parent', 'all', '--level', 'committee']),
      tacit(h, ['group', 'add', 'gb-request', '--name', 'x'], { allowFailure: true }),
    ]);
    expect(london.stdout.trim()).toBe('created gb-london@tacit.localhost "London" (local for London, GB)');
    expect(icc.stdout).toContain('(committee)');
    // A mistake is one line on stderr and exit code 2.
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tacit: "gb-request" cannot name a list/);
    const groups = await h.ctx.sql`select slug, level, country, city, subscription from groups order by slug`;
    expect(groups).toEqual([
      { slug: 'all', level: 'international', country: null, city: null, subscription: 'open' },
      { slug: 'gb', level: 'national', country: 'GB', city: null, subscription: 'open' },
      { slug: 'gb-london', level: 'local', country: 'GB', city: 'London', subscription: 'open' },
      { slug: 'icc', level: 'committee', country: null, city: null, subscription: 'closed' },
    ]);
  });

  it('member add is idempotent and places by residence; role grant; waiting counts cities without a chapter', async () => {
    const add = ['member', 'add', 'Ann@Example.org', '--name', 'Ann', '--country', 'United Kingdom', '--city', 'london', '--list', 'icc'];
    const [first] = await Promise.all([tacit(h, add), tacit(h, ['role', 'grant', 'owner@example.org', 'owner', 'gb-london'])]);
    expect(first.stdout.trim()).toBe('added ann@example.org: all, gb, gb-london, icc');
    const [again, mk] = await Promise.all([
      tacit(h, add),
      tacit(h, ['member', 'add', 'ben@example.org', '--name', 'Ben', '--country', 'GB', '--city', 'Milton Keynes', '--json']),
    ]);
    expect(again.stdout.trim()).toBe('updated ann@example.org: all, gb, gb-london, icc');
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from members where email = 'ann@example.org'`;
    expect(n).toBe(1);
    expect(await listsOf(h, 'ann@example.org')).toEqual(['all', 'gb', 'gb-london', 'icc']);
    expect(JSON.parse(mk.stdout)).toEqual({ email: 'ben@example.org', created: true, lists: ['all', 'gb'], waiting: true });
    const [role] = await h.ctx.sql`select r.role, g.slug from roles r join groups g on g.id = r.group_id join members m on m.id = r.member_id where m.email = 'owner@example.org'`;
    expect(role).toEqual({ role: 'owner', slug: 'gb-london' });

    const [waiting, lists] = await Promise.all([tacit(h, ['waiting', '--json']), tacit(h, ['lists', '--json'])]);
    expect(JSON.parse(waiting.stdout)).toEqual([{ country: 'GB', city: 'Milton Keynes', members: 1, branch: 'gb' }]);
    const tree = JSON.parse(lists.stdout) as { slug: string; depth: number; members: number }[];
    expect(tree.map((g) => [g.slug, g.depth, g.members])).toEqual([['all', 0, 2], ['gb', 1, 2], ['gb-london', 2, 1], ['icc', 1, 1]]);
  });

  it('group rename changes the title and the list address; memberships stay', async () => {
    const out = await tacit(h, ['group', 'rename', 'gb-london', '--slug', 'gb-ldn', '--name', 'London chapter']);
    expect(out.stdout.trim()).toBe('gb-london is now gb-ldn@tacit.localhost "London chapter"');
    expect(await listsOf(h, 'ann@example.org')).toEqual(['all', 'gb', 'gb-ldn', 'icc']);
    const [g] = await h.ctx.sql`select city from groups where slug = 'gb-ldn'`;
    expect(g!.city).toBe('London'); // the chapter still serves London
  });
});
