import postgres from 'postgres';

/**
 * With BENCH_PG_STATS=1, the statements Postgres ran for one database during
 * a step, from pg_stat_statements: calls, rows and execution time of each,
 * most called first. The bench's Postgres needs the library preloaded once
 * (README, "What limits each figure"); without it this prints why and
 * returns nothing. Replies list them most called first, the close by time.
 */
export async function statementsOf(adminUrl: string, database: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`create extension if not exists pg_stat_statements`;
    await admin`select pg_stat_statements_reset()`;
  } catch (err) {
    await admin.end();
    console.warn(`pg_stat_statements unavailable: ${(err as Error).message}`);
    return null;
  }
  return {
    async report(perUnit: number, unit = 'a reply') {
      const rows = await admin`
        select s.calls::int, s.rows::int, round(s.total_exec_time::numeric, 1)::float as ms, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) as query
        from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = ${database} order by ${unit === 'a reply' ? admin`s.calls` : admin`s.total_exec_time`} desc limit 40`;
      await admin.end();
      const calls = rows.reduce((n, r) => n + (r.calls as number), 0);
      const ms = rows.reduce((n, r) => n + (r.ms as number), 0);
      console.log(`\nstatements in ${database}: ${calls} calls (${(calls / perUnit).toFixed(1)} ${unit}), ${ms.toFixed(0)} ms executing`);
      console.table(rows.map((r) => ({ ...r, [unit]: +((r.calls as number) / perUnit).toFixed(2) })));
      return { calls, ms };
    },
  };
}
