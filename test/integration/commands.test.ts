import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { addMember, header, listsOf, mailsTo, makeOwner, nthMailTo, replyTo, routed, standardOrg, modeOn } from '../helpers/lists.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await standardOrg(h);
  await addMember(h, 'erin@example.org', { name: 'Erin', country: 'GB', city: 'London' });
});
afterAll(async () => {
  await h?.close();
});

let seq = 0;
async function command(from: string, to: string, subject: string, text: string) {
  const messageId = `<cmd-${++seq}@example.org>`;
  await h.send({ from, to, subject, text, messageId });
  return routed(h, messageId);
}


describe('subscription commands, confirmed by reply', () => {
  it('subscribe LIST digest → confirm → digest member; set → confirm → nomail; unsubscribe → confirm → gone', async () => {
    const me = 'erin@example.org';
    await command(me, `request@${h.domain}`, '', 'subscribe fr digest\n');
    const ask = await nthMailTo(h, me, 1);
    expect(ask.parsed.text).toContain('> subscribe fr digest\nWaiting for your confirmation');
    expect(await modeOn(h, me, 'fr')).toBeUndefined();
    await replyTo(h, ask, me);
    expect((await nthMailTo(h, me, 2)).parsed.text).toContain('You are subscribed to fr@tacit.localhost (weekly digest).');
    expect(await modeOn(h, me, 'fr')).toBe('digest');

    // LIST-request@ with the command in the subject: the list is implied.
    await command(me, `fr-request@${h.domain}`, 'set nomail', '');
    const ask2 = await nthMailTo(h, me, 3);
    expect(ask2.parsed.text).toContain('> set fr nomail');
    await replyTo(h, ask2, me);
    expect((await nthMailTo(h, me, 4)).parsed.text).toContain('fr: you receive no mail from it');
    expect(await modeOn(h, me, 'fr')).toBe('nomail');

    await command(me, `request@${h.domain}`, 'unsubscribe fr', '');
    await replyTo(h, await nthMailTo(h, me, 5), me);
    expect((await nthMailTo(h, me, 6)).parsed.text).toContain('You are no longer on fr@tacit.localhost.');
    expect(await modeOn(h, me, 'fr')).toBeUndefined();
    expect(await listsOf(h, me)).toEqual(['all', 'gb', 'gb-london']);
  });

  it('"cancel" drops the waiting changes', async () => {
    const me = 'erin@example.org';
    const before = (await mailsTo(h, me)).length;
    await command(me, `request@${h.domain}`, '', 'unsubscribe gb\nend\nunsubscribe all');
    const ask = await nthMailTo(h, me, before + 1);
    expect(ask.parsed.text).not.toContain('unsubscribe all');
    await replyTo(h, ask, me, 'cancel');
    expect((await nthMailTo(h, me, before + 2)).parsed.text).toContain('nothing was changed');
    expect(await listsOf(h, me)).toEqual(['all', 'gb', 'gb-london']);
  });

  it('a new address can subscribe to an open list, never to a closed one', async () => {
    await command('"Frank" <frank@example.net>', `request@${h.domain}`, '', 'subscribe gb\nsubscribe icc');
    const ask = await nthMailTo(h, 'frank@example.net', 1);
    expect(ask.parsed.text).toContain('icc is a closed list');
    await replyTo(h, ask, 'frank@example.net');
    await nthMailTo(h, 'frank@example.net', 2);
    expect(await listsOf(h, 'frank@example.net')).toEqual(['gb']);
    const [frank] = await h.ctx.sql`select name from members where email = 'frank@example.net'`;
    expect(frank.name).toBe('Frank');
  });
});

