/**
 * A vote's settings as tally sheet header lines, so that the sheet alone
 * says how to recount it (countInput.ts reads them back). Every setting that
 * applies is written, defaults included.
 */
import type { CountSpec } from './methods.ts';
import { thresholdName } from './motion.ts';
import { quorumText } from './quorum.ts';

export function sheetSettings(spec: CountSpec): [string, string][] {
  const lines: [string, string][] = [];
  if (spec.method === 'double-majority') {
    lines.push(['count', 'double-majority'], ['base', spec.base], ['branch-quorum', spec.branchQuorum ? String(spec.branchQuorum) : 'none']);
  } else if (spec.method === 'majority' || spec.method === 'two-thirds' || spec.method === 'fraction') {
    lines.push(['count', thresholdName(spec.threshold)], ['base', spec.base]);
  } else lines.push(['count', spec.method]);
  if (spec.method === 'schulze') lines.push(['default', spec.withDefault ? 'on' : 'off']);
  if (spec.method === 'stv') lines.push(['seats', String(spec.seats)], ['rules', spec.rules], ['quota', spec.quota]);
  lines.push(['quorum', spec.quorum ? quorumText(spec.quorum) : 'none']);
  return lines;
}
