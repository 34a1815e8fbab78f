import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

/** The import direction of docs/architecture.md, as .dependency-cruiser.cjs writes it down. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const KNOWN: { rule: string; from: string; to: string }[] = createRequire(import.meta.url)(CONFIG).KNOWN;

async function cruiseTree(baseDir: string, roots: string[]): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(CONFIG);
  const tsConfig = extractTSConfig(path.join(ROOT, 'tsconfig.json'));
  const result = await cruise(roots, { ...options, validate: true, baseDir }, {}, { tsConfig });
  return result.output as ICruiseResult;
}

const violations = (result: ICruiseResult) =>
  result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);

describe('import direction', () => {
  let tree: ICruiseResult;
  beforeAll(async () => {
    tree = await cruiseTree(ROOT, ['src', 'workers', 'bin']);
  }, 60_000);

  it('the source tree breaks no rule', () => {
    expect(violations(tree)).toEqual([]);
  });

  // An exception whose import is gone would silently allow it again: remove it from KNOWN.
  it.each(KNOWN.map((k) => [`${k.rule}: ${k.from} → ${k.to}`, k] as const))('the known exception %s still names a real import', (_, k) => {
    const from = new RegExp(k.from);
    const to = new RegExp(k.to);
    const found = tree.modules.some((m) => from.test(m.source) && m.dependencies.some((d) => to.test(d.resolved)));
    expect(found).toBe(true);
  });
});

describe('the rules catch what they are for', () => {
  it('a tree that breaks them, in test/fixtures/architecture', async () => {
    const result = await cruiseTree(path.join(ROOT, 'test/fixtures/architecture'), ['src']);
    expect(violations(result).sort()).toEqual([
      'domains-never-call-the-router: src/domains/lists/posting.ts → src/pipeline/routing/router.ts',
      'no-cycles: src/domains/lists/posting.ts → src/pipeline/routing/router.ts (cycle src/pipeline/routing/router.ts → src/domains/lists/posting.ts)',
      'pure-rules-do-no-io: src/shared/rules/readsDisk.ts → fs',
      'pure-rules-do-no-io: src/shared/rules/readsDisk.ts → src/shared/db/database.ts',
      'routing-knows-no-domain: src/pipeline/routing/router.ts → src/domains/lists/posting.ts',
      'utilities-import-no-stage: src/shared/config/config.ts → src/domains/lists/posting.ts',
    ].sort());
  }, 60_000);
});
