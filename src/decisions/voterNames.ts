/**
 * Ballot secrecy (issue 21): who may be named beside what they answered.
 * Pure. A consultation quotes its objectors by name only where its list
 * chose it (`tacit group set SLUG --objections named`); a formal vote never
 * names a voter, whatever the list chose. Where nobody is named, the count
 * gets no voters and the result keeps none (`withoutVoters`), so neither
 * the stored outcome nor anything shown from it can link a name to a reason.
 */
import type { DecisionMethod } from './decisionMethod.ts';

/** Whether this method's result may name voters, given the list's choice frozen on the consultation. */
export function namesVoters(method: DecisionMethod, listNamesObjectors: boolean): boolean {
  if (method.secretUntilClose || method.kind === 'vote') return false;
  return listNamesObjectors && !!method.namedBallots;
}

/** The result as it may be kept and shown: without any voter where none may be named. */
export function publicResult<Result>(method: DecisionMethod<unknown, Result>, result: Result, named: boolean): Result {
  return named ? result : (method.withoutVoters?.(result) ?? result);
}
