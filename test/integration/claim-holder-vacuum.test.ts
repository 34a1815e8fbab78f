import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimHolder, HOLDER_LOCK_CLASS, releaseClaimHolder } from '../../src/pipeline/outbound/claimHolder.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * The claim holder's open transaction lives as long as the process: it must
 * have no transaction id and keep no snapshot, or every vacuum of the
 * database waits for it and the outbox's dead rows pile up mailing after
 * mailing (the fan-out slowed round after round).
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ workers: false });
}, 60_000);
afterAll(async () => {
  await h.close();
});

describe('the claim holder', () => {
  it('holds its lock in a transaction without a transaction id or a snapshot, even when its id was WAL-logged', async () => {
    releaseClaimHolder(h.ctx.sql);
    // setval makes the next nextval write the sequence's WAL record, which gives a transaction drawing it an id.
    await h.ctx.sql`select setval('outbox_claim_holders', nextval('outbox_claim_holders'))`;
    const holder = await claimHolder(h.ctx.sql);
    const sessions = await h.ctx.sql`
      select a.state, a.backend_xid::text as xid, a.backend_xmin::text as xmin
      from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.classid = ${HOLDER_LOCK_CLASS} and l.objid = ${holder.id} and l.objsubid = 2 and l.granted`;
    expect(sessions).toEqual([{ state: 'idle in transaction', xid: null, xmin: null }]);
    expect(holder.held()).toBe(true);
  });
});
