import type { Queryable, Sql } from '../../shared/db/database.ts';

/** The advisory lock class of claim holders (the two-key form: class, holder id). */
export const HOLDER_LOCK_CLASS = 727275;

/**
 * The holder ids whose session is alive, as a subquery for the claim and the
 * reconciler: a holder's lock is released by Postgres when its session ends,
 * whether the process stopped, was killed or lost its connection.
 */
export const liveHolders = (sql: Queryable) => sql`
  select objid::bigint from pg_locks
  where locktype = 'advisory' and classid = ${HOLDER_LOCK_CLASS} and objsubid = 2 and granted`;

/**
 * This process as the holder of its outbox claims: a transaction kept open on
 * one pooled connection, holding the holder's lock. It keeps no snapshot and
 * has no transaction id (it writes nothing), so it holds back no vacuum; when its connection closes,
 * `held()` turns false and the next claim takes a fresh holder.
 */
export interface ClaimHolder {
  id: number;
  held(): boolean;
}

interface Holding {
  holder: Promise<ClaimHolder>;
  release(): void;
}

const holdings = new WeakMap<Sql, Holding>();

function hold(sql: Sql): Holding {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let lost = false;
  const holder = new Promise<ClaimHolder>((resolve, reject) => {
    // The id is drawn before the transaction: nextval WAL-logs the sequence now and then (every 32 values, and first
    // after a checkpoint), and a transaction that does so gets a transaction id, whose xmin then holds back every
    // vacuum for as long as this process lives: the outbox's dead rows pile up and each mailing's scans slow down.
    sql`select nextval('outbox_claim_holders')::int as id`
      .then(([row]) =>
        sql.begin(async (tx) => {
          // The simple protocol, the two integers written in: a statement run with parameters leaves its portal, and the
          // portal its snapshot, open until the transaction ends, and that snapshot's xmin would hold back vacuum the same way.
          await tx.unsafe(`select pg_advisory_xact_lock(${HOLDER_LOCK_CLASS}, ${Math.trunc(row!.id as number)})`);
          resolve({ id: row!.id as number, held: () => !lost });
          await released;
        }),
      )
      .catch(reject)
      .finally(() => {
        lost = true;
        if (holdings.get(sql)?.holder === holder) holdings.delete(sql);
      });
  });
  // A failed start is reported to the claim that asked; the next claim tries again.
  holder.catch(() => {});
  return { holder, release };
}

/** The live holder for this pool, taken on first use. */
export async function claimHolder(sql: Sql): Promise<ClaimHolder> {
  let holding = holdings.get(sql);
  if (holding) {
    const current = await holding.holder.catch(() => undefined);
    if (current?.held()) return current;
    if (holdings.get(sql) === holding) holdings.delete(sql);
  }
  holding = holdings.get(sql) ?? hold(sql);
  holdings.set(sql, holding);
  return holding.holder;
}

/** Ends the holder's transaction (before the pool closes): its claims are then anyone's. */
export function releaseClaimHolder(sql: Sql): void {
  holdings.get(sql)?.release();
  holdings.delete(sql);
}
