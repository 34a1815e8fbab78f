import postgres from 'postgres';

export type Sql = postgres.Sql<{}>;
export type Tx = postgres.TransactionSql<{}>;
/** Either the pool or a transaction: query helpers take this so callers choose. */
export type Queryable = Sql | Tx;

export function connectDatabase(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // bigint ids and counts come back as JS numbers: they stay far below 2^53.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      // As postgres.js does, without its copy of the bytes first: a 25 MB message costs 25 MB less to store.
      bytea: { to: 17, from: [17], serialize: (x: Uint8Array) => '\\x' + (Buffer.isBuffer(x) ? x : Buffer.from(x)).toString('hex'), parse: (x: string) => Buffer.from(x.slice(2), 'hex') },
    },
    transform: { undefined: null },
    connect_timeout: 5,
  });
}
