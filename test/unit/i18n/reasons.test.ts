import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../../../src/shared/i18n/catalogue.ts';
import { PROJECT_ROOT } from '../../../src/shared/projectRoot.ts';

/**
 * The readers' reasons (rules/reason.ts: `reason('key', …)`, `refused('key', …)`)
 * name keys the completeness test cannot see as translate() calls: each must
 * be in English, or a refusal would be mailed as its bare key.
 */
describe('the reasons the readers give', () => {
  it('name keys the English catalogue has', () => {
    const en = readCatalogue('en');
    const dir = path.join(PROJECT_ROOT, 'src', 'domains', 'consultations');
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts'));
    const used: string[] = [];
    for (const e of files) {
      const source = fs.readFileSync(path.join(e.parentPath, e.name), 'utf8');
      for (const m of source.matchAll(/\b(?:reason|refused)\('([\w.]+)'/g)) used.push(`${m[1]} (${e.name})`);
    }
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((u) => !(u.split(' ')[0]! in en))).toEqual([]);
  });
});
