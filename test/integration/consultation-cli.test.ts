import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTacit } from '../helpers/cli.ts';

/** `tacit reply-text`: the reply reader as an operator command (no database needed). */
const tacit = (args: string[], input?: string) => runTacit(args, { input, allowFailure: true });

const MESSAGE = [
  'From: Member <m@example.org>',
  'To: reply+1x2_00000000000000000000000000000000@tacit.localhost',
  'Subject: Re: [icc] C-1: Our name',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'B, not A.',
  'The participatory angle matters.',
  '',
  '--',
  'Member, Leeds branch',
  '',
  'On Thu, 26 Nov 2026 at 06:31, ICC consultations <icc-consult@tacit.localhost> wrote:',
  '> Options:',
  '> A. International Organization for a Free Society',
  '',
].join('\r\n');

describe('tacit reply-text', () => {
  it('prints only the new text of an RFC 5322 message from a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-reply-'));
    const file = path.join(dir, 'reply.eml');
    fs.writeFileSync(file, MESSAGE);
    const { stdout } = await tacit(['reply-text', file]);
    expect(stdout).toBe('B, not A.\nThe participatory angle matters.\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a bare body from stdin with --text', async () => {
    const { stdout } = await tacit(['reply-text', '--text'], 'agree\n\nSent from my iPhone\n\n> quoted\n');
    expect(stdout).toBe('agree\n');
  });

  it('says clearly when the file does not exist', async () => {
    const err = await tacit(['reply-text', '/nonexistent/reply.eml']);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('tacit: no such file: /nonexistent/reply.eml');
  });
});
