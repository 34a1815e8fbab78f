/** True when dist/ holds a finished build newer than every source. */
export function isBuilt(): boolean;
/** Compiles the sources into dist/ (tsconfig.build.json). */
export function build(): void;
/** Builds when a source is newer than the build. */
export function ensureBuilt(): void;
