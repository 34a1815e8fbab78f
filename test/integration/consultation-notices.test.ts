import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingDomain } from '../helpers/dns.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, inDays, routeAllNow, seedList } from '../helpers/consultation.ts';

/** Extension notices are coalesced: members get the latest deadline, not one mail per extension. No workers: nothing is sent meanwhile. */
let h: Harness;
const { dns, dkim } = signingDomain('example.org');

beforeAll(async () => {
  h = await createHarness({ workers: false, resolver: dns.resolver });
});
afterAll(async () => {
  await closeHarness(h);
});

describe('extension notices', () => {
  it('a second extension replaces the notices of the first that have not left yet', async () => {
    const list = await seedList(h, 'nl', 2, 'national');
    await h.send({ from: list.coordinator, to: `nl-consult@${h.domain}`, subject: 'Venue', text: `Kind: choice\nDeadline: ${inDays(3)}\nOptions:\nA. Utrecht\nB. Gent\n\nWhere?` });
    await routeAllNow(h);
    const [preview] = await h.ctx.sql`select params from outbox where kind = 'consultation-preview'`;
    await h.send({ from: list.coordinator, to: preview.params.replyTo as string, subject: 'Re: preview', text: 'yes' });
    await routeAllNow(h);
    const [c] = await h.ctx.sql`select id from consultations where status = 'open'`;

    for (const days of [1, 2]) {
      await h.send({ from: list.coordinator, to: `nl-consult@${h.domain}`, subject: 'later', text: `extend C-${c.id} ${days} days`, dkim });
      await routeAllNow(h);
    }
    const notices = await h.ctx.sql`
      select o.recipient, o.state, o.last_error from outbox o join consultation_mailings cm on cm.outbox_id = o.id
      where cm.consultation_id = ${c.id} and cm.purpose like 'extended-%' order by o.id`;
    expect(notices.filter((n) => n.state === 'pending').map((n) => n.recipient).sort()).toEqual([list.coordinator, ...list.members].sort());
    expect(notices.filter((n) => n.state !== 'pending').map((n) => n.last_error)).toEqual(Array(3).fill('superseded by a later extension'));
  });
});
