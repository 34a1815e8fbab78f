import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { sleep } from './lib/peers.ts';
import { openScratch } from './lib/scratch.ts';
import { peakRssMiB } from './lib/tacitProcess.ts';

/** Runs `args` with node under /usr/bin/time: wall seconds and peak RSS (MiB). */
function timed(args: string[], env: Record<string, string>): { seconds: number; rss: number } {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { seconds, rss: Math.round(Number(run.stderr.trim().split('\n').pop()) / 1024) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The command line, side by side with `node -e 0` in the same rounds: `tacit
 * --help` (opens nothing), `tacit stats --json`, `tacit consultations --json`
 * and `tacit lists --json` (each opens the database alone), each the median
 * of `rounds`; and the idle memory of `tacit start`.
 */
export async function benchCli(adminUrl: string, redisUrl: string, rounds = 7) {
  const scratch = await openScratch(adminUrl, redisUrl);
  const env = { ...scratch.env, LOG_LEVEL: 'warn' };
  try {
    const runs = { node: [] as number[], help: [] as number[], stats: [] as number[], helpRss: 0, statsRss: 0, consultations: [] as number[], lists: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      runs.node.push(timed(['-e', '0'], env).seconds);
      const help = timed(['bin/tacit.js', '--help'], env);
      runs.help.push(help.seconds);
      runs.helpRss = Math.max(runs.helpRss, help.rss);
      const stats = timed(['bin/tacit.js', 'stats', '--json'], env);
      runs.stats.push(stats.seconds);
      runs.statsRss = Math.max(runs.statsRss, stats.rss);
      // Two more read-only commands an operator runs often, on the same lean path as stats.
      runs.consultations.push(timed(['bin/tacit.js', 'consultations', '--json'], env).seconds);
      runs.lists.push(timed(['bin/tacit.js', 'lists', '--json'], env).seconds);
    }
    const server = spawn(process.execPath, ['bin/tacit.js', 'start'], { env: { ...process.env, ...env, SMTP_PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const banner = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => ((out += d), out.includes('Press Ctrl-C') && resolve(out)));
      server.once('exit', (code) => reject(new Error(`tacit start exited ${code}: ${out}`)));
    });
    await sleep(10_000);
    // With more than one core `tacit start` supervises an ingest and a workers process: count all three.
    const children = [...banner.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
    const rssOf = (pid: number) => Math.round(Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
    const idleRss = [server.pid!, ...children].map(rssOf).join(' + ');
    const startPeak = [server.pid!, ...children].map(peakRssMiB).join(' + ');
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const node = median(runs.node);
    return {
      rounds,
      'node -e 0 s': +node.toFixed(3),
      'tacit --help s': +median(runs.help).toFixed(3),
      'help vs node': +(median(runs.help) / node).toFixed(2),
      'help peak RSS MiB': runs.helpRss,
      'tacit stats --json s': +median(runs.stats).toFixed(3),
      'stats vs node': +(median(runs.stats) / node).toFixed(2),
      'stats peak RSS MiB': runs.statsRss,
      'tacit consultations --json s': +median(runs.consultations).toFixed(3),
      'consultations vs node': +(median(runs.consultations) / node).toFixed(2),
      'tacit lists --json s': +median(runs.lists).toFixed(3),
      'lists vs node': +(median(runs.lists) / node).toFixed(2),
      'tacit start idle RSS MiB': idleRss,
      'tacit start peak RSS MiB': startPeak,
    };
  } finally {
    await scratch.drop();
  }
}
