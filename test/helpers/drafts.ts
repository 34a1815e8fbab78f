// Opening a consultation step by step (not a test file): the draft's answer, then its confirmation,
// for tests where several coordinators draft on several lists (votes that roll up, issue 22).
import { waitFor, type Harness } from './harness.ts';
import { delivered, replyToOf, waitForMailTo, type Delivered } from './consultation.ts';

let seq = 0;

/** Mails an opening from `from` to LIST-consult@; returns Tacit's answer to it (a preview or a refusal). */
export async function draftViaSmtp(h: Harness, from: string, list: string, subject: string, keyLines: string[]): Promise<Delivered> {
  const messageId = `<draft-${++seq}-${Math.random().toString(36).slice(2)}@example.org>`;
  await h.send({ from, to: `${list}-consult@${h.domain}`, subject, text: [...keyLines, '', 'Please answer.'].join('\n'), messageId });
  return waitFor(async () => (await delivered(h)).find((d) => d.to === from && d.mail.inReplyTo === messageId), 60_000, `the answer to ${messageId}`);
}

/** The consultation a preview is of; throws with the answer's text when it is a refusal. */
export function previewId(answer: Delivered): number {
  const m = /^Preview of C-(\d+)/.exec(answer.mail.subject ?? '');
  if (!m) throw new Error(`not a preview: ${answer.mail.subject}\n${answer.mail.text}`);
  return Number(m[1]);
}

/** Confirms a preview; waits for the copies of `members` (from list `list`); returns their reply addresses. */
export async function confirmDraft(h: Harness, preview: Delivered, list: string, members: readonly string[]): Promise<Map<string, string>> {
  const id = previewId(preview);
  await h.send({ from: preview.to, to: replyToOf(preview), subject: `Re: ${preview.mail.subject}`, text: 'ok', messageId: `<confirm-${++seq}@example.org>` });
  const replyTo = new Map<string, string>();
  for (const member of members) {
    const [copy] = await waitForMailTo(h, member, new RegExp(`^\\[${list}\\] C-${id}: `), 1, 60_000);
    replyTo.set(member, replyToOf(copy!));
  }
  return replyTo;
}

/** A ballot from `member` to `address`; waits for the receipt (`receipt`: its subject, by default the member's own). */
export async function voteAndWait(h: Harness, member: string, address: string, text: string, id: number, receipt = new RegExp(`^Recorded: C-${id}`), to = member): Promise<void> {
  const before = (await delivered(h)).filter((d) => d.to === to && receipt.test(d.mail.subject ?? '')).length;
  await h.send({ from: member, to: address, subject: `Re: C-${id}`, text, messageId: `<ballot-${++seq}@example.org>` });
  await waitForMailTo(h, to, receipt, before + 1, 60_000);
}

/** A consultation command from a coordinator, confirmed by reply (mail not signed by its domain); returns the answer that carries it out. */
export async function confirmedCommand(h: Harness, from: string, list: string, command: string): Promise<Delivered> {
  const messageId = `<command-${++seq}@example.org>`;
  await h.send({ from, to: `${list}-consult@${h.domain}`, subject: command, text: command, messageId });
  const pending = await waitFor(async () => (await delivered(h)).find((d) => d.to === from && d.mail.inReplyTo === messageId), 60_000, `the answer to ${command}`);
  const yes = `<command-yes-${++seq}@example.org>`;
  await h.send({ from, to: replyToOf(pending), subject: `Re: ${command}`, text: 'yes', messageId: yes });
  return waitFor(async () => (await delivered(h)).find((d) => d.to === from && d.mail.inReplyTo === yes), 60_000, `the result of ${command}`);
}
