import type { DecisionMethod, MethodSettings } from '../../src/decisions/decisionMethod.ts';
import type { ElectorateFigures } from '../../src/decisions/electorateFigures.ts';

/**
 * A toy decision method, written here in one file and added to a harness by
 * the tests that use it (`h.ctx.wiring.decisionMethods.set('toy', toy)`):
 * issue 18's bar, a method that touches nothing in src/. Members answer
 * "yes" or "no"; it is carried when the yes answers reach the "Needs:" line
 * of the opening (silence counts for nothing). Its kind is its own ("toy"),
 * neither a choice nor a proposal.
 */
export type ToyBallot = { toy: 'yes' | 'no' };
export type ToyResult = ElectorateFigures & { yes: number; no: number; needs: number; carried: boolean };

export const needsOf = (settings: MethodSettings) => settings.block as number;

export const toy: DecisionMethod<ToyBallot, ToyResult> = {
  name: 'toy',
  kind: 'toy',
  headerKeys: { needs: 'needs' },
  parseOpening({ options, headers }) {
    const needs = Number(headers.get('needs')?.value ?? '1');
    const errors = [
      ...(options.length ? ['The toy method takes no options.'] : []),
      ...(Number.isInteger(needs) && needs > 0 ? [] : ['Needs: write a number of yes answers.']),
    ];
    return errors.length ? { ok: false, errors } : { ok: true, settings: { options: [], block: needs } };
  },
  read(text) {
    const word = /^\s*(yes|no)\b/i.exec(text)?.[1]?.toLowerCase() as 'yes' | 'no' | undefined;
    return word ? { stance: { toy: word }, readable: true, comment: text.trim() } : { stance: { toy: null }, readable: false, comment: text.trim() };
  },
  ballot: (stance) => {
    const toyWord = (stance as { toy?: unknown }).toy;
    return toyWord === 'yes' || toyWord === 'no' ? { toy: toyWord } : null;
  },
  createCount(settings) {
    const counts = { yes: 0, no: 0 };
    return {
      add: (ballot, count) => { counts[ballot.toy] += count; },
      result: (figures) => ({ ...figures, ...counts, needs: needsOf(settings), carried: counts.yes >= needsOf(settings) }),
    };
  },
  verdictLine: (r) => `Toy verdict: ${r.carried ? 'carried' : 'not carried'} (${r.yes} yes, ${r.no} no; ${r.needs} needed).`,
  countLines: (r) => [`yes ${r.yes}, no ${r.no}`],
  view: (settings) => ({
    method: 'toy',
    picksOption: false,
    consentsOrObjects: false,
    howToAnswer: ['yes', 'no'],
    silenceCountsAs: 'nothing at all',
    countingRule: `carried by ${needsOf(settings)} yes answers`,
    aKind: 'a toy',
  }),
  outcomeView: () => ({ options: [], objections: [] }),
  document: (r) => ({ options: [], fields: { yes: r?.yes ?? 0, no: r?.no ?? 0 } }),
  describe: (stance) => [`you said ${(stance as ToyBallot).toy}`],
  receipt: (stance, comment) => ({ recorded: [], readAs: `you said ${(stance as ToyBallot).toy}`, comment }),
  sheetHead: (settings) => [`needs ${needsOf(settings)}`],
  sheetValue: (ballot) => ballot.toy,
};
