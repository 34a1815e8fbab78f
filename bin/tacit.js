#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm ci`), building it first
// when a source is newer: no build step to forget, no compiler at run time.
import { ensureBuilt } from '../scripts/build.js';

ensureBuilt();
await import('../dist/src/cli/main.js');
