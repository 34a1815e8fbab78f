import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQL_DIR } from '../../src/shared/db/migrate.ts';
import { canonicalAddress } from '../../src/shared/rules/domains.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * Stored addresses were converted by Postgres (sql/131) and arriving ones are
 * by canonicalAddress(): the two must give the same form.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
});
afterAll(async () => {
  await h.close();
});

describe('tacit_ascii_address in SQL', () => {
  it.each([
    'ana@bücher.example', 'x@münchen.de', 'y@例え.テスト', 'z@ελληνικά.example', 'w@straße.de', 'v@ｅxample.org',
    'u@mail.пример.рф', 't@xn--bcher-kva.example', 'plain@example.org', 'ana@bϋcher.example', 's@ää.example',
  ])('%s: the same as canonicalAddress()', async (address) => {
    const [row] = await h.ctx.sql`select tacit_ascii_address(${address}) as ascii`;
    expect(row.ascii).toBe(canonicalAddress(address));
  });

  it('converts stored members, keeping a member already stored in ASCII', async () => {
    await h.ctx.sql`insert into members (email, name) values ('old@münchen.de', 'Old'), ('both@münchen.de', 'U'), ('both@xn--mnchen-3ya.de', 'A')`;
    const migration = fs.readFileSync(path.join(SQL_DIR, '131_ascii_domains.sql'), 'utf8');
    await h.ctx.sql.unsafe(migration.slice(migration.indexOf('-- A member stored in both forms')));
    const rows = await h.ctx.sql`select email, name from members where email like '%nchen%' order by email, name`;
    expect(rows.map((r) => `${r.email} ${r.name}`)).toEqual(['both@münchen.de U', 'both@xn--mnchen-3ya.de A', 'old@xn--mnchen-3ya.de Old']);
  });
});
