import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

/** The import direction of docs/architecture.md, as .dependency-cruiser.cjs writes it down. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

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
});

describe('the rules catch what they are for', () => {
  it('a tree that breaks them, in test/fixtures/architecture', async () => {
    const result = await cruiseTree(path.join(ROOT, 'test/fixtures/architecture'), ['src', 'workers']);
    expect(violations(result).sort()).toEqual([
      'domains-imports-no-floor-above: src/domains/digests/manifest.ts → src/app/server.ts',
      'ingest-stores-and-hands-over: src/pipeline/ingest/storeInbound.ts → src/domains/lists/posting.ts',
      'no-cycles: src/domains/lists/posting.ts → src/pipeline/routing/router.ts (cycle src/pipeline/routing/router.ts → src/domains/lists/posting.ts)',
      'nothing-in-src-imports-workers: src/app/server.ts → workers/route.worker.ts',
      'only-entry-points-import-the-composition-root: src/domains/digests/manifest.ts → src/app/server.ts',
      'pure-folders-do-no-io: src/shared/rules/readsDisk.ts → fs',
      'pure-folders-do-no-io: src/shared/rules/readsDisk.ts → src/shared/db/database.ts',
      'routing-imports-no-floor-above: src/pipeline/routing/router.ts → src/domains/lists/posting.ts',
      'shared-imports-no-floor-above: src/shared/config/config.ts → src/domains/lists/posting.ts',
      'the-composition-root-imports-no-floor-above: src/app/server.ts → workers/route.worker.ts',
    ].sort());
  }, 60_000);
});
