import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reply-trimmer corpus, read where it lies (../shared/corpus/ from the
 * project root, in CI too), and how its cases are compared. Shared by the
 * unit test and scripts/evaluate-reply-readers.ts so both score the same way.
 */
export const REPLY_CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/reply-trimmer/', import.meta.url));

export interface CorpusCase {
  name: string;
  email: string;
  expected: string;
}

export function loadReplyCorpus(): CorpusCase[] {
  return readdirSync(join(REPLY_CORPUS_DIR, 'emails'))
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({
      name: basename(file, '.txt'),
      email: readFileSync(join(REPLY_CORPUS_DIR, 'emails', file), 'utf8'),
      expected: readFileSync(join(REPLY_CORPUS_DIR, 'trimmed', file), 'utf8'),
    }));
}

/** The corpus is compared after collapsing runs of white space. */
export const collapseWhitespace = (text: string) => text.replace(/\s+/g, ' ').trim();
