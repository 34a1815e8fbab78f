import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { unsubscribe } from '../../src/domains/org/members.ts';
import { standardOrg, tacit } from '../helpers/lists.ts';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
  await standardOrg(h); // all > gb > gb-london, fr, icc
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-import-'));
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PLACES = [['GB', 'London'], ['United Kingdom', 'Leeds'], ['FR', 'Paris'], ['de', 'Berlin']] as const;

function writeMembers(file: string, rows: number) {
  const lines = ['email,name,country,city,lists'];
  for (let i = 1; i <= rows; i++) {
    const [country, city] = PLACES[i % PLACES.length]!;
    lines.push(`member${i}@example.org,"Member ${i}, Jr.",${country},${city},${i % 10 === 0 ? 'icc' : ''}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function count(query: string) {
  const [row] = await h.ctx.sql.unsafe(query);
  return row!.n as number;
}

describe('tacit import', () => {
  it('imports 10,000 rows in seconds, and a second run adds nobody', async () => {
    const file = path.join(dir, 'members.csv');
    writeMembers(file, 10_000);

    const started = Date.now();
    const first = JSON.parse((await tacit(h, ['import', file, '--json'])).stdout);
    const firstMs = Date.now() - started;
    expect(first).toMatchObject({ rows: 10_000, added: 10_000, updated: 0, unchanged: 0, refused: 0 });
    expect(await count(`select count(*)::int as n from members`)).toBe(10_000);
    expect(await count(`select count(*)::int as n from memberships ms join groups g on g.id = ms.group_id where g.slug = 'all'`)).toBe(10_000);
    // GB rows (London and Leeds, half of them) are in the branch; London's quarter in the chapter.
    expect(await count(`select count(*)::int as n from memberships ms join groups g on g.id = ms.group_id where g.slug = 'gb'`)).toBe(5_000);
    expect(await count(`select count(*)::int as n from memberships ms join groups g on g.id = ms.group_id where g.slug = 'gb-london'`)).toBe(2_500);
    expect(await count(`select count(*)::int as n from memberships ms join groups g on g.id = ms.group_id where g.slug = 'icc'`)).toBe(1_000);
    const [sample] = await h.ctx.sql`select name, country, city from members where email = 'member7@example.org'`;
    expect(sample).toEqual({ name: 'Member 7, Jr.', country: 'DE', city: 'Berlin' });

    const memberships = await count(`select count(*)::int as n from memberships`);
    const again = Date.now();
    const second = JSON.parse((await tacit(h, ['import', file, '--json'])).stdout);
    const secondMs = Date.now() - again;
    expect(second).toMatchObject({ rows: 10_000, added: 0, updated: 0, unchanged: 10_000, refused: 0 });
    expect(await count(`select count(*)::int as n from members`)).toBe(10_000);
    expect(await count(`select count(*)::int as n from memberships`)).toBe(memberships);
    console.log(`import of 10,000 rows through the CLI: first ${firstMs} ms, second ${secondMs} ms (each including ~3 s of CLI start-up)`);
  });

  it('reports each refused row with its line and reason, imports the rest, and does not put back members who left (or left one list)', async () => {
    await h.ctx.sql`update members set left_at = now() where email = 'member1@example.org'`;
    await h.ctx.sql`delete from memberships where member_id = (select id from members where email = 'member1@example.org')`;
    const [m2] = await h.ctx.sql`select id from members where email = 'member2@example.org'`;
    const [all] = await h.ctx.sql`select id from groups where slug = 'all'`;
    await unsubscribe(h.ctx.sql, m2!.id, all!.id); // member2 left the international list by themselves
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(file, '\ufeff' + [
      'Name,E-mail,City,Country,Lists',
      'Good One,good1@example.org,London,GB,fr',
      'No Email,,London,GB,',
      'Bad Email,not-an-address,London,GB,',
      'Atlantean,atl@example.org,Poseidonia,Atlantis,',
      'Cityless,cityless@example.org,Leeds,,',
      'Unknown List,ul@example.org,Paris,FR,nosuchlist',
      '"Quoted, Name",quoted@example.org,"Milton Keynes",GB,"fr;icc"',
      'Member One,member1@example.org,London,GB,',
      '"Member 2, Jr.",member2@example.org,Paris,FR,all',
    ].join('\r\n'));
    const out = await tacit(h, ['import', file]);
    expect(out.stdout.trim()).toBe(
      '9 rows read: 2 members added, 1 updated, 1 unchanged, 5 refused\n1 had left by mail and were not put back on their lists',
    );
    expect(out.stderr.split('\n').filter(Boolean)).toEqual([
      'line 3: refused: no email address',
      'line 4: refused: not an email address: not-an-address',
      'line 5: refused: unknown country: Atlantis',
      'line 6: refused: a city needs a country',
      'line 7: refused: no list named nosuchlist',
    ]);
    const rows = await h.ctx.sql`
      select m.email, m.name, array_remove(array_agg(g.slug order by g.slug), null) as lists from members m
      left join memberships ms on ms.member_id = m.id left join groups g on g.id = ms.group_id
      where m.email in ('good1@example.org', 'quoted@example.org', 'member1@example.org', 'member2@example.org') group by m.email, m.name order by m.email`;
    expect(rows).toEqual([
      { email: 'good1@example.org', name: 'Good One', lists: ['all', 'fr', 'gb', 'gb-london'] },
      { email: 'member1@example.org', name: 'Member One', lists: [] },
      { email: 'member2@example.org', name: 'Member 2, Jr.', lists: ['fr'] },
      { email: 'quoted@example.org', name: 'Quoted, Name', lists: ['all', 'fr', 'gb', 'icc'] },
    ]);
  });
});
