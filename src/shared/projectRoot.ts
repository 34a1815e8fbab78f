import fs from 'node:fs';
import path from 'node:path';

/** The folder of package.json: the same whether the sources run through tsx or from their build in dist/. */
export const PROJECT_ROOT = (() => {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`no package.json above ${import.meta.dirname}`);
  }
})();
