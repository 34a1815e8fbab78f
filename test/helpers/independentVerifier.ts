import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What Debian's python3-dkim says of a message: each DKIM signature, and the ARC chain when there is one. */
export interface Verdict {
  dkim: { d: string; s: string; a: string; ok: boolean }[];
  arc: { cv: string; comment: string; instances: { instance: number; as: string; 'ams-valid': boolean; 'as-valid': boolean; cv: string }[] } | null;
}

/** A zone as `tacit dns --json` prints it: TXT records become the verifier's DNS answers. */
export type Zone = { records: { name: string; type: string; value: string }[] };

/**
 * Verifies `raw` with python3-dkim, a verifier that shares no code with the
 * signer (mailauth), answering DNS from `zone` only.
 */
export function independentVerify(raw: string | Buffer, zone: Zone | Record<string, string>): Verdict {
  const answers = 'records' in zone
    ? Object.fromEntries((zone as Zone).records.filter((r) => r.type === 'TXT').map((r) => [r.name, r.value]))
    : zone;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-verify-'));
  try {
    const file = path.join(dir, 'zone.json');
    fs.writeFileSync(file, JSON.stringify(answers));
    const out = execFileSync('/usr/bin/python3', [path.join(import.meta.dirname, 'dkim-verify.py'), file], { input: raw });
    return JSON.parse(out.toString()) as Verdict;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
