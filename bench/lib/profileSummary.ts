/**
 * Sums a V8 CPU profile (node --cpu-prof) by function, self time, so the
 * top of the list says where a benchmark's time goes without a viewer:
 *   node --import tsx bench/lib/profileSummary.ts FILE.cpuprofile [TOP]
 * Prints self ms and share by function (name file:line), then by file.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 30);
const profile = JSON.parse(fs.readFileSync(file!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const frame = byId.get(id)!.callFrame;
  const where = frame.url.replace(/^file:\/\/.*?\/(node_modules|dist|src)\//, '$1/') || '(native)';
  const fn = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const pkg = where.startsWith('node_modules/') ? where.split('/').slice(0, where.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : where;
  byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
  total += us;
});
const print = (title: string, table: Map<string, number>) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
print('self time by function', byFunction);
print('self time by file or package', byFile);
