/**
 * Issue 22 items 4 and 5, end to end over SMTP: members name proxies by mail
 * to request@ (confirmed by the member, accepted by the proxy), a formal vote
 * mails each proxy the ballots they hold, proxies vote at their proxy
 * addresses, one member's own ballot overrides their proxy's, and the close's
 * tally sheet marks the proxies' ballots with their codes; `tacit count` on
 * the sheet agrees with the outcome. Every proxy rule is checked here or in
 * test/unit/proxies/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDue } from '../../src/domains/consultations/close/close.ts';
import { runTacit } from '../helpers/cli.ts';
import { findMemberByAddress, subscribe, upsertMember } from '../../src/domains/org/members.ts';
import { TestDns } from '../helpers/dns.ts';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import {
  closeHarness, expire, inDays, openViaSmtp, replyToOf, seedList, tacit, waitForMailTo, type Delivered, type SeededList,
} from '../helpers/consultation.ts';

let h: Harness;
let list: SeededList;
let m: string[] = [];

// strict.example publishes DMARC p=reject and signs nothing: mail in its name is not proven to be its.
const dns = new TestDns();
dns.txt('_dmarc.strict.example', 'v=DMARC1; p=reject');
const PAT = 'pat@strict.example';

beforeAll(async () => {
  h = await createHarness({ resolver: dns.resolver });
  await upsertMember(h.ctx.sql, { email: PAT, name: 'Pat' });
  list = await seedList(h, 'convention', 6);
  m = ['', ...list.members]; // m[1] … m[6]
});
afterAll(async () => {
  await closeHarness(h);
});

let seq = 0;
/** A command mail to request@; returns the results mail. */
async function command(from: string, text: string): Promise<Delivered> {
  const subject = `cmd-${++seq}`;
  await h.send({ from, to: `request@${h.domain}`, subject, text, messageId: `<${subject}@example.org>` });
  const [results] = await waitForMailTo(h, from, new RegExp(`^Re: ${subject}$`));
  return results!;
}

/** Answers a mail from `from` with `text`; waits for the answer to that answer when `answer` is given. */
async function answer(mail: Delivered, from: string, text = 'yes'): Promise<void> {
  await h.send({ from, to: replyToOf(mail), subject: `Re: ${mail.mail.subject}`, text, messageId: `<answer-${++seq}@example.org>` });
}

async function proxyRows() {
  return h.ctx.sql`
    select m.email as member, pm.email as proxy, p.state, g.slug as list from proxies p
    join members m on m.id = p.member_id join members pm on pm.id = p.proxy_member_id left join groups g on g.id = p.group_id
    order by p.id`;
}

/** `proxy EMAIL [list L]` from `member`, confirmed by the member; returns the request mail the proxy got. */
async function nameProxy(member: string, proxy: string, requestsBefore: number, scope = ''): Promise<Delivered> {
  const results = await command(member, `proxy ${proxy}${scope}`);
  expect(results.mail.text).toContain('Waiting for your confirmation');
  await answer(results, member);
  const requests = await waitForMailTo(h, proxy, /^Will you be the proxy of /, requestsBefore + 1);
  return requests[requestsBefore]!;
}

/** The members and their proxy addresses in a proxy's ballots mail. */
function ballotsIn(mail: Delivered): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of (mail.mail.text ?? '').matchAll(/<([^>\s]+)>\n\s+vote for them by writing to: (proxy\+\S+)/g)) found.set(match[1]!, match[2]!);
  return found;
}

