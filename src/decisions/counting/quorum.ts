/**
 * A quorum: the ballots cast (abstentions included, unreadable replies and
 * silence not) that any decision needs. `20%` is a share of the electorate,
 * rounded up; `150` a number of ballots. Applied once, outside every method.
 */
import { CountInputError } from './ballot.ts';

/** A percentage in hundredths (12.5% is 1250), so the rounding up stays exact. */
export type QuorumRule = { percentHundredths: number } | { ballots: number };

export interface QuorumCheck {
  required: number;
  cast: number;
  met: boolean;
}

export function parseQuorum(text: string): QuorumRule | null {
  const percent = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%\s*$/.exec(text);
  if (percent) {
    const hundredths = Number(percent[1]) * 100 + Number((percent[2] ?? '').padEnd(2, '0'));
    return hundredths <= 10_000 ? { percentHundredths: hundredths } : null;
  }
  const ballots = /^\s*(\d{1,12})\s*$/.exec(text);
  return ballots ? { ballots: Number(ballots[1]) } : null;
}

export function quorumText(rule: QuorumRule): string {
  if ('ballots' in rule) return String(rule.ballots);
  const whole = Math.floor(rule.percentHundredths / 100);
  const rest = rule.percentHundredths % 100;
  return rest ? `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%` : `${whole}%`;
}

export function checkQuorum(rule: QuorumRule, cast: number, electorate: number | undefined): QuorumCheck {
  let required: number;
  if ('ballots' in rule) required = rule.ballots;
  else {
    if (electorate === undefined) throw new CountInputError('a quorum in percent needs the electorate size (--electorate N)');
    required = Math.ceil((rule.percentHundredths * electorate) / 10_000);
  }
  return { required, cast, met: cast >= required };
}
