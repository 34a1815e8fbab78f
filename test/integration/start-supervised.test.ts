import fs from 'node:fs';
import os from 'node:os';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { freePort, startTacitProcess, type TacitProcess } from '../helpers/tacit-process.ts';

/**
 * `tacit start` with no --only on a machine with more than one core: the
 * ingest and the workers in two processes under a supervisor that restarts a
 * dead one and takes both with it when it dies.
 */
let h: Harness;
let tacit: TacitProcess | undefined;
beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
});
afterAll(async () => {
  tacit?.kill('SIGKILL');
  await h?.close();
});

/** A process's nice value (the 19th field of /proc/PID/stat). */
const niceness = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function askForHelp(port: number, from: string) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const info = await transport.sendMail({ from, to: `request@${h.domain}`, subject: 'help', text: 'help' });
  transport.close();
  expect(info.response).toMatch(/^250 /);
  await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes(`Delivered-To: ${from}`)), 30_000, `the answer to ${from}`);
}

describe('tacit start, supervised', () => {
  it('runs the ingest and the workers as two processes, restarts one that dies, and ends both when it is killed', async () => {
    const port = await freePort();
    tacit = await startTacitProcess(h, port);
    let later = '';
    tacit.stdout!.on('data', (d) => (later += d.toString()));
    const pids = /^ {2}running {7}ingest \(pid (\d+)\) and workers \(pid (\d+)\), one process each$/m.exec(tacit.banner);
    expect(pids, tacit.banner).not.toBeNull();
    const [ingestPid, workersPid] = [Number(pids![1]), Number(pids![2])];
    expect(tacit.banner).toContain(`  SMTP ingest   127.0.0.1:${port}\n`);
    expect(new Set([tacit.pid, ingestPid, workersPid]).size).toBe(3);
    // The workers yield the CPU to the ingest (WORKERS_NICENESS, 10 by default).
    const lowered = Math.min(19, os.getPriority(tacit.pid!) + 10);
    expect(niceness(workersPid)).toBe(lowered);
    expect(niceness(ingestPid)).toBe(os.getPriority(tacit.pid!));

    // The ingest child stores it, the workers child routes it and answers.
    await askForHelp(port, 'first@example.org');

    // A workers process that dies is started again, and the work goes on.
    process.kill(workersPid, 'SIGKILL');
    await waitFor(() => later.includes(`the workers process (pid ${workersPid}) ended (SIGKILL); starting it again`), 10_000, 'the restart notice');
    await askForHelp(port, 'second@example.org');
    const again = Number(/the workers process is running again \(pid (\d+)\)/.exec(later)?.[1]);
    expect(niceness(again)).toBe(lowered);
    expect(alive(ingestPid)).toBe(true);

    // The supervisor killed outright: its children do not run on unsupervised.
    tacit.kill('SIGKILL');
    await waitFor(() => !alive(ingestPid), 10_000, 'the ingest child to end with its supervisor');
    // The port is free again for a new start.
    tacit = await startTacitProcess(h, port, ['--only', 'all']);
    expect(tacit.banner).toMatch(/^ {2}running {7}all$/m);
  }, 120_000);
});
