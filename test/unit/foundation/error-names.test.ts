import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * An error's name is what a log line, a queue's failed job and a check
 * across a module boundary see (an Error subclass is otherwise named
 * "Error"): every one in src sets its own.
 */
const SRC = path.resolve(import.meta.dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Each `class X extends …Error` with its body (up to the closing brace at the start of a line). */
function errorClasses(): { file: string; name: string; body: string }[] {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends \w*Error\b[^{]*\{([\s\S]*?)^\}/gm)].map((m) => ({
      file: path.relative(SRC, file),
      name: m[1]!,
      body: m[2]!,
    })),
  );
}

describe('error classes', () => {
  it('every one sets its name to its class name', () => {
    const classes = errorClasses();
    expect(classes.length).toBeGreaterThanOrEqual(11);
    const unnamed = classes.filter((c) => !c.body.includes(`name = '${c.name}'`)).map((c) => `${c.file}: ${c.name}`);
    expect(unnamed).toEqual([]);
  });
});
