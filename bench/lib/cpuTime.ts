import fs from 'node:fs';
import path from 'node:path';

/**
 * CPU seconds used so far, read from /proc: by one process (its threads
 * included), and by the bench's Postgres (the postmaster, the backends alive
 * now and those it has reaped). A round's CPU beside its wall time says
 * whether a slow round did more work or waited for the machine.
 */
const TICK = 100; // USER_HZ on Linux

function statTicks(pid: number, withChildren = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14–17 (1-based), 11–14 after the command.
    const own = Number(fields[11]) + Number(fields[12]);
    return withChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0; // the process ended meanwhile
  }
}

export const processCpuSeconds = (pid: number): number => statTicks(pid) / TICK;

/** The Postgres whose data directory is `dataDir` (postmaster.pid names it). */
export function postgresCpuSeconds(dataDir: string): number {
  const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = statTicks(pid, true);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) ticks += statTicks(Number(entry));
    } catch {
      // gone
    }
  }
  return ticks / TICK;
}
