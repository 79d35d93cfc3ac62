#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx studyquiz` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/cliIo.ts');
process.exitCode = await runCli(process.argv.slice(2), processIo());