describe('proxies for formal votes', () => {
  it('a naming waits for the member\'s confirmation, then for the proxy\'s acceptance', async () => {
    const request = await nameProxy(m[1]!, m[5]!, 0);
    // Confirmed by the member, not yet accepted: an offer, nobody holds anything.
    expect((await proxyRows()).map((r) => r.state)).toEqual(['offered']);
    expect(request.mail.subject).toBe('Will you be the proxy of Member 1?');
    expect((await command(m[1]!, 'proxies')).mail.text).toContain(`Waiting for ${m[5]} to accept (formal votes on every list).`);
    expect(JSON.parse((await tacit(h, ['proxies', '--json'])).stdout)).toEqual([]);

    // Someone else answering the proxy's request changes nothing (the confirmation's From check).
    await answer(request, m[6]!);
    await answer(request, m[5]!);
    await waitForMailTo(h, m[1]!, /^Your proxy$/);
    expect(await proxyRows()).toEqual([{ member: m[1], proxy: m[5], state: 'active', list: null }]);
  });

  it('an unconfirmed naming does nothing; self, strangers and unknown lists are refused', async () => {
    const unconfirmed = await command(m[2]!, `proxy ${m[6]}`);
    expect(unconfirmed.mail.text).toContain('Waiting for your confirmation');
    expect((await command(m[2]!, `proxy ${m[2]}`)).mail.text).toContain('You cannot be your own proxy.');
    expect((await command(m[2]!, 'proxy stranger@example.org')).mail.text).toContain('stranger@example.org is not a member: a proxy must be one.');
    expect((await command(m[2]!, `proxy ${m[6]} list nowhere`)).mail.text).toContain('There is no list named nowhere.');
    expect((await proxyRows()).length).toBe(1);
  });

  it('one proxy holds at most PROXY_LIMIT (2) members: at acceptance and at naming', async () => {
    const forM2 = await nameProxy(m[2]!, m[5]!, 1, ' list convention');
    const forM6 = await nameProxy(m[6]!, m[5]!, 2);
    await answer(forM2, m[5]!);
    await waitForMailTo(h, m[2]!, /^Your proxy$/);
    await answer(forM6, m[5]!);
    const [refusal] = await waitForMailTo(h, m[5]!, /^Re: Re: Will you be the proxy of Member 6/);
    expect(refusal!.mail.text).toContain(`You already hold 2 members' votes, the most one proxy may hold: you were not made ${m[6]}'s proxy.`);
    expect((await command(m[3]!, `proxy ${m[5]}`)).mail.text).toContain(`${m[5]} already holds 2 members' votes, the most one proxy may hold.`);
    const active = (await proxyRows()).filter((r) => r.state === 'active');
    expect(active).toEqual([
      { member: m[1], proxy: m[5], state: 'active', list: null },
      { member: m[2], proxy: m[5], state: 'active', list: 'convention' },
    ]);
  });

  it('a vote mails each proxy the ballots they hold; chains are not followed; a consultation ignores proxies', async () => {
    // A chain: m4 names m3, m3 names m6.
    await answer(await nameProxy(m[4]!, m[3]!, 0), m[3]!);
    await waitForMailTo(h, m[4]!, /^Your proxy$/);
    await answer(await nameProxy(m[3]!, m[6]!, 0), m[6]!);
    await waitForMailTo(h, m[3]!, /^Your proxy$/);

    const proxies = JSON.parse((await tacit(h, ['proxies', '--json'])).stdout);
    expect(proxies.map((p: Record<string, unknown>) => [p.member, p.proxy, p.list])).toEqual([
      [m[1], m[5], null], [m[2], m[5], 'convention'], [m[4], m[3], null], [m[3], m[6], null],
    ]);
    for (const p of proxies) expect(Object.keys(p).sort()).toEqual(['list', 'member', 'proxy', 'since']);
    expect(Number.isNaN(Date.parse(proxies[0].since))).toBe(false);
    const held = (await command(m[5]!, 'proxies')).mail.text!;
    expect(held).toContain(`You hold the votes of: ${m[1]} (formal votes on every list), ${m[2]} (the formal votes of convention).`);
    expect(held).toContain('Nobody holds your votes.');
    expect((await command(m[3]!, 'proxies')).mail.text).toContain(`Your votes are held by: ${m[6]} (formal votes on every list).`);

    // A consultation (silence is consent) opens: no proxy gets anything.
    const proposal = await openViaSmtp(h, list, 'Adopt the agenda', ['Kind: proposal', `Deadline: ${inDays(5)}`]);
    const [{ n: frozen }] = await h.ctx.sql`select count(*)::int as n from consultation_proxies where consultation_id = ${proposal.id}`;
    expect(frozen).toBe(0);
    const [{ n: mailed }] = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'proxy-ballots'`;
    expect(mailed).toBe(0);
  });

  let voteId = 0;
  let ballots: Record<string, Map<string, string>> = {};
  it('proxies vote; the member\'s own ballot overrides, before or after; receipts go to both; a forged From is held', async () => {
    const vote = await openViaSmtp(h, list, 'Adopt the statutes', ['Kind: motion', 'Count: majority', `Deadline: ${inDays(5)}`]);
    voteId = vote.id;
    const id = `C-${voteId}`;
    const mailOf = async (proxy: string) => (await waitForMailTo(h, proxy, new RegExp(`^Ballots you hold as proxy in ${id}:`)))[0]!;
    ballots = { m5: ballotsIn(await mailOf(m[5]!)), m3: ballotsIn(await mailOf(m[3]!)), m6: ballotsIn(await mailOf(m[6]!)) };
    expect([...ballots.m5!.keys()]).toEqual([m[1], m[2]]);
    expect([...ballots.m3!.keys()]).toEqual([m[4]]);
    // Not m4's: m3 holds m4's ballot, and passes nothing on.
    expect([...ballots.m6!.keys()]).toEqual([m[3]]);
    // One ballot held: replying to the mail is voting at its address.
    expect(replyToOf(await mailOf(m[3]!))).toBe(ballots.m3!.get(m[4]!));
    expect(new Set([...ballots.m5!.values(), ...ballots.m3!.values(), ...ballots.m6!.values()]).size).toBe(4);

    const vote1 = (from: string, to: string, text: string) => h.send({ from, to, subject: `Re: ${id}`, text, messageId: `<vote-${++seq}@example.org>` });
    // m1 votes first; m5's later ballot for m1 does not count.
    await vote1(m[1]!, vote.replyTo.get(m[1]!)!, 'no');
    await waitForMailTo(h, m[1]!, new RegExp(`^Recorded: ${id}`));
    await vote1(m[5]!, ballots.m5!.get(m[1]!)!, 'yes');
    const [late] = await waitForMailTo(h, m[5]!, new RegExp(`^Recorded for ${m[1]}: ${id}`));
    expect(late!.mail.text).toContain(`${m[1]} has voted themselves: their own ballot counts, not yours.`);
    const [toldM1] = await waitForMailTo(h, m[1]!, new RegExp(`^Your proxy voted for you: ${id}`));
    expect(toldM1!.mail.text).toContain('You have voted yourself, so your own ballot counts, not this one.');

    // m5 votes for m2, who stays silent: it counts; both hear of it.
    await vote1(m[5]!, ballots.m5!.get(m[2]!)!, 'yes');
    const [receipt] = await waitForMailTo(h, m[5]!, new RegExp(`^Recorded for ${m[2]}: ${id}`));
    const [m5code] = await h.ctx.sql`select e.ballot_code from consultation_electorate e join members x on x.id = e.member_id where e.consultation_id = ${voteId} and x.email = ${m[5]}`;
    expect(receipt!.mail.text).toContain(`It counts unless ${m[2]} votes themselves before the deadline.`);
    expect(receipt!.mail.text).toContain(m5code!.ballot_code);
    expect(replyToOf(receipt!)).toBe(ballots.m5!.get(m[2]!));
    const [toldM2] = await waitForMailTo(h, m[2]!, new RegExp(`^Your proxy voted for you: ${id}`));
    expect(toldM2!.mail.text).toContain(`Your proxy ${m[5]} cast your ballot in ${id}`);
    expect(replyToOf(toldM2!)).toBe(vote.replyTo.get(m[2]!));

    // m6 votes no for m3; m3 votes yes afterwards: m3's own ballot overrides.
    await vote1(m[6]!, ballots.m6!.get(m[3]!)!, 'no');
    await waitForMailTo(h, m[6]!, new RegExp(`^Recorded for ${m[3]}: ${id}`));
    await vote1(m[3]!, vote.replyTo.get(m[3]!)!, 'yes');
    await waitForMailTo(h, m[3]!, new RegExp(`^Recorded: ${id}`));

    // m3 votes for m4. Then m6, who got hold of that address, tries it: held, the proxy (m3) is asked.
    await vote1(m[3]!, ballots.m3!.get(m[4]!)!, 'yes');
    await waitForMailTo(h, m[3]!, new RegExp(`^Recorded for ${m[4]}: ${id}`));
    await vote1(m[6]!, ballots.m3!.get(m[4]!)!, 'no');
    const [held] = await waitForMailTo(h, m[3]!, new RegExp(`^Was this you\\? A proxy ballot in ${id} from ${m[6]}`));
    expect(held!.mail.text).toContain(`it came from ${m[6]}, which is not your address`);
    // A proxy address is the proxy's only: m6 as "proxy" of m4 is not recorded; a member's reply address stays the member's.
    await vote1(m[5]!, vote.replyTo.get(m[2]!)!, 'no');
    await waitForMailTo(h, m[2]!, new RegExp(`^Was this you\\? A reply to ${id} from ${m[5]}`));

    await vote1(m[5]!, vote.replyTo.get(m[5]!)!, 'yes');
    await vote1(m[6]!, vote.replyTo.get(m[6]!)!, 'no');
    for (const who of [m[5]!, m[6]!]) await waitForMailTo(h, who, new RegExp(`^Recorded: ${id}`));

    const stances = await h.ctx.sql`
      select x.email, r.stance, r.cast_by_proxy is not null as by_proxy from consultation_electorate e
      join members x on x.id = e.member_id join consultation_replies r on r.id = e.latest_reply_id
      where e.consultation_id = ${voteId} order by x.email`;
    expect(stances.map((s) => [s.email, s.stance.vote, s.by_proxy])).toEqual([
      [m[1], 'no', false], [m[2], 'yes', true], [m[3], 'yes', false], [m[4], 'yes', true], [m[5], 'yes', false], [m[6], 'no', false],
    ]);
  });

  it('the tally sheet marks the proxies\' ballots with their codes; tacit count on it agrees with the outcome', async () => {
    const id = `C-${voteId}`;
    await expire(h, voteId);
    expect(await closeDue(h.ctx)).toEqual([voteId]);
    const [outcome] = await waitForMailTo(h, m[1]!, new RegExp(`^Outcome of ${id}:`));
    expect(outcome!.mail.text).toContain('Adopted: yes 4, no 2, abstain 0');
    const { stdout: sheet } = await tacit(h, ['consultation', id, '--tally']);
    const codes = Object.fromEntries((await h.ctx.sql`
      select x.email, e.ballot_code from consultation_electorate e join members x on x.id = e.member_id
      where e.consultation_id = ${voteId}`).map((r) => [r.email, r.ballot_code]));
    expect(sheet).toContain(`\n${codes[m[2]!]} yes proxy ${codes[m[5]!]}\n`);
    expect(sheet).toContain(`\n${codes[m[4]!]} yes proxy ${codes[m[3]!]}\n`);
    expect(sheet).toContain(`\n${codes[m[1]!]} no\n`);
    expect(sheet).toContain(`\n${codes[m[3]!]} yes\n`);
    expect(sheet.match(/ proxy /g)?.length).toBe(2);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-proxies-')), `tally-${id}.txt`);
    fs.writeFileSync(file, sheet);
    const recount = JSON.parse((await runTacit(['count', file, '--json'])).stdout);
    expect(recount).toMatchObject({ verdict: 'adopted', yes: 4, no: 2, abstain: 0 });
  });

  it('proxy off ends a proxy, also in a vote already open; a lowered limit holds at the next vote', async () => {
    h.ctx.config.proxyLimit = 1;
    try {
      const vote = await openViaSmtp(h, list, 'Elect the auditors', ['Kind: motion', 'Count: majority', `Deadline: ${inDays(5)}`]);
      const id = `C-${vote.id}`;
      const [m5mail] = await waitForMailTo(h, m[5]!, new RegExp(`^Ballots you hold as proxy in ${id}:`));
      // m5 accepted m1 first: with the limit at 1, only m1's ballot is theirs in this vote.
      expect([...ballotsIn(m5mail!).keys()]).toEqual([m[1]]);
      const [m3mail] = await waitForMailTo(h, m[3]!, new RegExp(`^Ballots you hold as proxy in ${id}:`));

      const off = await command(m[4]!, 'proxy off');
      await answer(off, m[4]!);
      const [done] = await waitForMailTo(h, m[4]!, new RegExp(`^Re: Re: ${off.mail.subject}$`));
      expect(done!.mail.text).toContain('Your proxies have ended');
      await h.send({ from: m[3]!, to: ballotsIn(m3mail!).get(m[4]!)!, subject: `Re: ${id}`, text: 'yes', messageId: `<vote-${++seq}@example.org>` });
      await waitFor(async () => {
        const [row] = await h.ctx.sql`select count(*)::int as n from inbound_deliveries d join inbound_messages x on x.id = d.message_id where x.message_id = ${`<vote-${seq}@example.org>`} and d.state <> 'received'`;
        return row.n === 1;
      }, 20_000, 'the proxy ballot routed');
      const [{ n }] = await h.ctx.sql`
        select count(*)::int as n from consultation_replies r join members x on x.id = r.member_id where r.consultation_id = ${vote.id} and x.email = ${m[4]}`;
      expect(n).toBe(0);
      expect(JSON.parse((await tacit(h, ['proxies', '--json'])).stdout).map((p: Record<string, unknown>) => p.member)).toEqual([m[1], m[2], m[3]]);
    } finally {
      h.ctx.config.proxyLimit = 2;
    }
  });

  it('a proxy for one list holds only that list\'s votes, and comes before the proxy for every list', async () => {
    const branch = await seedList(h, 'branch', 0);
    for (const who of [m[1]!, m[2]!, m[5]!, m[6]!]) {
      const member = await findMemberByAddress(h.ctx.sql, who);
      await subscribe(h.ctx.sql, member!.id, 'branch');
    }
    // m1: m5 for every list (since the start), m6 for branch from now on.
    await answer(await nameProxy(m[1]!, m[6]!, 1, ' list branch'), m[6]!);
    await waitForMailTo(h, m[1]!, /^Your proxy$/, 2);
    // m2 (whose proxy m5 is for convention only) names Pat for branch.
    await answer(await nameProxy(m[2]!, PAT, 0, ' list branch'), PAT);
    await waitForMailTo(h, m[2]!, /^Your proxy$/, 2);
    const vote = await openViaSmtp(h, { ...branch, members: [m[1]!, m[2]!, m[5]!, m[6]!] }, 'Branch budget', ['Kind: motion', 'Count: majority', `Deadline: ${inDays(5)}`]);
    const [m6mail] = await waitForMailTo(h, m[6]!, new RegExp(`^Ballots you hold as proxy in C-${vote.id}:`));
    expect([...ballotsIn(m6mail!).keys()]).toEqual([m[1]]);
    // m2's proxy is for convention only, and m1's ballot went to their branch proxy: m5 holds nothing here.
    const frozen = await h.ctx.sql`
      select x.email as member, p.email as proxy from consultation_proxies cp
      join members x on x.id = cp.member_id join members p on p.id = cp.proxy_member_id where cp.consultation_id = ${vote.id} order by x.email`;
    expect(frozen).toEqual([{ member: m[1], proxy: m[6] }, { member: m[2], proxy: PAT }]);

    // Pat's ballot fails DMARC under p=reject: held, and Pat is asked; Pat's explicit yes records it.
    const [patMail] = await waitForMailTo(h, PAT, new RegExp(`^Ballots you hold as proxy in C-${vote.id}:`));
    const address = ballotsIn(patMail!).get(m[2]!)!;
    await h.send({ from: PAT, to: address, subject: `Re: C-${vote.id}`, text: 'no' });
    const [held] = await waitForMailTo(h, PAT, new RegExp(`^Was this you\\? A proxy ballot in C-${vote.id}`));
    expect(held!.mail.text).toContain('its DMARC check failed');
    const counted = async () => h.ctx.sql`
      select r.stance, r.cast_by_proxy is not null as by_proxy from consultation_electorate e
      join consultation_replies r on r.id = e.latest_reply_id join members x on x.id = e.member_id
      where e.consultation_id = ${vote.id} and x.email = ${m[2]}`;
    expect(await counted()).toEqual([]);
    await answer(held!, PAT);
    await waitForMailTo(h, PAT, new RegExp(`^Recorded for ${m[2]}: C-${vote.id}`));
    await waitForMailTo(h, m[2]!, new RegExp(`^Your proxy voted for you: C-${vote.id}`));
    expect(await counted()).toEqual([{ stance: { vote: 'no' }, by_proxy: true }]);
  });
});
