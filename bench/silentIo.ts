import { Readable } from 'node:stream';
import type { CliIo } from '../src/cli/cliIo.ts';

/** A CliIo for commands the bench runs in-process: no input, output kept for error messages. */
export function silentIo(env: NodeJS.ProcessEnv): { io: CliIo; output: () => string } {
  const out: string[] = [];
  const sink = { write: (text: string) => out.push(text) };
  return { io: { stdin: Readable.from([]), stdout: sink, stderr: sink, env }, output: () => out.join('') };
}
