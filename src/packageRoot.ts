import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of studyquiz's package.json, found from this file, so paths to questions/ and bin/
 * hold both for the TypeScript sources and for the compiled build in dist/.
 */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('studyquiz: package.json not found above its sources');
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot();
