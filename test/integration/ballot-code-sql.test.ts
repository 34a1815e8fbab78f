import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotCode } from '../../src/shared/rules/tokens.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * The electorate's codes are computed by Postgres (sql/120) and checked by
 * members against what the application computes (receipts): the two must be
 * the same function.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
});
afterAll(async () => {
  await h.close();
});

describe('tacit_ballot_code in SQL', () => {
  const cases: [string, number, number][] = [
    ['test-secret', 1, 1],
    ['test-secret', 1, 2],
    ['test-secret', 42, 100_000],
    ['another secret, with ünïcode', 7, 3],
    ['s', 9_007_199_254, 1_000_000_007],
  ];
  it.each(cases)('secret %j, consultation %d, member %d: the same code as ballotCode()', async (secret, c, m) => {
    const [row] = await h.ctx.sql`select tacit_ballot_code(${secret}, ${c}::bigint, ${m}::bigint) as code`;
    expect(row.code).toBe(ballotCode(secret, c, m));
  });

  it('agrees on 2,000 members in one statement (every bit position and alphabet letter exercised)', async () => {
    const rows = await h.ctx.sql`select i as m, tacit_ballot_code('k', 5, i) as code from generate_series(1, 2000) i`;
    const mismatches = rows.filter((r) => r.code !== ballotCode('k', 5, Number(r.m)));
    expect(mismatches).toEqual([]);
    expect(new Set(rows.map((r) => (r.code as string)[0])).size).toBe(32);
  });
});
