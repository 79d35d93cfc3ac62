import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/cliIo.ts';

/** A CliIo whose input is fixed text and whose output is collected for assertions. */
export function captureIo(input = '', env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdin: Readable.from([input]),
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
