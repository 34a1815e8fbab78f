/**
 * `tacit count` as a member would run it: no database, no services, a file
 * or standard input, --json for scripts, exit code 2 and one clear line for
 * bad input.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTacit } from '../helpers/cli.ts';

// The 45-voter example of Schulze (2011), section 3.1 (also Wikipedia, "Schulze method").
const schulze45 = {
  options: ['A', 'B', 'C', 'D', 'E'],
  ballots: (
    [
      [5, 'ACBED'],
      [5, 'ADECB'],
      [8, 'BEDAC'],
      [3, 'CABED'],
      [7, 'CAEBD'],
      [2, 'CBADE'],
      [7, 'DCEBA'],
      [8, 'EBADC'],
    ] as const
  ).map(([count, order]) => ({ ranking: order.split('').map((o) => [o]), count })),
};

const sheet = [
  'Tacit tally sheet',
  'consultation C-9',
  'kind vote',
  'count two-thirds',
  'base cast',
  'quorum 20%',
  'electorate 20',
  '',
  '0K3M9ZQ4TX yes',
  '1B7D2PW8RN yes',
  '2C8E3QX9SP no',
  '3D9F4RY0TQ abstain',
  '4EAG5SZ1VR silent',
  '5FBH6T02WS unreadable',
  '',
].join('\n');

describe('tacit count', () => {
  it('counts a JSON file and prints the ranking; --json gives the documented fields', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-count-')), 'ballots.json');
    fs.writeFileSync(file, JSON.stringify(schulze45));
    const human = await runTacit(['count', '--method', 'schulze', file]);
    expect(human.stdout).toBe('winner: E\nranking: E > A > C > B > D\n');
    const { stdout } = await runTacit(['count', '--method', 'schulze', '--json', file]);
    const r = JSON.parse(stdout);
    expect(Object.keys(r).sort()).toEqual(['below_default', 'pairwise', 'ranking', 'strongest_paths', 'winner', 'winners']);
    expect(r.strongest_paths.E).toEqual({ A: 25, B: 28, C: 28, D: 31 });
  });

  it("recounts a vote's tally sheet from standard input, its settings from the header", async () => {
    const { stdout } = await runTacit(['count', '--json', '-'], { input: sheet });
    expect(JSON.parse(stdout)).toEqual({ verdict: 'adopted', yes: 2, no: 1, abstain: 1, quorum: { required: 4, cast: 4, met: true } });
  });

  it('answers bad input and a contradicting flag with one line and exit code 2, no stack trace', async () => {
    const bad = await runTacit(['count', '--method', 'irv'], { input: '{"options": ["A"], "ballots": [{"ranking": [["B"]]}]}', allowFailure: true });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('tacit: unknown option "B" (the options are "A")\n');
    const contradiction = await runTacit(['count', '--quorum', '5', '-'], { input: sheet, allowFailure: true });
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toBe('tacit: the flag for quorum (5) contradicts the tally sheet, which says quorum 20%\n');
  });
});