describe('answers without changes', () => {
  it('one results mail per message: status, lists, an unknown line (with help), and a bad list name', async () => {
    const me = 'erin@example.org';
    const before = (await mailsTo(h, me)).length;
    await command(me, `request@${h.domain}`, 'status', 'lists\nplease add me\nsubscribe nosuchlist\n-- \nErin');
    const answers = await h.ctx.sql`select count(*)::int as n from outbox where in_reply_to = ${`<cmd-${seq}@example.org>`}`;
    expect(answers[0]!.n).toBe(1);
    const answer = await nthMailTo(h, me, before + 1);
    const text = answer.parsed.text!;
    expect(text).toContain('Address: erin@example.org (Erin)');
    expect(text).toContain('Residence: London, GB');
    expect(text).toMatch(/gb-london@tacit\.localhost {2}immediate/);
    expect(text).toContain('icc@tacit.localhost  ICC (closed)');
    expect(text).toContain('These lines were not understood:\n> please add me');
    expect(text).toContain('There is no list named nosuchlist');
    expect(text).toContain('subscribe LIST [digest]'); // the help
    expect(text).not.toContain('Erin\n'); // the signature was not read
    expect(header(answer.raw, 'Reply-To')).toBeUndefined();
  });

  it('who LIST answers owners only', async () => {
    await makeOwner(h, 'owner@example.org', 'gb-london');
    await command('owner@example.org', `gb-london-request@${h.domain}`, 'who', '');
    const owner = await nthMailTo(h, 'owner@example.org', 1);
    expect(owner.parsed.text).toContain('gb-london has 1 member:\n  erin@example.org (Erin) immediate');

    const before = (await mailsTo(h, 'erin@example.org')).length;
    await command('erin@example.org', `request@${h.domain}`, 'who gb-london', '');
    const refused = await nthMailTo(h, 'erin@example.org', before + 1);
    expect(refused.parsed.text).toContain('Only the owners of gb-london may see who is on it.');
    expect(refused.parsed.text).not.toContain('erin@example.org (Erin) immediate');
  });

  it('never answers a bounce or an auto-reply', async () => {
    const bounce = await command('MAILER-DAEMON@example.org', `request@${h.domain}`, 'Undelivered Mail Returned to Sender', 'help');
    expect(bounce.outcome).toBe('bounce ignored');
    const ooo = await command('away@example.org', `request@${h.domain}`, 'Out of office: help', 'I am away. help');
    expect(ooo.outcome).toBe('auto-reply ignored');
    // Answers are written in the routing transaction: none exists once routing is done.
    const answers = await h.ctx.sql`select recipient from outbox where recipient in ('away@example.org', 'mailer-daemon@example.org')`;
    expect(answers).toEqual([]);
  });

  it('answers a command sent with swaks, a different real client', async () => {
    const run = promisify(execFile);
    const port = h.server.smtpPort;
    await run('swaks', ['--server', `127.0.0.1:${port}`, '--from', 'swaks@example.org', '--to', `request@${h.domain}`,
      '--header', 'Subject: lists', '--header', 'Message-Id: <swaks-lists@example.org>', '--body', 'lists'], { timeout: 15_000 });
    const answer = await nthMailTo(h, 'swaks@example.org', 1);
    expect(answer.parsed.text).toContain('gb-london@tacit.localhost  London');
  });
});

describe('set timezone', () => {
  it('stores the zone after the confirmation, says it in status, and answers an unknown zone clearly', async () => {
    const me = 'erin@example.org';
    const before = (await mailsTo(h, me)).length;
    await command(me, `request@${h.domain}`, '', 'set timezone Mars/Olympus_Mons\n');
    const unknown = await nthMailTo(h, me, before + 1);
    expect(unknown.parsed.text).toContain('Tacit knows no time zone "Mars/Olympus_Mons"');

    // "timezone" is reserved in set's grammar: never read as a list.
    await command(me, `request@${h.domain}`, '', 'set timezone america/new_york\n');
    const ask = await nthMailTo(h, me, before + 2);
    expect(ask.parsed.text).toContain('> set timezone America/New_York\nWaiting for your confirmation');
    await replyTo(h, ask, me);
    expect((await nthMailTo(h, me, before + 3)).parsed.text).toContain('Times in Tacit\'s mail to you are now also given in America/New_York.');
    const [row] = await h.ctx.sql`select timezone from members where email = ${me}`;
    expect(row!.timezone).toBe('America/New_York');

    await command(me, `request@${h.domain}`, '', 'status\n');
    expect((await nthMailTo(h, me, before + 4)).parsed.text).toContain('Time zone: America/New_York');
  });
});
