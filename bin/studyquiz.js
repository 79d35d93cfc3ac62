#!/usr/bin/env node
// Runs the compiled build (dist/, made by `npm ci` through `prepare`) when it is at least as new as
// every source file, and the TypeScript sources through tsx otherwise: an edited source is never
// shadowed by a stale build. STUDYQUIZ_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = path.join(root, 'dist', 'src', 'cli', 'main.js');

function newestSourceMtime() {
  let newest = 0;
  for (const dir of ['src', 'commands', 'bench']) {
    for (const entry of readdirSync(path.join(root, dir), { recursive: true })) {
      if (entry.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(root, dir, entry)).mtimeMs);
    }
  }
  return newest;
}

const useBuild =
  process.env.STUDYQUIZ_FROM_SOURCE !== '1' &&
  existsSync(built) &&
  statSync(built).mtimeMs >= newestSourceMtime();

let cli;
if (useBuild) {
  cli = await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
const { processIo } = await import(
  useBuild ? pathToFileURL(path.join(root, 'dist/src/cli/cliIo.js')).href : '../src/cli/cliIo.ts'
);
process.exitCode = await cli.runCli(process.argv.slice(2), processIo());
